"""English catalogue: message id → template (``str.format`` fields, same names in every language).

English is the core's own language: ``str()`` of every Message is its English text, which is the
CLI's public contract. Keep ids grouped by area and sorted within an area.
"""

MESSAGES: dict[str, str] = {
    "prefixed": "{prefix}: {message}",
    # Loading a scenario (core.scenario_io)
    "scenario_io.file": "scenario file {path!r}",
    "scenario_io.unreadable": "{file}: cannot read it ({reason})",
}
