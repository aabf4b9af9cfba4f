"""中文 catalogue: message id → template (the same ids and fields as :mod:`core.i18n.en`)."""

MESSAGES: dict[str, str] = {
    "prefixed": "{prefix}：{message}",
    # Loading a scenario (core.scenario_io)
    "scenario_io.file": "方案文件「{path}」",
    "scenario_io.unreadable": "{file}：无法读取（{reason}）",
}
