"""Expert overrides (专家评估) on screen: the form that moves a customer or pins its rank,
the audit table with a remove action, and the pure helpers behind them.

Overrides live in the scenario (``Scenario.overrides``), so they travel with it (share link,
JSON, saved scenarios) and survive re-scoring; the tier is picked by label and stored by its
key, so a language switch keeps it. The form's fields are widget state: a refused
override (no reason, a rank pinned twice …) leaves them as typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from core.errors import ScenarioError
from core.method.overrides import ID_MISSING, Override, override_audit
from core.method.scenario import Scenario
from ui import state
from ui.i18n import message_of, t
from ui.tables import customer_names

FORM = "ov_form"
CUSTOMER, TIER, RANK = "ov_customer", "ov_tier", "ov_rank"
REASON, AUTHOR = "ov_reason", "ov_author"  # AUTHOR is remembered across page switches
REMOVE = "ov_remove"
ERROR = "ov_error"
KEEP_TIER = ""  # the tier choice meaning "keep the computed tier"


def customer_options(ids: pd.Series, names: pd.Series, presentation: bool) -> dict[str, str]:
    """Customer ID (as text) → the label to pick it by: "ID — name", the alias alone in
    presentation mode (it must not show the real ID)."""
    keys = ids.astype(str).tolist()
    shown = names.astype(str).tolist()
    if presentation:
        return dict(zip(keys, shown, strict=True))
    return {k: k if n in ("", k) else f"{k} — {n}" for k, n in zip(keys, shown, strict=True)}


def with_override(scenario: Scenario, override: Override) -> Scenario:
    """A copy of ``scenario`` with ``override`` replacing any earlier one for that customer;
    ScenarioError when the result is inconsistent (a rank pinned twice)."""
    kept = tuple(o for o in scenario.overrides if o.customer_id != override.customer_id)
    return replace(scenario, overrides=(*kept, override))


def without_override(scenario: Scenario, customer_id: str) -> Scenario:
    """A copy of ``scenario`` without the override for ``customer_id``."""
    kept = tuple(o for o in scenario.overrides if o.customer_id != str(customer_id))
    return replace(scenario, overrides=kept)


def now_utc() -> str:
    """The current time, ISO 8601 in UTC to the second (when an override was made)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _submit() -> None:
    rank = st.session_state.get(RANK)
    try:
        override = Override(
            customer_id=str(st.session_state.get(CUSTOMER) or ""),
            tier=st.session_state.get(TIER) or None,
            rank=None if rank is None else int(rank),
            reason=str(st.session_state.get(REASON) or "").strip(),
            author=str(st.session_state.get(AUTHOR) or "").strip(),
            at=now_utc(),
        )
        scenario = with_override(state.current_scenario(), override)
    except ScenarioError as exc:
        st.session_state[ERROR] = message_of(exc)
        return
    st.session_state[ERROR] = None
    state.remember_widget(AUTHOR)
    st.session_state[REASON] = ""
    state.set_scenario(scenario)


def _remove() -> None:
    chosen = st.session_state.get(REMOVE)
    if chosen:
        state.set_scenario(without_override(state.current_scenario(), chosen))


def draw_overrides(page) -> None:
    """The expert-assessment section: form, refusal, missing-ID warning, audit and remove."""
    lang, ranking = page.lang, page.ranking
    names = customer_names(ranking, page.mapping, lang, page.presentation)
    options = customer_options(ranking.table["customer_id"], names, page.presentation)
    spec = page.scenario.tiers
    labels = dict(zip(spec.keys, map(str, spec.labels), strict=True))  # key → label
    if st.session_state.get(TIER) not in (KEEP_TIER, None, *labels):
        del st.session_state[TIER]  # a tier of another scheme
    state.seed_widget(AUTHOR, "")
    with st.form(FORM):
        st.selectbox(
            t("accounts.ov_customer", lang), list(options), key=CUSTOMER, format_func=options.get
        )
        left, right = st.columns(2)
        left.selectbox(
            t("accounts.ov_tier", lang),
            [KEEP_TIER, *labels],
            key=TIER,
            format_func=lambda v: labels.get(v) or t("accounts.ov_keep_tier", lang),
        )
        right.number_input(
            t("accounts.ov_rank", lang),
            min_value=1,
            step=1,
            value=None,
            key=RANK,
            help=t("accounts.ov_rank_help", lang),
        )
        st.text_area(
            t("accounts.ov_reason", lang),
            key=REASON,
            height=80,
            placeholder=t("accounts.ov_reason_hint", lang),
        )
        st.text_input(t("accounts.ov_author", lang), key=AUTHOR)
        st.form_submit_button(t("accounts.ov_save", lang), on_click=_submit, type="primary")
    if st.session_state.get(ERROR):
        st.error(t("accounts.ov_error", lang, error=st.session_state[ERROR]), icon="⚠️")
    if not page.scenario.overrides:
        st.caption(t("accounts.ov_none", lang))
        return
    audit = override_audit(page.scenario, ranking)
    missing = audit.loc[audit["status"] == ID_MISSING, "customer_id"].tolist()
    if missing:
        st.warning(t("accounts.ov_missing", lang, ids=", ".join(missing)), icon="⚠️")
    st.dataframe(audit_view(audit, options, lang), hide_index=True, width="stretch")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    present = {
        o.customer_id: options.get(o.customer_id, o.customer_id) for o in page.scenario.overrides
    }
    left.selectbox(
        t("accounts.ov_remove_pick", lang), list(present), key=REMOVE, format_func=present.get
    )
    right.button(
        t("accounts.ov_remove", lang), key="ov_remove_button", on_click=_remove, width="stretch"
    )


def audit_view(audit: pd.DataFrame, options: dict[str, str], lang: str) -> pd.DataFrame:
    """The audit with translated headers; the customer shown as picked in the form (an
    override for a customer not in the data keeps its ID: there is no alias for it)."""
    shown = audit.copy()
    shown["customer_id"] = shown["customer_id"].map(lambda c: options.get(c, c))
    shown["status"] = shown["status"].map(
        lambda s: t(f"accounts.ov_status_{s.replace(' ', '_')}", lang)
    )
    return shown.rename(columns={c: t(f"accounts.ov_col_{c}", lang) for c in shown.columns})
