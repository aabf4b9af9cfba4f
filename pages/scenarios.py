"""Scenarios & comparison: save, load, duplicate, rename, delete and pin scenarios; compare
two of them on the current data (rank correlations, top-N overlap, migration, movers)."""

import math

import pandas as pd
import streamlit as st

from core.analysis.compare import DEFAULT_TOP_N, compare_rankings
from core.errors import InputError
from core.method.ranking import Ranking, rank_customers
from ui import state
from ui.charts.compare import migration_heatmap, slope_chart
from ui.charts.show import show_chart
from ui.i18n import message_of
from ui.scenarios.manager import flash_message, save_form, saved_list
from ui.shell import page_shell
from ui.stores import from_store
from ui.tables import change_labels, customer_names
from ui.widgets import kept_choice, kept_widget

CURRENT, EQUAL = "\x00current", "\x00equal"  # never a saved name (names are trimmed text)
MOVERS_SHOWN = 15


def _number(value: float, fmt: str) -> str:
    return "—" if math.isnan(value) else format(value, fmt)


def _ranking(choice: str) -> Ranking:
    if choice == CURRENT:
        return page.ranking
    scenario = state.equal_weights(page.scenario) if choice == EQUAL else store.load(choice)
    return rank_customers(page.ingest.frame, scenario)


page = page_shell("scenarios")
t = page.t
st.title(t("scenarios.title"))
st.caption(t("scenarios.intro"))
store = from_store(state.scenario_store, page.lang)
saved = from_store(store.list_scenarios, page.lang)
flash_message(page.lang)

save_col, list_col = st.columns([2, 3], gap="large")
with save_col:
    save_form(page.lang)
with list_col:
    saved_list(saved, page.lang)

# Compare two scenarios on the current data
st.divider()
st.subheader(t("scenarios.compare"))
if page.ranking is None:
    st.info(t("empty.no_ranking"))
    st.stop()
choices = [CURRENT, EQUAL, *[s.name for s in saved]]
labels = {CURRENT: t("scenarios.current"), EQUAL: t("scenarios.equal")}
a_col, b_col, n_col = st.columns(3)
picks = [
    kept_choice(
        column.selectbox,
        f"scenarios_{side.lower()}",
        default,
        side,
        choices,
        format_func=lambda c: labels.get(c, c),
    )
    for column, side, default in ((a_col, "A", CURRENT), (b_col, "B", EQUAL))
]
top_n = kept_widget(n_col.slider, "scenarios_top_n", DEFAULT_TOP_N, t("scenarios.top_n"), 5, 100)
try:
    ranking_a, ranking_b = _ranking(picks[0]), _ranking(picks[1])
except InputError as exc:
    st.error(t("scenarios.compare_error", error=message_of(exc)), icon="⚠️")
    st.stop()
result = compare_rankings(ranking_a, ranking_b, top_n=top_n)
names = customer_names(page.ranking, page.mapping, page.lang, page.presentation)
name_of = dict(zip(page.ranking.table["customer_id"], names, strict=True))

metrics = st.columns(4)
metrics[0].metric(
    t("scenarios.spearman"), _number(result.spearman, ".3f"), help=t("scenarios.spearman_help")
)
metrics[1].metric(
    t("scenarios.kendall"), _number(result.kendall, ".3f"), help=t("scenarios.kendall_help")
)
metrics[2].metric(t("scenarios.overlap", n=top_n), _number(result.top_n_overlap, ".0%"))
metrics[3].metric(t("scenarios.common"), f"{result.common:,}")

a_title, b_title = (f"{side} · {labels.get(p, p)}" for side, p in zip("AB", picks, strict=True))
# On a projector the heatmap and the slope chart need the page's width: one below the other.
left, right = (st.container(), st.container()) if page.presentation else st.columns(2, gap="large")
with left:
    st.markdown(f"**{t('scenarios.migration')}**")
    st.caption(t("scenarios.migration_caption"))
    heat = migration_heatmap(
        result.migration, a_title, b_title, t("scenarios.customers"), page.presentation
    )
    show_chart(st, heat, width="content" if page.presentation else "stretch")
    st.markdown(f"**{t('scenarios.movers')}**")
    movers = result.movers[result.movers["change"] != 0].head(MOVERS_SHOWN)
    if movers.empty:
        st.info(t("scenarios.no_movers"))
    else:
        shown = pd.DataFrame(
            {
                t("col.customer_id"): movers["customer_id"].astype(str),
                t("col.name"): movers["customer_id"].map(name_of),
                t("scenarios.rank_a"): movers["rank_a"],
                t("scenarios.rank_b"): movers["rank_b"],
                t("col.change"): change_labels(movers["change"], ""),
                t("scenarios.tier_a"): movers["tier_a"],
                t("scenarios.tier_b"): movers["tier_b"],
            }
        )
        if page.presentation:
            shown = shown.drop(columns=t("col.customer_id"))
        st.dataframe(shown, hide_index=True, width="stretch")
with right:
    st.markdown(f"**{t('scenarios.slope', n=top_n)}**")
    st.caption(t("scenarios.slope_caption"))
    slope = result.slope.assign(customer=result.slope["customer_id"].map(name_of))
    chart = slope_chart(slope, a_title, b_title, t("col.rank"), t("col.name"))
    show_chart(st, chart, width="stretch")
