"""The backtest against an independent pandas computation from the raw log."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

from core.errors import InputError
from core.i18n import localize
from core.mapping.columns import detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.method.scenario_mapping import default_scenario
from core.review.backtest import (
    BASELINE,
    CURRENT,
    GAIN_POINTS,
    PREDICTED_CLV,
    REALISED,
    backtest,
    evaluate_ranking,
    scenario_label,
)

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "sample_orders.csv"
CUTOFF = date(2023, 12, 31)
HOLDOUT = 365


def _realised_by_hand(
    raw: pd.DataFrame, cutoff: date, days: int, column: str = "金额"
) -> tuple[pd.Series, set]:
    """Revenue (or ``column``, e.g. profit) per customer in (cutoff, cutoff + days] and the
    customers new in it."""
    lines = raw.drop_duplicates()  # the log has order IDs: identical copies are dropped
    day = pd.to_datetime(lines["订单日期"])
    start, end = pd.Timestamp(cutoff), pd.Timestamp(cutoff + timedelta(days=days))
    window = lines[(day > start) & (day <= end)]
    existing = set(lines.loc[day <= start, "客户编号"])
    realised = window.groupby("客户编号")[column].sum()
    new = set(window["客户编号"]) - existing
    return realised.reindex(sorted(existing), fill_value=0.0), new


def _precision_recall(order: list[str], realised: pd.Series) -> tuple[float, float]:
    """Top ⌈20 %⌉ by rank against the customers at or above the k-th largest positive value."""
    k = math.ceil(0.2 * len(order))
    kth = sorted(realised, reverse=True)[k - 1]
    actual = {c for c, v in realised.items() if v >= kth and v > 0}
    hits = len(set(order[:k]) & actual)
    return hits / k, hits / len(actual)


@pytest.fixture(scope="module")
def sample() -> tuple:
    raw = pd.read_csv(SAMPLE, dtype={"客户编号": str})
    result = backtest(SAMPLE, CUTOFF, holdout_days=HOLDOUT, presets=["value"])
    return raw, result


def test_realised_revenue_and_new_customers_match_pandas(sample) -> None:
    raw, result = sample
    realised, new = _realised_by_hand(raw, CUTOFF, HOLDOUT)
    features = result.features.set_index("customer_id")
    assert sorted(features.index) == list(realised.index)
    np.testing.assert_allclose(features[REALISED].reindex(realised.index), realised, rtol=1e-9)
    assert result.new_customers == len(new) > 0
    assert result.realised_total == pytest.approx(realised.sum(), rel=1e-9)
    assert result.value == "revenue" and "realised revenue" in str(result.summary())
    assert result.window_end == CUTOFF + timedelta(days=HOLDOUT)
    assert result.warnings == ()


def test_figures_match_scipy_and_a_hand_count(sample) -> None:
    raw, result = sample
    realised, _ = _realised_by_hand(raw, CUTOFF, HOLDOUT)
    features = result.features.drop(columns=[REALISED])
    scenario = default_scenario(detect_mapping(features.iloc[:, :22]))
    ranking = rank_customers(features, scenario).table.sort_values("rank")
    value = realised.reindex(ranking["customer_id"]).to_numpy()
    figures = {f.name: f for f in result.figures}[CURRENT]
    assert figures.rho == pytest.approx(spearmanr(ranking["score"], value).statistic, abs=1e-12)
    precision, recall = _precision_recall(list(ranking["customer_id"]), realised)
    assert (figures.precision, figures.recall) == pytest.approx((precision, recall))
    top = ranking["tier"] == scenario.tiers.labels[0]
    assert figures.top_tier_share == pytest.approx(value[top.to_numpy()].sum() / value.sum())
    gain = figures.gain
    assert len(gain) == GAIN_POINTS and gain["revenue_share"].iloc[-1] == pytest.approx(1.0)
    assert gain["revenue_share"].iloc[0] == 0.0
    half = value[: round(0.5 * len(value))].sum() / value.sum()  # point 50: half the customers
    assert gain["revenue_share"].iloc[50] == pytest.approx(half)


def test_baseline_presets_and_predicted_clv_are_measured(sample) -> None:
    _, result = sample
    names = [f.name for f in result.figures]
    assert names[:2] == [CURRENT, BASELINE] and "preset:value" in names and PREDICTED_CLV in names
    assert all(f.applicable and -1 <= f.rho <= 1 for f in result.figures)
    assert set(result.gain_curves()["scenario"]) == set(names)
    table = result.table()
    assert list(table.columns[:5]) == ["scenario", "rho", "top_tier_share", "precision_top20",
                                       "recall_top20"]  # fmt: skip
    assert str(scenario_label(PREDICTED_CLV)) == "predicted CLV alone"
    assert localize(scenario_label("preset:value"), "zh") == "预设 value"


def test_realised_profit_matches_pandas(sample) -> None:
    raw, _ = sample
    result = backtest(SAMPLE, CUTOFF, holdout_days=HOLDOUT, value="profit")
    profit, new = _realised_by_hand(raw, CUTOFF, HOLDOUT, "毛利")
    revenue, _ = _realised_by_hand(raw, CUTOFF, HOLDOUT)
    features = result.features.set_index("customer_id")
    np.testing.assert_allclose(features[REALISED].reindex(profit.index), profit, atol=1e-6)
    assert not np.allclose(profit, revenue)  # the two values really differ
    assert result.realised_total == pytest.approx(profit.sum(), rel=1e-9)
    window = raw.drop_duplicates()
    day = pd.to_datetime(window["订单日期"])
    in_window = window[(day > pd.Timestamp(CUTOFF)) & (day <= pd.Timestamp(result.window_end))]
    assert result.new_total == pytest.approx(
        in_window.loc[in_window["客户编号"].isin(new), "毛利"].sum()
    )
    ranked = {f.name: f for f in result.figures}[CURRENT]
    again = evaluate_ranking(
        rank_customers(features.reset_index().drop(columns=[REALISED]), _current(result)),
        profit, CURRENT,
    )  # fmt: skip
    assert ranked.rho == pytest.approx(again.rho, abs=1e-12)
    assert result.value == "profit" and "realised profit" in str(result.summary())
    assert "实际利润" in localize(result.summary(), "zh")


def _current(result):
    features = result.features.drop(columns=[REALISED])
    return default_scenario(detect_mapping(features.iloc[:, :22]))


def test_profit_needs_a_profit_column() -> None:
    with pytest.raises(InputError, match="needs a profit column"):
        backtest(SMALL, "2024-04-30", holdout_days=120, value="profit")
    with pytest.raises(InputError, match="unknown realised value 'margin'"):
        backtest(SMALL, "2024-04-30", holdout_days=120, value="margin")


def _log(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])


SMALL = _log([
    ("A", "2024-01-05", 100.0), ("A", "2024-03-01", 50.0), ("A", "2024-07-01", 500.0),
    ("B", "2024-02-01", 300.0), ("B", "2024-06-15", 20.0),
    ("C", "2024-01-20", 10.0), ("C", "2024-02-20", 10.0), ("C", "2024-05-20", 10.0),
    ("D", "2024-02-10", 80.0), ("D", "2024-12-31", 5.0),  # nothing in the window: 0
    ("E", "2024-04-10", 70.0), ("E", "2024-08-10", -30.0),  # a return in the window
    ("N", "2024-07-15", 999.0),  # new in the holdout: not ranked
])  # fmt: skip


def test_a_small_log_by_hand() -> None:
    result = backtest(SMALL, "2024-04-30", holdout_days=120)
    realised = result.features.set_index("customer_id")[REALISED].to_dict()
    assert realised == {"A": 500.0, "B": 20.0, "C": 10.0, "D": 0.0, "E": -30.0}
    assert (result.new_customers, result.new_total) == (1, 999.0)
    assert result.window_end == date(2024, 8, 28) and result.window_days == 120


def test_a_window_past_the_log_is_cut_short_with_a_warning() -> None:
    result = backtest(SMALL, "2024-04-30", holdout_days=365)
    assert result.window_end == date(2024, 12, 31) and result.window_days == 245
    assert str(result.warnings[0]) == (
        "the holdout window ends at the log's last order on 2024-12-31: 245 of the 365 days asked"
    )
    assert result.features.set_index("customer_id")[REALISED]["D"] == 5.0
    assert "检验期" in localize(result.warnings[0], "zh")


def test_a_forecast_that_cannot_fit_leaves_predicted_clv_out_with_its_reason() -> None:
    result = backtest(SMALL, "2024-04-30", holdout_days=120)  # too few repeat buyers
    assert result.forecast is None and result.forecast_error is not None
    assert PREDICTED_CLV not in [f.name for f in result.figures]
    assert [str(w) for w in result.warnings] == [
        f"predicted CLV is left out: {result.forecast_error}"
    ]
    assert "未包含预测客户终身价值" in localize(result.warnings[0], "zh")


def test_a_scenario_whose_factors_are_missing_is_not_applicable() -> None:
    alien = Scenario(id_column="customer_id", factors=(FactorSpec("satisfaction", "benefit", 1),))
    result = backtest(SMALL, "2024-04-30", holdout_days=120, scenarios={"mine": alien},
                      presets=["relationship"])  # fmt: skip
    figures = {f.name: f for f in result.figures}
    assert not figures["mine"].applicable and "satisfaction" in str(figures["mine"].reason)
    assert math.isnan(figures["mine"].rho) and figures["mine"].gain is None
    assert not figures[BASELINE].applicable  # equal weights over the same missing factor


@pytest.mark.parametrize(
    ("cutoff", "text"),
    [
        ("2023-12-31", "is before the log's first order (2024-01-05)"),
        ("2024-12-31", "no order after the cutoff 2024-12-31"),
        ("2024-02-30", "the cutoff '2024-02-30' is not a date"),
    ],
)
def test_cutoffs_outside_the_log_are_refused(cutoff: str, text: str) -> None:
    with pytest.raises(InputError, match="backtest: ") as caught:
        backtest(SMALL, cutoff, holdout_days=30)
    assert text in str(caught.value)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 10**6), min_size=2, max_size=60, unique=True))
def test_ranking_by_the_realised_value_itself_is_perfect(values: list[int]) -> None:
    ids = [f"C{i:03d}" for i in range(len(values))]
    frame = pd.DataFrame({"customer_id": ids, "value": np.array(values, float)})
    oracle = Scenario(id_column="customer_id", factors=(FactorSpec("value", "benefit", 1),),
                      tiers=TierSpec())  # fmt: skip
    figures = evaluate_ranking(rank_customers(frame, oracle), frame.set_index("customer_id")
                               ["value"], "oracle")  # fmt: skip
    assert figures.rho == pytest.approx(1.0)
    assert figures.precision == figures.recall == 1.0
