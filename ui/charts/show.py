"""Drawing a chart: in presentation mode with the projector's larger text."""

from __future__ import annotations

import altair as alt
import streamlit as st

from ui import state
from ui.charts.parts import for_projector


def show_chart(where, chart: alt.TopLevelMixin, **kwargs) -> None:
    """``where.altair_chart(chart, **kwargs)`` (``where``: ``st`` or a column), as wide as its
    place unless told; in presentation mode with the projector's larger chart text
    (:func:`ui.charts.parts.for_projector`)."""
    if st.session_state.get(state.PRESENTATION):
        chart = for_projector(chart)
    where.altair_chart(chart, **{"width": "stretch", **kwargs})
