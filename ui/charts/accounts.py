"""Charts of the Key accounts & resources page: one function per chart, DataFrames and
already-translated titles in, an ``alt.Chart`` out (no Streamlit here)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from ui.charts.parts import POSITIVE, grouped_bars, median_scatter, stack_measures, tier_scale

PROFIT = "#2e9e6a"


def clv_profit_chart(
    frame: pd.DataFrame,
    labels: Sequence[str],
    profit_title: str,
    clv_title: str,
    group_title: str,
    name_title: str,
) -> alt.LayerChart:
    """Scatter of ``profit`` (today's value, x) vs ``clv`` (potential, y) per customer
    (``name``, ``group`` = the matrix quadrant), with dashed lines at the medians that cut it."""
    titles = {"profit": profit_title, "clv": clv_title, "group": group_title, "name": name_title}
    return median_scatter(frame, x="profit", y="clv", group="group", labels=labels, titles=titles)


def allocation_chart(
    tiers: pd.DataFrame, labels: Sequence[str], amount_title: str, tier_title: str
) -> alt.Chart:
    """One bar per tier: its ``amount`` of the budget (``tier``, ``amount``, ``share``)."""
    order = [label for label in labels if label in set(tiers["tier"])]
    return (
        alt.Chart(tiers[["tier", "amount", "share"]])
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title=amount_title),
            y=alt.Y("tier:N", title=None, sort=order),
            color=alt.Color("tier:N", scale=tier_scale(labels), legend=None),
            tooltip=[
                alt.Tooltip("tier:N", title=tier_title),
                alt.Tooltip("amount:Q", title=amount_title, format=",.1f"),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .properties(height=alt.Step(34))
    )


def segment_profit_chart(
    segments: pd.DataFrame, segment_title: str, revenue_title: str, profit_title: str
) -> alt.Chart:
    """Revenue and profit side by side per segment (``segment``, ``revenue``, ``profit``),
    in the frame's order (most profit first); a loss shows as a bar to the left."""
    order = segments["segment"].astype(str).tolist()
    measures = {revenue_title: "revenue", profit_title: "profit"}
    long = stack_measures(segments.assign(segment=order), "segment", measures, "amount")
    return grouped_bars(
        long,
        category="segment",
        group="measure",
        value="amount",
        categories=order,
        groups=list(measures),
        colors=[POSITIVE, PROFIT],
        tooltip=[
            alt.Tooltip("segment:N", title=segment_title),
            alt.Tooltip("measure:N", title=None),
            alt.Tooltip("amount:Q", format=",.0f"),
        ],
        step=18,
        category_title=segment_title,
        percent=False,
        legend_orient="top",
    )
