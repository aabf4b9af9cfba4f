"""Consensus maths: Kendall's W (published examples, ties, scipy's Friedman), aggregation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from core.analysis.consensus import (
    average_rank_rows,
    consensus_weights,
    kendall_w,
    weight_distances,
    weight_spread,
)
from core.errors import InputError

# influentialpoints.com, "Coefficient of concordance", worked example I: four raters rank the
# strawberries of eight farms; S = 500, W = 500 / (504 · 16 / 12) = 0.744.
STRAWBERRIES = np.array(
    [
        [8, 4, 2, 3, 5, 1, 6, 7],
        [7, 3, 1, 4, 5, 2, 6, 8],
        [8, 2, 5, 6, 7, 1, 4, 3],
        [8, 3, 4, 2, 5, 1, 6, 7],
    ]
)


def test_kendall_w_published_example_without_ties() -> None:
    assert kendall_w(STRAWBERRIES) == pytest.approx(500 / 672)
    assert round(kendall_w(STRAWBERRIES), 3) == 0.744


def test_kendall_w_published_example_with_ties() -> None:
    # stats.stackexchange.com/posts/261206: two raters, x = [12, 2, 1, 12, 2] and
    # y = [1, 4, 7, 1, 0] ranked with average ranks; tie term 2 · (6 + 6 + 6) = 36,
    # W = (12 · 188.5 − 3 · 4 · 5 · 36) / (4 · 5 · 24 − 36) = 102 / 444 = 0.22973.
    ranks = average_rank_rows(np.array([[12, 2, 1, 12, 2], [1, 4, 7, 1, 0]]), descending=False)
    assert ranks.tolist() == [[4.5, 2.5, 1, 4.5, 2.5], [2.5, 4, 5, 2.5, 1]]
    assert kendall_w(ranks) == pytest.approx(102 / 444)
    assert round(kendall_w(ranks), 5) == 0.22973


def test_kendall_w_edges() -> None:
    assert kendall_w(np.array([[1, 2, 3], [1, 2, 3], [1, 2, 3]])) == 1.0
    assert kendall_w(np.array([[1, 2], [2, 1]])) == 0.0
    assert np.isnan(kendall_w(np.array([[1, 2, 3]])))  # one rater
    assert np.isnan(kendall_w(np.array([[2, 2], [1.5, 1.5]])))  # everyone ties everything


@settings(max_examples=60)
@given(arrays(np.int8, st.tuples(st.integers(2, 6), st.integers(3, 9)), elements=st.integers(0, 4)))
def test_kendall_w_is_friedmans_statistic_normalised(values: np.ndarray) -> None:
    """With ties, W = χ²_F / (m (n − 1)) where χ²_F is Friedman's tie-corrected statistic."""
    stats = pytest.importorskip("scipy.stats")
    ranks = average_rank_rows(values)
    m, n = ranks.shape
    if all(np.ptp(row) == 0 for row in ranks):
        assert np.isnan(kendall_w(ranks))
        return
    chi2 = stats.friedmanchisquare(*ranks.T).statistic
    assert kendall_w(ranks) == pytest.approx(chi2 / (m * (n - 1)), abs=1e-9)


def test_average_rank_rows_ranks_largest_first() -> None:
    assert average_rank_rows(np.array([[0.1, 0.5, 0.5, 0.2]])).tolist() == [[4, 1.5, 1.5, 3]]


@given(arrays(np.int8, st.tuples(st.integers(1, 4), st.integers(1, 8)), elements=st.integers(0, 3)))
def test_average_rank_rows_match_the_definition_per_row(values: np.ndarray) -> None:
    """Rank of v (largest first) = values above it + (values equal to it + 1) / 2."""
    expected = [[(row > v).sum() + ((row == v).sum() + 1) / 2 for v in row] for row in values]
    assert average_rank_rows(values).tolist() == expected
    ascending = [[(row < v).sum() + ((row == v).sum() + 1) / 2 for v in row] for row in values]
    assert average_rank_rows(values, descending=False).tolist() == ascending


def test_average_rank_rows_leave_a_missing_value_unranked() -> None:
    ranks = average_rank_rows(np.array([[3.0, np.nan, 1.0, 3.0]]))
    assert np.isnan(ranks[0, 1]) and ranks[0, [0, 2, 3]].tolist() == [1.5, 3, 1.5]


def test_consensus_mean_is_normalised_rows_averaged() -> None:
    w = np.array([[2.0, 2.0, 0.0], [1.0, 0.0, 3.0]])  # rows → (.5, .5, 0) and (.25, 0, .75)
    assert consensus_weights(w, "mean").tolist() == pytest.approx([0.375, 0.25, 0.375])
    assert consensus_weights(w, "mean").sum() == pytest.approx(1.0)


def test_consensus_median_and_geometric() -> None:
    w = np.array([[1.0, 1.0], [1.0, 3.0], [1.0, 1.0]])  # (.5,.5) (.25,.75) (.5,.5)
    assert consensus_weights(w, "median").tolist() == pytest.approx([0.5, 0.5])
    g = np.array([0.5 * 0.25 * 0.5, 0.5 * 0.75 * 0.5]) ** (1 / 3)
    assert consensus_weights(w, "geometric").tolist() == pytest.approx((g / g.sum()).tolist())


def test_consensus_errors_name_the_problem() -> None:
    with pytest.raises(InputError, match="consensus method 'mode' is unknown"):
        consensus_weights(np.ones((2, 2)), "mode")
    with pytest.raises(InputError, match="use the mean or the median"):
        consensus_weights(np.array([[1.0, 0.0], [0.0, 1.0]]), "geometric")


def test_distances_and_spread() -> None:
    w = np.array([[1.0, 0.0], [0.0, 1.0]])
    c = consensus_weights(w)
    assert weight_distances(w, c).tolist() == [0.5, 0.5]
    assert weight_distances(np.array([[3.0, 3.0]]), c).tolist() == [0.0]
    spread = weight_spread(w, ["a", "b"])
    assert spread.to_dict("records")[0] == {
        "factor": "a",
        "mean": 0.5,
        "median": 0.5,
        "std": 0.5,
        "min": 0.0,
        "max": 1.0,
        "iqr": 0.5,
    }
