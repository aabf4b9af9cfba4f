"""Numbers as a scenario's JSON gives them: ``true`` and ``false`` are not numbers.

Python's ``float(True)`` is 1.0, so ``"weight": true`` or ``"shares": [true, false]`` would
pass as numbers; every number read from a scenario goes through :func:`as_number`.
"""

from __future__ import annotations

import math

__all__ = ["as_number"]


def as_number(value: object) -> float:
    """``value`` as a float; NaN when it is a boolean or no number at all."""
    if isinstance(value, bool):
        return math.nan
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
