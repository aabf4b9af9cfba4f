"""Key-account types (战略型 / 伙伴型 / 交易型) and the CLV × profit matrix on screen.

The rule table is saved with the scenario as ``Scenario.key_account_rules``
(core.method.account_rules.KeyAccountRules: ``{"name", "scale", "potential", "influence"}`` rules
with minimum standings 0–100, the last rule catching everyone else, and the three columns picked
when the rules were saved, so the CLI applies them to the same columns). The default types
are stored by their stable names (strategic / partner / transactional) and shown in the page's
language, so a saved scenario reads the same in both. Without rules the defaults apply.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.errors import ScenarioError
from core.method.explain import source_column
from core.method.scenario import Scenario
from core.method.tiers import QUADRANT_LABELS
from core.strategy.key_accounts import (
    DEFAULT_RULES,
    DIMENSIONS,
    KEY_ACCOUNT_LABELS,
    AccountRule,
    KeyAccountRules,
    clv_profit_matrix,
    key_account_types,
    rules_from_frame,
    stable_name,
)
from ui import state
from ui.charts.accounts import clv_profit_chart
from ui.charts.show import show_chart
from ui.i18n import escape_markdown, message_of, t
from ui.tables import column_for, customer_names
from ui.widgets import kept_choice

EXTRA_KEY = "key_account_rules"
EDITOR = "ka_rules_editor"
PICKS = {"scale": "monetary", "potential": "growth", "influence": "influence"}
CLV_HINTS = ("clv", "lifetime", "终身价值", "生命周期价值")


def saved_rules(scenario: Scenario) -> tuple[AccountRule, ...]:
    """The scenario's key-account rules, or the defaults."""
    saved = scenario.key_account_rules
    return DEFAULT_RULES if saved is None else saved.rules


def with_rules(
    scenario: Scenario,
    rules: tuple[AccountRule, ...],
    columns: dict[str, str] | None = None,
) -> Scenario:
    """A copy of ``scenario`` carrying ``rules`` (type names stored by their stable name) and
    the dimensions' ``columns`` (default: the ones saved before, if any)."""
    before = scenario.key_account_rules
    picked = before.columns if before is not None and columns is None else (columns or {})
    typed = KeyAccountRules(
        rules=tuple(replace(r, name=stable_name(r.name)) for r in rules),
        **{f"{d}_column": picked.get(d) for d in DIMENSIONS},
    )
    extra = {k: v for k, v in scenario.extra.items() if k != EXTRA_KEY}
    return replace(scenario, key_account_rules=typed, extra=extra)


def type_label(name: str, lang: str) -> str:
    """A type's name on screen: the default types translated, others as typed."""
    return KEY_ACCOUNT_LABELS[lang].get(name, name)


def _numbers(page) -> list[str]:
    return [r.column for r in page.mapping.roles if r.kind == "number"]


def _picker(page, dimension: str, numbers: list[str], default: str | None, where) -> str:
    saved = page.scenario.key_account_rules
    own = saved.columns.get(dimension) if saved is not None and dimension in DIMENSIONS else None
    first = own if own in numbers else default if default in numbers else numbers[0]
    label = t(f"accounts.ka_{dimension}", page.lang)
    return kept_choice(where.selectbox, f"ka_{dimension}", first, label, numbers)


def _edited_rules(page, picks: dict[str, str]) -> tuple[AccountRule, ...]:
    """Draw the rule editor; the edited rules when valid (then saved with the ``picks``),
    else the last good."""
    saved = saved_rules(page.scenario)
    base = pd.DataFrame([vars(r) for r in saved], columns=["name", *DIMENSIONS])
    base["name"] = base["name"].map(lambda n: type_label(n, page.lang))
    number = st.column_config.NumberColumn(min_value=0, max_value=100, step=5, format="%d")
    edited = st.data_editor(
        base,
        key=f"{EDITOR}_{page.lang}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "name": st.column_config.TextColumn(t("accounts.ka_type", page.lang)),
            **{d: number | {"label": t(f"accounts.ka_min_{d}", page.lang)} for d in DIMENSIONS},
        },
    )
    try:
        rules = rules_from_frame(edited)
    except ScenarioError as exc:
        st.error(t("accounts.ka_rules_error", page.lang, error=message_of(exc)), icon="⚠️")
        return saved
    stable = tuple(replace(r, name=stable_name(r.name)) for r in rules)
    if stable != saved:
        state.set_scenario(with_rules(state.current_scenario(), stable, picks))
    return stable


def draw_key_accounts(page) -> None:
    """Column pickers, the rule editor, counts per type, the customers' types, the matrix."""
    lang, table, numbers = page.lang, page.ranking.table, _numbers(page)
    if not numbers:
        st.info(t("accounts.no_numbers", lang))
        return
    cols = st.columns(3)
    picks = {
        d: _picker(page, d, numbers, column_for(page.mapping, PICKS[d]), where)
        for d, where in zip(DIMENSIONS, cols, strict=True)
    }
    st.caption(t("accounts.ka_rules_caption", lang))
    rules = _edited_rules(page, picks)
    types = key_account_types(table, picks["scale"], picks["potential"], picks["influence"], rules)
    shown_types = types.map(lambda n: type_label(n, lang))
    counts = shown_types.value_counts()
    for column, rule in zip(st.columns(len(rules)), rules, strict=True):
        name = type_label(rule.name, lang)
        column.metric(escape_markdown(name), int(counts.get(name, 0)))
    names = customer_names(page.ranking, page.mapping, lang, page.presentation)
    listing = pd.DataFrame(
        {
            t("col.rank", lang): table["rank"],
            t("col.name", lang): names,
            t("col.tier", lang): table["tier"],
            t("accounts.ka_type", lang): shown_types,
            **{picks[d]: table[source_column(table, picks[d])] for d in DIMENSIONS},
        }
    )
    st.dataframe(listing, hide_index=True, width="stretch", height=320)
    _draw_matrix(page, numbers, names)


def _draw_matrix(page, numbers: list[str], names: pd.Series) -> None:
    lang, table = page.lang, page.ranking.table
    st.markdown(f"**{t('accounts.matrix_title', lang)}**")
    named_clv = next((c for c in numbers if any(h in c.lower() for h in CLV_HINTS)), None)
    clv_default = named_clv or column_for(page.mapping, "growth")
    left, right = st.columns(2)
    clv = _picker(page, "clv", numbers, clv_default, left)
    profit = _picker(page, "profit", numbers, column_for(page.mapping, "profit"), right)
    labels = QUADRANT_LABELS[lang]
    groups = clv_profit_matrix(table, clv, profit, labels)
    points = pd.DataFrame(
        {
            "name": names,
            "profit": pd.to_numeric(table[source_column(table, profit)], errors="coerce"),
            "clv": pd.to_numeric(table[source_column(table, clv)], errors="coerce"),
            "group": groups,
        }
    ).dropna(subset=["profit", "clv"])
    st.caption(t("accounts.matrix_caption", lang))
    counts = groups.value_counts()
    for column, label in zip(st.columns(len(labels)), labels, strict=True):
        column.metric(label, int(counts.get(label, 0)))
    titles = (profit, clv, t("accounts.matrix_group", lang), t("col.name", lang))
    show_chart(st, clv_profit_chart(points, labels, *titles), width="stretch")
