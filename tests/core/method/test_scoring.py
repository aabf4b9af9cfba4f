"""Scoring on bare matrices: missing-value fill, weighted sum, TOPSIS (against pymcdm), order."""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from core.method.scoring import fill_missing, normalize_columns, rank_order, topsis, weighted_sum

NAN = np.nan


def pymcdm_topsis(x: np.ndarray, cost: np.ndarray, w: np.ndarray) -> np.ndarray:
    types = np.where(cost, -1, 1)
    method = TOPSIS(normalization_function=normalizations.vector_normalization)
    # validation=False: pymcdm warns about dominated customers, which are normal here
    return 100.0 * method(x, w, types, validation=False)


# ── fill_missing ──────────────────────────────────────────────────────────────────────────


def test_fill_median_and_worst():
    x = np.array([[1.0, 10.0], [NAN, 30.0], [5.0, NAN], [4.0, 20.0]])
    cost = np.array([False, True])
    median = fill_missing(x, cost, "median")
    assert median.tolist() == [[1.0, 10.0], [4.0, 30.0], [5.0, 20.0], [4.0, 20.0]]
    worst = fill_missing(x, cost, "worst")
    # benefit → column min, cost → column max
    assert worst.tolist() == [[1.0, 10.0], [1.0, 30.0], [5.0, 30.0], [4.0, 20.0]]
    skip = fill_missing(x, cost, "skip")
    assert skip.tolist() == median.tolist()
    assert np.isnan(x[1, 0]) and np.isnan(x[2, 1])  # input untouched


def test_fill_nothing_missing_returns_equal_values():
    x = np.array([[1.0], [2.0]])
    assert fill_missing(x, np.array([False]), "worst").tolist() == [[1.0], [2.0]]


# ── normalize_columns ─────────────────────────────────────────────────────────────────────


def test_normalize_columns_per_column_method():
    x = np.array([[0.0, 1.0, 0.0], [9.0, 3.0, 5.0], [99.0, 2.0, 10.0]])
    cost = np.array([False, False, True])
    n = normalize_columns(x, cost, ["log", "percentile", "minmax"])
    expected = [[0.0, 0.0, 1.0], [0.5, 1.0, 0.5], [1.0, 0.5, 0.0]]
    np.testing.assert_allclose(n, expected, rtol=0, atol=1e-12)


# ── weighted sum ──────────────────────────────────────────────────────────────────────────


def test_weighted_sum_formula_and_contributions():
    n = np.array([[1.0, 0.0], [0.5, 1.0], [0.0, 0.25]])
    w = np.array([2 / 3, 1 / 3])
    score, contrib = weighted_sum(n, w)
    np.testing.assert_allclose(score, [200 / 3, 100 / 3 + 100 / 3, 25 / 3], rtol=0, atol=1e-9)
    np.testing.assert_allclose(
        contrib, [[200 / 3, 0.0], [100 / 3, 100 / 3], [0.0, 25 / 3]], rtol=0, atol=1e-9
    )
    np.testing.assert_allclose(contrib.sum(axis=1), score, rtol=0, atol=1e-9)


def test_weighted_sum_skip_renormalises_per_customer():
    n = np.array([[0.2, 0.8], [0.5, 0.5], [1.0, 0.0]])
    present = np.array([[True, True], [False, True], [True, False]])
    score, contrib = weighted_sum(n, np.array([0.75, 0.25]), present)
    # row 1 has only factor 2 (weight → 1); row 2 only factor 1 (weight → 1)
    np.testing.assert_allclose(score, [15 + 20, 50.0, 100.0], rtol=0, atol=1e-9)
    np.testing.assert_allclose(contrib, [[15, 20], [0, 50], [100, 0]], rtol=0, atol=1e-9)


def test_weighted_sum_skip_with_no_weighted_factor_scores_zero():
    present = np.array([[False, True], [True, True]])
    score, contrib = weighted_sum(np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([1.0, 0.0]), present)
    assert score.tolist() == [0.0, 100.0]
    assert contrib.tolist() == [[0.0, 0.0], [100.0, 0.0]]


# ── TOPSIS ────────────────────────────────────────────────────────────────────────────────


def test_topsis_hand_example():
    # Two customers, one benefit column [3, 4]: r = [0.6, 0.8]; ideal 0.8, anti-ideal 0.6
    score, contrib = topsis(np.array([[3.0], [4.0]]), np.array([False]), np.array([1.0]))
    np.testing.assert_allclose(score, [0.0, 100.0], rtol=0, atol=1e-9)
    np.testing.assert_allclose(contrib[:, 0], score, rtol=0, atol=1e-9)


def test_topsis_small_mixed_example():
    x = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])
    cost = np.array([True, False])
    score, contrib = topsis(x, cost, np.array([0.5, 0.5]))
    np.testing.assert_allclose(score, pymcdm_topsis(x, cost, [0.5, 0.5]), rtol=0, atol=1e-9)
    np.testing.assert_allclose(contrib.sum(axis=1), score, rtol=0, atol=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_topsis_matches_pymcdm_on_random_matrices(seed):
    rng = np.random.default_rng(seed)
    m, k = int(rng.integers(2, 40)), int(rng.integers(1, 7))
    x = rng.uniform(0.1, 1000.0, size=(m, k)) * rng.choice([1.0, 100.0], size=k)
    cost = rng.random(k) < 0.5
    w = rng.dirichlet(np.ones(k))
    score, contrib = topsis(x, cost, w)
    np.testing.assert_allclose(score, pymcdm_topsis(x, cost, w), rtol=0, atol=1e-9)
    np.testing.assert_allclose(contrib.sum(axis=1), score, rtol=0, atol=1e-9)


def test_topsis_all_constant_scores_fifty():
    x = np.array([[2.0, 5.0], [2.0, 5.0], [2.0, 5.0]])
    score, contrib = topsis(x, np.array([False, True]), np.array([0.25, 0.75]))
    assert score.tolist() == [50.0, 50.0, 50.0]
    np.testing.assert_allclose(contrib, [[12.5, 37.5]] * 3, rtol=0, atol=1e-12)


def test_topsis_skip_contributions_sum_to_score():
    x = np.array([[1.0, 2.0, 7.0], [4.0, 2.0, 1.0], [3.0, 8.0, 2.0], [2.0, 5.0, 3.0]])
    present = np.array([[True, False, True], [True, True, True], [False, True, True], [1, 1, 0]])
    w = np.array([0.5, 0.3, 0.2])
    score, contrib = topsis(x, np.array([False, True, False]), w, present.astype(bool))
    assert ((score >= 0) & (score <= 100)).all()
    np.testing.assert_allclose(contrib.sum(axis=1), score, rtol=0, atol=1e-9)
    # a customer with every factor present is scored exactly as without 'skip'
    full, _ = topsis(x, np.array([False, True, False]), w)
    assert score[1] == pytest.approx(full[1], abs=1e-9)


def test_topsis_skip_customer_without_weighted_factor():
    # Customer b has only a zero-weight factor: no weighted information, score 0 like the
    # weighted sum, and its contributions (all 0) still add up to it.
    x = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 2.0]])
    present = np.array([[True, False], [False, True], [True, True]])
    score, contrib = topsis(x, np.array([False, False]), np.array([1.0, 0.0]), present)
    np.testing.assert_allclose(score, [0.0, 0.0, 100.0], rtol=0, atol=1e-9)
    np.testing.assert_allclose(contrib.sum(axis=1), score, rtol=0, atol=1e-9)


# ── order ─────────────────────────────────────────────────────────────────────────────────


def test_rank_order_highest_first_ties_by_id():
    score = np.array([50.0, 70.0, 50.0, 90.0])
    codes = np.array([2, 0, 1, 3])
    assert rank_order(score, codes).tolist() == [3, 1, 2, 0]


def test_median_fill_and_topsis_stay_finite_at_the_edge_of_floating_point():
    huge = [1e308, 1.7976931348623157e308, np.nan, -1e308, 1.5e308]
    x = np.column_stack([huge, [1.0, 2.0, 3.0, 4.0, 5.0]])
    filled = fill_missing(x, np.array([False, False]), "median")
    assert filled[2, 0] == 1.25e308  # the mean of 1e308 and 1.5e308, whose sum overflows
    score, contributions = topsis(filled, np.array([False, False]), np.array([0.5, 0.5]))
    assert np.isfinite(score).all() and np.isfinite(contributions).all()
    np.testing.assert_allclose(contributions.sum(axis=1), score, atol=1e-9)
