"""core.compare: rank correlations against scipy, overlap, migration, movers, slope data."""

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

from core.compare import (
    _strict_inversions,
    compare_rankings,
    kendall_tau_b,
    spearman,
)
from core.ingest import read_table
from core.mapping import default_scenario, detect_mapping
from core.ranking import rank_customers
from core.scenario import FactorSpec, Scenario, TierSpec

ZH = Path(__file__).resolve().parents[2] / "data" / "sample_customers_zh.csv"
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


@given(st.lists(st.integers(0, 6), max_size=40))
def test_strict_inversions_by_brute_force(values):
    v = np.array(values, dtype=np.int64)
    expected = sum(1 for i, j in itertools.combinations(range(len(v)), 2) if v[i] > v[j])
    assert _strict_inversions(v) == expected


@pytest.mark.parametrize(("x", "y"), [([1.0], [2.0]), ([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])])
def test_undefined_correlations_are_nan(x, y):
    assert math.isnan(kendall_tau_b(np.array(x), np.array(y)))
    assert math.isnan(spearman(np.array(x), np.array(y)))
