"""Tests for core.review.priority: warnings ordered by severity, then customer importance."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.review.periods import ReviewColumns, review_orders, review_snapshots
from core.review.priority import SEVERITY, ranked_warnings, warning_counts

ROOT = Path(__file__).resolve().parents[3]
COLUMNS = ReviewColumns("spend", "recency", "orders", "satisfaction", "complaints")
SCENARIO = Scenario("id", (FactorSpec("spend"),), tiers=TierSpec(labels=("Key", "Mid", "Low")))
NAMES = ["id", "spend", "recency", "orders", "satisfaction", "complaints"]
A = pd.DataFrame([
    ("K1", 1000.0, 5, 9, 4.0, 0), ("K2", 800.0, 5, 8, 4.5, 0), ("K3", 300.0, 10, 6, 4.0, 0),
    ("K4", 200.0, 10, 2, 4.0, 0), ("K5", 100.0, 20, 1, 4.0, 0),
], columns=NAMES)  # fmt: skip
B = pd.DataFrame([
    ("K1", 500.0, 5, 4, 4.0, 0), ("K2", 900.0, 5, 8, 3.8, 0), ("K3", 300.0, 120, 0, 4.0, 0),
    ("K4", 200.0, 10, 2, 4.0, 2), ("K6", 50.0, 3, 1, 4.0, 0),
], columns=NAMES)  # fmt: skip


def test_most_severe_first_then_the_more_important_customer() -> None:
    review = review_snapshots(A, B, SCENARIO, COLUMNS)
    ranked = ranked_warnings(review)
    got = ranked[["customer_id", "warning", "severity"]].values.tolist()
    assert got == [
        ["K1", "key_downgrade", "high"],  # the key customer, the highest score in A
        ["K3", "inactive", "high"],
        ["K1", "spend_drop", "medium"],
        ["K4", "complaints_up", "medium"],  # K4 scored more than K5 in A
        ["K5", "spend_drop", "medium"],
        ["K2", "satisfaction_drop", "low"],
    ]
    scores = review.a.table.set_index("customer_id")["score"]
    assert ranked["score"].tolist() == [scores[c] for c in ranked["customer_id"]]
    assert len(ranked) == len(review.warnings)


def test_counts_per_kind_most_severe_then_most_frequent() -> None:
    ranked = ranked_warnings(review_snapshots(A, B, SCENARIO, COLUMNS))
    counts = warning_counts(ranked)
    assert counts.values.tolist() == [
        ["inactive", "high", 1],
        ["key_downgrade", "high", 1],
        ["spend_drop", "medium", 2],
        ["complaints_up", "medium", 1],
        ["satisfaction_drop", "low", 1],
    ]


def test_the_sample_log_orders_every_warning() -> None:
    ranked = ranked_warnings(review_orders(ROOT / "data" / "sample_orders.csv"))
    levels = ranked["warning"].map(SEVERITY)
    assert levels.is_monotonic_decreasing
    for _, group in ranked.groupby(levels):
        assert group["score"].is_monotonic_decreasing
    assert warning_counts(ranked)["count"].sum() == len(ranked)
