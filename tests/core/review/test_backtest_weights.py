"""Weight suggestion: on a log where one factor drives the future value the search finds it,
and the validation window (never seen by the search) confirms it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from core.errors import InputError
from core.i18n import localize
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario
from core.review.backtest import REALISED, backtest
from core.review.backtest_weights import percent_weights, suggest_weights

START = date(2022, 1, 1)
CUTOFF = date(2022, 12, 31)
HOLDOUT = 365


def _driven_log(customers: int = 400, years: int = 3, seed: int = 7) -> pd.DataFrame:
    """``years`` years of orders: each customer spends about the same every year (lognormal level,
    10 % noise a line), in a number of orders a year that has nothing to do with that level.
    So past spend predicts future spend; the order count and recency do not."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(customers):
        level = rng.lognormal(8.0, 1.0)  # yearly spend
        per_year = int(rng.integers(1, 13))
        for year in range(years):
            days = rng.integers(0, 365, per_year)
            for d in days:
                day = START + timedelta(days=365 * year + int(d))
                amount = level / per_year * rng.uniform(0.9, 1.1)
                rows.append((f"C{i:04d}", day.isoformat(), round(amount, 2)))
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])


def _scenario() -> Scenario:
    return Scenario(
        id_column="customer_id",
        factors=(
            FactorSpec("orders", "benefit", 50.0),
            FactorSpec("monetary_total", "benefit", 20.0),
            FactorSpec("recency_days", "cost", 30.0),
        ),
    )


@pytest.fixture(scope="module")
def suggestion():
    log = _driven_log()
    return log, suggest_weights(log, CUTOFF, holdout_days=HOLDOUT, scenario=_scenario())


def test_the_driving_factor_gets_the_most_weight(suggestion) -> None:
    _, s = suggestion
    weights = s.weights().set_index("factor")
    assert weights["suggested"].idxmax() == "monetary_total"
    assert weights["suggested"]["monetary_total"] > 60
    assert weights["suggested"].sum() == pytest.approx(100.0)
    assert weights["current"].sum() == pytest.approx(100.0)
    assert (weights["suggested"] >= 0).all()
    assert s.calibration_rho[1] > s.calibration_rho[0]
    assert s.validation_rho[1] >= s.validation_rho[0]
    assert s.validation_cutoff == CUTOFF + timedelta(HOLDOUT) < s.validation_end


def test_the_rhos_match_the_backtest_and_scipy(suggestion) -> None:
    log, s = suggestion
    for cutoff, (current, suggested) in (
        (s.calibration_cutoff, s.calibration_rho),
        (s.validation_cutoff, s.validation_rho),
    ):
        result = backtest(log, cutoff, holdout_days=HOLDOUT,
                          scenarios={"current": s.current, "suggested": s.suggested})  # fmt: skip
        rho = {f.name: f.rho for f in result.figures}
        assert rho["current"] == pytest.approx(current, abs=1e-12)
        assert rho["suggested"] == pytest.approx(suggested, abs=1e-12)
    # the search's own ρ (ranks by hand) against scipy on the validation features
    result = backtest(log, s.validation_cutoff, holdout_days=HOLDOUT,
                      scenarios={"suggested": s.suggested})  # fmt: skip
    features = result.features
    at_c2 = replace(s.suggested, as_of=s.validation_cutoff.isoformat())
    ranking = rank_customers(features.drop(columns=[REALISED]), at_c2)
    table = ranking.table.set_index("customer_id")
    realised = features.set_index("customer_id")[REALISED].reindex(table.index)
    assert s.validation_rho[1] == pytest.approx(spearmanr(table["score"], realised).statistic)


def test_the_summary_and_the_warning_are_in_both_languages(suggestion) -> None:
    _, s = suggestion
    assert "validation window" in str(s.summary()) and "overfitting" in str(s.warning)
    assert "验证期" in localize(s.summary(), "zh") and "过拟合" in localize(s.warning, "zh")
    assert "2022-12-31" in s.suggested.name


def test_the_search_is_seeded(suggestion) -> None:
    log, s = suggestion
    again = suggest_weights(log, CUTOFF, holdout_days=HOLDOUT, scenario=_scenario())
    assert again.weights().equals(s.weights())


def test_a_log_too_short_for_two_windows_is_refused() -> None:
    two_years = _driven_log(60, years=2)
    with pytest.raises(InputError, match="too short for a calibration window") as caught:
        suggest_weights(two_years, CUTOFF, holdout_days=HOLDOUT, scenario=_scenario())
    assert "validation window starts at 2023-12-31" in str(caught.value.args[0])
    with pytest.raises(InputError, match="too short"):
        suggest_weights(two_years, "2023-06-30", holdout_days=HOLDOUT, scenario=_scenario())
    assert backtest(two_years, CUTOFF, holdout_days=HOLDOUT).figures  # one window is enough


def test_one_factor_has_nothing_to_choose() -> None:
    one = Scenario(id_column="customer_id", factors=(FactorSpec("orders", "benefit", 1.0),))
    with pytest.raises(InputError, match="fewer than two factors"):
        suggest_weights(_driven_log(60), CUTOFF, holdout_days=HOLDOUT, scenario=one)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [([1, 1, 1], [33.4, 33.3, 33.3]), ([0, 0, 2], [0, 0, 100]), ([0, 0, 0], [33.4, 33.3, 33.3])],
)
def test_percent_weights_sum_to_100(raw, expected) -> None:
    out = percent_weights(np.array(raw, float))
    assert out.sum() == pytest.approx(100.0) and list(out) == pytest.approx(expected)
