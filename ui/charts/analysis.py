"""Charts of the AHP, Scenarios and Sensitivity pages: one function per chart, DataFrames and
already-translated titles in, an Altair chart out (no Streamlit here). A vertical rank axis
is reversed so that rank 1 is at the top."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.parts import LABEL_LIMIT, POSITIVE, grouped_bars

ACCENT = "#c2452d"
SOURCE_COLORS = ("#1f5fa8", "#e07b39", "#3a9a5b", "#8e5cb8", "#7f8c8d")


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


def migration_heatmap(
    matrix: pd.DataFrame, from_title: str, to_title: str, count_title: str
) -> alt.LayerChart:
    """Counts of customers by tier in A (rows) × tier in B (columns), the number in each cell.

    ``matrix`` is :attr:`core.analysis.compare.Comparison.migration` (index "from", columns "to").
    """
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
    text = base.mark_text(fontSize=14).encode(
        text="count:Q",
        color=alt.condition(alt.datum.count > top / 2, alt.value("white"), alt.value("#222")),
    )
    return alt.layer(rect, text).properties(height=alt.Step(48), width=alt.Step(90))


def rank_interval_chart(
    frame: pd.DataFrame, rank_title: str, customer_title: str, median_title: str
) -> alt.LayerChart:
    """Per customer a bar from ``rank_p5`` to ``rank_p95`` and a dot at ``median_rank``.

    ``frame``: ``customer``, ``rank`` (current, sets the order), ``rank_p5``, ``median_rank``,
    ``rank_p95``; rank 1 at the left.
    """
    order = frame.sort_values("rank")["customer"].tolist()
    base = alt.Chart(frame).encode(
        y=alt.Y("customer:N", title=None, sort=order, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    )
    tooltip = [
        alt.Tooltip("customer:N", title=customer_title),
        alt.Tooltip("rank:Q", title=rank_title),
        alt.Tooltip("rank_p5:Q", title="p5", format=".0f"),
        alt.Tooltip("median_rank:Q", title=median_title, format=".0f"),
        alt.Tooltip("rank_p95:Q", title="p95", format=".0f"),
    ]
    bars = base.mark_rule(strokeWidth=6, color="#9cc0e6").encode(
        x=alt.X("rank_p5:Q", title=rank_title, scale=alt.Scale(zero=False)),
        x2="rank_p95:Q",
        tooltip=tooltip,
    )
    median = base.mark_point(filled=True, size=60, color=POSITIVE).encode(
        x="median_rank:Q", tooltip=tooltip
    )
    now = base.mark_tick(color=ACCENT, thickness=2).encode(x="rank:Q", tooltip=tooltip)
    return alt.layer(bars, median, now).properties(height=alt.Step(22))


def sweep_chart(
    grid: pd.DataFrame, current: float, weight_title: str, rank_title: str, customer_title: str
) -> alt.LayerChart:
    """Rank of each tracked customer as one factor's weight goes from 0 to 1, a dashed rule at
    the ``current`` weight. ``grid``: ``weight``, ``customer``, ``rank``, ``tier``."""
    lines = (
        alt.Chart(grid)
        .mark_line(strokeWidth=1.5)
        .encode(
            x=alt.X("weight:Q", title=weight_title, axis=alt.Axis(format="%")),
            y=alt.Y("rank:Q", title=rank_title, scale=alt.Scale(reverse=True, zero=False)),
            color=alt.Color("customer:N", title=customer_title, legend=None),
            tooltip=[
                alt.Tooltip("customer:N", title=customer_title),
                alt.Tooltip("weight:Q", title=weight_title, format=".0%"),
                alt.Tooltip("rank:Q", title=rank_title),
                alt.Tooltip("tier:N"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"weight": [float(current)]}))
        .mark_rule(color=ACCENT, strokeDash=[6, 4], strokeWidth=2)
        .encode(x="weight:Q")
    )
    return alt.layer(lines, rule).properties(height=380)


def weights_comparison_chart(frame: pd.DataFrame, share_title: str, source_title: str) -> alt.Chart:
    """Grouped horizontal bars: each factor's ``share`` under each ``source`` (current, AHP,
    entropy, CRITIC …), factors in frame order, sources in frame order and colour."""
    sources = list(dict.fromkeys(frame["source"]))
    return grouped_bars(
        frame,
        category="factor",
        group="source",
        value="share",
        categories=list(dict.fromkeys(frame["factor"])),
        groups=sources,
        colors=SOURCE_COLORS,
        tooltip=[
            alt.Tooltip("factor:N", title=None),
            alt.Tooltip("source:N", title=source_title),
            alt.Tooltip("share:Q", title=share_title, format=".1%"),
        ],
        step=12,
        value_title=share_title,
        group_title=source_title,
    )


def weights_table_chart(wide: pd.DataFrame, share_title: str) -> alt.Chart:
    """:func:`weights_comparison_chart` of a wide table as shown beside it: the first column
    names the factors, each further column (its header names the source) holds shares."""
    factor = wide.columns[0]
    long = wide.melt(id_vars=factor, var_name="source", value_name="share")
    return weights_comparison_chart(long.rename(columns={factor: "factor"}), share_title, "")
