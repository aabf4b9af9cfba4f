"""The weights chart: each factor's share of 100 %, coloured by its dimension."""

from __future__ import annotations

import altair as alt
import pandas as pd

from core.mapping.catalog import DIMENSIONS
from core.mapping.columns import Mapping
from core.method.scenario import Scenario
from ui.i18n import dimension_label, factor_label


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
