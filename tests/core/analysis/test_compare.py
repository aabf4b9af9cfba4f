"""core.analysis.compare: rank correlations (by definition, textbook, scipy), overlap, migration,
movers."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from core.analysis.compare import average_ranks, compare_rankings, kendall_tau_b, spearman
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.method.scenario_mapping import default_scenario

ZH = Path(__file__).resolve().parents[3] / "data" / "sample_customers_zh.csv"
TIERS = TierSpec(labels=("hi", "lo"), shares=(0.5, 0.5))


def two_rankings(f2_missing_for: str | None = None):
    frame = pd.DataFrame(
        {"id": ["A", "B", "C", "D"], "f1": [4.0, 3.0, 2.0, 1.0], "f2": [1.0, 2.0, 3.0, 4.0]}
    )
    if f2_missing_for:
        frame.loc[frame["id"] == f2_missing_for, "f2"] = np.nan
    a = rank_customers(frame, Scenario("id", (FactorSpec("f1"),), tiers=TIERS))
    b = rank_customers(frame, Scenario("id", (FactorSpec("f2"),), tiers=TIERS))
    return a, b


@pytest.fixture(scope="module")
def sample_ranking():
    frame = read_table(ZH).frame
    return rank_customers(frame, default_scenario(detect_mapping(frame)))


def test_identical_scenarios(sample_ranking):
    c = compare_rankings(sample_ranking, sample_ranking)
    assert c.spearman == pytest.approx(1.0)
    assert c.kendall == pytest.approx(1.0)
    assert c.top_n_overlap == 1.0
    assert c.common == 500
    m = c.migration
    assert list(m.index) == ["关键客户", "重点客户", "普通客户"] == list(m.columns)
    assert np.diag(m.to_numpy()).tolist() == [100, 150, 250]
    assert m.to_numpy().sum() == np.trace(m.to_numpy())
    assert (c.movers["change"] == 0).all()
    assert len(c.slope) == 20
    assert (c.slope["rank_a"] == c.slope["rank_b"]).all()
    assert c.slope["rank_a"].tolist() == list(range(1, 21))


def test_reversed_order_by_hand():
    c = compare_rankings(*two_rankings(), top_n=2)
    assert c.spearman == pytest.approx(-1.0)
    assert c.kendall == pytest.approx(-1.0)
    assert c.top_n_overlap == 0.0
    assert c.migration.to_dict() == {"hi": {"hi": 0, "lo": 2}, "lo": {"hi": 2, "lo": 0}}
    assert c.migration.index.name == "from" and c.migration.columns.name == "to"
    assert c.movers.to_dict("list") == {
        "customer_id": ["A", "D", "B", "C"],
        "rank_a": [1, 4, 2, 3],
        "rank_b": [4, 1, 3, 2],
        "change": [-3, 3, -1, 1],
        "tier_a": ["hi", "lo", "hi", "lo"],
        "tier_b": ["lo", "hi", "lo", "hi"],
    }
    assert c.slope["customer_id"].tolist() == ["A", "B", "C", "D"]


def test_only_common_customers_are_correlated():
    # D has no f2, so B (one factor, f2) excludes it: 3 customers in common.
    a, b = two_rankings(f2_missing_for="D")
    assert b.excluded["customer_id"].tolist() == ["D"]
    c = compare_rankings(a, b, top_n=2)
    assert c.common == 3
    assert c.spearman == pytest.approx(-1.0)
    assert c.top_n_overlap == 0.5  # top 2: {A, B} vs {C, B}
    assert c.migration.to_numpy().sum() == 3
    slope = c.slope.set_index("customer_id")
    assert slope.loc["C", "rank_b"] == 1 and slope.loc["A", "rank_b"] == 3
    assert set(slope.index) == {"A", "B", "C"}


def test_top_n_larger_than_the_table_overlaps_fully():
    a, _ = two_rankings()
    assert compare_rankings(a, a, top_n=50).top_n_overlap == 1.0


@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=2, max_size=60).filter(
        lambda p: len({x for x, _ in p}) > 1 and len({y for _, y in p}) > 1
    )
)
def test_correlations_match_scipy_with_ties(pairs):
    x = np.array([p[0] for p in pairs], dtype=float)
    y = np.array([p[1] for p in pairs], dtype=float)
    assert kendall_tau_b(x, y) == pytest.approx(stats.kendalltau(x, y).statistic, abs=1e-12)
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)


def test_correlations_match_scipy_on_large_random_data():
    rng = np.random.default_rng(7)
    x = rng.integers(0, 50, 5000).astype(float)
    y = x + rng.integers(0, 30, 5000)
    assert kendall_tau_b(x, y) == pytest.approx(stats.kendalltau(x, y).statistic, abs=1e-12)
    assert spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)


def brute_average_ranks(v: list[float]) -> list[float]:
    """Rank = values below + (values equal + 1) / 2, straight from the definition."""
    return [sum(w < x for w in v) + (sum(w == x for w in v) + 1) / 2 for x in v]


def brute_tau_b(x: list[float], y: list[float]) -> float:
    """τ-b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)) over every pair, by definition."""
    pairs = list(itertools.combinations(range(len(x)), 2))
    sign = [np.sign(x[i] - x[j]) * np.sign(y[i] - y[j]) for i, j in pairs]
    n0 = len(pairs)
    n1 = sum(x[i] == x[j] for i, j in pairs)
    n2 = sum(y[i] == y[j] for i, j in pairs)
    return float(sum(sign) / math.sqrt((n0 - n1) * (n0 - n2)))


def brute_spearman(x: list[float], y: list[float]) -> float:
    """Pearson correlation of the average ranks, written out."""
    rx, ry = brute_average_ranks(x), brute_average_ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx, vy = sum((a - mx) ** 2 for a in rx), sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy)


@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=2, max_size=30).filter(
        lambda p: len({x for x, _ in p}) > 1 and len({y for _, y in p}) > 1
    )
)
def test_correlations_match_their_definitions_with_ties(pairs):
    x, y = [float(p[0]) for p in pairs], [float(p[1]) for p in pairs]
    assert average_ranks(np.array(x)).tolist() == brute_average_ranks(x)
    assert kendall_tau_b(np.array(x), np.array(y)) == pytest.approx(brute_tau_b(x, y), abs=1e-12)
    assert spearman(np.array(x), np.array(y)) == pytest.approx(brute_spearman(x, y), abs=1e-12)


def test_correlations_textbook_values_with_ties():
    # x has one tie (1, 1), y two (2, 2 and 3, 3): n0 = 10, n1 = 1, n2 = 2; the 7 other pairs
    # are concordant → τ-b = 7 / √(9 · 8) = 0.82496; average ranks as below.
    x, y = np.array([1.0, 1.0, 2.0, 3.0, 4.0]), np.array([1.0, 2.0, 2.0, 3.0, 3.0])
    assert average_ranks(x).tolist() == [1.5, 1.5, 3, 4, 5]
    assert average_ranks(y).tolist() == [1, 2.5, 2.5, 4.5, 4.5]
    assert kendall_tau_b(x, y) == pytest.approx(7 / math.sqrt(72))
    # ρ = Σ(rx − 3)(ry − 3) / √(Σ(rx − 3)² Σ(ry − 3)²) = 8.25 / √(9.5 · 9) = 0.89223.
    assert spearman(x, y) == pytest.approx(8.25 / math.sqrt(85.5))
    assert kendall_tau_b(x, -y) == pytest.approx(-7 / math.sqrt(72))  # reversed order
    assert spearman(x, -y) == pytest.approx(-8.25 / math.sqrt(85.5))


@pytest.mark.parametrize(("x", "y"), [([1.0], [2.0]), ([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])])
def test_undefined_correlations_are_nan(x, y):
    assert math.isnan(kendall_tau_b(np.array(x), np.array(y)))
    assert math.isnan(spearman(np.array(x), np.array(y)))
