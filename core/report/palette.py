"""One colour per factor, the same in every chart (app and report).

The 20 colours of Vega's ``tableau20`` scheme, its strong shades first and their light partners
after, so up to 10 factors get clearly different hues and up to 20 stay distinct. A factor's
colour follows its position in the scenario, so a chart that shows some of the factors (or
labels them in another language) still colours each one as the others do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

TABLEAU20 = (
    "#4c78a8", "#9ecae9", "#f58518", "#ffbf79", "#54a24b", "#88d27a", "#b79a20", "#f2cf5b",
    "#439894", "#83bcb6", "#e45756", "#ff9d98", "#79706e", "#bab0ac", "#d67195", "#fcbfd2",
    "#b279a2", "#d6a5c9", "#9e765f", "#d8b5a5",
)  # fmt: skip
FACTOR_COLORS = TABLEAU20[0::2] + TABLEAU20[1::2]


def factor_colors(columns: Sequence[str]) -> dict[str, str]:
    """Factor column → its colour, by position in ``columns`` (the scenario's factors);
    beyond 20 factors the colours repeat."""
    return {c: FACTOR_COLORS[k % len(FACTOR_COLORS)] for k, c in enumerate(columns)}


def factor_domain(
    columns: Sequence[str], labels: Mapping[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """The colour scale of a chart whose factors are shown as ``labels`` (column → shown
    name; default the column itself): its domain and range, in factor order."""
    colors = factor_colors(columns)
    shown = [(labels or {}).get(c, c) for c in columns]
    return shown, [colors[c] for c in columns]
