"""Altair charts: one function per chart, DataFrames and already-translated titles in, an
``alt.Chart`` out (no Streamlit here). Tier colours follow the tier labels' order everywhere."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.method.normalize import scaled_down
from ui.charts.parts import LABEL_LIMIT, MEDIAN_COLOR, POSITIVE, median_scatter, tier_color

PARETO_POINTS = 1000  # enough to draw the curve; a 100k-customer table is thinned to this


def contribution_chart(
    frame: pd.DataFrame,
    titles: dict[str, str],
    domain: Sequence[str],
    colors: Sequence[str],
) -> alt.LayerChart:
    """Horizontal bars of one customer's points against the average customer per factor
    (``factor``, ``relative``, ``contribution``, ``share``): right lifts, left pulls, largest
    lift on top, a rule at 0 (the average). Each factor has its colour (``domain`` → ``colors``,
    core.report.palette). ``titles`` names ``factor``, ``relative``, ``contribution``, ``share``."""
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("relative:Q", title=titles["relative"]),
            y=alt.Y("factor:N", title=None, sort="-x", axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color(
                "factor:N", scale=alt.Scale(domain=list(domain), range=list(colors)), legend=None
            ),
            tooltip=[
                alt.Tooltip("factor:N", title=titles["factor"]),
                alt.Tooltip("relative:Q", title=titles["relative"], format="+.1f"),
                alt.Tooltip("contribution:Q", title=titles["contribution"], format=".1f"),
                alt.Tooltip("share:Q", title=titles["share"], format=".0%"),
            ],
        )
    )
    average = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color=MEDIAN_COLOR).encode(x="x:Q")
    return alt.layer(bars, average).properties(height=alt.Step(28))


def percentile_chart(
    frame: pd.DataFrame, factor_title: str, percentile_title: str, value_title: str
) -> alt.LayerChart:
    """Bars of one customer's standing per factor (0–100) with a rule at the median (50).

    ``frame`` has ``factor``, ``percentile`` and ``value`` (the raw value, shown in the tooltip).
    """
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("percentile:Q", title=percentile_title, scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("factor:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=alt.Color(
                "percentile:Q",
                scale=alt.Scale(scheme="redyellowblue", domain=[0, 100]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("factor:N", title=factor_title),
                alt.Tooltip("value:N", title=value_title),
                alt.Tooltip("percentile:Q", title=percentile_title, format=".0f"),
            ],
        )
    )
    median = alt.Chart(pd.DataFrame({"x": [50]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(bars, median).properties(height=alt.Step(28))


def pareto_points(values: pd.Series) -> pd.DataFrame:
    """Cumulative ``value_share`` against ``customer_share`` (largest first), from (0, 0).

    Negative and missing values count as 0. Long tables are thinned to about
    PARETO_POINTS points; the first and last points are always kept.
    """
    clean = np.clip(np.nan_to_num(values.to_numpy(dtype=float, na_value=np.nan), nan=0.0), 0, None)
    clean = np.sort(scaled_down(clean)[0])  # shares of values near 1e308 stay finite
    clean = clean[::-1]
    total = clean.sum()
    cumulative = np.concatenate(([0.0], np.cumsum(clean)))
    share = cumulative / total if total > 0 else np.zeros_like(cumulative)
    customers = np.arange(len(cumulative)) / max(len(clean), 1)
    keep = np.unique(np.linspace(0, len(cumulative) - 1, PARETO_POINTS + 1).round().astype(int))
    return pd.DataFrame({"customer_share": customers[keep], "value_share": share[keep]})


def pareto_chart(
    values: pd.Series, cuts: Sequence[float], customers_title: str, value_title: str
) -> alt.LayerChart:
    """The 80/20 curve: cumulative value share vs customer share, with the ABC cut lines."""
    curve = (
        alt.Chart(pareto_points(values))
        .mark_line(color=POSITIVE)
        .encode(
            x=alt.X("customer_share:Q", title=customers_title, axis=alt.Axis(format="%")),
            y=alt.Y("value_share:Q", title=value_title, axis=alt.Axis(format="%")),
            tooltip=[
                alt.Tooltip("customer_share:Q", title=customers_title, format=".1%"),
                alt.Tooltip("value_share:Q", title=value_title, format=".1%"),
            ],
        )
    )
    cut_data = pd.DataFrame({"cut": [float(c) for c in cuts]})
    lines = alt.Chart(cut_data).mark_rule(color="#c2452d", strokeDash=[6, 4]).encode(y="cut:Q")
    marks = (
        alt.Chart(cut_data)
        .mark_text(align="left", dx=4, dy=-6, color="#c2452d")
        .encode(y="cut:Q", x=alt.value(0), text=alt.Text("cut:Q", format=".0%"))
    )
    return alt.layer(curve, lines, marks)


def score_distribution_chart(
    frame: pd.DataFrame, labels: Sequence[str], score_title: str, count_title: str, tier_title: str
) -> alt.Chart:
    """Stacked histogram of ``score`` (bins of 5 points on 0–100), coloured by ``tier``."""
    return (
        alt.Chart(frame[["score", "tier"]])
        .mark_bar()
        .encode(
            x=alt.X("score:Q", bin=alt.Bin(extent=[0, 100], step=5), title=score_title),
            y=alt.Y("count():Q", title=count_title),
            color=tier_color("tier", tier_title, labels),
            tooltip=[
                alt.Tooltip("tier:N", title=tier_title),
                alt.Tooltip("count():Q", title=count_title),
            ],
        )
    )


def value_potential_chart(
    frame: pd.DataFrame,
    labels: Sequence[str],
    value_title: str,
    potential_title: str,
    tier_title: str,
    name_title: str,
) -> alt.LayerChart:
    """Scatter of ``value`` vs ``potential`` per customer (``name``, ``tier``), with median lines.

    Money is heavily skewed, so the value axis is logarithmic: customers with a value ≤ 0
    cannot be placed on it and are left out (the medians are of all customers).
    """
    titles = {
        "value": value_title,
        "potential": potential_title,
        "tier": tier_title,
        "name": name_title,
    }
    return median_scatter(
        frame, x="value", y="potential", group="tier", labels=labels, titles=titles, log_x=True
    )
