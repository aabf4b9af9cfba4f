"""The translation table, split by page so that each page's text lives beside its peers.

:data:`TEXT` merges every part into one table (key → (中文, English)); a key defined twice is
an error at import, so no part can silently override another.
"""

from ui.text import (
    accounts,
    ahp,
    common,
    data,
    export,
    groups,
    join,
    orders,
    ranking,
    review,
    scenarios,
    sensitivity,
    weights,
    workshop,
)

PARTS = (
    common,
    data,
    weights,
    ahp,
    ranking,
    groups,
    accounts,
    scenarios,
    sensitivity,
    orders,
    review,
    export,
    workshop,
    join,
)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in PARTS:
        for key, pair in part.TEXT.items():
            if key in merged:
                raise KeyError(f"translation key {key!r} defined twice ({part.__name__})")
            merged[key] = pair
    return merged


TEXT = _merge()
