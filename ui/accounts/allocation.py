"""Resource allocation (资源配置) on screen: the policy form, then the result per tier and per
customer and the share of revenue and profit it covers.

The policy is saved with the scenario (core.strategy.allocation.with_policy,
``Scenario.allocation``) with its budget (``AllocationPolicy.budget``); tier shares and minimums are
stored by tier key
and shown by label, so a language switch keeps them.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.errors import ScenarioError
from core.method.scenario import Scenario
from core.strategy.allocation import (
    UNITS,
    AllocationPolicy,
    allocate,
    labelled,
    playbook_shares,
    scenario_policy,
    with_policy,
)
from core.strategy.playbook import resolve_playbook
from ui import state
from ui.charts.accounts import allocation_chart
from ui.charts.show import show_chart
from ui.i18n import message_of, t
from ui.tables import column_for, customer_names

DEFAULT_BUDGET = 100.0
TOP = 20
ERROR = "al_error"
SCORE = "score"


def saved_budget(scenario: Scenario) -> float:
    """The budget saved with the scenario's allocation policy, else DEFAULT_BUDGET."""
    policy = scenario.allocation
    return DEFAULT_BUDGET if policy is None or policy.budget is None else policy.budget


def with_budget(scenario: Scenario, policy: AllocationPolicy, budget: float) -> Scenario:
    """A copy of ``scenario`` carrying ``policy`` and ``budget``."""
    return with_policy(scenario, replace(policy, budget=budget))


def default_policy(page) -> AllocationPolicy:
    """The saved policy, or proportional to the score with the playbook's resource shares."""
    try:
        saved = scenario_policy(page.scenario)
    except ScenarioError:
        saved = None
    if saved is not None:
        return saved
    spec = page.scenario.tiers
    try:
        book = resolve_playbook(page.scenario.playbook, spec.labels, spec.scheme, page.lang)
        shares = {spec.key_of(k): v for k, v in playbook_shares(book).items()}
    except ScenarioError:
        shares = {}
    return AllocationPolicy(
        label=t("accounts.al_unit_money", page.lang),
        tier_shares=shares,
        revenue_column=column_for(page.mapping, "monetary"),
        profit_column=column_for(page.mapping, "profit"),
    )


def _submit(
    prefix: str, keys: list[str], base: AllocationPolicy, lang: str, table: pd.DataFrame
) -> None:
    """Form callback: save the policy and budget when a trial allocation on ``table`` (the
    ranking the form was drawn with) works; otherwise keep the saved ones and say why."""
    tiers = state.current_scenario().tiers
    get = st.session_state.get
    basis = get(f"{prefix}_basis")
    unit = get(f"{prefix}_unit")
    try:
        policy = replace(
            base,
            unit=unit,
            label=t(f"accounts.al_unit_{unit}", lang),
            basis="score" if basis == SCORE else "value",
            value_column=None if basis == SCORE else basis,
            tier_shares={k: get(f"{prefix}_share_{i}") or 0.0 for i, k in enumerate(keys)},
            tier_minimum={k: get(f"{prefix}_min_{i}") or 0.0 for i, k in enumerate(keys)},
            customer_cap=get(f"{prefix}_cap"),
        )
        budget = float(get(f"{prefix}_budget") or 0.0)
        allocate(table, budget, labelled(policy, tiers))
        scenario = with_budget(state.current_scenario(), policy, budget)
    except ScenarioError as exc:
        st.session_state[ERROR] = message_of(exc)
        return
    st.session_state[ERROR] = None
    state.set_scenario(scenario)


def _form(page, policy: AllocationPolicy, labels: list[str], numbers: list[str]) -> None:
    lang, keys = page.lang, list(page.scenario.tiers.keys)
    prefix = f"al_{lang}_{'|'.join(labels)}"
    with st.form(prefix):
        a, b, c, d = st.columns(4)
        a.number_input(
            t("accounts.al_budget", lang),
            min_value=0.0,
            value=saved_budget(page.scenario),
            key=f"{prefix}_budget",
        )
        b.selectbox(
            t("accounts.al_unit", lang),
            UNITS,
            index=UNITS.index(policy.unit),
            key=f"{prefix}_unit",
            format_func=lambda u: t(f"accounts.al_unit_{u}", lang),
        )
        bases = [SCORE, *numbers]
        chosen = policy.value_column if policy.basis == "value" else SCORE
        c.selectbox(
            t("accounts.al_basis", lang),
            bases,
            index=bases.index(chosen) if chosen in bases else 0,
            key=f"{prefix}_basis",
            format_func=lambda v: t("accounts.al_by_score", lang) if v == SCORE else v,
        )
        d.number_input(
            t("accounts.al_cap", lang),
            min_value=0.0,
            value=policy.customer_cap,
            key=f"{prefix}_cap",
            help=t("accounts.al_cap_help", lang),
        )
        tiers = enumerate(zip(keys, labels, strict=True))
        for column, (i, (key, label)) in zip(st.columns(len(labels)), tiers, strict=True):
            column.number_input(
                t("accounts.al_share", lang, tier=label),
                min_value=0.0,
                value=float(policy.tier_shares.get(key, 0.0)),
                key=f"{prefix}_share_{i}",
            )
            column.number_input(
                t("accounts.al_minimum", lang, tier=label),
                min_value=0.0,
                value=float(policy.tier_minimum.get(key, 0.0)),
                key=f"{prefix}_min_{i}",
            )
        st.form_submit_button(
            t("accounts.al_apply", lang),
            type="primary",
            on_click=_submit,
            args=(prefix, keys, policy, lang, page.ranking.table),
        )


def draw_allocation(page) -> None:
    """The policy form, the allocation per tier (table, bars) and per customer (top list)."""
    lang = page.lang
    labels = [str(label) for label in page.scenario.tiers.labels]
    numbers = [r.column for r in page.mapping.roles if r.kind == "number"]
    policy = default_policy(page)
    _form(page, policy, labels, numbers)
    if st.session_state.get(ERROR):
        st.error(t("accounts.al_error", lang, error=st.session_state[ERROR]), icon="⚠️")
    budget = saved_budget(page.scenario)
    try:
        result = allocate(page.ranking.table, budget, labelled(policy, page.scenario.tiers))
    except ScenarioError as exc:
        st.error(t("accounts.al_error", lang, error=message_of(exc)), icon="⚠️")
        return
    unit = t(f"accounts.al_unit_{policy.unit}", lang)
    amount_title = t("accounts.al_amount", lang, unit=unit)
    a, b, c = st.columns(3)
    a.metric(t("accounts.al_total", lang, unit=unit), f"{result.customers['amount'].sum():,.2f}")
    for column, share, key in (
        (b, result.covered_revenue_share, "al_covered_revenue"),
        (c, result.covered_profit_share, "al_covered_profit"),
    ):
        column.metric(t(f"accounts.{key}", lang), "—" if share is None else f"{share:.1%}")
    tiers = result.tiers
    headers = {c: t(f"accounts.al_col_{c}", lang, unit=unit) for c in tiers.columns}
    percent = st.column_config.NumberColumn(format="percent")
    left, right = st.columns([3, 2])
    left.dataframe(
        tiers.rename(columns=headers),
        hide_index=True,
        width="stretch",
        column_config={
            headers["amount"]: st.column_config.NumberColumn(format="%.2f"),
            **{headers[c]: percent for c in tiers.columns if c.endswith("share")},
        },
    )
    show_chart(
        right, allocation_chart(tiers, labels, amount_title, t("col.tier", lang)), width="stretch"
    )
    names = customer_names(page.ranking, page.mapping, lang, page.presentation)
    people = result.customers.assign(name=names.to_numpy())
    top = people.sort_values("amount", ascending=False, kind="stable").head(TOP)
    st.markdown(f"**{t('accounts.al_top', lang, n=len(top))}**")
    shown = pd.DataFrame(
        {
            t("col.rank", lang): top["rank"],
            t("col.name", lang): top["name"],
            t("col.tier", lang): top["tier"],
            amount_title: top["amount"],
            t("accounts.al_col_share", lang): top["share"],
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            amount_title: st.column_config.NumberColumn(format="%.2f"),
            t("accounts.al_col_share", lang): percent,
        },
    )
