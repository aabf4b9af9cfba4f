"""AHP: published worked examples, ahpy as an independent implementation, validation, CSV."""

from __future__ import annotations

import math
from itertools import combinations

import ahpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import IngestError, InputError
from core.method.ahp import (
    SAATY_RI,
    SAATY_SCALE,
    AhpResult,
    PairAdvice,
    ahp_weights,
    combine_judges,
    matrix_from_upper,
    random_index,
    read_pairwise_csv,
    validate_pairwise,
)

# Saaty's drinks example (Saaty 2008, "Decision making with the analytic hierarchy process",
# as reproduced in the ahpy README): coffee, wine, tea, beer, soda, milk, water.
DRINKS = np.array(
    [
        [1, 9, 5, 2, 1, 1, 1 / 2],
        [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
        [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
        [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [1, 9, 4, 2, 1, 2, 1 / 2],
        [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
        [2, 9, 9, 3, 2, 3, 1],
    ]
)
# Wikipedia "AHP – leader example", criteria: experience, education, charisma, age.
LEADER = {(0, 1): 4, (0, 2): 3, (0, 3): 7, (1, 2): 1 / 3, (1, 3): 3, (2, 3): 5}
# Wikipedia "AHP – car example", criteria: cost, safety, style, capacity.
CAR = {(0, 1): 3, (0, 2): 7, (0, 3): 3, (1, 2): 9, (1, 3): 1, (2, 3): 1 / 7}

# The published CRs use other random indices: ahpy's 'saaty' table (Saaty 2005: RI(3) = 0.52,
# RI(4) = 0.89, RI(7) = 1.35) and Donegan–Dodd (RI(4) = 0.8286); CI = CR · RI is comparable.


def test_saaty_drinks_example_matches_published_weights_and_cr():
    r = ahp_weights(DRINKS)
    published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    np.testing.assert_allclose(r.weights, published, atol=5e-4)
    assert round(r.ci / 1.35, 3) == 0.022
    assert r.cr == pytest.approx(r.ci / 1.32)
    assert round(r.cr, 4) == 0.0223
    assert r.consistent


def test_leader_example_matches_published_weights_and_cr():
    r = ahp_weights(matrix_from_upper(4, LEADER))
    np.testing.assert_allclose(r.weights, [0.548, 0.127, 0.270, 0.056], atol=5e-4)
    assert round(r.ci / 0.89, 3) == 0.044
    assert round(r.cr, 4) == 0.0439


def test_car_example_matches_published_weights_and_cr():
    r = ahp_weights(matrix_from_upper(4, CAR))
    np.testing.assert_allclose(r.weights, [0.510, 0.234, 0.041, 0.215], atol=5e-4)
    assert round(r.ci / 0.8286, 3) == 0.080
    assert round(r.cr, 4) == 0.0738
    assert r.consistent


def test_two_criteria_by_hand():
    # a = [[1, 3], [1/3, 1]]: w ∝ (3, 1), λmax = 2 exactly, CI = CR = 0.
    r = ahp_weights(np.array([[1, 3], [1 / 3, 1]]))
    np.testing.assert_allclose(r.weights, [0.75, 0.25], atol=1e-12)
    assert r.lambda_max == pytest.approx(2.0)
    assert (r.ci, r.cr, r.consistent, r.worst_pairs) == (0.0, 0.0, True, ())


def test_single_criterion():
    r = ahp_weights(np.array([[1.0]]))
    assert r == AhpResult(r.weights, 1.0, 0.0, 0.0, True, ())
    assert r.weights.tolist() == [1.0]


def test_three_cycle_is_inconsistent_and_every_pair_is_named():
    # A beats B, B beats C, C beats A: the worst possible 3-cycle for these values.
    a = matrix_from_upper(3, {(0, 1): 2, (1, 2): 2, (0, 2): 1 / 4})
    r = ahp_weights(a)
    # Any 3×3 reciprocal matrix: λmax = 1 + δ^(1/3) + δ^(−1/3) with δ = a12·a23/a13 = 16.
    lam = 1 + (2 * 2 * 4) ** (1 / 3) + (1 / 2 * 1 / 2 * 1 / 4) ** (1 / 3)
    assert r.lambda_max == pytest.approx(lam)
    assert r.cr == pytest.approx((lam - 3) / 2 / 0.58)
    assert not r.consistent
    assert [(p.i, p.j) for p in r.worst_pairs] == [(0, 1), (0, 2), (1, 2)]


def test_worst_pairs_in_the_drinks_example():
    consistent = matrix_from_upper(3, {(0, 1): 2, (1, 2): 2, (0, 2): 4})
    assert ahp_weights(consistent).worst_pairs == ()
    drinks = ahp_weights(DRINKS)
    worst = drinks.worst_pairs[0]
    # Wine vs water: given 1/9, but w_wine/w_water ≈ 0.059 is already beyond the scale.
    assert (worst.i, worst.j, worst.given, worst.suggested) == (1, 6, 1 / 9, 1 / 9)
    assert not worst.actionable
    assert worst.deviation == pytest.approx(
        abs(math.log(DRINKS[1, 6] * drinks.weights[6] / drinks.weights[1]))
    )
    second = drinks.worst_pairs[1]
    assert (second.i, second.j, second.given, second.suggested) == (1, 3, 1 / 9, 1 / 6)
    assert second.actionable
    deviations = [p.deviation for p in drinks.worst_pairs]
    assert deviations == sorted(deviations, reverse=True)


def test_car_worst_pairs_and_suggestions():
    r = ahp_weights(matrix_from_upper(4, CAR))
    got = [(p.i, p.j, p.given, p.suggested) for p in r.worst_pairs[:3]]
    # cost vs style: given 7, w_cost/w_style = 0.510/0.0405 ≈ 12.6 → nearest scale value 9.
    assert got == [(0, 2, 7.0, 9.0), (1, 2, 9.0, 6.0), (0, 1, 3.0, 2.0)]
    w = r.weights
    assert r.worst_pairs[0].deviation == pytest.approx(abs(math.log(7 * w[2] / w[0])))


def test_random_index_table():
    assert SAATY_RI[:10] == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
    assert [random_index(n) for n in (1, 2, 3, 10, 11, 12, 15)] == [
        0.0, 0.0, 0.58, 1.49, 1.51, 1.48, 1.59,
    ]  # fmt: skip
    with pytest.raises(InputError, match="AHP needs between 1 and 15 criteria, got 16"):
        random_index(16)
    with pytest.raises(InputError, match="got 0"):
        random_index(0)


def test_saaty_scale_values():
    assert len(SAATY_SCALE) == 17
    assert SAATY_SCALE[0] == 1 / 9 and SAATY_SCALE[8] == 1.0 and SAATY_SCALE[-1] == 9.0


def _as_ahpy(a: np.ndarray) -> dict[tuple[str, str], float]:
    return {(f"c{i}", f"c{j}"): float(a[i, j]) for i, j in combinations(range(len(a)), 2)}


saaty_value = st.sampled_from(SAATY_SCALE)


@st.composite
def pairwise(draw, min_n=3, max_n=8):
    n = draw(st.integers(min_n, max_n))
    pairs = {(i, j): draw(saaty_value) for i, j in combinations(range(n), 2)}
    return matrix_from_upper(n, pairs)


@settings(max_examples=40)
@given(pairwise())
def test_agrees_with_ahpy(a):
    n = len(a)
    ref = ahpy.Compare("x", _as_ahpy(a), precision=10, random_index="saaty")
    ahpy_ri = {3: 0.52, 4: 0.89, 5: 1.11, 6: 1.25, 7: 1.35, 8: 1.40}[n]
    r = ahp_weights(a)
    np.testing.assert_allclose(r.weights, [ref.local_weights[f"c{i}"] for i in range(n)], atol=1e-6)
    assert r.ci == pytest.approx(ref.consistency_ratio * ahpy_ri, abs=1e-6)


@given(pairwise(min_n=1, max_n=9))
def test_weights_are_a_distribution(a):
    r = ahp_weights(a)
    assert (r.weights > 0).all()
    assert r.weights.sum() == pytest.approx(1.0)
    assert r.cr >= 0 and r.consistent == (r.cr < 0.10)


@given(st.lists(st.floats(1.0, 3.0), min_size=1, max_size=9))
def test_consistent_matrix_recovers_its_ratios(v):
    v = np.array(v)
    a = v[:, None] / v[None, :]
    r = ahp_weights(a)
    np.testing.assert_allclose(r.weights, v / v.sum(), atol=1e-9)
    assert r.cr == pytest.approx(0.0, abs=1e-9)
    assert r.worst_pairs == ()


@given(pairwise(), st.randoms(use_true_random=False))
def test_permuting_criteria_permutes_weights(a, rnd):
    perm = list(range(len(a)))
    rnd.shuffle(perm)
    r, rp = ahp_weights(a), ahp_weights(a[np.ix_(perm, perm)])
    np.testing.assert_allclose(rp.weights, r.weights[perm], atol=1e-9)
    assert rp.cr == pytest.approx(r.cr, abs=1e-9)


def test_result_weights_are_read_only():
    r = ahp_weights(DRINKS)
    with pytest.raises(ValueError):
        r.weights[0] = 1.0


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        (np.ones((2, 3)), "Pairwise matrix: must be square with one row and one column per "
         "criterion, got shape (2, 3)."),
        (np.ones((0, 0)), "got shape (0, 0)"),
        ([[1, 2], [0.5, 2]], "Pairwise matrix, row 2, column 2: the diagonal must be 1"),
        ([[1, 3], [0.5, 1]], "Pairwise matrix, row 1, column 2: 3 and its mirror row 2, "
         "column 1 = 0.5 are not reciprocal; the mirror should be 1/3."),
        ([[1, 0.25], [2, 1]], "mirror row 2, column 1 = 2 are not reciprocal; the mirror should "
         "be 4."),
        ([[1, 12], [1 / 12, 1]], "Pairwise matrix, row 1, column 2: 12 is outside Saaty's scale"),
        ([[1, -2], [-0.5, 1]], "Pairwise matrix, row 1, column 2: -2 is not a positive number"),
        ([[1, np.nan], [1, 1]], "row 1, column 2: nan is not a positive number"),
        ([["a", 1], [1, 1]], "Pairwise matrix: not a table of numbers"),
    ],
)  # fmt: skip
def test_validate_pairwise_names_the_cell(matrix, message):
    with pytest.raises(InputError) as err:
        validate_pairwise(matrix)
    assert message in str(err.value)


def test_validate_uses_names_and_returns_a_copy():
    a = np.array([[1.0, 3.0], [1 / 3, 1.0]])
    out = validate_pairwise(a, names=["利润", "Revenue"])
    out[0, 1] = 5
    assert a[0, 1] == 3.0
    with pytest.raises(InputError, match='row "利润", column "Revenue": 3 and its mirror'):
        validate_pairwise([[1, 3], [3, 1]], names=["利润", "Revenue"])
    with pytest.raises(InputError, match="2 rows but 1 criterion names"):
        validate_pairwise(a, names=["x"])


def test_validate_accepts_rounded_reciprocals_within_tolerance():
    validate_pairwise([[1, 3], [0.3333333, 1]])
    with pytest.raises(InputError, match="not reciprocal"):
        validate_pairwise([[1, 3], [0.333, 1]])


# --- matrix_from_upper and combine_judges ---------------------------------------------------


def test_matrix_from_upper_fills_mirror_and_diagonal():
    a = matrix_from_upper(3, {(0, 1): 3, (2, 0): 5, (1, 2): 1 / 2})
    expected = [[1, 3, 1 / 5], [1 / 3, 1, 1 / 2], [5, 2, 1]]
    np.testing.assert_allclose(a, expected, rtol=1e-15)


@pytest.mark.parametrize(
    ("n", "pairs", "message"),
    [
        (3, {(0, 1): 3, (1, 2): 2}, "Pairwise judgements: no judgement for pair(s) [(0, 2)]"),
        (2, {(0, 1): 3, (1, 0): 1 / 3}, "pair (1, 0) is given twice; keep one."),
        (2, {(0, 0): 3}, "pair (0, 0) is not two different criteria 0…1."),
        (2, {(0, 2): 3}, "pair (0, 2) is not two different criteria"),
        (2, {(0, 1): 0}, "Pairwise judgements, pair (0, 1): 0 is not a positive number"),
        (2, {(0, 1): "x"}, "pair (0, 1): 'x' is not a positive number"),
        (2, {(0, 1): 10}, "Pairwise judgements, pair (0, 1): 10 is outside Saaty's scale 1/9 … 9."),
        (0, {}, "need at least one criterion, got n = 0"),
    ],
)
def test_matrix_from_upper_errors(n, pairs, message):
    with pytest.raises(InputError) as err:
        matrix_from_upper(n, pairs)
    assert message in str(err.value)


def test_combine_judges_is_elementwise_geometric_mean():
    j1 = matrix_from_upper(3, {(0, 1): 2, (0, 2): 4, (1, 2): 3})
    j2 = matrix_from_upper(3, {(0, 1): 8, (0, 2): 1, (1, 2): 1 / 3})
    g = combine_judges([j1, j2])
    np.testing.assert_allclose(g[0], [1, 4, 2], rtol=1e-12)  # √(2·8), √(4·1)
    np.testing.assert_allclose(g[1, 2], 1.0, rtol=1e-12)  # √(3 · 1/3)
    np.testing.assert_allclose(g * g.T, np.ones((3, 3)), rtol=1e-12)
    np.testing.assert_allclose(combine_judges([j1]), j1)
    validate_pairwise(g)


def test_combine_judges_errors():
    with pytest.raises(InputError, match="no pairwise matrices given"):
        combine_judges([])
    with pytest.raises(InputError, match=r"Judge 2: matrix is 2×2 but judge 1 compared 3"):
        combine_judges([np.ones((3, 3)), np.ones((2, 2))])
    with pytest.raises(InputError, match=r"Judge 2: Pairwise matrix, row 1, column 2: 3 and"):
        combine_judges([np.ones((2, 2)), [[1, 3], [3, 1]]])


# --- CSV ----------------------------------------------------------------------------------


def test_read_csv_with_fractions_decimals_and_integers():
    text = ",Profit,Revenue,NPS\nProfit,1,3,5\nRevenue,1/3,1,2\nNPS,0.2,0.5,1\n"
    names, a = read_pairwise_csv(text.encode())
    assert names == ["Profit", "Revenue", "NPS"]
    np.testing.assert_allclose(a, [[1, 3, 5], [1 / 3, 1, 2], [0.2, 0.5, 1]])


def test_read_csv_upper_triangle_only_gb18030_and_path(tmp_path):
    text = "因素,利润,销售额,满意度\r\n利润,,3,5\r\n销售额,,,1／2\r\n满意度,,,\r\n"
    path = tmp_path / "ahp.csv"
    path.write_bytes(text.encode("gb18030"))
    names, a = read_pairwise_csv(path)
    assert names == ["利润", "销售额", "满意度"]
    np.testing.assert_allclose(a, [[1, 3, 5], [1 / 3, 1, 1 / 2], [1 / 5, 2, 1]])
    assert read_pairwise_csv(str(path))[0] == names


def test_read_csv_semicolon_bom_and_trailing_empty_cells():
    text = "\ufeff;A;B;\nA;1;4;\nB;0.25;1;\n\n"
    names, a = read_pairwise_csv(text.encode())
    assert names == ["A", "B"]
    np.testing.assert_allclose(a, [[1, 4], [0.25, 1]])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (",A,B\nA,1,abc\nB,,1\n", 'pairwise CSV, row "A", column "B": "abc" is not a positive '
         "number; write an integer, a decimal or a fraction like 1/3."),
        (",A,B\nA,1,1/0\nB,,1\n", 'row "A", column "B": "1/0" is not a positive number'),
        (",A,B\nA,1,-3\nB,,1\n", 'row "A", column "B": "-3" is not a positive number'),
        (",A,B\nB,1,3\nA,1/3,1\n", "the first column must list ['A', 'B'] in the header's "
         "order, got ['B', 'A']."),
        (",A,B\nA,1,3\n", "got ['A']"),
        (",A,B\nA,1,3,7\nB,1/3,1\n", 'row "A": expected 2 values, one per criterion, got 3.'),
        (",A,B\nA,1\nB,1/3,1\n", 'row "A": expected 2 values, one per criterion, got 1.'),
        (",A,,B\nA,1,,1\n", "criterion names in the header must be unique and non-empty."),
        (",A,A\nA,1,2\nA,1/2,1\n", "criterion names in the header must be unique"),
        (",A,B\nA,1,\nB,,1\n", 'row "A", column "B": empty, and so is its mirror; fill one'),
        (",A,B\nA,1,3\nB,1/2,1\n", 'pairwise CSV: Pairwise matrix, row "A", column "B": 3 and its '
         'mirror row "B", column "A" = 0.5 are not reciprocal; the mirror should be 1/3.'),
        (",A,B\nA,2,3\nB,1/3,1\n", 'row "A", column "A": the diagonal must be 1'),
    ],
)  # fmt: skip
def test_read_csv_errors_name_the_cell(text, message):
    with pytest.raises(InputError) as err:
        read_pairwise_csv(text.encode())
    assert message in str(err.value)


def test_read_csv_unreadable_inputs(tmp_path):
    with pytest.raises(IngestError, match=r"file 'missing\.csv': cannot be read"):
        read_pairwise_csv(tmp_path / "missing.csv")
    with pytest.raises(IngestError, match="needs a header row of criterion names"):
        read_pairwise_csv(b"A\n")
    with pytest.raises(IngestError, match="not UTF-8 or GB18030 text"):
        read_pairwise_csv(b"\xff\xfe\x00\x81\x00")


def test_pair_advice_actionable():
    assert PairAdvice(0, 1, 3.0, 2.0, 0.4).actionable
    assert not PairAdvice(0, 1, 1 / 9, 1 / 9, 0.6).actionable
