"""Ranking page: the re-ranked table against a baseline, filters, one customer explained."""

import streamlit as st

from core.method.explain import rank_change, source_column
from ui.i18n import factor_label, markdown_of
from ui.ranking.controls import (
    SHOWN_IDS,
    baseline_bar,
    customer_picker,
    pick_selected_row,
    ranking_filters,
)
from ui.ranking.explain import explain_customer
from ui.shell import page_shell
from ui.tables import attribute_header, change_labels, column_for, customer_names, display_ranking

page = page_shell("ranking")
st.title(page.t("ranking.title"))
st.caption(page.t("ranking.caption"))
if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
    st.stop()
ranking, table, scenario = page.ranking, page.ranking.table, page.scenario

# Baseline: a pinned scenario if it still fits the data, else equal weights.
baseline = baseline_bar(scenario, page.lang)
change = rank_change(table, baseline.table)

# Search and filters
attributes = {a: c for a, c in page.mapping.attributes.items() if a in ("industry", "region")}
names = customer_names(ranking, page.mapping, page.lang, page.presentation)
keep, top = ranking_filters(
    table, names, scenario.tiers.labels, attributes, page.lang, page.presentation
)

# The table
extra = [] if page.presentation else [source_column(table, c) for c in attributes.values()]
revenue = column_for(page.mapping, "monetary")
if revenue and not page.presentation:
    extra.append(source_column(table, revenue))
shown = display_ranking(ranking, page.mapping, page.lang, page.presentation, extra=extra)
# Data columns show their display names; grouping attributes get a header in the page's language.
headers = {c: attribute_header(c, page.lang) for c in extra[: len(attributes)]}
headers |= {c: factor_label(c, page.lang) for c in extra[len(attributes) :]}
shown = shown.rename(columns=headers)
money = list(headers.values())[len(attributes) :]
score_col, tier_col = page.t("col.score"), page.t("col.tier")
shown.insert(
    shown.columns.get_loc(tier_col) + 1,
    page.t("col.change"),
    change_labels(change, page.t("ranking.new")),
)
shown = shown[keep.to_numpy()]
if top:
    shown = shown.head(top)
ids = table["customer_id"].astype(str)[keep.to_numpy()].head(len(shown)).tolist()
st.session_state[SHOWN_IDS] = ids
st.caption(page.t("ranking.shown", shown=len(shown), total=len(table)))
if ranking.warnings:
    with st.expander(page.t("ranking.warnings", n=len(ranking.warnings))):
        st.markdown("\n".join(f"- {markdown_of(w, page.lang)}" for w in ranking.warnings))
if shown.empty:
    st.info(page.t("ranking.no_match"))
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key="ranking_table",
    on_select=pick_selected_row,
    selection_mode="single-row",
    column_config={
        score_col: st.column_config.ProgressColumn(
            score_col, min_value=0, max_value=100, format="%.1f", help=page.t("ranking.score_help")
        ),
        page.t("col.change"): st.column_config.TextColumn(help=page.t("ranking.change_help")),
        **{c: st.column_config.NumberColumn(format="localized") for c in money},
    },
)

# One customer explained
st.subheader(page.t("ranking.explain"))
customer = customer_picker(table, ids, names, page.lang)
if customer is None:
    st.info(page.t("ranking.pick_hint"), icon="👆")
    st.stop()

moved = change_labels(change[table["customer_id"].astype(str) == customer], page.t("ranking.new"))
explain_customer(ranking, scenario, customer, moved.iloc[0], page.lang)
