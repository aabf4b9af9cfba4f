"""Text of the review page: key → (中文, English)."""

TEXT: dict[str, tuple[str, str]] = {}
