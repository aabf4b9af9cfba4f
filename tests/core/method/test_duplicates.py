"""Repeated customer IDs (core.method.duplicates): finding them, each policy, name conflicts,
the sum rules per kind of column, row numbers, and the policy as applied by rank_customers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.analysis.sensitivity import filled_matrix
from core.errors import InputError, ScenarioError
from core.i18n import localize
from core.ingest.read import read_table
from core.method.duplicates import (
    DUPLICATE_POLICIES,
    apply_duplicate_policy,
    combine_rule,
    find_duplicate_ids,
)
from core.method.ranking import rank_customers, ranked_input
from core.method.scenario import FactorSpec, Scenario

NAN = np.nan
NaT = pd.NaT


def customers() -> pd.DataFrame:
    """C1 three times (rows 2, 4, 6; names differ only in case and spaces), C2 twice with two
    different names (rows 3, 7), C3 once, one row without an ID."""
    return pd.DataFrame(
        {
            "id": pd.Series(["C1", "C2", "C1 ", "C3", "C1", "C2", None], dtype=object),
            "name": ["Acme Ltd", "Blue", "acme  ltd", "Cyan", None, "Green", "x"],
            "revenue": [100.0, 50.0, 20.0, 70.0, NAN, 5.0, 1.0],
            "orders": [3, 1, 2, 4, 1, 1, 1],
            "satisfaction": [0.8, 0.5, 0.6, 0.9, NAN, 0.7, 0.1],
            "last_order_date": pd.to_datetime(
                ["2024-01-01", "2024-02-01", "2024-03-05", "2024-01-10", NaT, "2023-12-01", NaT]
            ),
            "first_order_date": pd.to_datetime(
                ["2020-05-01", "2021-01-01", "2019-03-01", "2022-01-01", NaT, "2018-06-01", NaT]
            ),
            "region": ["N", "S", "E", "W", "E", "N", "S"],
        }
    )


COLUMNS = ["revenue", "orders", "satisfaction", "last_order_date", "first_order_date"]


def test_find_duplicate_ids_names_rows_and_conflicts() -> None:
    found = find_duplicate_ids(customers(), "id", "name")
    assert found.ids == ("C1", "C2")
    assert dict(found.rows) == {"C1": (2, 4, 6), "C2": (3, 7)}
    assert found.extra_rows == 3
    # "Acme Ltd" and "acme  ltd" are one name; a missing name is no conflict
    assert found.conflicts == ("C2",)
    assert dict(found.names) == {"C2": ("Blue", "Green")}
    assert find_duplicate_ids(customers(), "id").names == {}


def test_no_repeats_is_falsy_and_leaves_the_frame_alone() -> None:
    frame = customers().iloc[[0, 1, 3]]
    assert not find_duplicate_ids(frame, "id", "name")
    result = apply_duplicate_policy(frame, "id", "sum", columns=COLUMNS)
    assert result.frame is frame
    assert result.excluded.empty and result.warnings == ()


def test_rows_follow_the_sheet_index() -> None:
    ingest = read_table(b"id,revenue\nA1,10\n,\nA2,20\nA1,5\n", name="blank.csv")
    assert dict(find_duplicate_ids(ingest.frame, "id").rows) == {"A1": (2, 5)}


def test_first_keeps_each_ids_first_row() -> None:
    result = apply_duplicate_policy(customers(), "id", "first", columns=COLUMNS, name_column="name")
    assert result.frame.index.tolist() == [2, 3, 5, 8]  # sheet rows of C1, C2, C3, no-ID row
    assert result.frame["revenue"].tolist()[:3] == [100.0, 50.0, 70.0]
    assert result.excluded["row"].tolist() == [4, 6, 7]
    assert result.excluded["customer_id"].tolist() == ["C1 ", "C1", "C2"]
    assert result.excluded["reason"].tolist() == [
        "duplicate customer ID 'C1' (first seen in row 2); only the first row is ranked",
        "duplicate customer ID 'C1' (first seen in row 2); only the first row is ranked",
        "duplicate customer ID 'C2' (first seen in row 3); only the first row is ranked",
    ]
    assert result.warnings == (
        "2 customer ID(s) appear more than once (C1 rows 2, 4, 6; C2 rows 3, 7): kept the "
        "first row of each; the other rows are excluded",
        "customer ID 'C2' has different names in rows 3, 7 (Blue, Green): likely a data "
        "problem; check the file",
    )
    assert localize(result.warnings[0], "zh") == (
        "2 个客户编号出现多次（C1：第 2、4、6 行；C2：第 3、7 行）："
        "每个编号只保留第一行，其余行已排除"
    )


def test_sum_combines_each_kind_of_column_by_its_rule() -> None:
    result = apply_duplicate_policy(customers(), "id", "sum", columns=COLUMNS, name_column="name")
    merged = result.frame.set_index("id")
    c1, c2 = merged.loc["C1"], merged.loc["C2"]
    assert (c1["revenue"], c2["revenue"]) == (120.0, 55.0)  # amounts summed, missing left out
    assert (c1["orders"], c2["orders"]) == (6, 2)  # counts summed (and stay whole numbers)
    assert merged["orders"].dtype == np.int64
    assert (c1["satisfaction"], c2["satisfaction"]) == pytest.approx((0.7, 0.6))  # averaged
    assert c1["last_order_date"] == pd.Timestamp("2024-03-05")  # the latest date
    assert c1["first_order_date"] == pd.Timestamp("2019-03-01")  # a first order: the earliest
    assert c2["first_order_date"] == pd.Timestamp("2018-06-01")
    assert (c1["region"], c1["name"]) == ("N", "Acme Ltd")  # other columns: the first row's
    assert merged.loc["C3", "revenue"] == 70.0  # a single row is untouched
    assert result.frame.index.tolist() == [2, 3, 5, 8]
    assert result.excluded["reason"].tolist() == [
        "duplicate customer ID 'C1': merged into row 2",
        "duplicate customer ID 'C1': merged into row 2",
        "duplicate customer ID 'C2': merged into row 3",
    ]
    assert result.warnings[0] == (
        "2 customer ID(s) appear more than once (C1 rows 2, 4, 6; C2 rows 3, 7): merged into "
        "one row per ID (summed: revenue, orders; averaged: satisfaction; latest date: "
        "last_order_date; earliest date: first_order_date; other columns from the first row)"
    )
    assert len(result.warnings) == 2  # and the name conflict of C2


def test_sum_keeps_an_all_missing_value_missing() -> None:
    frame = pd.DataFrame({"id": ["a", "a", "b"], "revenue": [NAN, NAN, 1.0]})
    result = apply_duplicate_policy(frame, "id", "sum", columns=["revenue"])
    assert np.isnan(result.frame["revenue"].iloc[0])


@pytest.mark.parametrize(
    ("column", "values", "rule"),
    [
        ("销售额", [1.0], "sum"),
        ("订单数", [1.0], "sum"),
        ("毛利", [1.0], "sum"),
        ("投诉次数", [1.0], "sum"),
        ("custom_points", [1.0], "sum"),
        ("满意度", [0.8], "mean"),
        ("毛利率", [0.2], "mean"),
        ("钱包份额", [0.2], "mean"),
        ("完成度", [0.5], "mean"),
        ("活跃率", [0.5], "mean"),
        ("discount %", [0.1], "mean"),
        ("credit score", [600.0], "mean"),
        ("最近购买日期", pd.to_datetime(["2024-01-01"]), "latest"),
        ("签约日期", pd.to_datetime(["2024-01-01"]), "latest"),
        ("首次购买日期", pd.to_datetime(["2024-01-01"]), "earliest"),
        ("recency_days", [30.0], "smallest"),
        ("tenure_years", [3.0], "largest"),
        ("备注", ["x"], "first"),
    ],
)
def test_combine_rule(column: str, values: object, rule: str) -> None:
    assert combine_rule(column, pd.Series(values)) == rule


def test_refuse_names_the_ids_their_rows_and_the_fix() -> None:
    with pytest.raises(InputError) as caught:
        apply_duplicate_policy(customers(), "id", "refuse", columns=COLUMNS)
    assert str(caught.value) == (
        "2 customer ID(s) appear more than once (C1 rows 2, 4, 6; C2 rows 3, 7) and repeated "
        "IDs are refused: remove the repeated rows from the file, or choose another policy for "
        "repeated IDs (first: keep the first row; sum: merge the rows)"
    )
    assert "请删除文件中重复的行" in localize(caught.value, "zh")


def test_many_repeated_ids_are_shortened() -> None:
    frame = pd.DataFrame({"id": [f"K{i // 7}" for i in range(35)], "v": np.arange(35.0)})
    warning = apply_duplicate_policy(frame, "id", "first", columns=["v"]).warnings[0]
    assert warning.startswith(
        "5 customer ID(s) appear more than once (K0 rows 2, 3, 4, 5, 6; K1 rows 9, 10, 11, 12, "
        "13; K2 rows 16, 17, 18, 19, 20; …)"
    )


def test_an_unknown_policy_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown policy for repeated customer IDs 'last'"):
        apply_duplicate_policy(customers(), "id", "last")


# ── the scenario field, through rank_customers ───────────────────────────────────────────


def ranked(policy: str):
    factors = tuple(FactorSpec(c) for c in ("revenue", "orders", "satisfaction"))
    scenario = Scenario("id", factors, name_column="name", duplicate_ids=policy)
    return rank_customers(customers(), scenario)


def test_the_scenario_field_is_validated() -> None:
    assert DUPLICATE_POLICIES == ("first", "sum", "refuse")
    assert Scenario("id", (FactorSpec("v"),)).duplicate_ids == "first"
    with pytest.raises(ScenarioError) as caught:
        Scenario("id", (FactorSpec("v"),), duplicate_ids="merge")
    assert str(caught.value) == (
        "scenario: unknown policy for repeated customer IDs 'merge'; use one of: first, sum, refuse"
    )
    assert localize(caught.value, "zh").startswith("方案：未知的重复客户编号处理方式「merge」")


def test_rank_customers_applies_the_policy() -> None:
    first, summed = ranked("first"), ranked("sum")
    assert first.table.set_index("customer_id").loc["C1", "revenue"] == 100.0
    assert summed.table.set_index("customer_id").loc["C1", "revenue"] == 120.0
    assert summed.table["customer_id"].tolist().count("C1") == 1
    # every row is ranked or excluded, with the file's row numbers (no ID: row 8)
    for ranking in (first, summed):
        assert ranking.excluded["row"].tolist() == [4, 6, 7, 8]
        assert len(ranking.table) + len(ranking.excluded) == len(customers())
    assert summed.warnings[0].startswith("2 customer ID(s) appear more than once")
    assert summed.warnings[1].startswith("customer ID 'C2' has different names")
    with pytest.raises(InputError, match="repeated IDs are refused"):
        ranked("refuse")


def test_ranked_input_is_what_the_ranking_scored() -> None:
    frame, ranking = customers(), ranked("sum")
    rows = ranked_input(frame, ranking)
    assert rows.set_index("id").loc["C1", "revenue"] == 120.0
    assert rows.index.tolist() == [2, 3, 5]
    # the sensitivity analysis rescales exactly these values
    matrix = filled_matrix(frame, ranking)
    assert matrix[:, 0].tolist() == [120.0, 55.0, 70.0]
