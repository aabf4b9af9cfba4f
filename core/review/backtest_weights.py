"""Weight suggestion (权重建议) from the backtest: fit on one period, check on the next.

Two back-to-back windows of ``holdout_days``: the *calibration* cutoff c1 (the user's cutoff)
with its window (c1, c2], c2 = c1 + holdout_days, and the *validation* cutoff c2 with its
window (c2, c2 + holdout_days] (cut short at the log's last line, with a warning). On the
calibration window the weights of the scenario's factors are searched: non-negative, summing
to 100, maximising Spearman ρ between the score at c1 and the realised value in (c1, c2]
(:func:`scipy.optimize.differential_evolution` over raw weights in [0, 1] normalised to sum 1,
seeded, a bounded number of generations, the current weights in the first population; ρ is a
step function of the weights, so no gradient polish). Only the weights move: the scenario's
directions, normalisers, missing-value policy and method stay. A log with more than
:data:`SEARCH_ROWS` ranked customers is searched on a seeded sample of that many; the ρ values
reported are always over every customer.

Then the current and the suggested weights rank the customers at c2 and are measured on the
validation window, which the search never saw: a suggestion that only fits the calibration
period (overfitting) shows as a validation ρ no better than the current weights'.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import differential_evolution
from scipy.stats import rankdata

from core.errors import InputError
from core.i18n import Message, msg
from core.method.ranking import prepare_ranking, rank_prepared
from core.method.scenario import Scenario
from core.method.scoring import topsis, weighted_sum
from core.orders.log import checked_period
from core.review.backtest import (
    DEFAULT_HOLDOUT_DAYS,
    ID,
    REALISED,
    REVENUE,
    Window,
    _fitted,
    _measure,
    checked_cutoff,
    checked_value,
    cutoff_window,
    evaluate_ranking,
)

SEARCH_ROWS = 20_000  # customers the search scores at each step (a seeded sample beyond)
MAX_GENERATIONS = 40
POPULATION = 8  # per factor (differential_evolution's popsize)
SUGGESTED = "suggested"


@dataclass(frozen=True)
class WeightSuggestion:
    """Suggested weights and how they and the current ones did on both windows."""

    calibration_cutoff: date  # c1
    validation_cutoff: date  # c2 = c1 + holdout_days
    validation_end: date  # c2 + holdout_days, or the log's last date when earlier
    holdout_days: int
    value: str  # the realised value: "revenue" or "profit"
    current: Scenario  # the scenario whose weights were searched
    suggested: Scenario  # the same with the suggested weights (percentages, sum 100)
    calibration_rho: tuple[float, float]  # (current, suggested)
    validation_rho: tuple[float, float]  # (current, suggested)
    warnings: tuple[Message, ...]

    def weights(self) -> pd.DataFrame:
        """factor, current, suggested: the weights in percent (each column sums to 100)."""
        return pd.DataFrame(
            {
                "factor": self.current.columns,
                "current": 100.0 * self.current.weights,
                "suggested": [f.weight for f in self.suggested.factors],
            }
        )

    def summary(self) -> Message:
        """One sentence: ρ of both weightings on both windows."""
        return msg(
            "backtest.weights.summary", value=msg(f"backtest.value.{self.value}"),
            start=self.calibration_cutoff, middle=self.validation_cutoff,
            end=self.validation_end, cal_current=self.calibration_rho[0],
            cal_suggested=self.calibration_rho[1], val_current=self.validation_rho[0],
            val_suggested=self.validation_rho[1],
        )  # fmt: skip

    @property
    def warning(self) -> Message:
        """The plain warning about overfitting that goes with every suggestion."""
        return msg("backtest.weights.warning")


def _spearman(score: np.ndarray, target_ranks: np.ndarray) -> float:
    """Spearman ρ: Pearson's r of the (average) ranks; NaN when either is constant."""
    ranks = rankdata(score)
    a, b = ranks - ranks.mean(), target_ranks - target_ranks.mean()
    denominator = math.sqrt(float(a @ a) * float(b @ b))
    return float(a @ b) / denominator if denominator > 0 else math.nan


def percent_weights(raw: np.ndarray) -> np.ndarray:
    """Non-negative weights as percentages with one decimal that sum to exactly 100."""
    w = np.clip(np.asarray(raw, float), 0.0, None)
    w = w / w.sum() if w.sum() > 0 else np.full(len(w), 1.0 / len(w))
    out = np.round(100.0 * w, 1)
    out[int(np.argmax(out))] += round(100.0 - out.sum(), 1)
    return np.round(out, 1)


def _search(prepared, method: str, realised: np.ndarray, start: np.ndarray, seed: int,
            generations: int) -> np.ndarray:  # fmt: skip
    """The weights (sum 1) with the highest calibration ρ found."""
    values, present, empty = prepared.values, prepared.present, prepared.empty
    rng = np.random.default_rng(seed)
    if len(realised) > SEARCH_ROWS:
        rows = np.sort(rng.choice(len(realised), SEARCH_ROWS, replace=False))
        values, realised = values[rows], realised[rows]
        present = None if present is None else present[rows]
    target = rankdata(realised)

    def score(x: np.ndarray) -> np.ndarray:
        w = np.where(empty, 0.0, np.clip(x, 0.0, None))
        if w.sum() <= 0:
            return np.zeros(len(target))
        w = w / w.sum()
        if method == "topsis":
            return topsis(values, prepared.cost, w, present)[0]
        return weighted_sum(values, w, present)[0]

    def loss(x: np.ndarray) -> float:
        rho = _spearman(score(x), target)
        return 1.0 if math.isnan(rho) else -rho

    k = values.shape[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = differential_evolution(
            loss, [(0.0, 1.0)] * k, x0=start, seed=seed, maxiter=generations,
            popsize=POPULATION, tol=1e-8, polish=False, init="sobol",
        )  # fmt: skip
    best = found.x if loss(found.x) <= loss(start) else start
    best = np.where(empty, 0.0, np.clip(best, 0.0, None))
    return best / best.sum() if best.sum() > 0 else start


def _too_short(start: date, window: Window) -> InputError:
    return InputError(msg("backtest.weights.too_short", start=start, last=window.end))


def suggest_weights(
    source: pd.DataFrame | str | Path,
    cutoff: date | str,
    *,
    holdout_days: int = DEFAULT_HOLDOUT_DAYS,
    scenario: Scenario | None = None,
    value: str = REVENUE,
    annual_discount: float = 0.0,
    seed: int = 0,
    generations: int = MAX_GENERATIONS,
    **options,
) -> WeightSuggestion:
    """Suggest weights for ``scenario`` (None: the cutoff features' default scenario) that
    maximise ρ on the calibration window after ``cutoff`` and measure them on the validation
    window after it (see the module docstring). ``options`` go to
    :func:`core.orders.log.aggregate_orders`. InputError when the log is too short for the two
    windows, the scenario has fewer than two usable factors or cannot rank the features.
    """
    checked_period(holdout_days)
    checked_value(value)
    c1 = checked_cutoff(cutoff)
    c2 = c1 + timedelta(days=holdout_days)
    calibration = cutoff_window(source, c1, holdout_days, value, annual_discount, options)
    if calibration.end < c2:  # the log ends inside the calibration window
        raise _too_short(c2, calibration)
    try:
        validation = cutoff_window(source, c2, holdout_days, value, annual_discount, options)
    except InputError:  # nothing after c2
        raise _too_short(c2, calibration) from None
    features = calibration.features.drop(columns=[REALISED])
    current = _fitted(scenario or calibration.default, features, c1)
    current.validate(features.columns)
    prepared = prepare_ranking(features, current)
    if int((~prepared.empty).sum()) < 2:
        raise InputError(msg("backtest.weights.one_factor"))
    ids = prepared.rows[ID].astype(str).to_numpy()
    realised = calibration.realised.reindex(ids).fillna(0.0).to_numpy(float)
    best = _search(prepared, current.method, realised, current.weights, seed, generations)
    percent = percent_weights(best)
    suggested = current.with_weights(dict(zip(current.columns, percent, strict=True)))
    rho = [
        evaluate_ranking(rank_prepared(prepared, s), calibration.realised, n).rho
        for n, s in (("current", current), (SUGGESTED, suggested))
    ]
    suggested = _renamed(suggested, c1)
    later = validation.features.drop(columns=[REALISED])
    checked = [_measure(n, s, later, validation.realised, c2)
               for n, s in (("current", current), (SUGGESTED, suggested))]  # fmt: skip
    notes = [*validation.notes]
    notes += [f.reason for f in checked if f.reason is not None]
    return WeightSuggestion(
        calibration_cutoff=c1, validation_cutoff=c2, validation_end=validation.end,
        holdout_days=int(holdout_days), value=value, current=current, suggested=suggested,
        calibration_rho=(rho[0], rho[1]), validation_rho=(checked[0].rho, checked[1].rho),
        warnings=tuple(notes),
    )  # fmt: skip


def _renamed(scenario: Scenario, start: date) -> Scenario:
    """The suggested scenario, its name saying where the weights came from."""
    return replace(scenario, name=str(msg("backtest.weights.scenario", start=start)))
