"""Ranking page: the re-ranked table against a baseline, filters, one customer explained."""

import streamlit as st

from ui.ranking.view import ranking_view
from ui.shell import live_results, page_shell

page = page_shell("ranking", live=True)
st.title(page.t("ranking.title"))
st.caption(page.t("ranking.caption"))
live_results(page, ranking_view)
