"""Objective weights: hand-worked examples, pymcdm and scipy as references, properties."""

from __future__ import annotations

import math

import numpy as np
import pymcdm.weights as ref
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.stats import entropy as shannon

from core.errors import InputError
from core.method.normalize import minmax
from core.method.objective import (
    ObjectiveWeights,
    blend,
    critic_weights,
    entropy_weights,
    normalize_weights,
)

# Three customers, a benefit factor and a cost factor.
X = np.array([[1.0, 10.0], [2.0, 30.0], [3.0, 25.0]])
COST = np.array([False, True])
METHODS = [entropy_weights, critic_weights]


def test_entropy_by_hand():
    # x′ = [0, ½, 1] → p = [0, ⅓, ⅔];  cost column x′ = (30 − x)/20 = [1, 0, ¼] → p = [⅘, 0, ⅕].
    e1 = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3)) / math.log(3)
    e2 = -(0.8 * math.log(0.8) + 0.2 * math.log(0.2)) / math.log(3)
    d = np.array([1 - e1, 1 - e2])
    out = entropy_weights(X, COST)
    np.testing.assert_allclose(out.weights, d / d.sum(), rtol=1e-12)
    np.testing.assert_allclose(out.weights, [0.435815, 0.564185], atol=1e-6)
    assert out.warnings == ()


def test_critic_by_hand():
    # x′₁ = [0, ½, 1], x′₂ = [1, 0, ¼]: σ₁ = ½, σ₂ = √(13/48), r₁₂ = −(3/8)/√(½·13/24).
    # With two factors Σ_k(1 − r_jk) = 1 − r₁₂ for both, so w_j ∝ σ_j.
    s1, s2 = 0.5, math.sqrt(13 / 48)
    out = critic_weights(X, COST)
    np.testing.assert_allclose(out.weights, [s1 / (s1 + s2), s2 / (s1 + s2)], rtol=1e-12)
    np.testing.assert_allclose(out.weights, [0.489996, 0.510004], atol=1e-6)
    assert out.warnings == ()


def test_critic_three_factors_by_hand():
    # x′ columns a = [0, 1, 0, 1], b = [0, 1, 1, 0], c = [1, 0, 0, 1] (all benefit, already 0–1):
    # σ = √(1/3) each; r_ab = 0, r_ac = 0, r_bc = −1 → Σ_k(1 − r_jk) = [2, 3, 3] (r_jj = 1).
    x = np.array([[0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 0, 1]], dtype=float)
    out = critic_weights(x, np.zeros(3, bool))
    np.testing.assert_allclose(out.weights, [2 / 8, 3 / 8, 3 / 8], rtol=1e-12)


def _positive(xn: np.ndarray) -> np.ndarray:
    # pymcdm's entropy needs strictly positive values and sets e_j = 0 when some p_ij = 0,
    # where we take the limit 0·ln 0 = 0. A tiny positive stand-in for 0 gives that limit.
    return np.where(xn == 0, 1e-300, xn)


matrices = hnp.arrays(
    np.float64,
    st.tuples(st.integers(3, 12), st.integers(2, 6)),
    elements=st.integers(-50, 50).map(float),
)


@given(matrices, st.data())
def test_entropy_matches_pymcdm_and_scipy(x, data):
    cost = data.draw(hnp.arrays(bool, x.shape[1]))
    assume(np.ptp(x, axis=0).all())
    xn = minmax(x, cost)
    ours = entropy_weights(x, cost).weights
    np.testing.assert_allclose(ours, ref.entropy_weights(_positive(xn)), rtol=0, atol=1e-9)
    e = np.array([shannon(col) for col in xn.T]) / math.log(x.shape[0])
    np.testing.assert_allclose(ours, (1 - e) / (1 - e).sum(), rtol=0, atol=1e-12)


@given(matrices, st.data())
def test_critic_matches_pymcdm(x, data):
    cost = data.draw(hnp.arrays(bool, x.shape[1]))
    assume(np.ptp(x, axis=0).all())
    xn = minmax(x, cost)
    # pymcdm min–max normalises again (benefit): x′ is already 0–1, so that is the identity.
    assume(ref.critic_weights(xn).sum() > 0.5)  # skip its 0/0 when all factors are collinear
    np.testing.assert_allclose(
        critic_weights(x, cost).weights, ref.critic_weights(xn), rtol=0, atol=1e-9
    )


@pytest.mark.parametrize("method", METHODS)
def test_constant_column_gets_zero_weight_and_leaves_the_rest_alone(method):
    x = np.column_stack([X[:, 0], [7.0, 7.0, 7.0], X[:, 1]])
    out = method(x, np.array([False, False, True]), names=["销售额", "地区", "投诉次数"])
    assert out.weights[1] == 0.0
    np.testing.assert_allclose(out.weights[[0, 2]], method(X, COST).weights, rtol=1e-12)
    assert out.warnings == (
        'Factor "地区" has the same value for every customer, so it carries no information '
        "and gets weight 0.",
    )
    assert np.isfinite(out.weights).all()


@pytest.mark.parametrize("method", METHODS)
def test_constant_column_warning_without_names(method):
    x = np.column_stack([[5.0, 5.0, 5.0], X])
    assert method(x, np.array([True, False, True])).warnings == (
        "Factor column 1 has the same value for every customer, so it carries no information "
        "and gets weight 0.",
    )


@pytest.mark.parametrize(
    ("method", "label"), [(entropy_weights, "Entropy"), (critic_weights, "CRITIC")]
)
def test_all_constant_is_an_error(method, label):
    with pytest.raises(InputError) as err:
        method(np.ones((4, 2)), np.zeros(2, bool))
    assert str(err.value) == (
        f"{label} weights: every factor has the same value for all customers, so the data "
        "cannot say which matters more; use more customers or set the weights by hand."
    )
    with pytest.raises(InputError, match="every factor has the same value"):
        method(np.array([[1.0, 2.0]]), np.zeros(2, bool))  # one customer


def test_critic_single_informative_factor_gets_all_weight():
    x = np.column_stack([[1.0, 2.0, 4.0], [3.0, 3.0, 3.0]])
    out = critic_weights(x, np.zeros(2, bool))
    assert out.weights.tolist() == [1.0, 0.0]
    assert len(out.warnings) == 1


def test_critic_perfectly_correlated_factors_fall_back_to_spread():
    # Identical after min–max (the second is an affine copy, the third a flipped cost copy).
    x = np.column_stack([[1.0, 2.0, 4.0], [10.0, 20.0, 40.0], [-1.0, -2.0, -4.0]])
    out = critic_weights(x, np.array([False, False, True]), names=["a", "b", "c"])
    np.testing.assert_allclose(out.weights, [1 / 3, 1 / 3, 1 / 3], rtol=1e-12)
    assert out.warnings == (
        'CRITIC weights: "a", "b", "c" are perfectly correlated, so CRITIC cannot tell them '
        "apart; their weights follow their standard deviations instead.",
    )


def test_two_customers():
    x = np.array([[1.0, 5.0], [2.0, 3.0]])
    assert entropy_weights(x, np.zeros(2, bool)).weights.tolist() == [0.5, 0.5]
    # x′ = [0, 1] and [1, 0]: r = −1, so both factors conflict fully.
    assert critic_weights(x, np.zeros(2, bool)).weights.tolist() == [0.5, 0.5]


@pytest.mark.parametrize("method", METHODS)
def test_inputs_are_not_modified_and_result_is_read_only(method):
    x, cost = X.copy(), COST.copy()
    out = method(x, cost)
    np.testing.assert_array_equal(x, X)
    np.testing.assert_array_equal(cost, COST)
    assert isinstance(out, ObjectiveWeights)
    with pytest.raises(ValueError):
        out.weights[0] = 1.0


@pytest.mark.parametrize(
    ("method", "label"), [(entropy_weights, "Entropy"), (critic_weights, "CRITIC")]
)
@pytest.mark.parametrize(
    ("x", "cost", "names", "message"),
    [
        (np.array([[1.0, np.nan], [2.0, 3.0]]), [0, 0], ["a", "b"],
         'weights: factor "b" has missing or infinite values; fill or drop them before '
         "computing weights."),
        (np.array([[np.inf, 1.0], [2.0, 3.0]]), [0, 0], None, "factor column 1 has missing"),
        (X, [0, 0, 1], None, "weights: 2 factor columns but 3 directions; give one direction"),
        (X, COST, ["a"], "weights: 2 factor columns but 1 names."),
        (np.array([1.0, 2.0]), [0], None, "expected a table of customers × factors, got (2,)."),
    ],
)  # fmt: skip
def test_input_errors(method, label, x, cost, names, message):
    with pytest.raises(InputError) as err:
        method(x, np.array(cost, bool), names)
    assert str(err.value).startswith(label)
    assert message in str(err.value)


# --- properties ----------------------------------------------------------------------------

distinct_columns = hnp.arrays(
    np.float64,
    st.tuples(st.integers(2, 15), st.integers(1, 6)),
    elements=st.integers(0, 1000).map(float),
)


@pytest.mark.parametrize("method", METHODS)
@given(x=distinct_columns, data=st.data())
def test_weights_are_a_distribution(method, x, data):
    cost = data.draw(hnp.arrays(bool, x.shape[1]))
    assume(np.ptp(x, axis=0).any())
    w = method(x, cost).weights
    assert (w >= 0).all()
    assert w.sum() == pytest.approx(1.0, abs=1e-12)
    assert (w[np.ptp(x, axis=0) == 0] == 0).all()


@pytest.mark.parametrize("method", METHODS)
@given(x=distinct_columns, data=st.data())
def test_permuting_factors_permutes_weights(method, x, data):
    cost = data.draw(hnp.arrays(bool, x.shape[1]))
    perm = data.draw(st.permutations(range(x.shape[1])))
    assume(np.ptp(x, axis=0).any())
    np.testing.assert_allclose(
        method(x[:, perm], cost[perm]).weights, method(x, cost).weights[perm], atol=1e-9
    )


@pytest.mark.parametrize("method", METHODS)
@given(x=distinct_columns, data=st.data())
def test_scaling_a_benefit_column_leaves_weights_unchanged(method, x, data):
    cost = data.draw(hnp.arrays(bool, x.shape[1]))
    j = data.draw(st.integers(0, x.shape[1] - 1))
    c = data.draw(st.floats(0.01, 1000.0))
    assume(np.ptp(x, axis=0).any())
    cost[j] = False
    scaled = x.copy()
    scaled[:, j] *= c
    np.testing.assert_allclose(method(scaled, cost).weights, method(x, cost).weights, atol=1e-9)


# --- blend and normalize_weights -----------------------------------------------------------


def test_blend():
    s, o = np.array([2.0, 1.0, 1.0]), np.array([0.1, 0.3, 0.6])
    np.testing.assert_allclose(blend(s, o, 0.5), [0.3, 0.275, 0.425])
    np.testing.assert_allclose(blend(s, o, 1), [0.5, 0.25, 0.25])
    np.testing.assert_allclose(blend(s, o, 0.0), o)
    assert blend([1, 1], [3, 1], np.float32(0.5)).tolist() == [0.625, 0.375]


@pytest.mark.parametrize("alpha", [-0.1, 1.5, float("nan"), "0.5", None, True])
def test_blend_rejects_alpha_outside_0_1(alpha):
    with pytest.raises(InputError, match="share of subjective weights must be between 0 and 1"):
        blend([1, 1], [1, 1], alpha)


def test_blend_rejects_different_lengths():
    with pytest.raises(InputError, match="Blend: 2 subjective weights but 3 objective weights"):
        blend([1, 1], [1, 1, 1], 0.5)


def test_normalize_weights():
    w = [30, 50, 20]
    out = normalize_weights(w)
    np.testing.assert_allclose(out, [0.3, 0.5, 0.2])
    assert w == [30, 50, 20]
    assert normalize_weights([0, 2]).tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    ("w", "message"),
    [
        ([0, 0], "Weights: all weights are zero; give at least one factor a weight > 0."),
        ([], "Weights: all weights are zero"),
        ([1, -2], "Weights: weight 2 is -2; every weight must be a number ≥ 0."),
        ([1, float("nan")], "Weights: weight 2 is nan"),
        (["a", 1], "Weights: ['a', 1] is not a list of numbers."),
    ],
)
def test_normalize_weights_errors(w, message):
    with pytest.raises(InputError) as err:
        normalize_weights(w)
    assert message in str(err.value)


@pytest.mark.parametrize("method", [entropy_weights, critic_weights])
def test_values_at_the_edge_of_floating_point_give_finite_weights(method):
    x = np.array([[1e308, 1.0], [-1e308, 3.0], [1.7976931348623157e308, 2.0], [0.0, 5.0]])
    w = method(x, np.array([False, False])).weights
    assert np.isfinite(w).all() and w.sum() == pytest.approx(1.0) and (w > 0).all()
