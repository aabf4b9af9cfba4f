"""The Backtest page's work: which scenarios to compare, the cached backtest, its table."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.method.presets import PRESET_NAMES
from core.method.scenario import Scenario
from core.orders.features import features_schema
from core.orders.predict import purchases_column
from core.review.backtest import CURRENT, PRESET_PREFIX, REVENUE, BacktestResult, backtest
from ui import state

SAVED_PREFIX = "saved:"
FORECAST_COLUMNS = ("p_alive", "expected_purchase_value", "predicted_clv", "expected_buyer")


def log_dates(frame: pd.DataFrame, column: str) -> tuple[date, date] | None:
    """The first and last readable date of the log's date column (None: no date)."""
    days = pd.to_datetime(frame[column], errors="coerce", format="mixed").dropna()
    return (days.min().date(), days.max().date()) if len(days) else None


def default_cutoff(first: date, last: date, holdout_days: int) -> date:
    """One holdout before the last date, not before the first."""
    return max(first, last - timedelta(days=holdout_days))


def fits_the_log(scenario: Scenario, holdout_days: int, profit: str | None) -> bool:
    """Whether every factor of ``scenario`` is a column of the log's features."""
    known = set(features_schema(date(2000, 1, 1), profit).names)
    known |= {*FORECAST_COLUMNS, purchases_column(holdout_days)}
    return set(scenario.columns) <= known


def choices() -> list[str]:
    """The scenarios the user may add: saved ones (``saved:<name>``) and the presets."""
    try:
        saved = [SAVED_PREFIX + s.name for s in state.scenario_store().list_scenarios()]
    except InputError:  # no usable store: presets only
        saved = []
    return [*saved, *(PRESET_PREFIX + p for p in PRESET_NAMES)]


def chosen_scenarios(
    current: Scenario, picked: list[str], holdout_days: int, profit: str | None
) -> tuple[tuple[str, Scenario | None], ...]:
    """(name, scenario) in order: the current scenario when it fits the log (else the log's
    default, None) and the saved ones picked."""
    first = current if fits_the_log(current, holdout_days, profit) else None
    named: list[tuple[str, Scenario | None]] = [(CURRENT, first)]
    for name in picked:
        if name.startswith(SAVED_PREFIX):
            try:
                named.append((name, state.scenario_store().load(name.removeprefix(SAVED_PREFIX))))
            except InputError:
                continue
    return tuple(named)


@st.cache_data(show_spinner=False, max_entries=8)
def run_backtest(
    digest: str,
    cutoff: date,
    holdout_days: int,
    columns: tuple[tuple[str, str | None], ...],
    scenarios: tuple[tuple[str, Scenario | None], ...],
    presets: tuple[str, ...],
    _frame: pd.DataFrame,
    lines: tuple[bool, bool] = (False, False),
    _excluded: pd.DataFrame | None = None,
    value: str = REVENUE,
) -> BacktestResult:
    """:func:`core.review.backtest.backtest` of the log, cached on its digest and settings."""
    return backtest(
        _frame, cutoff, holdout_days=holdout_days, scenarios=dict(scenarios), presets=presets,
        columns=dict(columns), drop_copies=lines[0], ignore_zero=lines[1], excluded=_excluded,
        value=value,
    )  # fmt: skip
