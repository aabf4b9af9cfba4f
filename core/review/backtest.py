"""Backtest (回测): would a ranking made at a past cutoff have picked the customers who mattered?

The order log is cut at ``cutoff``. The features are built from the lines up to it
(:func:`core.orders.log.aggregate_orders` with ``as_of=cutoff``, then
:func:`core.orders.rfm.rfm_table` and, when the models fit, the
:func:`core.orders.predict.forecast` columns over a horizon of the holdout length). Each
scenario ranks those customers; the ranking is then measured against the *realised value*:
each customer's revenue (``value="revenue"``, the default) or profit (``value="profit"``,
for a log with a profit column) in the holdout window (cutoff, cutoff + holdout_days]. Revenue
is the ``spend_current`` of ``aggregate_orders(as_of=cutoff + holdout_days,
period_days=holdout_days)``, whose current period is exactly the days after
``as_of − period_days`` up to ``as_of`` (purchases minus returns); profit is that aggregate's
``profit`` minus the ``profit`` at the cutoff (both sum the same counted lines, so the
difference is the profit of the lines in the window; a missing profit counts 0). A customer
without a line in the window realises 0; customers whose first order falls in the window did
not exist at the cutoff, so they are not ranked and are counted apart. A window that runs past
the log's last date is cut short at it, with a warning.

Figures per scenario (over the customers it ranked): Spearman ρ between score and realised
value; the share of the realised value the top tier captured; precision and recall of the top
20 % (k = ⌈20 % of the ranked⌉ by rank against the customers whose realised value is positive
and at least the k-th largest: ties at the boundary all count as top, so recall can be below
precision); the cumulative gain curve (share of customers taken by score → share of the
realised value; its column is still called ``revenue_share``). "baseline" (equal weights over
the first scenario's factors) and, when the forecast fits, "predicted_clv" (predicted CLV
alone) are always measured.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from core.errors import InputError
from core.i18n import Message, msg
from core.mapping.catalog import BENEFIT
from core.mapping.columns import detect_mapping
from core.method.presets import preset_weights
from core.method.ranking import Ranking, rank_customers
from core.method.scenario import FactorSpec, Scenario
from core.method.scenario_mapping import default_scenario
from core.orders.log import DEFAULT_PERIOD_DAYS, OrdersReport, aggregate_orders, checked_period
from core.orders.predict import Forecast, PredictionError, forecast
from core.orders.rfm import rfm_table

DEFAULT_HOLDOUT_DAYS = DEFAULT_PERIOD_DAYS  # one year after the cutoff
TOP_SHARE = 0.20  # precision and recall of the top 20 %
GAIN_POINTS = 101  # the gain curve at 0 %, 1 %, … 100 % of the customers
CURRENT, BASELINE, PREDICTED_CLV = "current", "baseline", "predicted_clv"
PRESET_PREFIX = "preset:"
REALISED = "realised_value"
REVENUE, PROFIT = "revenue", "profit"
VALUES = (REVENUE, PROFIT)  # what the realised value is
ID = "customer_id"


@dataclass(frozen=True)
class ScenarioFigures:
    """How one scenario's ranking at the cutoff matched the realised value."""

    name: str
    rho: float = math.nan  # Spearman ρ, score vs realised value
    top_tier_share: float = math.nan  # realised value of the top tier / all realised value
    precision: float = math.nan  # of the top 20 %
    recall: float = math.nan
    ranked: int = 0  # customers the scenario ranked
    gain: pd.DataFrame | None = None  # customer_share, revenue_share (GAIN_POINTS rows)
    reason: object = None  # not applicable: why (a Message)

    @property
    def applicable(self) -> bool:
        """False when the scenario could not rank the features (see ``reason``)."""
        return self.reason is None


@dataclass(frozen=True)
class BacktestResult:
    """Every scenario's figures and what they were measured on."""

    cutoff: date
    holdout_days: int  # as asked
    window_end: date  # cutoff + holdout_days, or the log's last date when earlier
    figures: tuple[ScenarioFigures, ...]
    customers: int  # customers with a row at the cutoff
    realised_total: float  # their realised value (revenue or profit) in the window
    new_customers: int  # first order in the window: not ranked
    new_total: float  # the new customers' realised value
    features: pd.DataFrame  # the cutoff features (+ forecast columns) and realised_value
    forecast: Forecast | None
    forecast_error: object  # why predicted CLV is left out (a Message), else None
    warnings: tuple[Message, ...]
    reports: tuple[OrdersReport, ...]  # (at the cutoff, at the window's end)
    value: str = REVENUE  # the realised value: "revenue" or "profit"

    @property
    def window_days(self) -> int:
        """The days the window really covers (fewer than asked when cut short)."""
        return (self.window_end - self.cutoff).days

    def summary(self) -> Message:
        """One sentence: cutoff, customers ranked, the window, realised and new value."""
        return msg(
            f"backtest.summary.{self.value}", cutoff=self.cutoff, customers=self.customers,
            days=self.window_days, end=self.window_end, total=self.realised_total,
            new=self.new_customers, new_total=self.new_total,
        )  # fmt: skip

    def table(self) -> pd.DataFrame:
        """One row per scenario: scenario, rho, top_tier_share, precision_top20,
        recall_top20, ranked, note (the reason a scenario is not applicable)."""
        return pd.DataFrame(
            {
                "scenario": [f.name for f in self.figures],
                "rho": [f.rho for f in self.figures],
                "top_tier_share": [f.top_tier_share for f in self.figures],
                "precision_top20": [f.precision for f in self.figures],
                "recall_top20": [f.recall for f in self.figures],
                "ranked": [f.ranked for f in self.figures],
                "note": pd.Series([f.reason for f in self.figures], dtype=object),
            }
        )

    def gain_curves(self) -> pd.DataFrame:
        """The gain curves of the applicable scenarios, long: scenario, customer_share,
        revenue_share."""
        parts = [f.gain.assign(scenario=f.name) for f in self.figures if f.gain is not None]
        if not parts:
            return pd.DataFrame(columns=["scenario", "customer_share", "revenue_share"])
        return pd.concat(parts, ignore_index=True)[["scenario", "customer_share", "revenue_share"]]


def scenario_label(name: str) -> object:
    """The display name of a measured scenario: the built-in ones and presets translated
    (Messages), a user's own name as it is."""
    if name in (CURRENT, BASELINE, PREDICTED_CLV):
        return msg(f"backtest.scenario.{name}")
    if name.startswith(PRESET_PREFIX):
        return msg("backtest.scenario.preset", name=name.removeprefix(PRESET_PREFIX))
    return name


def gain_curve(realised_by_rank: np.ndarray) -> pd.DataFrame:
    """Share of the realised revenue captured by the first 0 %, 1 % … 100 % of customers
    (``realised_by_rank`` in rank order); NaN shares when the total is not positive."""
    n = len(realised_by_rank)
    shares = np.linspace(0.0, 1.0, GAIN_POINTS)
    cumulative = np.concatenate([[0.0], np.cumsum(realised_by_rank, dtype=float)])
    total = cumulative[-1]
    taken = cumulative[np.rint(shares * n).astype(int)]
    revenue = taken / total if total > 0 else np.full(GAIN_POINTS, np.nan)
    return pd.DataFrame({"customer_share": shares, "revenue_share": revenue})


def evaluate_ranking(ranking: Ranking, realised: pd.Series, name: str) -> ScenarioFigures:
    """The figures of one ranking against ``realised`` (value per customer ID as text;
    a customer it lacks realised 0)."""
    table = ranking.table.sort_values("rank", kind="stable")
    ids = table["customer_id"].astype(str).to_numpy()
    value = realised.reindex(ids).fillna(0.0).to_numpy(float)
    score = table["score"].to_numpy(float)
    n = len(ids)
    if n == 0:
        return ScenarioFigures(name, ranked=0, gain=gain_curve(value))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a constant input: ρ is NaN, not a warning
        rho = float(spearmanr(score, value).statistic) if n > 1 else math.nan
    total = value.sum()
    top = table["tier"].to_numpy() == ranking.scenario.tiers.labels[0]
    share = float(value[top].sum() / total) if total > 0 else math.nan
    k = max(1, math.ceil(TOP_SHARE * n))
    kth = np.sort(value)[::-1][k - 1]
    actual = (value >= kth) & (value > 0)
    hits = int(actual[:k].sum())
    precision = hits / k if actual.any() else math.nan
    recall = hits / int(actual.sum()) if actual.any() else math.nan
    return ScenarioFigures(name, rho, share, precision, recall, n, gain_curve(value))


def preset_scenario(base: Scenario, name: str, features: pd.DataFrame) -> Scenario:
    """``base`` with the weights of preset ``name``, factors read from the features' mapping
    (catalog key and dimension), as the Weights page's preset buttons do."""
    mapping = detect_mapping(features)
    roles = [mapping.role_of(c) for c in base.columns]
    factors = [(c, r and r.factor_key, r and r.dimension) for c, r in zip(base.columns, roles,
                                                                        strict=True)]  # fmt: skip
    return base.with_weights(preset_weights(name, factors))


def baseline_of(scenario: Scenario) -> Scenario:
    """Equal weights over ``scenario``'s factors (what the app's reset gives)."""
    return scenario.with_weights(dict.fromkeys(scenario.columns, 1.0))


def clv_scenario(base: Scenario) -> Scenario:
    """Rank by predicted CLV alone (``base``'s tiers and settings)."""
    return replace(base, factors=(FactorSpec("predicted_clv", BENEFIT, 1.0),), overrides=())


def _fitted(scenario: Scenario, features: pd.DataFrame, cutoff: date) -> Scenario:
    """A scenario as the log's features can use it: their customer_id as the ID, the name
    column only when the features have it, dated at the cutoff."""
    name = scenario.name_column if scenario.name_column in features.columns else None
    return replace(scenario, id_column=ID, name_column=name, as_of=cutoff.isoformat())


def _measure(
    name: str, scenario: Scenario, features: pd.DataFrame, realised: pd.Series, cutoff: date
) -> ScenarioFigures:
    try:
        fitted = _fitted(scenario, features, cutoff)
        fitted.validate(features.columns)
        ranking = rank_customers(features, fitted)
    except InputError as exc:
        return ScenarioFigures(name, reason=exc.args[0] if exc.args else msg("backtest.failed"))
    return evaluate_ranking(ranking, realised, name)


def _window(
    source: pd.DataFrame | str | Path, cutoff: date, holdout_days: int, options: dict
) -> tuple[pd.DataFrame, OrdersReport, date, list[Message]]:
    """The features at the window's end (its ``spend_current`` is the window's revenue), the
    report, the window's real end and the warnings; InputError when the cutoff is before the
    log's first order or leaves no order after it."""
    end = cutoff + timedelta(days=holdout_days)
    try:
        after = aggregate_orders(source, as_of=end, period_days=holdout_days, **options)
    except InputError:  # nothing up to the window's end, or a log that cannot be read at all
        whole = aggregate_orders(source, period_days=holdout_days, **options).features
        first = whole["first_order"].min().date()
        raise InputError(msg("backtest.cutoff_before_log", cutoff=cutoff, first=first)) from None
    first = after.features["first_order"].min()
    if pd.isna(first) or cutoff < first.date():
        first = first.date() if pd.notna(first) else end
        raise InputError(msg("backtest.cutoff_before_log", cutoff=cutoff, first=first))
    since_last = (after.features["clv_T"] - after.features["clv_recency"]).min()
    last = end - timedelta(days=int(since_last))  # the last counted line, a return included
    if after.report.count("future"):  # the log goes on after the window
        last = max(last, end)
    if last <= cutoff:
        raise InputError(msg("backtest.nothing_after_cutoff", cutoff=cutoff, last=last))
    notes: list[Message] = []
    if last < end:
        days = (last - cutoff).days
        notes.append(msg("backtest.window_cut_short", last=last, days=days, n=holdout_days))
        end = last
    return after.features, after.report, end, notes


def _with_forecast(features: pd.DataFrame, holdout_days: int, discount: float):
    table = rfm_table(features)
    try:
        fitted = forecast(features, holdout_days, discount)
    except PredictionError as exc:
        return table, None, exc.args[0]
    return pd.concat([table, fitted.columns], axis=1), fitted, None


def checked_value(value: str) -> str:
    """``value`` when it is one of :data:`VALUES`, else InputError."""
    if value not in VALUES:
        raise InputError(msg("backtest.value_unknown", value=value, values=", ".join(VALUES)))
    return value


def checked_cutoff(cutoff: date | str) -> date:
    """``cutoff`` as a date (ISO text accepted), else InputError."""
    if isinstance(cutoff, date):
        return cutoff
    try:
        return date.fromisoformat(str(cutoff))
    except ValueError:
        raise InputError(msg("backtest.cutoff_not_date", value=cutoff)) from None


def realised_values(after: pd.DataFrame, at: pd.DataFrame, value: str) -> pd.Series:
    """Each customer's realised value in the window (index: customer ID as text) from the
    features at the window's end (``after``, period = the window) and at the cutoff (``at``);
    InputError when ``value`` is profit and the log has no profit column."""
    ids = after[ID].astype(str).to_numpy()
    if checked_value(value) == REVENUE:
        return pd.Series(after["spend_current"].to_numpy(float), index=ids)
    if PROFIT not in after.columns:
        raise InputError(msg("backtest.no_profit_column"))
    before = pd.Series(at[PROFIT].to_numpy(float), index=at[ID].astype(str).to_numpy())
    total = after[PROFIT].to_numpy(float)
    return pd.Series(total - before.reindex(ids).fillna(0.0).to_numpy(), index=ids)


@dataclass(frozen=True)
class Window:
    """One cutoff's features (with the forecast columns) and the realised value after it."""

    features: pd.DataFrame  # at the cutoff, + REALISED
    realised: pd.Series  # per customer ID (text) with a line up to the window's end
    end: date
    forecast: Forecast | None
    forecast_error: object
    notes: list
    reports: tuple[OrdersReport, OrdersReport]
    default: Scenario  # the cutoff features' default scenario

    @property
    def new(self) -> np.ndarray:
        """Customers of ``realised`` whose first line is in the window."""
        return ~self.realised.index.isin(self.features[ID].astype(str).to_numpy())


def cutoff_window(
    source: pd.DataFrame | str | Path,
    cutoff: date,
    holdout_days: int,
    value: str,
    annual_discount: float,
    options: dict,
) -> Window:
    """The features at ``cutoff`` and the realised value in the window after it."""
    after, after_report, end, notes = _window(source, cutoff, holdout_days, options)
    at = aggregate_orders(source, as_of=cutoff, period_days=holdout_days, **options)
    realised = realised_values(after, at.features, value)
    features, fitted, error = _with_forecast(at.features, holdout_days, annual_discount)
    known = features[ID].astype(str)
    features[REALISED] = realised.reindex(known.to_numpy()).fillna(0.0).to_numpy()
    default = default_scenario(detect_mapping(at.features))
    return Window(features, realised, end, fitted, error, notes, (at.report, after_report),
                  default)  # fmt: skip


def backtest(
    source: pd.DataFrame | str | Path,
    cutoff: date | str,
    *,
    holdout_days: int = DEFAULT_HOLDOUT_DAYS,
    scenarios: Mapping[str, Scenario | None] | None = None,
    presets: Sequence[str] = (),
    annual_discount: float = 0.0,
    value: str = REVENUE,
    **options,
) -> BacktestResult:
    """Rank the customers of ``source`` at ``cutoff`` with each scenario and measure the
    rankings against the holdout window (see the module docstring).

    ``scenarios`` (name → Scenario, in order; None: the features' default scenario) default
    to {"current": None}; the first one is the base of "baseline" and of each preset in ``presets``
    (:data:`core.method.presets.PRESETS` names, measured as "preset:<name>"). ``options``
    (columns, engine, drop_copies, ignore_zero, excluded, spark) go to
    :func:`core.orders.log.aggregate_orders`. ``value`` is the realised value, "revenue" or
    "profit" (the log needs a profit column). InputError when the cutoff is not a date, is
    before the log or leaves nothing after it, or profit is asked without a profit column.
    """
    checked_period(holdout_days)
    checked_value(value)
    cutoff = checked_cutoff(cutoff)
    w = cutoff_window(source, cutoff, holdout_days, value, annual_discount, options)
    features, realised, fitted, error, notes = (w.features, w.realised, w.forecast,
                                                w.forecast_error, w.notes)  # fmt: skip
    new, default = w.new, w.default
    chosen = {n: s or default for n, s in (scenarios or {CURRENT: None}).items()}
    base = _fitted(next(iter(chosen.values())), features, cutoff)
    measured: dict[str, Scenario | ScenarioFigures] = dict(chosen)
    measured.setdefault(BASELINE, baseline_of(base))
    for name in presets:
        try:
            measured[PRESET_PREFIX + name] = preset_scenario(base, name, features)
        except InputError as exc:  # e.g. classic RFM without recency, frequency or monetary
            measured[PRESET_PREFIX + name] = ScenarioFigures(
                PRESET_PREFIX + name, reason=exc.args[0]
            )
    if fitted is not None:
        measured.setdefault(PREDICTED_CLV, clv_scenario(base))
    ranked_on = features.drop(columns=[REALISED])  # the realised value is no factor
    figures = tuple(
        s if isinstance(s, ScenarioFigures) else _measure(n, s, ranked_on, realised, cutoff)
        for n, s in measured.items()
    )
    if error is not None:
        notes.append(msg("backtest.no_forecast", reason=error))
    return BacktestResult(
        cutoff=cutoff, holdout_days=int(holdout_days), window_end=w.end, figures=figures,
        customers=len(features), realised_total=float(features[REALISED].sum()),
        new_customers=int(new.sum()), new_total=float(realised[new].sum()),
        features=features, forecast=fitted, forecast_error=error, warnings=tuple(notes),
        reports=w.reports, value=value,
    )  # fmt: skip
