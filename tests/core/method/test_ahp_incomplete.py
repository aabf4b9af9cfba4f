"""Incomplete AHP: Harker's completion, checked against full matrices, ahpy and exact weights."""

from __future__ import annotations

from itertools import combinations

import ahpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import InputError
from core.method.ahp import SAATY_SCALE, ahp_weights, matrix_from_upper
from core.method.ahp_incomplete import (
    complete_matrix,
    harker_matrix,
    has_cycle,
    incomplete_ahp,
    next_pairs,
    reference_pairs,
)

saaty_value = st.sampled_from(SAATY_SCALE)
LN9 = float(np.log(9))


@st.composite
def spanning_tree(draw, min_n=2, max_n=11) -> tuple[int, list[tuple[int, int]]]:
    """A random tree on n criteria: each criterion after the first (in a shuffled order) is
    linked to one placed before it, the pair in either orientation."""
    n = draw(st.integers(min_n, max_n))
    order = draw(st.permutations(range(n)))
    pairs = []
    for k in range(1, n):
        parent = order[draw(st.integers(0, k - 1))]
        pair = (order[k], parent) if draw(st.booleans()) else (parent, order[k])
        pairs.append(pair)
    return n, pairs


@st.composite
def linked_judgements(draw, min_n=2, max_n=11) -> tuple[int, dict[tuple[int, int], float]]:
    """Saaty-scale judgements on a spanning tree plus any extra pairs (cycles)."""
    n, tree = draw(spanning_tree(min_n, max_n))
    taken = {tuple(sorted(p)) for p in tree}
    rest = [p for p in combinations(range(n), 2) if p not in taken]
    extra = draw(st.lists(st.sampled_from(rest), unique=True)) if rest else []
    return n, {p: draw(saaty_value) for p in [*tree, *extra]}


@st.composite
def consistent_tree(draw, max_n=11) -> tuple[np.ndarray, dict[tuple[int, int], float]]:
    """Weights and the tree judgements ``w_i / w_j`` they imply, each ratio within 1/9 … 9."""
    n, tree = draw(spanning_tree(2, max_n))
    log_w = np.full(n, np.nan)
    log_w[tree[0][0]] = 0.0
    pending = list(tree)
    while pending:  # place each tree pair once one end is placed
        for pair in list(pending):
            i, j = pair
            step = draw(st.floats(-LN9, LN9, allow_nan=False))
            if not np.isnan(log_w[j]) and np.isnan(log_w[i]):
                log_w[i] = log_w[j] + step
            elif not np.isnan(log_w[i]) and np.isnan(log_w[j]):
                log_w[j] = log_w[i] - step
            else:
                continue
            pending.remove(pair)
    w = np.exp(log_w)
    return w / w.sum(), {(i, j): float(w[i] / w[j]) for i, j in tree}


def _as_ahpy(judgements: dict[tuple[int, int], float]) -> dict[tuple[str, str], float]:
    return {(f"c{i}", f"c{j}"): v for (i, j), v in judgements.items()}


def _ahpy_weights(n: int, judgements: dict[tuple[int, int], float]) -> np.ndarray:
    ref = ahpy.Compare("x", _as_ahpy(judgements), precision=10, tolerance=1e-8)
    return np.array([ref.local_weights[f"c{i}"] for i in range(n)])


# --- completion ------------------------------------------------------------------------


@settings(max_examples=40)
@given(st.integers(2, 11).flatmap(lambda n: st.tuples(st.just(n), st.data())))
def test_complete_judgements_are_reproduced(case):
    n, data = case
    full = {p: data.draw(saaty_value) for p in combinations(range(n), 2)}
    expected = matrix_from_upper(n, full)
    np.testing.assert_array_equal(complete_matrix(n, full), expected)
    np.testing.assert_allclose(incomplete_ahp(n, full).weights, ahp_weights(expected).weights)


@given(linked_judgements())
def test_the_completed_matrix_is_positive_reciprocal_and_keeps_every_judgement(case):
    n, judged = case
    a = complete_matrix(n, judged)
    assert a.shape == (n, n) and (a > 0).all() and np.isfinite(a).all()
    np.testing.assert_allclose(a * a.T, np.ones((n, n)))
    np.testing.assert_array_equal(np.diag(a), np.ones(n))
    for (i, j), v in judged.items():
        assert a[i, j] == v


@given(linked_judgements())
def test_harker_weights_are_the_eigenvector_of_harkers_matrix(case):
    """Harker's definition, checked directly: H w = λ w with H the zero-filled matrix."""
    n, judged = case
    result = incomplete_ahp(n, judged)
    h = harker_matrix(n, judged)
    np.testing.assert_allclose(h @ result.weights, result.lambda_max * result.weights, rtol=1e-8)
    assert result.weights.sum() == pytest.approx(1.0) and (result.weights > 0).all()


@given(consistent_tree())
def test_consistent_answers_on_a_spanning_set_give_the_exact_weights(case):
    w, judged = case
    n = len(w)
    result = incomplete_ahp(n, judged)
    np.testing.assert_allclose(result.weights, w, rtol=1e-9)
    assert result.cr == pytest.approx(0, abs=1e-9) and not result.worst_pairs
    assert not has_cycle(n, list(judged))


def test_harkers_matrix_puts_the_missing_count_on_the_diagonal():
    h = harker_matrix(3, {(0, 1): 3.0, (0, 2): 1 / 2})
    np.testing.assert_allclose(h, [[1, 3, 1 / 2], [1 / 3, 2, 0], [2, 0, 2]])


def test_judgements_that_leave_a_criterion_unlinked_are_refused():
    with pytest.raises(InputError, match=r"criteria \[2, 3\] are not linked to criterion 0"):
        incomplete_ahp(4, {(0, 1): 2.0, (2, 3): 5.0})
    with pytest.raises(InputError, match="outside Saaty"):
        incomplete_ahp(2, {(0, 1): 12.0})


def test_the_completed_pairs_are_never_advised_for_revision():
    judged = {(0, 1): 9.0, (1, 2): 9.0, (0, 2): 1 / 9, (0, 3): 2.0}
    result = incomplete_ahp(4, judged)
    assert not result.consistent
    assert {(p.i, p.j) for p in result.worst_pairs} <= set(judged)


# --- ahpy, which completes a missing comparison by minimising λmax ---------------------


@settings(max_examples=15)
@given(st.integers(3, 7).flatmap(lambda n: st.tuples(st.just(n), st.data())))
def test_agrees_with_ahpy_on_complete_matrices(case):
    n, data = case
    judged = {p: data.draw(saaty_value) for p in combinations(range(n), 2)}
    ours = incomplete_ahp(n, judged).weights
    np.testing.assert_allclose(ours, _ahpy_weights(n, judged), atol=1e-6)


# ahpy completes a matrix by minimising λmax one missing value at a time: on some trees of 5
# or 6 criteria that takes minutes (seen: 238 s for one tree of 6), so its trees stay small
@settings(max_examples=10)
@given(consistent_tree(max_n=4))
def test_agrees_with_ahpy_on_a_spanning_tree(case):
    w, judged = case
    n = len(w)
    np.testing.assert_allclose(incomplete_ahp(n, judged).weights, w, rtol=1e-9)
    np.testing.assert_allclose(_ahpy_weights(n, judged), w, atol=1e-4)


def test_agrees_with_ahpy_on_consistent_judgements_with_a_cycle_and_gaps():
    w = np.array([0.4, 0.3, 0.2, 0.1])
    pairs = [(0, 1), (1, 2), (0, 2), (2, 3)]  # a cycle 0-1-2, criterion 3 on a branch
    judged = {(i, j): float(w[i] / w[j]) for i, j in pairs}
    np.testing.assert_allclose(incomplete_ahp(4, judged).weights, w, rtol=1e-9)
    np.testing.assert_allclose(_ahpy_weights(4, judged), w, atol=1e-4)


# --- which pairs to ask ----------------------------------------------------------------


def test_reference_pairs_compare_every_other_criterion_with_the_reference():
    assert reference_pairs(4, 2) == [(2, 0), (2, 1), (2, 3)]
    assert not has_cycle(4, reference_pairs(4, 2))
    assert has_cycle(4, [*reference_pairs(4, 2), (0, 1)])


def test_next_pairs_ask_the_farthest_apart_then_the_heaviest_first():
    chain = [(0, 1), (1, 2), (2, 3)]  # 0 and 3 are three steps apart
    assert next_pairs(4, chain, [0.25] * 4, 1) == [(0, 3)]
    star = reference_pairs(4, 0)  # every other pair is two steps apart
    assert next_pairs(4, star, [0.1, 0.2, 0.3, 0.4], 2) == [(2, 3), (1, 3)]


def test_next_pairs_stop_when_every_pair_is_asked():
    asked = reference_pairs(3, 0)
    more = next_pairs(3, asked, [1 / 3] * 3, 5)
    assert more == [(1, 2)]
    assert next_pairs(3, [*asked, *more], [1 / 3] * 3, 1) == []
