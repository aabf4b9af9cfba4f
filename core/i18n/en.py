"""English catalogue: message id → template (``str.format`` fields, same names in every language).

English is the core's own language: ``str()`` of every Message is its English text, which is the
CLI's public contract. Keep ids grouped by area and sorted within an area.
"""

MESSAGES: dict[str, str] = {
    "prefixed": "{prefix}: {message}",
    # Resource allocation (core.allocation): caps and minimums
    "allocation.minimum_above_caps": (
        "allocation: tier {tier!r} has a minimum of {minimum}, but its {customers} customer(s) "
        "× cap {cap} can take only {most}; lower the minimum or raise the cap"
    ),
}
