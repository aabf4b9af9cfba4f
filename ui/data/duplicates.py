"""The Data page's banner for repeated customer IDs: how many repeat (with examples and rows),
the IDs whose rows carry different names, a table of every repeated ID, and the scenario's
policy for them (keep the first row, sum the rows, refuse) written back through
:func:`ui.state.set_scenario`, so it survives page switches and goes into saved scenarios, the
JSON and the share link. IDs and names are data: shown as escaped text or in a table."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.method.duplicates import (
    DUPLICATE_POLICIES,
    DuplicateIds,
    duplicates_summary,
    find_duplicate_ids,
    name_conflicts,
)
from core.method.scenario import Scenario
from ui import state
from ui.i18n import markdown_of, t

POLICY_KEY = "data_duplicate_ids"
CONFLICTS_SHOWN = 5


def _on_policy() -> None:
    chosen = st.session_state[POLICY_KEY]
    if chosen in DUPLICATE_POLICIES:
        state.set_scenario(replace(state.current_scenario(), duplicate_ids=chosen))


def duplicates_table(found: DuplicateIds, lang: str) -> pd.DataFrame:
    """One row per repeated ID: the ID, its sheet rows, its names, whether they differ."""
    names = found.names
    return pd.DataFrame(
        {
            t("col.customer_id", lang): list(found.ids),
            t("data.dupes.col.rows", lang): [", ".join(map(str, r)) for r in found.rows.values()],
            t("data.dupes.col.names", lang): [" | ".join(names.get(i, ())) for i in found.ids],
            t("data.dupes.col.conflict", lang): [i in names for i in found.ids],
        }
    )


def _conflicts(found: DuplicateIds, lang: str) -> None:
    messages = name_conflicts(found)
    if not messages:
        return
    lines = [markdown_of(m, lang) for m in messages[:CONFLICTS_SHOWN]]
    if len(messages) > CONFLICTS_SHOWN:
        lines.append(t("data.dupes.more", lang, n=len(messages) - CONFLICTS_SHOWN))
    st.error("\n\n".join([t("data.dupes.conflicts", lang), *lines]), icon="🪪")


def _policy_picker(scenario: Scenario, lang: str) -> None:
    st.session_state[POLICY_KEY] = scenario.duplicate_ids
    st.radio(
        t("data.dupes.policy", lang),
        DUPLICATE_POLICIES,
        key=POLICY_KEY,
        format_func=lambda p: t(f"data.dupes.policy.{p}", lang),
        on_change=_on_policy,
        horizontal=True,
        help=t("data.dupes.policy_help", lang),
    )
    st.caption(t(f"data.dupes.effect.{scenario.duplicate_ids}", lang))


def draw_duplicates(frame: pd.DataFrame, scenario: Scenario, lang: str) -> None:
    """The banner, when ``frame`` has repeated IDs in the scenario's ID column (nothing
    otherwise)."""
    found = find_duplicate_ids(frame, scenario.id_column, scenario.name_column)
    if not found:
        return
    with st.container(border=True):
        st.markdown(f"**{t('data.dupes.title', lang)}**")
        text = t("data.dupes.found", lang, found=duplicates_summary(found), extra=found.extra_rows)
        st.warning(text, icon="⚠️")
        _conflicts(found, lang)
        with st.expander(t("data.dupes.table", lang, n=len(found.ids))):
            st.dataframe(duplicates_table(found, lang), hide_index=True, width="stretch")
        _policy_picker(scenario, lang)
