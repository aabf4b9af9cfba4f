"""core.analysis.sensitivity: rescoring matches the ranking, Monte Carlo limits and properties,
sweeps."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import core.analysis.sensitivity as sens
from core.analysis.sensitivity import (
    dirichlet_weights,
    factor_matrix,
    monte_carlo,
    ranks_of,
    robust_top,
    scores,
    sorted_percentiles,
    sweep_weights,
    weight_sweep,
)
from core.errors import InputError
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.method.scenario_mapping import default_scenario

ZH = Path(__file__).resolve().parents[3] / "data" / "sample_customers_zh.csv"


@pytest.fixture(scope="module")
def sample():
    frame = read_table(ZH).frame
    return frame, default_scenario(detect_mapping(frame))


@pytest.fixture(scope="module")
def sample_fm(sample):
    frame, scenario = sample
    return factor_matrix(frame, rank_customers(frame, scenario))


@pytest.mark.parametrize("method", ["weighted_sum", "topsis"])
@pytest.mark.parametrize("missing", ["median", "worst", "skip"])
def test_rescoring_at_current_weights_reproduces_the_ranking(sample, method, missing):
    frame, scenario = sample
    ranking = rank_customers(frame, replace(scenario, method=method, missing=missing))
    fm = factor_matrix(frame, ranking)
    assert (fm.present is not None) == (missing == "skip")  # the sample has gaps
    s = scores(fm, fm.weights[None, :])
    by_rank = np.argsort(fm.rank)
    np.testing.assert_allclose(s[0, by_rank], ranking.table["score"], atol=1e-9)
    np.testing.assert_array_equal(ranks_of(s)[0], fm.rank)


def test_excluded_rows_are_left_out():
    frame = pd.DataFrame({"id": ["b", "a", "a", None], "f": [1.0, 2.0, 3.0, 4.0]})
    ranking = rank_customers(frame, Scenario("id", (FactorSpec("f"),)))
    fm = factor_matrix(frame, ranking)
    assert fm.customer_id.tolist() == ["a", "b"]  # ID order
    assert fm.rank.tolist() == [1, 2]


@pytest.mark.parametrize("kappa", [math.inf, 1e15])
def test_infinite_concentration_gives_the_deterministic_ranks(sample_fm, kappa):
    out = monte_carlo(sample_fm, draws=40, kappa=kappa, seed=3)
    assert out["rank"].tolist() == list(range(1, 501))
    for column in ("median_rank", "rank_p5", "rank_p95"):
        np.testing.assert_array_equal(out[column], out["rank"])
    # Share tiers 20/30/50 of 500 customers: the top tier is ranks 1–100.
    assert out["p_top_tier"].tolist() == [1.0] * 100 + [0.0] * 400
    assert out["p_top_n"].tolist() == [1.0] * 20 + [0.0] * 480


def test_intervals_and_probabilities_are_consistent(sample_fm):
    out = monte_carlo(sample_fm, draws=300, kappa=20, seed=1)
    assert list(out.columns) == [
        "customer_id", "rank", "median_rank", "rank_p5", "rank_p95", "p_top_tier", "p_top_n"
    ]  # fmt: skip
    assert out["p_top_tier"].between(0, 1).all() and out["p_top_n"].between(0, 1).all()
    assert (out["rank_p5"] <= out["median_rank"]).all()
    assert (out["median_rank"] <= out["rank_p95"]).all()
    assert (out["rank_p95"] - out["rank_p5"]).max() > 0  # κ = 20 does move customers
    # Each draw has exactly 100 top-tier customers and 20 in the top 20.
    assert out["p_top_tier"].sum() == pytest.approx(100)
    assert out["p_top_n"].sum() == pytest.approx(20)


def test_dominant_customer_always_stays_on_top():
    frame = pd.DataFrame(
        {
            "id": ["lead", *(f"c{i:02d}" for i in range(20))],
            "f1": [100.0, *np.linspace(0, 50, 20)],
            "f2": [100.0, *np.linspace(50, 0, 20)],
            "f3": [100.0, *np.linspace(10, 30, 20)],
        }
    )
    scenario = Scenario("id", (FactorSpec("f1"), FactorSpec("f2"), FactorSpec("f3", weight=0)))
    fm = factor_matrix(frame, rank_customers(frame, scenario))
    out = monte_carlo(fm, draws=500, kappa=1.0, seed=0)
    lead = out.iloc[0]
    assert (lead["customer_id"], lead["rank"], lead["p_top_tier"]) == ("lead", 1, 1.0)
    assert lead["rank_p95"] == 1.0
    assert out["p_top_tier"].iloc[1:].max() < 1.0


def test_seeded_draws_are_reproducible(sample_fm):
    a = monte_carlo(sample_fm, draws=100, kappa=30, seed=42)
    b = monte_carlo(sample_fm, draws=100, kappa=30, seed=42)
    c = monte_carlo(sample_fm, draws=100, kappa=30, seed=43)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_progress_is_reported_per_chunk(sample_fm, monkeypatch):
    monkeypatch.setattr(sens, "WORKERS", 1)
    monkeypatch.setattr(sens, "CHUNK_CELLS", 500 * 30)  # 30 draws per chunk
    seen: list[float] = []
    chunked = monte_carlo(sample_fm, draws=100, kappa=30, seed=5, progress=seen.append)
    assert seen == [0.3, 0.6, 0.9, 1.0]  # the share of draws done, chunk by chunk
    monkeypatch.setattr(sens, "CHUNK_CELLS", 10**9)
    pd.testing.assert_frame_equal(chunked, monte_carlo(sample_fm, draws=100, kappa=30, seed=5))


@pytest.mark.parametrize("workers", [2, 3, 8])
def test_threads_do_not_change_the_result(sample_fm, monkeypatch, workers):
    monkeypatch.setattr(sens, "WORKERS", 1)
    alone = monte_carlo(sample_fm, draws=90, kappa=20, seed=9)
    monkeypatch.setattr(sens, "WORKERS", workers)
    pd.testing.assert_frame_equal(alone, monte_carlo(sample_fm, draws=90, kappa=20, seed=9))


def test_robust_top(sample_fm):
    out = monte_carlo(sample_fm, draws=200, kappa=50, seed=2)
    robust = robust_top(out)
    assert (robust["p_top_n"] >= 0.9).all()
    assert len(robust) == (out["p_top_n"] >= 0.9).sum()
    assert robust["p_top_n"].is_monotonic_decreasing


def test_ties_go_to_the_lower_id_in_every_draw():
    frame = pd.DataFrame({"id": ["z", "b2", "b1"], "f1": [0.0, 5.0, 5.0], "f2": [0.0, 3.0, 3.0]})
    scenario = Scenario("id", (FactorSpec("f1"), FactorSpec("f2")))
    fm = factor_matrix(frame, rank_customers(frame, scenario))
    out = monte_carlo(fm, draws=50, kappa=2.0, seed=0)
    assert out["customer_id"].tolist() == ["b1", "b2", "z"]
    assert out["rank_p95"].tolist() == [1.0, 2.0, 3.0]


def test_threshold_tiers_use_the_score():
    frame = pd.DataFrame({"id": list("abcd"), "f1": [10.0, 8.0, 2.0, 0.0], "f2": [1, 2, 3, 4.0]})
    tiers = TierSpec(scheme="threshold", labels=("top", "rest"), thresholds=(60.0,))
    scenario = Scenario("id", (FactorSpec("f1", weight=3), FactorSpec("f2")), tiers=tiers)
    ranking = rank_customers(frame, scenario)
    out = monte_carlo(factor_matrix(frame, ranking), draws=10, kappa=math.inf)
    # Scores 75 + 0, 60 + 8.33, 15 + 16.67, 0 + 25: a and b reach 60.
    assert out["p_top_tier"].tolist() == [1.0, 1.0, 0.0, 0.0]
    assert ranking.table["tier"].tolist() == ["top", "top", "rest", "rest"]


def test_dirichlet_weights():
    w = np.array([0.5, 0.3, 0.2, 0.0, 0.0])
    free = np.array([True, True, True, True, False])
    draws = dirichlet_weights(w, 200.0, 20_000, seed=0, free=free)
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)
    np.testing.assert_allclose(draws.mean(axis=0)[:3], w[:3], atol=2e-3)
    assert (draws[:, 4] == 0).all()  # no values: never weighted
    assert 0 < draws[:, 3].mean() < 0.001  # zero weight: α = ALPHA_FLOOR, mean 0.05/200.05
    np.testing.assert_allclose(draws.var(axis=0)[0], 0.5 * 0.5 / 201, rtol=0.05)
    assert (dirichlet_weights(w, math.inf, 3, seed=0) == w).all()


@pytest.mark.parametrize(("draws", "kappa"), [(0, 10.0), (10, 0.0), (10, -1.0)])
def test_bad_monte_carlo_settings(sample_fm, draws, kappa):
    with pytest.raises(InputError, match=r"draws \(.*\) must be ≥ 1 and κ \(.*\) > 0"):
        monte_carlo(sample_fm, draws=draws, kappa=kappa)


def test_too_many_cells_is_refused(sample_fm, monkeypatch):
    monkeypatch.setattr(sens, "MAX_RANK_CELLS", 10_000)
    with pytest.raises(InputError, match=r"500 customers × 100 draws .* use at most 20 draws"):
        monte_carlo(sample_fm, draws=100)


def test_sweep_weights_keep_the_others_in_proportion():
    grid = np.array([0.0, 0.5, 1.0])
    out = sweep_weights(np.array([0.2, 0.6, 0.2]), 1, grid)
    np.testing.assert_allclose(out, [[0.5, 0.0, 0.5], [0.25, 0.5, 0.25], [0.0, 1.0, 0.0]])
    np.testing.assert_allclose(sweep_weights(np.array([1.0, 0, 0]), 0, grid)[0], [0, 0.5, 0.5])


def test_sweep_finds_the_switch_point():
    # Min–max scores: A = w1, B = 1 − w1, C = 0.45. At w1 = 0.7 the order is A, C, B. Going
    # down, A keeps the top tier (1 of 3) to w1 = 0.5 (A ties B and wins on ID); at 0.4 it is
    # last. C drops to last and B rises to second at w1 = 0.5. Going up nothing changes.
    frame = pd.DataFrame({"id": ["A", "B", "C"], "f1": [1.0, 0.0, 0.45], "f2": [0.0, 1.0, 0.45]})
    tiers = TierSpec(labels=("top", "mid", "low"), shares=(1 / 3, 1 / 3, 1 / 3))
    scenario = Scenario("id", (FactorSpec("f1", weight=7), FactorSpec("f2", weight=3)), tiers=tiers)
    fm = factor_matrix(frame, rank_customers(frame, scenario))
    sweep = weight_sweep(fm, "f1", points=11, top_n=3)
    assert sweep.column == "f1" and sweep.weight == pytest.approx(0.7)
    s = sweep.switches.set_index("customer_id")
    assert s.index.tolist() == ["A", "C", "B"]
    assert s["rank"].tolist() == [1, 2, 3] and s["tier"].tolist() == ["top", "mid", "low"]
    assert s["below"].tolist() == pytest.approx([0.4, 0.5, 0.5])
    assert s["tier_below"].tolist() == ["low", "low", "mid"]
    assert s["above"].isna().all() and s["tier_above"].isna().all()
    grid = sweep.grid
    assert len(grid) == 33
    assert list(grid.columns) == ["weight", "customer_id", "rank", "score", "tier"]
    at_04 = grid[np.isclose(grid["weight"], 0.4)].set_index("customer_id")
    assert at_04["rank"].to_dict() == {"A": 3, "B": 1, "C": 2}
    assert at_04.loc["B", "score"] == pytest.approx(60.0)


def test_sweep_errors(sample_fm):
    with pytest.raises(InputError, match="'nope' is not a factor"):
        weight_sweep(sample_fm, "nope")


@settings(max_examples=50)
@given(
    arrays(np.int32, st.tuples(st.integers(1, 40), st.integers(1, 6)), elements=st.integers(1, 99)),
    st.lists(st.floats(0, 100), min_size=1, max_size=4),
)
def test_sorted_percentiles_equal_numpys(values: np.ndarray, qs: list[float]) -> None:
    expected = np.percentile(values, qs, axis=0)
    for got, want in zip(sorted_percentiles(values, tuple(qs)), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-9)


@settings(max_examples=60)
@given(
    arrays(np.float64, st.integers(1, 30), elements=st.floats(0, 100)),
    st.lists(st.floats(0, 100), max_size=3),
    st.lists(st.integers(1, 30), min_size=1, max_size=3),
)
def test_is_top_agrees_with_the_tier_index(scores, cuts, sizes) -> None:
    ranks = np.arange(1, scores.size + 1)
    bounds = np.cumsum(np.asarray(sizes, dtype=float))
    bounds[-1] = scores.size
    for rule in (
        sens.TierRule(cuts=np.sort(np.asarray(cuts, dtype=float))[::-1]),
        sens.TierRule(bounds=bounds),
    ):
        np.testing.assert_array_equal(rule.is_top(ranks, scores), rule.index(ranks, scores) == 0)
