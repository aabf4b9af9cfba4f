"""Ranking page: the re-ranked table against a baseline, filters, one customer explained."""

import streamlit as st

from core.errors import InputError
from core.explain import rank_change, source_column
from ui import state
from ui.customer_explain import explain_customer
from ui.i18n import factor_label, localize
from ui.shell import page_shell
from ui.tables import (
    attribute_header,
    change_labels,
    column_for,
    customer_names,
    display_ranking,
    search_matches,
)

MAX_PICKS = 1000  # the customer picker lists at most this many of the shown rows
TOP_CHOICES = (0, 10, 20, 50, 100)  # 0 = all
SHOWN_IDS = "ranking_shown_ids"


def pin_baseline(pin: bool) -> None:
    st.session_state[state.BASELINE] = state.current_scenario() if pin else None


def pick_selected_row() -> None:
    rows = st.session_state["ranking_table"].selection.rows
    if rows:
        st.session_state["ranking_customer"] = st.session_state[SHOWN_IDS][rows[0]]


page = page_shell("ranking")
st.title(page.t("ranking.title"))
st.caption(page.t("ranking.caption"))
if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
    st.stop()
ranking, table, scenario = page.ranking, page.ranking.table, page.scenario

# Baseline: a pinned scenario if it still fits the data, else equal weights.
baseline, pinned = None, st.session_state.get(state.BASELINE)
if pinned is not None:
    try:
        baseline = state.baseline_ranking(pinned)
        shares = ", ".join(
            f"{factor_label(f.column, page.lang)} {w:.0%}"
            for f, w in zip(pinned.factors, pinned.weights, strict=True)
        )
        note = page.t("ranking.baseline_pinned", factors=shares)
    except InputError as exc:
        st.warning(page.t("ranking.baseline_failed", error=str(exc)))
if baseline is None:
    baseline = state.baseline_ranking(state.equal_weights(scenario))
    note = page.t("ranking.baseline_equal")
change = rank_change(table, baseline.table)

left, mid, right = st.columns([5, 3, 2], vertical_alignment="center")
left.caption(note)
mid.button(
    page.t("ranking.pin"), on_click=pin_baseline, args=(True,), help=page.t("ranking.pin_help")
)
right.button(page.t("ranking.clear"), on_click=pin_baseline, args=(False,), disabled=pinned is None)

# Search and filters
attributes = {a: c for a, c in page.mapping.attributes.items() if a in ("industry", "region")}
controls = st.columns([3, 2, *[2] * len(attributes), 1.5])
query = controls[0].text_input(
    page.t("ranking.search"), key="ranking_search", placeholder=page.t("ranking.search_placeholder")
)
tiers = controls[1].multiselect(
    page.t("ranking.filter_tier"),
    list(scenario.tiers.labels),
    key="ranking_tiers",
    placeholder=page.t("ranking.filter_all"),
)
names = customer_names(ranking, page.mapping, page.lang, page.presentation)
keep = search_matches(table["customer_id"], names, query)
if tiers:
    keep &= table["tier"].isin(tiers)
for k, (attribute, column) in enumerate(attributes.items(), start=2):
    values = table[source_column(table, column)]
    chosen = controls[k].multiselect(
        page.t(f"col.{attribute}"),
        sorted(values.dropna().astype(str).unique()),
        key=f"ranking_attr_{attribute}",
        placeholder=page.t("ranking.filter_all"),
    )
    if chosen:
        keep &= values.astype(str).isin(chosen)
top = controls[-1].selectbox(
    page.t("ranking.top_n"),
    TOP_CHOICES,
    key="ranking_top",
    format_func=lambda n: page.t("ranking.top_all") if n == 0 else str(n),
)

# The table
extra = [] if page.presentation else [source_column(table, c) for c in attributes.values()]
revenue = column_for(page.mapping, "monetary")
if revenue and not page.presentation:
    extra.append(source_column(table, revenue))
shown = display_ranking(ranking, page.mapping, page.lang, page.presentation, extra=extra)
# Data columns keep the user's names; grouping attributes get a header in the page's language.
shown = shown.rename(columns={c: attribute_header(c, page.lang) for c in extra[: len(attributes)]})
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
        st.markdown("\n".join(f"- {localize(w, page.lang)}" for w in ranking.warnings))
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
        **{c: st.column_config.NumberColumn(format="localized") for c in extra[len(attributes) :]},
    },
)

# One customer explained
st.subheader(page.t("ranking.explain"))
picks = ids[:MAX_PICKS]
if st.session_state.get("ranking_customer") not in picks:
    st.session_state["ranking_customer"] = None
label_of = dict(zip(table["customer_id"].astype(str), names, strict=True))
rank_of = dict(zip(table["customer_id"].astype(str), table["rank"], strict=True))
customer = st.selectbox(
    page.t("ranking.pick"),
    picks,
    index=None,
    key="ranking_customer",
    format_func=lambda c: f"#{rank_of[c]} · {label_of[c]}",
    placeholder=page.t("ranking.pick_placeholder"),
)
if customer is None:
    st.info(page.t("ranking.pick_hint"), icon="👆")
    st.stop()

moved = change_labels(change[table["customer_id"].astype(str) == customer], page.t("ranking.new"))
explain_customer(ranking, scenario, customer, moved.iloc[0], page.lang)
