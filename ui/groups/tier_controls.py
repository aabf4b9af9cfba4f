"""The Groups page's scheme controls: scheme switch, group count, labels with shares or
thresholds (a form), value / potential columns and ABC cut-offs, each written back into the
scenario by a callback. A refused setting leaves a message under :data:`ERROR`."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.errors import ScenarioError
from core.mapping.columns import Mapping
from core.method.overrides import carry_overrides
from core.method.scenario import DEFAULT_SHARES, DEFAULT_TIER_LABELS, TIER_SCHEMES, TierSpec
from core.method.tiers import QUADRANT_LABELS
from ui import state
from ui.i18n import message_of, t
from ui.tables import column_for

ERROR = "groups_error"
DEFAULT_THRESHOLDS = (70.0, 40.0)
DEFAULT_CUTS = (0.8, 0.95)
MIN_GROUPS, MAX_GROUPS = 2, 6


@dataclass(frozen=True)
class ValueColumns:
    """Numeric columns a scheme can use, and the value / potential columns offered first."""

    numbers: list[str]
    value: str | None
    potential: str | None


def value_columns(mapping: Mapping) -> ValueColumns:
    """Value = revenue, else profit, else the first number; potential = growth, else
    influence, else the next number. With a predicted CLV (the Orders page's forecast) the
    matrix is the method's CLV × profit: value = profit (else revenue), potential = CLV."""
    numbers = [r.column for r in mapping.roles if r.kind == "number"]
    clv = column_for(mapping, "predicted_clv")
    value = column_for(mapping, "monetary") or column_for(mapping, "profit")
    if clv:
        value = column_for(mapping, "profit") or value
    value = value or (numbers[0] if numbers else None)
    potential = clv or column_for(mapping, "growth") or column_for(mapping, "influence")
    potential = potential or next((c for c in numbers if c != value), None)
    return ValueColumns(numbers, value, potential)


def apply_tiers(lang: str, **changes: object) -> None:
    """Put changed tier settings into the scenario (tier overrides follow their tier's
    position); a ScenarioError is shown, not raised."""
    scenario = state.current_scenario()
    try:
        tiers = replace(scenario.tiers, **changes)
        overrides = carry_overrides(scenario.overrides, scenario.tiers, tiers)
        state.set_scenario(replace(scenario, tiers=tiers, overrides=overrides))
        st.session_state[ERROR] = None
    except ScenarioError as exc:
        st.session_state[ERROR] = t("groups.invalid", lang, error=message_of(exc))


def _switch_scheme(lang: str, columns: ValueColumns) -> None:
    scheme, tiers = st.session_state["groups_scheme"], state.current_scenario().tiers
    labels = DEFAULT_TIER_LABELS[lang]
    value = tiers.value_column or columns.value
    defaults = {
        "share": {"labels": labels, "shares": DEFAULT_SHARES},
        "threshold": {"labels": labels, "thresholds": DEFAULT_THRESHOLDS},
        "abc": {"labels": ("A", "B", "C"), "cuts": DEFAULT_CUTS, "value_column": value},
        "quadrant": {
            "labels": QUADRANT_LABELS[lang],
            "value_column": value,
            "potential_column": tiers.potential_column or columns.potential,
        },
    }[scheme]
    apply_tiers(lang, scheme=scheme, **defaults)


def _resize(lang: str) -> None:
    n, old = st.session_state["groups_count"], state.current_scenario().tiers.labels
    extra = [t("groups.new_label", lang, n=k + 1) for k in range(len(old), n)]
    apply_tiers(
        lang,
        labels=(*old[:n], *extra),
        shares=tuple([1 / n] * n),
        thresholds=tuple(float(round(100 * (n - 1 - k) / n)) for k in range(n - 1)),
    )


def _apply_form(lang: str, prefix: str) -> None:
    tiers = state.current_scenario().tiers
    n = len(tiers.labels)
    labels = tuple(st.session_state[f"{prefix}_label_{k}"].strip() for k in range(n))
    if tiers.scheme == "share":
        shares = [st.session_state[f"{prefix}_value_{k}"] for k in range(n)]
        if abs(sum(shares) - 100) > 0.01:
            st.session_state[ERROR] = t("groups.shares_total", lang, total=sum(shares))
            return
        apply_tiers(lang, labels=labels, shares=tuple(s / 100 for s in shares))
    else:
        cuts = [float(st.session_state[f"{prefix}_value_{k}"]) for k in range(n - 1)]
        if cuts != sorted(cuts, reverse=True):
            st.session_state[ERROR] = t("groups.thresholds_order", lang)
            return
        apply_tiers(lang, labels=labels, thresholds=tuple(cuts))


def _copy_to_tiers(lang: str, field: str, widget: str, scale: float | None = None) -> None:
    value = st.session_state[widget]
    apply_tiers(lang, **{field: tuple(v / scale for v in value) if scale else value})


def _group_form(spec: TierSpec, lang: str) -> None:
    """Labels with their shares (or minimum scores), applied together by one button."""
    st.session_state["groups_count"] = len(spec.labels)
    st.columns(4)[0].number_input(
        t("groups.count", lang),
        MIN_GROUPS,
        MAX_GROUPS,
        key="groups_count",
        on_change=_resize,
        args=(lang,),
    )
    prefix = f"g_{spec.scheme}_{lang}_{len(spec.labels)}"
    share = spec.scheme == "share"
    with st.form(prefix, border=False):
        cells = st.columns(len(spec.labels))
        for k, (column, label) in enumerate(zip(cells, spec.labels, strict=True)):
            column.text_input(t("groups.label", lang, n=k + 1), label, key=f"{prefix}_label_{k}")
            if share or k < len(spec.thresholds):
                value = spec.shares[k] * 100 if share else spec.thresholds[k]
                column.number_input(
                    t("groups.share" if share else "groups.threshold", lang, label=label),
                    0.0,
                    100.0,
                    round(float(value), 1),
                    5.0,
                    "%.1f",
                    key=f"{prefix}_value_{k}",
                )
        st.form_submit_button(
            t("groups.apply", lang), on_click=_apply_form, args=(lang, prefix), type="primary"
        )


def _column_select(
    box: DeltaGenerator, role: str, spec: TierSpec, lang: str, columns: ValueColumns
) -> None:
    """The picker of the ``role`` ("value" / "potential") column: the scheme's, else the one
    offered first."""
    key, field = f"groups_{role}", f"{role}_column"
    st.session_state[key] = getattr(spec, field) or getattr(columns, role)
    box.selectbox(
        t(f"groups.{field}", lang),
        columns.numbers,
        key=key,
        on_change=_copy_to_tiers,
        args=(lang, field, key),
    )


def _column_pickers(spec: TierSpec, lang: str, columns: ValueColumns) -> None:
    """The value column, then the ABC cut-offs or the potential column."""
    left, right = st.columns(2)
    _column_select(left, "value", spec, lang, columns)
    if spec.scheme == "abc":
        st.session_state["groups_cuts"] = tuple(round(c * 100) for c in spec.cuts)
        right.slider(
            t("groups.cuts", lang),
            50,
            99,
            key="groups_cuts",
            on_change=_copy_to_tiers,
            args=(lang, "cuts", "groups_cuts", 100),
        )
    else:
        _column_select(right, "potential", spec, lang, columns)


def scheme_controls(spec: TierSpec, lang: str, columns: ValueColumns) -> None:
    """The scheme switch and the settings of the current scheme."""
    if st.session_state.get(ERROR):
        st.error(st.session_state[ERROR], icon="⚠️")
    st.session_state["groups_scheme"] = spec.scheme
    st.segmented_control(
        t("groups.scheme", lang),
        TIER_SCHEMES,
        key="groups_scheme",
        format_func=lambda s: t(f"groups.scheme_{s}", lang),
        on_change=_switch_scheme,
        args=(lang, columns),
        required=True,
    )
    st.caption(t(f"groups.help_{spec.scheme}", lang))
    if spec.scheme in ("share", "threshold"):
        _group_form(spec, lang)
    elif not columns.numbers:
        st.warning(t("groups.no_numbers", lang))
    else:
        _column_pickers(spec, lang, columns)
