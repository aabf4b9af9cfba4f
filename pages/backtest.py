"""Backtest: rank the order log's customers at a past cutoff and see how well each scenario's
ranking predicted the revenue of the following period (table and cumulative gain chart)."""

from datetime import timedelta

import streamlit as st

from core.errors import InputError
from core.i18n import localize
from core.review.backtest import REVENUE, VALUES
from ui.backtest.run import (
    choices,
    chosen_scenarios,
    default_cutoff,
    log_dates,
    run_backtest,
)
from ui.backtest.suggest import suggestion_panel
from ui.backtest.views import figures_table, gain_chart, label_of, reading, value_word
from ui.i18n import message_of
from ui.orders import state as orders
from ui.shell import page_shell

page = page_shell("backtest")
t = page.t
st.title(t("backtest.title"))
st.caption(t("backtest.intro"))

dataset = orders.orders_dataset()
if dataset.is_sample:
    st.info(t("backtest.sample", name=dataset.name), icon="👉")
    st.page_link("pages/orders.py", label=t("nav.orders"), icon="🧾")
try:
    frame, excluded, columns = orders.log_and_columns(dataset, t)
    dates = log_dates(frame, columns["date"])
    if dates is None:
        st.warning(t("backtest.no_dates"), icon="⚠️")
        st.stop()
    first, last = dates
    holdout_col, cutoff_col = st.columns(2)
    holdout = holdout_col.number_input(
        t("backtest.holdout"), 1, 3650, 365, 30, key="backtest_holdout"
    )
    cutoff = cutoff_col.date_input(
        t("backtest.cutoff"), default_cutoff(first, last, int(holdout)), first,
        last - timedelta(days=1) if last > first else last, key="backtest_cutoff",
    )  # fmt: skip
    picked = st.multiselect(
        t("backtest.compare"), choices(), key="backtest_compare",
        format_func=lambda n: label_of(n, page.lang),
    )  # fmt: skip
    value = REVENUE
    if columns.get("profit"):  # the realised value may be the profit only with a profit column
        value = st.radio(
            t("backtest.value"), VALUES, key="backtest_value", horizontal=True,
            format_func=lambda v: t(f"backtest.value.{v}"),
        )  # fmt: skip
    scenarios = chosen_scenarios(page.scenario, picked, int(holdout), columns.get("profit"))
    presets = tuple(n.removeprefix("preset:") for n in picked if n.startswith("preset:"))
    with st.spinner(t("backtest.running")):
        result = run_backtest(
            dataset.digest, cutoff, int(holdout), tuple(columns.items()), scenarios, presets,
            frame, orders.line_rules(), excluded, value,
        )  # fmt: skip
except InputError as exc:
    st.error(t("backtest.error", error=message_of(exc)), icon="⚠️")
    st.stop()

if scenarios[0][1] is None:
    st.caption(t("backtest.current_is_default"))
st.caption(str(localize(result.summary(), page.lang)))
for warning in result.warnings:
    st.warning(str(localize(warning, page.lang)), icon="⚠️")
st.dataframe(figures_table(result, t, page.lang), hide_index=True, width="stretch")
st.caption(t("backtest.table_caption", value=value_word(result, page.lang)))
st.altair_chart(gain_chart(result, t, page.lang), width="stretch")
if (sentence := reading(result, t, page.lang)) is not None:
    st.info(sentence, icon="💡")

suggestion_panel(
    t, page.lang,
    {"digest": dataset.digest, "cutoff": cutoff, "holdout_days": int(holdout),
     "columns": tuple(columns.items()), "scenario": scenarios[0][1], "value": value,
     "lines": orders.line_rules()},
    frame, excluded, applicable=scenarios[0][1] is not None,
)  # fmt: skip
