"""Grouping schemes: share tiers, thresholds, ABC, value × potential, and the tier summary."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from core.method.tiers import (
    QUADRANT_LABELS,
    abc_classes,
    quadrant_tiers,
    share_tiers,
    threshold_tiers,
    tier_summary,
)

LABELS = ("关键客户", "重点客户", "普通客户")
NAN = np.nan


def tier_counts(m: int, shares=(0.2, 0.3, 0.5)) -> list[int]:
    tiers = share_tiers(np.arange(1, m + 1), shares, LABELS)
    counts = Counter(tiers.tolist())
    return [counts.get(label, 0) for label in LABELS]


def test_share_tiers_on_500_customers():
    tiers = share_tiers(np.arange(1, 501), (0.2, 0.3, 0.5), LABELS)
    assert tier_counts(500) == [100, 150, 250]
    assert tiers[99] == "关键客户" and tiers[100] == "重点客户"  # ranks 100 and 101
    assert tiers[249] == "重点客户" and tiers[250] == "普通客户"  # ranks 250 and 251


@pytest.mark.parametrize(
    ("m", "expected"),
    [
        (10, [2, 3, 5]),
        (7, [1, 3, 3]),  # bounds round(1.4, 3.5, 7) = 1, 4, 7
        (3, [1, 1, 1]),  # bounds round(0.6, 1.5, 3) = 1, 2, 3
        (2, [0, 1, 1]),  # bounds round(0.4, 1.0, 2) = 0, 1, 2
        (8, [2, 2, 4]),  # bounds round(1.6, 4.0, 8) = 2, 4, 8
    ],
)
def test_share_tiers_small_counts_round(m, expected):
    assert tier_counts(m) == expected
    assert sum(expected) == m


def test_share_tiers_follow_rank_not_row_order():
    tiers = share_tiers(np.array([3, 1, 2, 5, 4]), (0.4, 0.6), ("A", "B"))
    assert tiers.tolist() == ["B", "A", "A", "B", "B"]


def test_threshold_tiers_boundaries():
    scores = np.array([70.0, 69.99, 40.0, 39.9, 100.0, 0.0])
    expected = ["关键客户", "重点客户", "重点客户", "普通客户", "关键客户", "普通客户"]
    assert threshold_tiers(scores, (70, 40), LABELS).tolist() == expected
    # thresholds given ascending mean the same
    assert threshold_tiers(scores, (40, 70), LABELS).tolist() == expected


def test_abc_customer_crossing_80_percent_is_a():
    # sorted 50, 40, 5, 3, 2 (total 100); share before each: 0, .5, .9, .95, .98
    values = np.array([5.0, 50.0, 2.0, 40.0, 3.0])
    assert abc_classes(values).tolist() == ["B", "A", "C", "A", "C"]


def test_abc_exactly_80_before_is_b():
    # 50, 30, 10, 6, 4: the 10 starts at exactly 80 % → B; 4 starts at 96 % → C
    assert abc_classes(np.array([50.0, 30.0, 10.0, 6.0, 4.0])).tolist() == list("AABBC")


def test_abc_negative_and_missing_are_c():
    values = np.array([100.0, -5.0, NAN, 0.0])
    assert abc_classes(values).tolist() == ["A", "C", "C", "C"]


def test_abc_custom_cuts_and_labels():
    values = np.array([60.0, 25.0, 10.0, 5.0])
    classes = abc_classes(values, cuts=(0.5, 0.9), labels=("金", "银", "铜"))
    assert classes.tolist() == ["金", "银", "银", "铜"]


def test_abc_input_not_modified():
    values = np.array([3.0, NAN, -1.0])
    abc_classes(values)
    assert np.isnan(values[1]) and values[2] == -1.0


def test_quadrants_around_medians():
    # value median 25 (of 10..40), potential median 2.5 (of 4, 1, 3, 2); missing counts as low
    value = np.array([10.0, 20.0, 30.0, 40.0, NAN])
    potential = np.array([4.0, 1.0, 3.0, 2.0, NAN])
    labels = QUADRANT_LABELS["en"]
    result = quadrant_tiers(value, potential, labels).tolist()
    assert result == [
        "High potential",
        "Low efficiency",
        "Strategic",
        "Basic",
        "Low efficiency",
    ]


def test_quadrants_explicit_cuts_at_cut_is_high():
    value = np.array([10.0, 20.0, 30.0])
    potential = np.array([5.0, 5.0, 4.0])
    result = quadrant_tiers(value, potential, QUADRANT_LABELS["zh"], value_cut=20, potential_cut=5)
    assert result.tolist() == ["高潜力型", "战略型", "基础型"]


def test_tier_summary_counts_shares_sums():
    table = pd.DataFrame(
        {
            "tier": ["A", "A", "C", "C", "C"],
            "score": [90.0, 80.0, 30.0, 20.0, 10.0],
            "revenue": [500.0, 300.0, 100.0, NAN, 100.0],
            "profit": [50.0, 20.0, 10.0, 10.0, 10.0],
        }
    )
    summary = tier_summary(table, ("A", "B", "C"), revenue="revenue", profit="profit")
    assert summary["tier"].tolist() == ["A", "B", "C"]
    assert summary["customers"].tolist() == [2, 0, 3]
    assert summary["customer_share"].tolist() == [0.4, 0.0, 0.6]
    assert summary["revenue"].tolist() == [800.0, 0.0, 200.0]
    assert summary["revenue_share"].tolist() == [0.8, 0.0, 0.2]
    assert summary["profit"].tolist() == [70.0, 0.0, 30.0]
    assert summary["profit_share"].tolist() == [0.7, 0.0, 0.3]
    assert summary["mean_score"].iloc[0] == 85.0 and summary["mean_score"].iloc[2] == 20.0
    assert np.isnan(summary["mean_score"].iloc[1])
    assert summary["customers"].sum() == len(table)
    assert summary["revenue"].sum() == table["revenue"].sum()
    assert summary["customer_share"].sum() == pytest.approx(1.0)


def test_tier_summary_without_money_columns():
    table = pd.DataFrame({"tier": ["B"], "score": [50.0]})
    summary = tier_summary(table, ("A", "B"))
    assert list(summary.columns) == ["tier", "customers", "customer_share", "mean_score"]
    assert summary["customers"].tolist() == [0, 1]
    assert list(table.columns) == ["tier", "score"]


def test_tier_shares_of_revenue_near_the_largest_float_stay_finite():
    table = pd.DataFrame(
        {"tier": ["A", "A", "C"], "score": [90.0, 80.0, 30.0], "revenue": [1e308, 1e308, 1e308]}
    )
    summary = tier_summary(table, ("A", "C"), revenue="revenue")
    assert summary["revenue_share"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert summary["revenue"].tolist() == [np.inf, 1e308]  # a sum beyond the largest float
