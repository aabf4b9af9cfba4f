"""The Groups page's playbook: one card per group with its size and its strategy, editable
(a form per card) or read-only in presentation mode, and a reset to the defaults."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from core.errors import ScenarioError
from core.strategy.playbook import FIELDS, resource_total
from ui import state
from ui.groups.tier_controls import ERROR
from ui.i18n import escape_markdown, markdown_of, message_of, t

CARDS_PER_ROW = 4
WIDGET_PREFIX = "pb_"  # every playbook widget key starts with this


def _save(key: str, label: str, prefix: str, lang: str) -> None:
    """Form callback: the card's strategy saved under its tier's key (``label`` names it in
    a refusal)."""
    scenario = state.current_scenario()
    entry = {f: st.session_state[f"{prefix}_{f}"].strip() for f in FIELDS}
    try:
        resource_total({label: entry})
    except ScenarioError as exc:
        st.session_state[ERROR] = t("groups.invalid", lang, error=message_of(exc))
        return
    st.session_state[ERROR] = None
    state.set_scenario(replace(scenario, playbook={**scenario.playbook, key: entry}))


def _reset() -> None:
    scenario = state.current_scenario()
    current = {*scenario.tiers.keys, *scenario.tiers.labels}
    kept = {k: v for k, v in scenario.playbook.items() if k not in current}
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]
    state.set_scenario(replace(scenario, playbook=kept))


def resources_check(playbook: Mapping[str, Mapping[str, str]], lang: str) -> None:
    """Warn when the groups' shares of resources do not add up to 100 %."""
    try:
        total = resource_total(playbook)
        if abs(total - 100) > 0.01:
            st.warning(t("groups.resources_total", lang, total=total))
    except ScenarioError as exc:
        st.warning(markdown_of(message_of(exc), lang))


def _lines(text: str) -> str:
    """Typed text as Markdown: each line escaped, line breaks kept."""
    return "  \n".join(escape_markdown(line) for line in str(text).splitlines())


def _card(
    key: str, label: str, stats: pd.Series, entry: Mapping[str, str], lang: str, readonly: bool
):
    line = t(
        "groups.card_stats", lang, customers=int(stats["customers"]), share=stats["customer_share"]
    )
    if "revenue_share" in stats.index:
        line += t("groups.card_revenue", lang, share=stats["revenue_share"])
    st.markdown(f"### {escape_markdown(label)}")
    st.caption(line)
    if readonly:
        fields = (f"**{t(f'groups.field_{f}', lang)}**  \n{_lines(entry[f])}" for f in FIELDS)
        st.markdown("\n\n".join(fields))
        return
    prefix = f"{WIDGET_PREFIX}{lang}_{label}"
    with st.form(f"{prefix}_form", border=False):
        for field in FIELDS:
            st.text_area(
                t(f"groups.field_{field}", lang), entry[field], key=f"{prefix}_{field}", height=68
            )
        st.form_submit_button(
            t("groups.save", lang),
            on_click=_save,
            args=(key, label, prefix, lang),
            key=f"{prefix}_save",
        )


def strategy_cards(
    labels: Sequence[str],
    summary: pd.DataFrame,
    playbook: Mapping[str, Mapping[str, str]],
    lang: str,
    presentation: bool,
    keys: Sequence[str] | None = None,
) -> None:
    """Cards in rows of four: group size and share, then its strategy (``playbook`` keyed by
    label, edits saved by tier key: ``keys`` in label order, default the labels); a reset
    button below."""
    stats = summary.set_index("tier")
    keys = list(labels) if keys is None else list(keys)
    for start in range(0, len(labels), CARDS_PER_ROW):
        row = list(zip(keys, labels, strict=True))[start : start + CARDS_PER_ROW]
        columns = st.columns(min(len(labels), CARDS_PER_ROW))
        for column, (key, label) in zip(columns, row, strict=False):
            with column.container(border=True):
                entry = playbook[label]
                _card(key, label, stats.loc[label], entry, lang, readonly=presentation)
    if not presentation:
        st.button(t("groups.reset", lang), on_click=_reset)
