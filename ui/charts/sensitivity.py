"""Sensitivity charts (Sensitivity page): each customer's rank interval under random weights,
and its rank as one factor's weight sweeps from 0 to 1. DataFrames and already-translated
titles in, an Altair chart out (no Streamlit here); a vertical rank axis is reversed so that
rank 1 is at the top."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.parts import ACCENT, LABEL_LIMIT, POSITIVE


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
