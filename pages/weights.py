"""Weights: sliders by dimension, presets, method, normalisers, missing values; live top 5."""

from dataclasses import replace

import streamlit as st

from core.errors import InputError
from core.normalize import NORMALIZERS
from core.presets import PRESET_NAMES, preset_weights
from core.scenario import METHODS, MISSING_POLICIES
from ui import state
from ui.charts_weights import weights_chart, weights_frame
from ui.shell import page_shell
from ui.tables import display_ranking
from ui.widgets import weight_sliders

TOP_N = 5
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
        st.session_state[PRESET_ERROR] = str(exc)


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


page = page_shell("weights")
t = page.t
scenario = page.scenario
st.title(t("weights.title"))
st.caption(t("weights.intro"))

controls, live = st.columns([5, 4], gap="large")
with controls:
    st.markdown(f"**{t('weights.presets')}**")
    with st.container(horizontal=True):
        for name in PRESET_NAMES:
            st.button(
                t(f"weights.preset.{name}"),
                key=f"preset_{name}",
                on_click=_on_preset,
                args=(name,),
                help=t(f"weights.preset_help.{name}"),
            )
        st.button(
            t("weights.reset"),
            key="reset_weights",
            icon=":material/restart_alt:",
            type="tertiary",
            on_click=_on_reset,
        )
    st.caption(t("weights.preset_other"))
    if st.session_state.get(PRESET_ERROR):
        st.error(t("weights.preset_error", error=st.session_state[PRESET_ERROR]), icon="⚠️")

    st.subheader(t("weights.sliders"))
    weight_sliders(page.lang, location="page", grouped=True)

with live:
    st.subheader(t("weights.top", n=TOP_N))
    if page.ranking is None:
        st.info(t("empty.no_ranking"))
    else:
        top = display_ranking(page.ranking, page.mapping, page.lang, page.presentation)
        st.dataframe(top.head(TOP_N), hide_index=True, width="stretch")
    st.subheader(t("weights.chart"))
    chart = weights_chart(
        weights_frame(scenario, page.mapping, page.lang),
        t("weights.share"),
        t("weights.dimension"),
    )
    st.altair_chart(chart, width="stretch")

    st.subheader(t("weights.settings"))
    method, missing = st.columns(2)
    st.session_state["method"] = scenario.method
    method.segmented_control(
        t("weights.method"),
        METHODS,
        key="method",
        required=True,
        format_func=lambda m: t(f"method.{m}"),
        on_change=_on_field,
        args=("method", "method"),
        help=t("weights.method_help"),
    )
    st.session_state["missing"] = scenario.missing
    missing.radio(
        t("weights.missing"),
        MISSING_POLICIES,
        key="missing",
        format_func=lambda m: t(f"weights.missing.{m}"),
        on_change=_on_field,
        args=("missing", "missing"),
        help=t("weights.missing_help"),
    )

    normalisers = {f.normalize for f in scenario.factors}
    st.session_state["normalize_all"] = normalisers.pop() if len(normalisers) == 1 else None
    st.selectbox(
        t("weights.normalize"),
        list(NORMALIZERS),
        key="normalize_all",
        index=None,
        placeholder=t("weights.normalize_mixed"),
        format_func=lambda n: t(f"weights.norm.{n}"),
        on_change=_on_normalize,
        args=(scenario.columns, "normalize_all"),
        help=t("weights.normalize_help"),
        disabled=scenario.method == "topsis",
    )
    if scenario.method == "topsis":
        st.caption(t("weights.topsis_note"))
    with st.expander(t("weights.normalize_each")):
        for factor in scenario.factors:
            key = f"norm_{factor.column}"
            st.session_state[key] = factor.normalize
            st.selectbox(
                factor.column,
                list(NORMALIZERS),
                key=key,
                format_func=lambda n: t(f"weights.norm.{n}"),
                on_change=_on_normalize,
                args=([factor.column], key),
                disabled=scenario.method == "topsis",
            )
