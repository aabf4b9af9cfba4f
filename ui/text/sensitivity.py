"""Text of the sensitivity page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {}
