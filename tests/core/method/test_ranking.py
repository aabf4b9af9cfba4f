"""rank_customers: scores by hand, missing policies, exclusions, warnings, order and columns."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from pymcdm import normalizations
from pymcdm.methods import TOPSIS

from core.errors import ScenarioError
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario, TierSpec

NAN = np.nan


def text(values) -> pd.Series:
    return pd.Series(values, dtype=object)


def scenario(*factors: FactorSpec, id_column: str = "id", **changes) -> Scenario:
    return Scenario(id_column=id_column, factors=factors, **changes)


def by_id(ranking) -> dict[str, float]:
    return dict(zip(ranking.table["customer_id"], ranking.table["score"], strict=True))


def abcd() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": text(["A", "B", "C", "D"]),
            "a": [10.0, NAN, 30.0, 20.0],
            "b": [0.0, 4.0, 2.0, NAN],
        }
    )


# ── scores ────────────────────────────────────────────────────────────────────────────────


def test_weighted_sum_relative_weights_by_hand():
    frame = pd.DataFrame({"id": text(["x", "y", "z"]), "a": [10.0, 20.0, 40.0], "b": [1.0, 3, 5]})
    result = rank_customers(
        frame, scenario(FactorSpec("a", "benefit", 40), FactorSpec("b", "cost", 20))
    )
    # n_a = 0, 1/3, 1; n_b = 1, 1/2, 0; weights 40/20 → 2/3, 1/3
    expected = {"x": 100 / 3, "y": 100 * (2 / 9 + 1 / 6), "z": 200 / 3}
    assert by_id(result) == pytest.approx(expected, abs=1e-9)
    table = result.table.set_index("customer_id")
    assert table.loc["y", "contrib:a"] == pytest.approx(200 / 9, abs=1e-9)
    assert table.loc["y", "contrib:b"] == pytest.approx(100 / 6, abs=1e-9)
    contrib = result.table[result.contribution_columns].sum(axis=1)
    np.testing.assert_allclose(contrib, result.table["score"], rtol=0, atol=1e-9)
    assert result.table["customer_id"].tolist() == ["z", "y", "x"]
    assert result.table["rank"].tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        # median fill: a → 20 for B, b → 2 for D; n_a = 0, .5, 1, .5; n_b = 0, 1, .5, .5
        ("median", {"A": 0.0, "B": 75.0, "C": 75.0, "D": 50.0}),
        # worst fill: a → 10 for B, b → 0 for D; n_a = 0, 0, 1, .5; n_b = 0, 1, .5, 0
        ("worst", {"A": 0.0, "B": 50.0, "C": 75.0, "D": 25.0}),
        # skip: B is scored on b alone (n_b = 1), D on a alone (n_a = 0.5)
        ("skip", {"A": 0.0, "B": 100.0, "C": 75.0, "D": 50.0}),
    ],
)
def test_missing_policies_by_hand(policy, expected):
    result = rank_customers(abcd(), scenario(FactorSpec("a"), FactorSpec("b"), missing=policy))
    assert by_id(result) == pytest.approx(expected, abs=1e-9)
    contrib = result.table[result.contribution_columns].sum(axis=1)
    np.testing.assert_allclose(contrib, result.table["score"], rtol=0, atol=1e-9)


def test_skip_contributions_by_hand():
    result = rank_customers(abcd(), scenario(FactorSpec("a"), FactorSpec("b"), missing="skip"))
    table = result.table.set_index("customer_id")
    assert table.loc["B", ["contrib:a", "contrib:b"]].tolist() == [0.0, 100.0]
    assert table.loc["D", ["contrib:a", "contrib:b"]].tolist() == [50.0, 0.0]
    assert table.loc["C", ["contrib:a", "contrib:b"]].tolist() == [50.0, 25.0]
    assert result.warnings == (
        "column 'a': 1 missing value(s) left out for those customers (their weights renormalised)",
        "column 'b': 1 missing value(s) left out for those customers (their weights renormalised)",
    )


def test_missing_warnings_name_the_policy():
    result = rank_customers(abcd(), scenario(FactorSpec("a"), FactorSpec("b"), missing="worst"))
    worst = "column 'a': 1 missing value(s) filled with the column's worst value"
    assert result.warnings[0] == worst
    median = rank_customers(abcd(), scenario(FactorSpec("a"), FactorSpec("b")))
    assert median.warnings[1] == "column 'b': 1 missing value(s) filled with the column median"


def test_ties_broken_by_customer_id_and_rank_one_is_highest():
    result = rank_customers(abcd(), scenario(FactorSpec("a"), FactorSpec("b")))
    assert result.table["customer_id"].tolist() == ["B", "C", "D", "A"]
    assert result.table["score"].tolist() == [75.0, 75.0, 50.0, 0.0]
    frame = pd.DataFrame({"id": text(["c2", "c10", "c1"]), "v": [1.0, 1.0, 1.0]})
    # constant column: everyone 100, order by ID as text
    tied = rank_customers(frame, scenario(FactorSpec("v")))
    assert tied.table["customer_id"].tolist() == ["c1", "c10", "c2"]


def test_numeric_ids_tie_break_numerically():
    frame = pd.DataFrame({"id": [10.0, 9.0, 100.0, 8.0], "v": [1.0, 1.0, 1.0, 0.0]})
    result = rank_customers(frame, scenario(FactorSpec("v")))
    assert result.table["customer_id"].tolist() == [9.0, 10.0, 100.0, 8.0]


def test_topsis_matches_pymcdm_through_ranking():
    frame = pd.DataFrame(
        {
            "id": text(["a", "b", "c", "d"]),
            "revenue": [120.0, 80.0, 300.0, 50.0],
            "complaints": [2.0, 0.0, 5.0, 1.0],
            "orders": [10.0, 4.0, 12.0, 9.0],
        }
    )
    spec = scenario(
        FactorSpec("revenue", weight=50),
        FactorSpec("complaints", "cost", 30),
        FactorSpec("orders", weight=20),
        method="topsis",
    )
    result = rank_customers(frame, spec)
    matrix = frame[["revenue", "complaints", "orders"]].to_numpy()
    method = TOPSIS(normalization_function=normalizations.vector_normalization)
    expected = 100 * method(matrix, np.array([0.5, 0.3, 0.2]), np.array([1, -1, 1]))
    assert by_id(result) == pytest.approx(dict(zip("abcd", expected, strict=True)), abs=1e-9)
    contrib = result.table[result.contribution_columns].sum(axis=1)
    np.testing.assert_allclose(contrib, result.table["score"], rtol=0, atol=1e-9)


# ── dates ─────────────────────────────────────────────────────────────────────────────────


def dated() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": text(["p", "q", "r"]),
            "last": pd.to_datetime(["2024-12-31", "2024-12-01", "2024-11-01"]),
            "revenue": [1.0, 2.0, 4.0],
        }
    )


def test_date_factor_days_since_default_as_of():
    result = rank_customers(dated(), scenario(FactorSpec("last", "cost")))
    assert result.as_of == date(2024, 12, 31)
    # days since 0, 30, 60 → cost min–max 1, 0.5, 0
    assert by_id(result) == pytest.approx({"p": 100.0, "q": 50.0, "r": 0.0}, abs=1e-9)


def test_date_factor_explicit_as_of():
    spec = scenario(
        FactorSpec("last", "cost"), FactorSpec("revenue"), method="topsis", as_of="2025-01-10"
    )
    result = rank_customers(dated(), spec)
    assert result.as_of == date(2025, 1, 10)
    days = np.array([[10.0, 1.0], [40.0, 2.0], [70.0, 4.0]])  # days since 2025-01-10
    method = TOPSIS(normalization_function=normalizations.vector_normalization)
    expected = 100 * method(days, np.array([0.5, 0.5]), np.array([-1, 1]))
    assert by_id(result) == pytest.approx(dict(zip("pqr", expected, strict=True)), abs=1e-9)


def test_a_date_after_the_as_of_date_is_missing_and_named_in_a_warning():
    frame = dated()
    frame.loc[1, "last"] = pd.Timestamp("2099-06-01")
    result = rank_customers(frame, scenario(FactorSpec("last", "cost")))
    assert result.as_of == date(2024, 12, 31)  # not 2099-06-01
    assert result.warnings[0] == (
        "column 'last': 1 date(s) after the as-of date 2024-12-31 (row(s) 3) treated as "
        "missing; set the scenario's as_of if they are real"
    )
    explicit = rank_customers(dated(), scenario(FactorSpec("last", "cost"), as_of="2024-12-15"))
    assert "after the as-of date 2024-12-15 (row(s) 2)" in explicit.warnings[0]
    assert np.isfinite(explicit.table["score"]).all()


# ── exclusions and warnings ───────────────────────────────────────────────────────────────


def messy() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": text(["K1", "K2", "K1", None, "K5", "  ", "K7"]),
            "v": [5.0, 3.0, 9.0, 4.0, NAN, 1.0, np.inf],
            "w": [1.0, 2.0, 3.0, 4.0, NAN, 5.0, 6.0],
        }
    )


def test_exclusions_with_reasons():
    result = rank_customers(messy(), scenario(FactorSpec("v"), FactorSpec("w")))
    assert result.excluded["row"].tolist() == [4, 5, 6, 7]
    assert result.excluded["reason"].tolist() == [
        "duplicate customer ID 'K1' (first seen in row 2); only the first row is ranked",
        "missing customer ID in column 'id'",
        "no value for any factor",
        "missing customer ID in column 'id'",
    ]
    assert result.excluded["customer_id"].tolist()[::2] == ["K1", "K5"]
    assert result.table["customer_id"].tolist() == ["K7", "K1", "K2"]
    # K1's ranked row is the first one (v = 5), not the duplicate (v = 9)
    assert result.table.set_index("customer_id").loc["K1", "v"] == 5.0


def test_every_row_is_ranked_or_excluded():
    frame = messy()
    result = rank_customers(frame, scenario(FactorSpec("v"), FactorSpec("w")))
    assert len(result.table) + len(result.excluded) == len(frame)
    assert result.excluded["row"].is_unique
    ids = set(result.table["customer_id"]) | set(result.excluded["customer_id"].dropna())
    assert ids == set(frame["id"].dropna())
    assert list(result.excluded.columns) == ["row", "customer_id", "reason"]


def test_infinite_values_warned_and_missing():
    result = rank_customers(messy(), scenario(FactorSpec("v"), FactorSpec("w")))
    assert result.warnings[0] == (
        "1 customer ID(s) appear more than once (K1 rows 2, 4): kept the first row of each; "
        "the other rows are excluded"
    )  # the repeated ID comes first (core.method.duplicates)
    assert result.warnings[1] == "column 'v': infinite value(s) in row(s) 8 treated as missing"
    assert result.warnings[2] == "column 'v': 1 missing value(s) filled with the column median"
    # v: K1 5, K2 3, K7 missing → median 4; n_v = 1, 0, 0.5
    # w: K1 1, K2 2, K7 6; n_w = 0, 0.2, 1
    assert by_id(result) == pytest.approx({"K7": 75.0, "K2": 10.0, "K1": 50.0}, abs=1e-9)


def test_all_missing_column_is_left_out():
    frame = pd.DataFrame({"id": text(["a", "b"]), "v": [1.0, 3.0], "empty": [NAN, NAN]})
    result = rank_customers(frame, scenario(FactorSpec("v"), FactorSpec("empty", weight=5)))
    assert result.warnings == ("column 'empty' has no values; it is left out of the score",)
    assert by_id(result) == {"b": 100.0, "a": 0.0}
    assert result.table["contrib:empty"].tolist() == [0.0, 0.0]


def test_constant_column_warned():
    frame = pd.DataFrame({"id": text(["a", "b"]), "v": [1.0, 3.0], "c": [2.0, 2.0]})
    result = rank_customers(frame, scenario(FactorSpec("v"), FactorSpec("c")))
    assert result.warnings == (
        "column 'c' has the same value for every customer; "
        "it adds the same to everyone and does not change the order",
    )
    assert by_id(result) == {"b": 100.0, "a": 50.0}


def test_errors():
    frame = pd.DataFrame({"id": text(["a", None]), "v": [NAN, 1.0]})
    with pytest.raises(ScenarioError, match="column 'x' is not in the data"):
        rank_customers(frame, scenario(FactorSpec("x")))
    with pytest.raises(ScenarioError, match=r"^no customer can be ranked: every row was excluded"):
        rank_customers(frame, scenario(FactorSpec("v")))
    frame = pd.DataFrame({"id": text(["a"]), "v": [1.0], "e": [NAN]})
    spec = scenario(FactorSpec("v", weight=0), FactorSpec("e"))
    with pytest.raises(ScenarioError, match=r"^no factor with a positive weight has any values"):
        rank_customers(frame, spec)


# ── table shape and tiers ─────────────────────────────────────────────────────────────────


def test_output_columns_and_input_score_renamed():
    frame = pd.DataFrame(
        {
            "id": text(["a", "b", "c"]),
            "name": text(["甲", "乙", "丙"]),
            "score": [1.0, 2.0, 3.0],
            "v": [3.0, 2.0, 1.0],
            "u": [0.0, 1.0, 2.0],
        }
    )
    before = frame.copy()
    result = rank_customers(frame, scenario(FactorSpec("v"), FactorSpec("u", "cost")))
    assert list(result.table.columns) == [
        "rank",
        "customer_id",
        "score",
        "tier",
        "contrib:v",
        "contrib:u",
        "id",
        "name",
        "score (input)",
        "v",
        "u",
    ]
    assert result.table["score (input)"].tolist() == [1.0, 2.0, 3.0]
    assert result.table["score"].tolist() == [100.0, 50.0, 0.0]
    pd.testing.assert_frame_equal(frame, before)


def test_share_tiers_in_table():
    frame = pd.DataFrame({"id": text([f"c{i:02d}" for i in range(10)]), "v": np.arange(10.0)})
    result = rank_customers(frame, scenario(FactorSpec("v")))
    assert result.table["tier"].tolist() == ["关键客户"] * 2 + ["重点客户"] * 3 + ["普通客户"] * 5
    assert result.table["customer_id"].iloc[0] == "c09"


def test_threshold_and_abc_tiers_in_table():
    frame = pd.DataFrame({"id": text(["a", "b", "c", "d"]), "v": [0.0, 50.0, 30.0, 20.0]})
    spec = scenario(
        FactorSpec("v"), tiers=TierSpec("threshold", ("H", "M", "L"), thresholds=(70, 40))
    )
    result = rank_customers(frame, spec)
    # scores 0, 100, 60, 40
    assert dict(zip(result.table["customer_id"], result.table["tier"], strict=True)) == {
        "b": "H",
        "c": "M",
        "d": "M",
        "a": "L",
    }
    abc = rank_customers(frame, scenario(FactorSpec("v"), tiers=TierSpec("abc", ("A", "B", "C"))))
    # value shares: b 50 %, c 30 % (crosses 80 %), d 20 % starts at 80 % → B; a 0 → C
    assert abc.table["tier"].tolist() == ["A", "A", "B", "C"]


def test_quadrant_tiers_need_potential_column():
    frame = pd.DataFrame({"id": text(["a", "b"]), "v": [1.0, 2.0], "p": [2.0, 1.0]})
    bad = scenario(FactorSpec("v"), tiers=TierSpec("quadrant", ("S", "H", "B", "L")))
    with pytest.raises(ScenarioError, match="needs 'potential_column' and 4 labels"):
        rank_customers(frame, bad)
    tiers = TierSpec("quadrant", ("S", "H", "B", "L"), potential_column="p")
    result = rank_customers(frame, scenario(FactorSpec("v"), tiers=tiers))
    assert result.table["tier"].tolist() == ["B", "H"]


def test_rows_taken_out_before_ranking_are_listed_first_sorted_by_row():
    frame = pd.DataFrame(
        {"id": ["A", None, "B", "C"], "v": [1.0, 2.0, 3.0, 4.0]},
        index=pd.Index([2, 3, 5, 6], name="row"),
    )
    before = pd.DataFrame(
        {
            "row": [7, 4],
            "customer_id": ["备注：单位元", "合计"],
            "kind": ["note", "total"],
            "reason": ["note row: not a customer", "total row (合计): not a customer"],
        }
    )
    ranking = rank_customers(frame, scenario(FactorSpec("v")), excluded=before)
    assert ranking.excluded["row"].tolist() == [3, 4, 7]
    assert ranking.excluded["customer_id"].tolist()[1:] == ["合计", "备注：单位元"]
    assert list(ranking.excluded.columns) == ["row", "customer_id", "reason"]
    assert str(ranking.excluded["reason"][1]) == "total row (合计): not a customer"
    assert ranking.table["customer_id"].tolist() == ["C", "B", "A"]
    alone = rank_customers(frame, scenario(FactorSpec("v")))
    assert alone.excluded["row"].tolist() == [3]
