"""The Backtest page's optional weight suggestion: behind a button, with the warning about
overfitting, and a button that gives the current scenario the suggested weights."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.i18n import localize
from core.method.scenario import Scenario
from core.review.backtest_weights import WeightSuggestion, suggest_weights
from ui import state
from ui.i18n import factor_labels, message_of

ASKED = "backtest_suggest_asked"  # the settings the suggestion was asked for
RESULT = "backtest_suggest_result"  # its WeightSuggestion or InputError
APPLIED = "backtest_suggest_applied"


@st.cache_data(show_spinner=False, max_entries=4)
def run_suggestion(
    digest: str,
    cutoff: date,
    holdout_days: int,
    columns: tuple[tuple[str, str | None], ...],
    scenario: Scenario | None,
    value: str,
    _frame: pd.DataFrame,
    lines: tuple[bool, bool] = (False, False),
    _excluded: pd.DataFrame | None = None,
) -> WeightSuggestion:
    """:func:`core.review.backtest_weights.suggest_weights`, cached on the log and settings."""
    return suggest_weights(
        _frame, cutoff, holdout_days=holdout_days, scenario=scenario, value=value,
        columns=dict(columns), drop_copies=lines[0], ignore_zero=lines[1], excluded=_excluded,
    )  # fmt: skip


def _apply(weights: dict[str, float]) -> None:
    current = state.current_scenario()
    state.set_scenario(current.with_weights({c: w for c, w in weights.items()
                                             if c in current.columns}))  # fmt: skip
    st.session_state[APPLIED] = True


def weights_table(suggestion: WeightSuggestion, t: Callable[..., str], lang: str) -> pd.DataFrame:
    """Factor (display name), current and suggested weight (%), headers in ``lang``."""
    weights = suggestion.weights()
    names = factor_labels(list(weights["factor"]), lang)
    return pd.DataFrame(
        {
            t("backtest.weights.col.factor"): [names[c] for c in weights["factor"]],
            t("backtest.weights.col.current"): weights["current"].round(1),
            t("backtest.weights.col.suggested"): weights["suggested"].round(1),
        }
    )


def rho_table(suggestion: WeightSuggestion, t: Callable[..., str]) -> pd.DataFrame:
    """ρ of the current and the suggested weights on the calibration and validation windows."""
    s = suggestion
    windows = [
        t("backtest.weights.calibration", start=s.calibration_cutoff, end=s.validation_cutoff),
        t("backtest.weights.validation", start=s.validation_cutoff, end=s.validation_end),
    ]
    return pd.DataFrame(
        {
            t("backtest.weights.col.window"): windows,
            t("backtest.weights.col.rho_current"): [
                round(s.calibration_rho[0], 3), round(s.validation_rho[0], 3)],
            t("backtest.weights.col.rho_suggested"): [
                round(s.calibration_rho[1], 3), round(s.validation_rho[1], 3)],
        }
    )  # fmt: skip


def _key(settings: dict) -> str:
    """The settings without the scenario's weights: applying the suggestion keeps it shown."""
    scenario = settings.get("scenario")
    weightless = None if scenario is None else scenario.with_weights(
        dict.fromkeys(scenario.columns, 1.0)).to_json(indent=None)  # fmt: skip
    rest = sorted((k, v) for k, v in settings.items() if k != "scenario")
    return repr((rest, weightless))


def suggestion_panel(
    t: Callable[..., str], lang: str, settings: dict, frame: pd.DataFrame,
    excluded: pd.DataFrame | None, applicable: bool,
) -> None:  # fmt: skip
    """The section: intro, the button, then (once asked, for these settings) the tables, the
    warning and the apply button. ``settings``: run_suggestion's hashable arguments;
    ``applicable``: whether the page's current scenario is the one searched."""
    st.subheader(t("backtest.weights.header"))
    st.caption(t("backtest.weights.intro"))
    key = _key(settings)
    if st.button(t("backtest.weights.button"), key="backtest_suggest"):
        st.session_state[ASKED], st.session_state[APPLIED] = key, False
        try:
            with st.spinner(t("backtest.weights.running")):
                st.session_state[RESULT] = run_suggestion(
                    **settings, _frame=frame, _excluded=excluded
                )
        except InputError as exc:
            st.session_state[RESULT] = exc
    if st.session_state.get(ASKED) != key:  # not asked, or asked for other settings
        return
    suggestion = st.session_state[RESULT]
    if isinstance(suggestion, InputError):
        st.error(t("backtest.error", error=message_of(suggestion)), icon="⚠️")
        return
    st.warning(str(localize(suggestion.warning, lang)), icon="⚠️")
    st.dataframe(weights_table(suggestion, t, lang), hide_index=True)
    st.dataframe(rho_table(suggestion, t), hide_index=True)
    for note in suggestion.warnings:
        st.caption(str(localize(note, lang)))
    if not applicable:
        st.caption(t("backtest.weights.not_for_default"))
        return
    weights = {f.column: f.weight for f in suggestion.suggested.factors}
    st.button(t("backtest.weights.apply"), key="backtest_suggest_apply", on_click=_apply,
              args=(weights,))  # fmt: skip
    if st.session_state.get(APPLIED):
        st.success(t("backtest.weights.applied"), icon="✅")
