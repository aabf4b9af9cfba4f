"""Normalisers: the formulas of METHOD.md §3 on hand-computed examples, constant columns, purity."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from core.method.normalize import (
    NORMALIZERS,
    constant_columns,
    log_minmax,
    minmax,
    percentile,
    zscore,
)

BENEFIT = np.array([False])
COST = np.array([True])


def col(*values: float) -> np.ndarray:
    return np.array(values, dtype=float)[:, None]


def test_minmax_benefit_and_cost_formulas():
    x = np.array([[10.0, 1.0], [20.0, 3.0], [40.0, 5.0]])
    n = minmax(x, np.array([False, True]))
    # benefit: (x − 10)/30; cost: (5 − x)/4
    np.testing.assert_allclose(n[:, 0], [0.0, 1 / 3, 1.0], rtol=0, atol=1e-12)
    np.testing.assert_allclose(n[:, 1], [1.0, 0.5, 0.0], rtol=0, atol=1e-12)


def test_minmax_negative_values():
    n = minmax(col(-4.0, 0.0, 4.0), BENEFIT)
    np.testing.assert_allclose(n[:, 0], [0.0, 0.5, 1.0], rtol=0, atol=1e-12)


def test_percentile_ties_share_their_mean_rank():
    # sorted: 1 (rank 1), 3 (rank 2), 5 and 5 (ranks 3 and 4 → 3.5); n = (rank − 1)/(4 − 1)
    n = percentile(col(5.0, 1.0, 5.0, 3.0), BENEFIT)
    np.testing.assert_allclose(n[:, 0], [2.5 / 3, 0.0, 2.5 / 3, 1 / 3], rtol=0, atol=1e-12)
    c = percentile(col(5.0, 1.0, 5.0, 3.0), COST)
    np.testing.assert_allclose(c[:, 0], [0.5 / 3, 1.0, 0.5 / 3, 2 / 3], rtol=0, atol=1e-12)


def test_percentile_only_order_matters():
    skewed = percentile(col(1.0, 10.0, 1_000_000.0), BENEFIT)
    np.testing.assert_allclose(skewed[:, 0], [0.0, 0.5, 1.0], rtol=0, atol=1e-12)


def test_zscore_without_clipping():
    # mean 2, std (ddof 0) √(2/3), so z = ∓√1.5 and n = (z + 3)/6
    n = zscore(col(1.0, 2.0, 3.0), BENEFIT)
    z = math.sqrt(1.5)
    np.testing.assert_allclose(n[:, 0], [(3 - z) / 6, 0.5, (3 + z) / 6], rtol=0, atol=1e-12)
    c = zscore(col(1.0, 2.0, 3.0), COST)
    np.testing.assert_allclose(c[:, 0], [(3 + z) / 6, 0.5, (3 - z) / 6], rtol=0, atol=1e-12)


def test_zscore_clips_at_three():
    # ten zeros and one 10: mean 10/11, std √1000/11, z(10) = √10 > 3 → clipped → n = 1;
    # z(0) = −1/√10 → n = (3 − 1/√10)/6
    x = col(*([0.0] * 10), 10.0)
    n = zscore(x, BENEFIT)[:, 0]
    assert n[-1] == 1.0
    np.testing.assert_allclose(n[:-1], (3 - 1 / math.sqrt(10)) / 6, rtol=0, atol=1e-12)
    low = zscore(-x, BENEFIT)[:, 0]
    assert low[-1] == 0.0


def test_log_then_minmax():
    # y = ln(1 + x − min): 0, ln 10, ln 100 = 2·ln 10 → 0, ½, 1
    np.testing.assert_allclose(
        log_minmax(col(0.0, 9.0, 99.0), BENEFIT)[:, 0], [0.0, 0.5, 1.0], rtol=0, atol=1e-12
    )
    # shifted to negative values: the same (the log is of x − min)
    np.testing.assert_allclose(
        log_minmax(col(-5.0, 4.0, 94.0), COST)[:, 0], [1.0, 0.5, 0.0], rtol=0, atol=1e-12
    )


@pytest.mark.parametrize("method", sorted(NORMALIZERS))
@pytest.mark.parametrize("value", [0.0, 0.1, 0.3, -7.25, 1e9])
@pytest.mark.parametrize("cost", [False, True])
def test_constant_column_is_one_for_everyone_without_warnings(method, value, cost):
    x = np.array([[value, 1.0]] * 3 + [[value, 2.0]] * 4)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        n = NORMALIZERS[method](x, np.array([cost, False]))
    assert n[:, 0].tolist() == [1.0] * 7


@pytest.mark.parametrize("method", sorted(NORMALIZERS))
def test_single_customer_is_one(method):
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        n = NORMALIZERS[method](np.array([[3.0, -2.0]]), np.array([False, True]))
    assert n.tolist() == [[1.0, 1.0]]


@pytest.mark.parametrize("method", sorted(NORMALIZERS))
def test_inputs_not_modified_and_output_in_unit_interval(method):
    x = np.array([[5.0, 1.0], [1.0, 7.0], [2.0, 7.0], [9.0, 3.0]])
    cost = np.array([False, True])
    before_x, before_cost = x.copy(), cost.copy()
    n = NORMALIZERS[method](x, cost)
    np.testing.assert_array_equal(x, before_x)
    np.testing.assert_array_equal(cost, before_cost)
    assert n is not x
    assert n.shape == x.shape
    assert ((n >= 0) & (n <= 1)).all()
    # 1 is best: the largest benefit value and the smallest cost value get the top mark
    assert n[3, 0] == n[:, 0].max()
    assert n[0, 1] == n[:, 1].max()


def test_constant_columns_mask():
    x = np.array([[1.0, 2.0, 0.1], [1.0, 3.0, 0.1]])
    assert constant_columns(x).tolist() == [True, False, True]


def test_registry_names():
    assert set(NORMALIZERS) == {"minmax", "percentile", "zscore", "log"}


EXTREME = np.array([[1e308, 5.0], [-1e308, 1e308], [1.7976931348623157e308, -1e308], [0.0, 2.0]])


@pytest.mark.parametrize("method", sorted(NORMALIZERS))
def test_values_at_the_edge_of_floating_point_normalise_without_overflow(method):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or invalid-value warning either
        n = NORMALIZERS[method](EXTREME, np.array([False, True]))
    assert np.isfinite(n).all() and (n >= 0).all() and (n <= 1).all()
    assert n[2, 0] == n[:, 0].max() and n[1, 0] == n[:, 0].min()  # order kept
    assert n[2, 1] == n[:, 1].max()  # cost: the lowest value is best


@pytest.mark.parametrize("method", ["minmax", "zscore"])
def test_scaling_huge_values_gives_the_numbers_of_the_ordinary_ones(method):
    x = np.array([[3.0], [7.0], [11.0], [-2.0]])
    assert np.array_equal(
        NORMALIZERS[method](x * 2.0**1000, BENEFIT), NORMALIZERS[method](x, BENEFIT)
    )


def test_log_of_a_span_that_overflows_equals_the_log_of_the_span():
    n = log_minmax(col(-1e308, 0.0, 1e308), BENEFIT)
    expected = np.log1p(np.array([0.0, 1e308, 2e307 * 10]))  # spans 0, 1e308, 2e308 → ln
    expected[2] = math.log(2.0) + math.log(0.5 + 1e308)
    np.testing.assert_allclose(n[:, 0], (expected - expected[0]) / (expected[2] - expected[0]))
