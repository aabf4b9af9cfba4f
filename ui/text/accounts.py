"""Text of the accounts page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {}
