"""core.review.periods: hand-built snapshots trigger each warning; KPIs; a review of the sample
log."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.errors import InputError
from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.orders.log import aggregate_orders
from core.review.periods import (
    ReviewColumns,
    WarningRules,
    detect_review_columns,
    review_orders,
    review_snapshots,
)

ROOT = Path(__file__).resolve().parents[3]
ORDERS = ROOT / "data" / "sample_orders.csv"
COLUMNS = ReviewColumns("spend", "recency", "orders", "satisfaction", "complaints")
SCENARIO = Scenario("id", (FactorSpec("spend"),), tiers=TierSpec(labels=("Key", "Mid", "Low")))


def _snapshot(rows: list[tuple]) -> pd.DataFrame:
    names = ["id", "spend", "recency", "orders", "satisfaction", "complaints"]
    return pd.DataFrame(rows, columns=names)


A = _snapshot([
    ("K1", 1000.0, 5, 9, 4.0, 0), ("K2", 800.0, 5, 8, 4.5, 0), ("K3", 300.0, 10, 6, 4.0, 0),
    ("K4", 200.0, 10, 2, 4.0, 0), ("K5", 100.0, 20, 1, 4.0, 0),
])  # fmt: skip
B = _snapshot([
    ("K1", 500.0, 5, 4, 4.0, 0), ("K2", 900.0, 5, 8, 3.8, 0), ("K3", 300.0, 120, 0, 4.0, 0),
    ("K4", 200.0, 10, 2, 4.0, 2), ("K6", 50.0, 3, 1, 4.0, 0),
])  # fmt: skip


def test_each_warning_fires_with_its_reason() -> None:
    review = review_snapshots(A, B, SCENARIO, COLUMNS)
    got = review.warnings[["customer_id", "warning", "reason"]].values.tolist()
    assert got == [
        ["K1", "key_downgrade", "the customer moved down from the Key tier to the Mid tier"],
        ["K1", "spend_drop", "spend fell 50 % (1,000 → 500); limit 30 %"],
        ["K2", "satisfaction_drop", "satisfaction fell from 4.5 to 3.8 (limit 0.5)"],
        [
            "K3",
            "inactive",
            "no order for 120 days (limit 90) after 6 orders in the previous period",
        ],
        ["K4", "complaints_up", "complaints rose from 0 to 2"],
        ["K5", "spend_drop", "spend fell 100 % (100 → 0); limit 30 %"],
    ]
    assert review.new_customers == ("K6",)
    assert review.lost_customers == ("K3", "K5")  # K3 placed no order in B


def test_thresholds_are_configurable() -> None:
    rules = WarningRules(spend_drop=0.6, inactive_days=200, satisfaction_drop=1.0,
                         complaints_up=3, key_downgrade=False)  # fmt: skip
    review = review_snapshots(A, B, SCENARIO, COLUMNS, rules)
    assert review.warnings[["customer_id", "warning"]].values.tolist() == [["K5", "spend_drop"]]


def test_kpis_migration_and_movers() -> None:
    review = review_snapshots(A, B, SCENARIO, COLUMNS)
    kpis = review.kpis.set_index("kpi")
    assert kpis.loc["customers", ["period_a", "period_b"]].tolist() == [5, 5]
    assert kpis.loc["active", ["period_a", "period_b"]].tolist() == [5, 4]
    assert kpis.loc["revenue", "change"] == pytest.approx(1950.0 - 2400.0)
    assert kpis.loc["top20_revenue_share", "period_a"] == pytest.approx(1000 / 2400)
    assert kpis.loc["churned", "period_b"] == 2
    assert kpis.loc["retention_rate", "period_b"] == pytest.approx(3 / 5)
    assert review.migration.loc["Key", "Mid"] == 1 and review.migration.loc["Mid", "Key"] == 1
    assert review.migration.loc["(new)", "Low"] == 1
    assert review.migration.loc["Low", "(not ranked)"] == 1
    movers = review.movers.set_index("customer_id")
    assert movers.loc["K2", ["rank_a", "rank_b", "change"]].tolist() == [2, 1, 1]


def test_detects_signals_from_catalog_headers() -> None:
    frame = pd.DataFrame({"客户编号": ["a"], "销售额": [1.0], "满意度": [4.0], "投诉次数": [1.0]})
    assert detect_review_columns(frame) == ReviewColumns(
        spend="销售额", satisfaction="满意度", complaints="投诉次数"
    )


def test_review_of_the_sample_log() -> None:
    review = review_orders(ORDERS, 180, engine="duckdb")
    a_report, b_report = review.reports
    assert (str(a_report.as_of), str(b_report.as_of)) == ("2024-07-04", "2024-12-31")
    assert a_report.count("future") > 0  # period B's lines, after A's end
    features = aggregate_orders(ORDERS, period_days=180).features.set_index("customer_id")
    first = features["first_order"]
    assert set(review.new_customers) == set(first.index[first > "2024-07-04"])
    lost = set(review.lost_customers)
    assert all(features.loc[c, "orders_current"] == 0 for c in lost)
    assert set(review.warnings["warning"]) == {"spend_drop", "inactive", "key_downgrade"}
    assert review.kpis.set_index("kpi").loc["customers", "period_b"] == 500


def test_log_shorter_than_two_periods() -> None:
    with pytest.raises(InputError, match="shorter than two periods of 900 days"):
        review_orders(ORDERS, 900)


def test_each_warning_reason_is_also_given_in_chinese() -> None:
    review = review_snapshots(A, B, SCENARIO, COLUMNS)
    assert review.warnings["reason_zh"].tolist() == [
        "该客户从「Key」降为「Mid」",
        "消费下降 50%（1,000 → 500）；阈值 30%",
        "满意度从 4.5 降至 3.8（阈值 0.5）",
        "已 120 天未下单（阈值 90 天），上一周期曾下单 6 次",
        "投诉次数从 0 增至 2",
        "消费下降 100%（100 → 0）；阈值 30%",
    ]


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_a_period_over_the_limit_is_refused_naming_the_limit(engine: str) -> None:
    with pytest.raises(InputError, match="period length 99999999 days is over the limit of 3650"):
        review_orders(ORDERS, 99_999_999, engine=engine)
