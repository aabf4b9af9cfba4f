"""Charts of the Orders & RFM and Periodic review pages: one function per chart, DataFrames and
already-translated titles in, an Altair chart out (no Streamlit here). A rank axis is reversed
so that rank 1 is at the top."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.parts import POSITIVE, grouped_bars, stack_measures

REVENUE_COLOR = "#e07b39"


def segment_chart(
    frame: pd.DataFrame, customers_title: str, revenue_title: str, share_title: str
) -> alt.Chart:
    """Per segment two bars side by side: its share of customers and its share of revenue.

    ``frame``: ``segment`` (the shown name, in rule order), ``customer_share``,
    ``revenue_share``, ``customers``, ``revenue``. A segment that holds few customers but much
    revenue stands out at once (the 80/20 picture).
    """
    measures = {customers_title: "customer_share", revenue_title: "revenue_share"}
    return grouped_bars(
        stack_measures(frame, "segment", measures, "share", keep=["customers", "revenue"]),
        category="segment",
        group="measure",
        value="share",
        categories=frame["segment"].tolist(),
        groups=list(measures),
        colors=[POSITIVE, REVENUE_COLOR],
        tooltip=[
            alt.Tooltip("segment:N", title=None),
            alt.Tooltip("measure:N", title=None),
            alt.Tooltip("share:Q", title=share_title, format=".1%"),
            alt.Tooltip("customers:Q", title=customers_title, format=","),
            alt.Tooltip("revenue:Q", title=revenue_title, format=",.0f"),
        ],
        step=11,
        value_title=share_title,
    )


def rank_history_chart(
    history: pd.DataFrame, snapshot_title: str, rank_title: str, customer_title: str
) -> alt.Chart:
    """One line per customer through its rank in each snapshot, oldest at the left.

    ``history``: :func:`core.storage.snapshots.rank_history` with a ``customer`` column (the shown
    name); snapshots keep the frame's order.
    """
    snapshots = list(dict.fromkeys(history["snapshot"]))
    return (
        alt.Chart(history[["snapshot", "customer", "rank", "tier"]])
        .mark_line(point=True, strokeWidth=1.5)
        .encode(
            x=alt.X(
                "snapshot:N", title=snapshot_title, sort=snapshots, axis=alt.Axis(labelAngle=0)
            ),
            y=alt.Y(
                "rank:Q",
                title=rank_title,
                scale=alt.Scale(reverse=True, zero=False, nice=False),
                axis=alt.Axis(tickMinStep=1),
            ),
            color=alt.Color("customer:N", title=customer_title, legend=alt.Legend(orient="right")),
            tooltip=[
                alt.Tooltip("customer:N", title=customer_title),
                alt.Tooltip("snapshot:N", title=snapshot_title),
                alt.Tooltip("rank:Q", title=rank_title),
                alt.Tooltip("tier:N"),
            ],
        )
        .properties(height=320)
    )
