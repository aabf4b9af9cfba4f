"""Chart of the Orders page's forecast: one function per chart (no Streamlit here)."""

from __future__ import annotations

import itertools

import altair as alt
import numpy as np
import pandas as pd

from ui.charts.parts import POSITIVE

BINS = np.linspace(0, 1, 11)


def alive_chart(p_alive: pd.Series, axis_title: str, count_title: str) -> alt.Chart:
    """How many customers fall in each tenth of the probability of being active: a log whose
    customers mostly sit near 0 has lost them; near 1, they are still buying."""
    counts, _ = np.histogram(p_alive.to_numpy(float), bins=BINS)
    frame = pd.DataFrame(
        {"low": BINS[:-1], "high": BINS[1:], "customers": counts, "label": [
            f"{lo:.0%}–{hi:.0%}" for lo, hi in itertools.pairwise(BINS)
        ]}
    )  # fmt: skip
    return (
        alt.Chart(frame)
        .mark_bar(color=POSITIVE)
        .encode(
            x=alt.X("low:Q", bin="binned", title=axis_title, axis=alt.Axis(format=".0%")),
            x2="high:Q",
            y=alt.Y("customers:Q", title=count_title),
            tooltip=[
                alt.Tooltip("label:N", title=axis_title),
                alt.Tooltip("customers:Q", title=count_title, format=","),
            ],
        )
        .properties(height=220)
    )
