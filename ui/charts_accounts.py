"""Charts of the Key accounts & resources page: one function per chart, DataFrames and
already-translated titles in, an ``alt.Chart`` out (no Streamlit here)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from ui.charts import LABEL_LIMIT, POSITIVE, tier_scale

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
    points = (
        alt.Chart(frame)
        .mark_circle(size=45, opacity=0.75)
        .encode(
            x=alt.X("profit:Q", title=profit_title),
            y=alt.Y("clv:Q", title=clv_title),
            color=alt.Color(
                "group:N", title=group_title, scale=tier_scale(labels), sort=list(labels)
            ),
            tooltip=[
                alt.Tooltip("name:N", title=name_title),
                alt.Tooltip("group:N", title=group_title),
                alt.Tooltip("profit:Q", title=profit_title, format=",.0f"),
                alt.Tooltip("clv:Q", title=clv_title, format=",.2f"),
            ],
        )
    )
    medians = pd.DataFrame({"profit": [frame["profit"].median()], "clv": [frame["clv"].median()]})
    rule = alt.Chart(medians).mark_rule(strokeDash=[4, 4], color="#6b7785")
    return alt.layer(points, rule.encode(x="profit:Q"), rule.encode(y="clv:Q"))


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
    long = pd.DataFrame(
        {
            "segment": order * 2,
            "measure": [revenue_title] * len(order) + [profit_title] * len(order),
            "amount": [*segments["revenue"], *segments["profit"]],
        }
    )
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title=None),
            y=alt.Y(
                "segment:N",
                title=segment_title,
                sort=order,
                axis=alt.Axis(labelLimit=LABEL_LIMIT),
            ),
            yOffset=alt.YOffset("measure:N", sort=[revenue_title, profit_title]),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=[revenue_title, profit_title], range=[POSITIVE, PROFIT]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("segment:N", title=segment_title),
                alt.Tooltip("measure:N", title=None),
                alt.Tooltip("amount:Q", format=",.0f"),
            ],
        )
        .properties(height=alt.Step(18))
    )
