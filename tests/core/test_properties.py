"""Properties of rank_customers that hold for any table (hypothesis)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from hypothesis import assume, given
from hypothesis import strategies as st

from core.method.normalize import NORMALIZERS
from core.method.ranking import rank_customers
from core.method.scenario import MISSING_POLICIES, FactorSpec, Scenario

TOL = 1e-9

# Multiples of 1/8: exact in binary, realistic magnitudes, and plenty of ties.
cell = st.integers(-8000, 8000).map(lambda v: v / 8)
maybe_cell = st.one_of(cell, cell, cell, st.none())


@dataclass(frozen=True)
class Problem:
    frame: pd.DataFrame
    directions: tuple[str, ...]
    weights: tuple[int, ...]

    @property
    def columns(self) -> list[str]:
        return [f"f{j}" for j in range(len(self.directions))]

    def scenario(self, method="weighted_sum", missing="median", normalize=None) -> Scenario:
        normalize = normalize or ["minmax"] * len(self.columns)
        factors = tuple(
            FactorSpec(c, d, w, n)
            for c, d, w, n in zip(
                self.columns, self.directions, self.weights, normalize, strict=True
            )
        )
        return Scenario(id_column="id", factors=factors, method=method, missing=missing)

    def with_value(self, row: int, column: str, value: float) -> Problem:
        frame = self.frame.copy()
        frame.loc[row, column] = value
        return Problem(frame, self.directions, self.weights)


@st.composite
def problems(draw, with_missing: bool = True) -> Problem:
    m = draw(st.integers(2, 10))
    k = draw(st.integers(1, 4))
    values = cell if not with_missing else maybe_cell
    data: dict[str, pd.Series] = {"id": pd.Series([f"c{i:02d}" for i in range(m)], dtype=object)}
    for j in range(k):
        column = draw(
            st.lists(values, min_size=m, max_size=m).filter(lambda c: any(v is not None for v in c))
        )
        data[f"f{j}"] = pd.Series([np.nan if v is None else v for v in column], dtype="float64")
    directions = tuple(draw(st.lists(st.sampled_from(["benefit", "cost"]), min_size=k, max_size=k)))
    weights = tuple(
        draw(st.lists(st.integers(0, 10), min_size=k, max_size=k).filter(lambda w: sum(w) > 0))
    )
    return Problem(pd.DataFrame(data), directions, weights)


def scores(ranking) -> dict[str, float]:
    return dict(zip(ranking.table["customer_id"], ranking.table["score"], strict=True))


def assert_order_agrees(ranking, reference: dict[str, float]) -> None:
    """The ranking lists customers by the reference scores, highest first (near-ties aside)."""
    ordered = [reference[c] for c in ranking.table["customer_id"]]
    assert all(a >= b - TOL for a, b in itertools.pairwise(ordered))
    assert ranking.table["rank"].tolist() == list(range(1, len(ordered) + 1))


@given(problems(), st.data())
def test_raising_a_benefit_value_never_lowers_that_customers_score(problem, data):
    benefit = [
        c for c, d in zip(problem.columns, problem.directions, strict=True) if d == "benefit"
    ]
    assume(benefit)
    column = data.draw(st.sampled_from(benefit))
    present = problem.frame.index[problem.frame[column].notna()].tolist()
    row = data.draw(st.sampled_from(present))
    raised = problem.frame.loc[row, column] + data.draw(st.integers(1, 4000)) / 8
    customer = problem.frame.loc[row, "id"]
    for missing in MISSING_POLICIES:
        before = scores(rank_customers(problem.frame, problem.scenario(missing=missing)))
        after = scores(
            rank_customers(
                problem.with_value(row, column, raised).frame, problem.scenario(missing=missing)
            )
        )
        assert after[customer] >= before[customer] - TOL


@given(problems(), st.data())
def test_lowering_a_cost_value_never_lowers_that_customers_score(problem, data):
    cost = [c for c, d in zip(problem.columns, problem.directions, strict=True) if d == "cost"]
    assume(cost)
    column = data.draw(st.sampled_from(cost))
    present = problem.frame.index[problem.frame[column].notna()].tolist()
    row = data.draw(st.sampled_from(present))
    lowered = problem.frame.loc[row, column] - data.draw(st.integers(1, 4000)) / 8
    customer = problem.frame.loc[row, "id"]
    for missing in MISSING_POLICIES:
        before = scores(rank_customers(problem.frame, problem.scenario(missing=missing)))
        changed = problem.with_value(row, column, lowered).frame
        after = scores(rank_customers(changed, problem.scenario(missing=missing)))
        assert after[customer] >= before[customer] - TOL


@given(problems(), st.floats(1e-3, 1e3), st.sampled_from(MISSING_POLICIES), st.data())
def test_minmax_ranking_ignores_positive_rescaling(problem, factor, missing, data):
    column = data.draw(st.sampled_from(problem.columns))
    scaled = problem.frame.assign(**{column: problem.frame[column] * factor})
    spec = problem.scenario(missing=missing)
    before = rank_customers(problem.frame, spec)
    after = rank_customers(scaled, spec)
    reference = scores(before)
    assert scores(after).keys() == reference.keys()
    for customer, score in scores(after).items():
        assert abs(score - reference[customer]) <= TOL
    assert_order_agrees(after, reference)


@given(problems(), st.integers(-6, 6), st.sampled_from(MISSING_POLICIES))
def test_minmax_power_of_two_rescaling_is_exact(problem, power, missing):
    # Scaling by 2**k is exact in floating point, so the whole ranking must be identical.
    column = problem.columns[0]
    scaled = problem.frame.assign(**{column: problem.frame[column] * 2.0**power})
    spec = problem.scenario(missing=missing)
    before, after = rank_customers(problem.frame, spec), rank_customers(scaled, spec)
    cols = ["rank", "customer_id", "score", "tier", *before.contribution_columns]
    pd.testing.assert_frame_equal(before.table[cols], after.table[cols])


@given(
    problems(),
    st.sampled_from(["weighted_sum", "topsis"]),
    st.sampled_from(MISSING_POLICIES),
    st.data(),
)
def test_contributions_sum_to_score_and_scores_in_range(problem, method, missing, data):
    normalize = [data.draw(st.sampled_from(sorted(NORMALIZERS))) for _ in problem.columns]
    result = rank_customers(problem.frame, problem.scenario(method, missing, normalize))
    score = result.table["score"].to_numpy()
    contrib = result.table[result.contribution_columns].to_numpy().sum(axis=1)
    np.testing.assert_allclose(contrib, score, rtol=0, atol=TOL)
    assert ((score >= -TOL) & (score <= 100 + TOL)).all()
    assert len(result.table) + len(result.excluded) == len(problem.frame)


@given(
    problems(),
    st.sampled_from(["weighted_sum", "topsis"]),
    st.sampled_from(MISSING_POLICIES),
    st.sampled_from(sorted(NORMALIZERS)),
    st.randoms(use_true_random=False),
)
def test_shuffling_rows_changes_nothing(problem, method, missing, normalize, rnd):
    order = list(range(len(problem.frame)))
    rnd.shuffle(order)
    shuffled = problem.frame.iloc[order].reset_index(drop=True)
    spec = problem.scenario(method, missing, [normalize] * len(problem.columns))
    before, after = rank_customers(problem.frame, spec), rank_customers(shuffled, spec)
    reference = scores(before)
    assert scores(after).keys() == reference.keys()
    for customer, score in scores(after).items():
        assert abs(score - reference[customer]) <= TOL
    assert_order_agrees(after, reference)
    if method == "weighted_sum" and normalize in ("minmax", "percentile", "log"):
        # No row-order-dependent sums on this path: the ranking is identical.
        assert after.table["customer_id"].tolist() == before.table["customer_id"].tolist()
