"""Weights charts: each factor's share of 100 %, coloured by its dimension (Weights page and
sidebar), and the shares of several weightings side by side (AHP & objective weights page)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.mapping.catalog import DIMENSIONS
from core.mapping.columns import Mapping
from core.method.scenario import Scenario
from ui.charts.parts import grouped_bars
from ui.i18n import dimension_label, factor_label

SOURCE_COLORS = ("#1f5fa8", "#e07b39", "#3a9a5b", "#8e5cb8", "#7f8c8d")


def weights_frame(scenario: Scenario, mapping: Mapping, lang: str) -> pd.DataFrame:
    """factor (display name), dimension (display name), share (0–1), in factor order."""
    rows = []
    for factor, share in zip(scenario.factors, scenario.weights, strict=True):
        role = mapping.role_of(factor.column)
        dimension = (role.dimension if role else None) or "custom"
        rows.append(
            {
                "factor": factor_label(factor.column, lang),
                "dimension": dimension_label(dimension, lang),
                "share": float(share),
            }
        )
    return pd.DataFrame(rows, columns=["factor", "dimension", "share"])


def weights_chart(df: pd.DataFrame, share_title: str = "", legend_title: str = "") -> alt.Chart:
    """Horizontal bars of ``share`` by ``factor`` (largest first), coloured by ``dimension``.

    The colour scale follows the catalog's dimension order so a dimension keeps its colour
    whichever factors are present.
    """
    domain = [d for d in df["dimension"].unique()]
    palette = ["#1f5fa8", "#e07b39", "#3a9a5b", "#8e5cb8", "#c94a4a", "#7f8c8d"]
    order = {name: i for i, pair in enumerate(DIMENSIONS.values()) for name in pair}
    domain.sort(key=lambda d: order.get(d, len(palette) - 1))
    colours = [palette[min(order.get(d, len(palette) - 1), len(palette) - 1)] for d in domain]
    bars = alt.Chart(df).mark_bar(cornerRadiusEnd=3)
    return bars.encode(
        x=alt.X("share:Q", title=share_title, axis=alt.Axis(format="%")),
        y=alt.Y("factor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
        color=alt.Color(
            "dimension:N",
            title=legend_title,
            scale=alt.Scale(domain=domain, range=colours),
            legend=alt.Legend(orient="bottom", columns=1, labelLimit=200),
        ),
        tooltip=[
            alt.Tooltip("factor:N", title=None),
            alt.Tooltip("dimension:N", title=legend_title),
            alt.Tooltip("share:Q", format=".1%", title=share_title),
        ],
    ).properties(height=alt.Step(26))


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
