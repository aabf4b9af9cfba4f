"""中文 catalogue: message id → template (the same ids and fields as :mod:`core.i18n.en`)."""

MESSAGES: dict[str, str] = {
    "prefixed": "{prefix}：{message}",
}
