"""Sensitivity: how stable the ranking is when the weights move (Monte Carlo rank intervals,
the robust top N) and where one factor's weight changes a top customer's tier (sweep)."""

import streamlit as st

from core.analysis.sensitivity import factor_matrix
from core.errors import InputError
from ui import state
from ui.i18n import message_of
from ui.sensitivity.monte_carlo import draw_result, run_monte_carlo, settings_form
from ui.sensitivity.sweep import draw_sweep
from ui.shell import page_shell
from ui.tables import customer_names

page = page_shell("sensitivity")
t = page.t
st.title(t("sensitivity.title"))
st.caption(t("sensitivity.intro"))
if page.ranking is None:
    st.info(t("empty.no_ranking"))
    st.stop()
try:
    fm = factor_matrix(page.ingest.frame, page.ranking)
except InputError as exc:
    st.error(t("sensitivity.error", error=message_of(exc)), icon="⚠️")
    st.stop()
names = customer_names(page.ranking, page.mapping, page.lang, page.presentation)
name_of = dict(zip(page.ranking.table["customer_id"], names, strict=True))
data_key = f"{page.scenario.to_json(indent=None)}|{state.data_digest()}"

# Monte Carlo: run on demand, the result kept until the next run
settings = settings_form(page.lang)
if settings is not None:
    run_monte_carlo(fm, settings, data_key, page.lang)
draw_result(data_key, name_of, page.lang)

# One-factor sweep: live
st.divider()
draw_sweep(fm, name_of, page.lang)
