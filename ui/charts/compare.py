"""Comparison charts (Scenarios and Periodic review pages): how customers move from one
ranking to another — one line per customer between its two ranks, and the tier migration
matrix. DataFrames and already-translated titles in, an Altair chart out (no Streamlit here);
a vertical rank axis is reversed so that rank 1 is at the top."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.parts import ACCENT, POSITIVE, PROJECTOR_TITLE


def slope_chart(
    frame: pd.DataFrame, a_title: str, b_title: str, rank_title: str, customer_title: str
) -> alt.Chart:
    """One line per customer from its rank in A to its rank in B.

    ``frame``: ``customer``, ``rank_a``, ``rank_b`` (NaN = not ranked there; that end is left
    out). Lines going up (better in B) are blue, down red, level grey.
    """
    long = frame.melt(
        id_vars="customer", value_vars=["rank_a", "rank_b"], var_name="side", value_name="rank"
    ).dropna(subset=["rank"])
    long["side"] = long["side"].map({"rank_a": a_title, "rank_b": b_title})
    move = (frame["rank_a"] - frame["rank_b"]).fillna(0)
    direction = pd.Series(
        ["up" if m > 0 else "down" if m < 0 else "same" for m in move], index=frame.index
    )
    long["move"] = long["customer"].map(dict(zip(frame["customer"], direction, strict=True)))
    return (
        alt.Chart(long)
        .mark_line(point=True, strokeWidth=1.5)
        .encode(
            x=alt.X("side:N", title=None, sort=[a_title, b_title], axis=alt.Axis(labelAngle=0)),
            y=alt.Y("rank:Q", title=rank_title, scale=alt.Scale(reverse=True, zero=False)),
            detail="customer:N",
            color=alt.Color(
                "move:N",
                scale=alt.Scale(domain=["up", "down", "same"], range=[POSITIVE, ACCENT, "#9aa5b1"]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("customer:N", title=customer_title),
                alt.Tooltip("side:N", title=None),
                alt.Tooltip("rank:Q", title=rank_title, format=".0f"),
            ],
        )
        .properties(height=420)
    )


CELL = {False: (90, 48, 14), True: (150, 72, PROJECTOR_TITLE)}  # width, height, text px


def migration_heatmap(
    matrix: pd.DataFrame,
    from_title: str,
    to_title: str,
    count_title: str,
    projector: bool = False,
) -> alt.LayerChart:
    """Counts of customers by tier in A (rows) × tier in B (columns), the number in each cell.

    ``matrix`` is :attr:`core.analysis.compare.Comparison.migration` (index "from", columns "to").
    With ``projector`` the cells and their numbers are large enough for a room (the axis text
    grows through :func:`ui.charts.parts.for_projector`, which leaves text marks alone).
    """
    width, height, cell_px = CELL[projector]
    rows, cols = [str(r) for r in matrix.index], [str(c) for c in matrix.columns]
    cells = pd.DataFrame(
        [
            {"from": str(r), "to": str(c), "count": int(matrix.loc[r, c])}
            for r in matrix.index
            for c in matrix.columns
        ]
    )
    base = alt.Chart(cells).encode(
        x=alt.X("to:N", title=to_title, sort=cols, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("from:N", title=from_title, sort=rows),
    )
    rect = base.mark_rect().encode(
        color=alt.Color("count:Q", title=count_title, scale=alt.Scale(scheme="blues")),
        tooltip=[
            alt.Tooltip("from:N", title=from_title),
            alt.Tooltip("to:N", title=to_title),
            alt.Tooltip("count:Q", title=count_title),
        ],
    )
    top = max(int(cells["count"].max()) if len(cells) else 0, 1)
    text = base.mark_text(fontSize=cell_px).encode(
        text="count:Q",
        color=alt.condition(alt.datum.count > top / 2, alt.value("white"), alt.value("#222")),
    )
    return alt.layer(rect, text).properties(height=alt.Step(height), width=alt.Step(width))
