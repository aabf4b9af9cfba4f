"""The Ranking page's controls: the baseline to compare with (pin / clear), the search and
filters above the table, and the customer picker (also set by clicking a table row)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import streamlit as st

from core.errors import InputError
from core.method.explain import source_column
from core.method.ranking import Ranking
from core.method.scenario import Scenario
from ui import state
from ui.i18n import factor_label, message_of, t
from ui.tables import search_matches

TOP_CHOICES = (0, 10, 20, 50, 100)  # 0 = all
MAX_PICKS = 1000  # the customer picker lists at most this many of the shown rows
SHOWN_IDS = "ranking_shown_ids"  # the IDs of the table's rows, in order, for a row click
CUSTOMER = "ranking_customer"


def _pin_baseline(pin: bool) -> None:
    st.session_state[state.BASELINE] = state.current_scenario() if pin else None


def pick_selected_row() -> None:
    """Table selection callback: the clicked row's customer goes into the picker."""
    rows = st.session_state["ranking_table"].selection.rows
    if rows:
        st.session_state[CUSTOMER] = st.session_state[SHOWN_IDS][rows[0]]


def baseline_bar(scenario: Scenario, lang: str) -> Ranking:
    """The baseline ranking (a pinned scenario if it still fits the data, else equal weights),
    with a note saying which, and the pin and clear buttons."""
    baseline, pinned = None, st.session_state.get(state.BASELINE)
    if pinned is not None:
        try:
            baseline = state.baseline_ranking(pinned)
            shares = ", ".join(
                f"{factor_label(f.column, lang)} {w:.0%}"
                for f, w in zip(pinned.factors, pinned.weights, strict=True)
            )
            note = t("ranking.baseline_pinned", lang, factors=shares)
        except InputError as exc:
            st.warning(t("ranking.baseline_failed", lang, error=message_of(exc)))
    if baseline is None:
        baseline = state.baseline_ranking(state.equal_weights(scenario))
        note = t("ranking.baseline_equal", lang)
    left, mid, right = st.columns([5, 3, 2], vertical_alignment="center")
    left.caption(note)
    mid.button(
        t("ranking.pin", lang),
        on_click=_pin_baseline,
        args=(True,),
        help=t("ranking.pin_help", lang),
    )
    right.button(
        t("ranking.clear", lang), on_click=_pin_baseline, args=(False,), disabled=pinned is None
    )
    return baseline


def ranking_filters(
    table: pd.DataFrame,
    names: pd.Series,
    tiers: Sequence[str],
    attributes: Mapping[str, str],
    lang: str,
    presentation: bool = False,
) -> tuple[pd.Series, int]:
    """Search, tier and attribute filters and the top-N choice, in one row. In presentation
    mode the search looks at the shown names (aliases) only, never at the hidden IDs.

    Returns which rows of ``table`` pass the filters and how many to show (0 = all).
    """
    search = "ranking.search_alias" if presentation else "ranking.search"
    controls = st.columns([3, 2, *[2] * len(attributes), 1.5])
    query = controls[0].text_input(
        t(search, lang),
        key="ranking_search",
        placeholder=t(f"{search}_placeholder", lang),
    )
    picked_tiers = controls[1].multiselect(
        t("ranking.filter_tier", lang),
        list(tiers),
        key="ranking_tiers",
        placeholder=t("ranking.filter_all", lang),
    )
    keep = search_matches(names if presentation else table["customer_id"], names, query)
    if picked_tiers:
        keep &= table["tier"].isin(picked_tiers)
    for k, (attribute, column) in enumerate(attributes.items(), start=2):
        values = table[source_column(table, column)]
        chosen = controls[k].multiselect(
            t(f"col.{attribute}", lang),
            sorted(values.dropna().astype(str).unique()),
            key=f"ranking_attr_{attribute}",
            placeholder=t("ranking.filter_all", lang),
        )
        if chosen:
            keep &= values.astype(str).isin(chosen)
    top = controls[-1].selectbox(
        t("ranking.top_n", lang),
        TOP_CHOICES,
        key="ranking_top",
        format_func=lambda n: t("ranking.top_all", lang) if n == 0 else str(n),
    )
    return keep, top


def customer_picker(
    table: pd.DataFrame, rows: np.ndarray, ids: list[str], names: pd.Series, lang: str
) -> str | None:
    """A picker of one of the shown customers (``rows`` of ``table``, their ``ids``; at most
    MAX_PICKS), as "#rank · name"; the ID picked, or None."""
    rows, picks = rows[:MAX_PICKS], ids[:MAX_PICKS]
    if st.session_state.get(CUSTOMER) not in picks:
        st.session_state[CUSTOMER] = None
    ranks, shown = table["rank"].to_numpy()[rows], names.take(rows).tolist()
    label_of = {c: f"#{r} · {n}" for c, r, n in zip(picks, ranks, shown, strict=True)}
    return st.selectbox(
        t("ranking.pick", lang),
        picks,
        index=None,
        key=CUSTOMER,
        format_func=label_of.__getitem__,
        placeholder=t("ranking.pick_placeholder", lang),
    )
