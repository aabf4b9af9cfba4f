"""Tests for core.method.explain: contributions, percentiles, profiles and rank changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import InputError
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.explain import (
    contributions,
    customer_profile,
    customer_row,
    driver_text,
    drivers,
    drivers_table,
    percentiles,
    rank_change,
    relative_contributions,
    source_column,
    spread_factors,
)
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario
from core.method.scenario_mapping import default_scenario

SAMPLE = Path(__file__).resolve().parents[3] / "data" / "sample_customers_en.csv"


def small_table() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "revenue": [100.0, 300.0, 200.0, 300.0],
            "complaints": [0.0, 4.0, 1.0, np.nan],
        }
    )
    scenario = Scenario(
        "id",
        (
            FactorSpec("revenue", "benefit", 3),
            FactorSpec("complaints", "cost", 1),
        ),
    )
    return rank_customers(frame, scenario).table


def test_contributions_add_up_to_the_score_with_shares() -> None:
    table = small_table()
    parts = contributions(table, "c", ["revenue", "complaints"])
    score = table.loc[table["customer_id"] == "c", "score"].item()
    assert list(parts["factor"]) == ["revenue", "complaints"]
    assert parts["contribution"].sum() == pytest.approx(score)
    # revenue min–max: (200-100)/(300-100) = 0.5 · 75 = 37.5; complaints (4-1)/4 · 25 = 18.75
    assert parts["contribution"].tolist() == pytest.approx([37.5, 18.75])
    assert parts["share"].tolist() == pytest.approx([37.5 / 56.25, 18.75 / 56.25])


def test_contributions_of_a_zero_score_have_zero_shares() -> None:
    table = pd.DataFrame(
        {"customer_id": ["z"], "score": [0.0], "contrib:x": [0.0], "contrib:y": [0.0]}
    )
    parts = contributions(table, "z", ["x", "y"])
    assert parts["share"].tolist() == [0.0, 0.0]


def test_unknown_customer_names_it() -> None:
    with pytest.raises(InputError, match="customer 'zz' is not in the ranking"):
        customer_row(small_table(), "zz")


def test_percentiles_count_the_others_beaten_ties_half_and_flip_cost() -> None:
    table = small_table().sort_values("customer_id").reset_index(drop=True)
    got = percentiles(table, ["revenue", "complaints"], ["benefit", "cost"])
    # revenue a=100 b=300 c=200 d=300: a beats 0 of 3, c beats 1, b and d beat 2 and tie once.
    assert got["revenue"].tolist() == pytest.approx([0.0, 100 * 2.5 / 3, 100 / 3, 100 * 2.5 / 3])
    # complaints (cost, d missing): a=0 best, c=1, b=4 worst among 3 customers.
    assert got["complaints"].iloc[:3].tolist() == pytest.approx([100.0, 0.0, 50.0])
    assert np.isnan(got["complaints"].iloc[3])


def test_a_single_value_sits_at_the_median() -> None:
    table = pd.DataFrame({"x": [np.nan, 5.0, np.nan]})
    got = percentiles(table, ["x"], ["benefit"])
    assert got["x"].iloc[1] == 50.0
    assert got["x"].isna().tolist() == [True, False, True]


def test_percentiles_compare_dates_as_days_since_as_of() -> None:
    table = pd.DataFrame({"last_order": pd.to_datetime(["2024-12-01", "2024-06-01", "2024-12-31"])})
    got = percentiles(table, ["last_order"], ["cost"], date(2024, 12, 31))
    assert got["last_order"].tolist() == [50.0, 0.0, 100.0]


@settings(max_examples=50)
@given(st.lists(st.integers(-50, 50), min_size=2, max_size=30))
def test_percentiles_are_within_0_100_and_order_preserving(values: list[int]) -> None:
    table = pd.DataFrame({"x": [float(v) for v in values]})
    got = percentiles(table, ["x"], ["benefit"])["x"]
    assert got.between(0, 100).all()
    for i in range(len(values)):
        for j in range(len(values)):
            if values[i] < values[j]:
                assert got[i] < got[j]


def test_profile_of_a_sample_customer_shows_raw_values_and_standing() -> None:
    frame = read_table(SAMPLE.read_bytes(), name=SAMPLE.name).frame
    scenario = default_scenario(detect_mapping(frame), "en")
    ranking = rank_customers(frame, scenario)
    directions = [f.direction for f in scenario.factors]
    profile = customer_profile(ranking.table, "C0001", scenario.columns, directions, ranking.as_of)
    by_factor = profile.set_index("factor")
    assert list(profile["factor"]) == scenario.columns
    assert by_factor.loc["revenue", "value"] == "1,271,724.94"
    assert by_factor.loc["last_order_date", "value"] == "2024-12-31"
    # C0001 bought on the as-of date: it beats every later buyer and ties the others (half).
    dates = frame["last_order_date"].dropna()
    same = (dates == dates.max()).sum()
    expected = 100 * (len(dates) - same + 0.5 * (same - 1)) / (len(dates) - 1)
    assert by_factor.loc["last_order_date", "percentile"] == pytest.approx(expected)
    assert profile["percentile"].between(0, 100).all()


def test_source_column_finds_an_input_renamed_by_the_ranking() -> None:
    frame = pd.DataFrame({"customer_id": ["x", "y"], "score": [1.0, 2.0]})
    table = rank_customers(frame, Scenario("customer_id", (FactorSpec("score"),))).table
    assert source_column(table, "score") == "score (input)"
    assert source_column(table, "tier") == "tier"
    got = percentiles(table, ["score"], ["benefit"])
    assert got["score"].tolist() == [100.0, 0.0]  # y (input 2) ranks first


def test_rank_change_is_baseline_minus_current_with_new_customers_missing() -> None:
    current = pd.DataFrame({"customer_id": ["b", "a", "n", "c"], "rank": [1, 2, 3, 4]})
    baseline = pd.DataFrame({"customer_id": ["a", "b", "c"], "rank": [1, 2, 3]})
    change = rank_change(current, baseline)
    assert change.tolist()[:2] == [1, -1]
    assert change.isna().tolist() == [False, False, True, False]
    assert change.iloc[3] == -1
    assert str(change.dtype) == "Int64"


def test_rank_change_matches_numeric_and_text_ids() -> None:
    current = pd.DataFrame({"customer_id": [7, 3], "rank": [1, 2]})
    baseline = pd.DataFrame({"customer_id": ["3", "7"], "rank": [1, 2]})
    assert rank_change(current, baseline).tolist() == [1, -1]


def test_rank_change_against_an_empty_baseline_is_all_new() -> None:
    current = pd.DataFrame({"customer_id": ["a", "b"], "rank": [1, 2]})
    baseline = pd.DataFrame({"customer_id": pd.Series([], dtype=str), "rank": []})
    assert rank_change(current, baseline).isna().tolist() == [True, True]


def equal_on_complaints() -> pd.DataFrame:
    """Four customers who differ on revenue and margin but share one complaint count."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "revenue": [100.0, 400.0, 250.0, 300.0],
            "margin": [0.3, 0.1, 0.2, 0.4],
            "complaints": [2.0, 2.0, 2.0, 2.0],
        }
    )
    factors = (
        FactorSpec("revenue", "benefit", 2),
        FactorSpec("margin", "benefit", 1),
        FactorSpec("complaints", "cost", 1),
    )
    return rank_customers(frame, Scenario("id", factors)).table


def test_relative_contributions_add_up_to_score_minus_mean_score() -> None:
    table = small_table()
    columns = ["revenue", "complaints"]
    relative = relative_contributions(table, columns)
    expected = table["score"] - table["score"].mean()
    assert relative.sum(axis=1).to_numpy() == pytest.approx(expected.to_numpy())
    assert relative.mean(axis=0).to_numpy() == pytest.approx([0.0, 0.0])


def test_contributions_carry_the_relative_points() -> None:
    table = small_table()
    parts = contributions(table, "b", ["revenue", "complaints"])
    score = table.loc[table["customer_id"] == "b", "score"].item()
    assert parts["relative"].sum() == pytest.approx(score - table["score"].mean())


def test_spread_factors_skip_a_factor_on_which_everyone_is_equal() -> None:
    table = equal_on_complaints()
    assert spread_factors(table, ["revenue", "margin", "complaints"]) == ["revenue", "margin"]


def test_drivers_name_the_largest_lifts_and_pulls_and_skip_equal_factors() -> None:
    table = equal_on_complaints()
    columns = ["revenue", "margin", "complaints"]
    for customer in table["customer_id"]:
        found = drivers(table, customer, columns)
        assert "complaints" not in set(found["factor"])
        sizes = found["relative"].abs().tolist()
        assert sizes == sorted(sizes, reverse=True)
    # b has the most revenue (a lift) and the least margin (a pull)
    found = drivers(table, "b", columns).set_index("factor")["relative"]
    assert found["revenue"] > 0 > found["margin"]
    assert len(drivers(table, "b", columns, n=1)) == 1


def test_drivers_of_a_sample_customer_sum_to_its_distance_from_the_average() -> None:
    ingest = read_table(SAMPLE)
    scenario = default_scenario(detect_mapping(ingest.frame))
    table = rank_customers(ingest.frame, scenario).table
    first = table["customer_id"].iloc[0]
    every = drivers(table, first, scenario.columns, n=len(scenario.columns))
    gap = table["score"].iloc[0] - table["score"].mean()
    assert every["relative"].sum() == pytest.approx(gap)


def test_drivers_table_matches_the_drivers_of_each_customer() -> None:
    table = equal_on_complaints()
    columns = ["revenue", "margin", "complaints"]
    sheet = drivers_table(table, columns, n=2)
    assert sheet.columns.tolist() == [
        "rank", "customer_id", "score", "score_vs_average", "main_drivers",
        "vs_average:revenue", "vs_average:margin",
    ]  # fmt: skip
    relative = sheet[["vs_average:revenue", "vs_average:margin"]].sum(axis=1)
    assert relative.to_numpy() == pytest.approx(sheet["score_vs_average"].to_numpy())
    for row in sheet.itertuples():
        found = drivers(table, row.customer_id, columns, n=2)
        expected = driver_text(found.set_index("factor")["relative"])
        assert row.main_drivers == expected


def test_driver_text_signs_each_factor_and_says_so_when_nothing_moves() -> None:
    relative = pd.Series({"销售额": 12.34, "逾期-天数": -4.06, "毛利": 0.0})
    assert driver_text(relative) == "销售额 +12.3 · 逾期-天数 −4.1"
    assert driver_text(pd.Series({"毛利": 0.0})) == "—"
