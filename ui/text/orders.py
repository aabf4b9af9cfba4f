"""Text of the orders page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {}
