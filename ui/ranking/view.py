"""The Ranking page's live part: the ranking against its baseline, filters, the table, one
customer explained (what a weight change redraws)."""

from __future__ import annotations

import numpy as np
import pandas as pd
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
from ui.shell import Page
from ui.tables import attribute_header, change_labels, column_for, customer_names, display_ranking


def ranking_view(page: Page) -> None:
    """The ranking against its baseline, the filters and table, one customer explained."""
    if page.ranking is None:
        st.info(page.t("empty.no_ranking"))
        return
    table = page.ranking.table
    # Baseline: a pinned scenario if it still fits the data, else equal weights.
    baseline = baseline_bar(page.scenario, page.lang)
    change = rank_change(table, baseline.table)
    attributes = {a: c for a, c in page.mapping.attributes.items() if a in ("industry", "region")}
    names = customer_names(page.ranking, page.mapping, page.lang, page.presentation)
    keep, top = ranking_filters(
        table, names, page.scenario.tiers.labels, attributes, page.lang, page.presentation
    )
    rows = np.flatnonzero(keep.to_numpy())[: top or None]  # the shown rows of the table, in order
    ids = table["customer_id"].astype(str).take(rows).tolist()
    st.session_state[SHOWN_IDS] = ids
    _ranking_table(page, change, attributes, rows)

    st.subheader(page.t("ranking.explain"))
    customer = customer_picker(table, rows, ids, names, page.lang)
    if customer is None:
        st.info(page.t("ranking.pick_hint"), icon="👆")
        return
    moved = change_labels(change.iloc[[rows[ids.index(customer)]]], page.t("ranking.new"))
    explain_customer(page.ranking, page.scenario, customer, moved.iloc[0], page.lang)


def _ranking_table(
    page: Page, change: pd.Series, attributes: dict[str, str], rows: np.ndarray
) -> None:
    """The shown ``rows`` of the ranking, with their rank change; data columns under their
    display names, grouping attributes in the page's language (none in presentation mode)."""
    ranking, table = page.ranking, page.ranking.table
    extra, money = {}, {}
    if not page.presentation:
        extra = {
            attribute_header(c, page.lang): source_column(table, c) for c in attributes.values()
        }
        if revenue := column_for(page.mapping, "monetary"):
            money = {factor_label(revenue, page.lang): source_column(table, revenue)}
    changes = {page.t("col.change"): change_labels(change, page.t("ranking.new"))}
    shown = display_ranking(
        ranking, page.mapping, page.lang, page.presentation, extra=extra | money, after_tier=changes
    ).take(rows)
    st.caption(page.t("ranking.shown", shown=len(shown), total=len(table)))
    if ranking.warnings:
        with st.expander(page.t("ranking.warnings", n=len(ranking.warnings))):
            st.markdown("\n".join(f"- {markdown_of(w, page.lang)}" for w in ranking.warnings))
    if shown.empty:
        st.info(page.t("ranking.no_match"))
    score_col = page.t("col.score")
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key="ranking_table",
        on_select=pick_selected_row,
        selection_mode="single-row",
        column_config={
            score_col: st.column_config.ProgressColumn(
                score_col,
                min_value=0,
                max_value=100,
                format="%.1f",
                help=page.t("ranking.score_help"),
            ),
            page.t("col.change"): st.column_config.TextColumn(help=page.t("ranking.change_help")),
            **{c: st.column_config.NumberColumn(format="localized") for c in money},
        },
    )
