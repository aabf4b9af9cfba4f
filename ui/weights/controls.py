"""The Weights page's controls: the preset buttons (with reset), and the scoring settings —
method, missing-value policy, one normaliser for all factors or one per factor — each written
back into the scenario by a callback. A refused preset leaves a message under
:data:`PRESET_ERROR`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import streamlit as st

from core.errors import InputError
from core.method.normalize import NORMALIZERS
from core.method.presets import PRESET_NAMES, preset_weights
from core.method.scenario import METHODS, MISSING_POLICIES, Scenario
from ui import state
from ui.i18n import message_of, t

PRESET_ERROR = "weights_preset_error"


def _on_preset(name: str) -> None:
    scenario, mapping = state.current_scenario(), state.current_mapping()
    roles = [mapping.role_of(c) for c in scenario.columns]
    factors = [
        (c, r and r.factor_key, r and r.dimension)
        for c, r in zip(scenario.columns, roles, strict=True)
    ]
    try:
        state.set_scenario(scenario.with_weights(preset_weights(name, factors)))
        st.session_state[PRESET_ERROR] = None
    except InputError as exc:
        st.session_state[PRESET_ERROR] = message_of(exc)


def _on_reset() -> None:
    st.session_state[PRESET_ERROR] = None
    state.set_scenario(state.equal_weights(state.current_scenario()))


def _on_field(field: str, key: str) -> None:
    state.set_scenario(replace(state.current_scenario(), **{field: st.session_state[key]}))


def _on_normalize(columns: list[str], key: str) -> None:
    chosen = st.session_state[key]
    if chosen is None:
        return
    scenario = state.current_scenario()
    factors = tuple(
        replace(f, normalize=chosen) if f.column in columns else f for f in scenario.factors
    )
    state.set_scenario(replace(scenario, factors=factors))


def preset_bar(lang: str) -> None:
    """One button per preset and a reset to equal weights; a refused preset's message."""
    st.markdown(f"**{t('weights.presets', lang)}**")
    with st.container(horizontal=True):
        for name in PRESET_NAMES:
            st.button(
                t(f"weights.preset.{name}", lang),
                key=f"preset_{name}",
                on_click=_on_preset,
                args=(name,),
                help=t(f"weights.preset_help.{name}", lang),
            )
        st.button(
            t("weights.reset", lang),
            key="reset_weights",
            icon=":material/restart_alt:",
            type="tertiary",
            on_click=_on_reset,
        )
    st.caption(t("weights.preset_other", lang))
    if st.session_state.get(PRESET_ERROR):
        error = st.session_state[PRESET_ERROR]
        st.error(t("weights.preset_error", lang, error=error), icon="⚠️")


def _field_picker(
    draw: Callable[..., object],
    scenario: Scenario,
    field: str,
    options: Sequence[str],
    option_key: str,
    lang: str,
    **kwargs: object,
) -> None:
    """``draw`` (a radio, segmented control …) of a scenario ``field`` among ``options``,
    set from the scenario before each draw and written back by :func:`_on_field`; labels
    ``weights.<field>`` and ``weights.<field>_help``, options ``option_key`` + value."""
    st.session_state[field] = getattr(scenario, field)
    draw(
        t(f"weights.{field}", lang),
        options,
        key=field,
        format_func=lambda value: t(f"{option_key}{value}", lang),
        on_change=_on_field,
        args=(field, field),
        help=t(f"weights.{field}_help", lang),
        **kwargs,
    )


def _normalisers(scenario: Scenario, lang: str) -> None:
    """One normaliser for all factors (blank when they differ), and one per factor; both off
    for TOPSIS, which normalises by itself."""
    topsis = scenario.method == "topsis"
    normalisers = {f.normalize for f in scenario.factors}
    st.session_state["normalize_all"] = normalisers.pop() if len(normalisers) == 1 else None
    st.selectbox(
        t("weights.normalize", lang),
        list(NORMALIZERS),
        key="normalize_all",
        index=None,
        placeholder=t("weights.normalize_mixed", lang),
        format_func=lambda n: t(f"weights.norm.{n}", lang),
        on_change=_on_normalize,
        args=(scenario.columns, "normalize_all"),
        help=t("weights.normalize_help", lang),
        disabled=topsis,
    )
    if topsis:
        st.caption(t("weights.topsis_note", lang))
    with st.expander(t("weights.normalize_each", lang)):
        for factor in scenario.factors:
            key = f"norm_{factor.column}"
            st.session_state[key] = factor.normalize
            st.selectbox(
                factor.column,
                list(NORMALIZERS),
                key=key,
                format_func=lambda n: t(f"weights.norm.{n}", lang),
                on_change=_on_normalize,
                args=([factor.column], key),
                disabled=topsis,
            )


def scoring_settings(scenario: Scenario, lang: str) -> None:
    """Method and missing values side by side, then the normalisers."""
    method, missing = st.columns(2)
    _field_picker(
        method.segmented_control, scenario, "method", METHODS, "method.", lang, required=True
    )
    _field_picker(missing.radio, scenario, "missing", MISSING_POLICIES, "weights.missing.", lang)
    _normalisers(scenario, lang)
