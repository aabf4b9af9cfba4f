"""Weights: sliders by dimension, presets, method, normalisers, missing values; live top 5."""

import streamlit as st

from ui.charts.show import show_chart
from ui.charts.weights import weights_chart, weights_frame
from ui.shell import page_shell
from ui.tables import display_ranking
from ui.weights.controls import preset_bar, scoring_settings
from ui.widgets import weight_sliders

TOP_N = 5

page = page_shell("weights")
t = page.t
st.title(t("weights.title"))
st.caption(t("weights.intro"))

controls, live = st.columns([5, 4], gap="large")
with controls:
    preset_bar(page.lang)
    st.subheader(t("weights.sliders"))
    weight_sliders(page.lang, location="page", grouped=True)

with live:
    st.subheader(t("weights.top", n=TOP_N))
    if page.ranking is None:
        st.info(t("empty.no_ranking"))
    else:
        top = display_ranking(page.ranking, page.mapping, page.lang, page.presentation)
        st.dataframe(top.head(TOP_N), hide_index=True, width="stretch")
    st.subheader(t("weights.chart"))
    chart = weights_chart(
        weights_frame(page.scenario, page.mapping, page.lang),
        t("weights.share"),
        t("weights.dimension"),
    )
    show_chart(st, chart, width="stretch")
    st.subheader(t("weights.settings"))
    scoring_settings(page.scenario, page.lang)
