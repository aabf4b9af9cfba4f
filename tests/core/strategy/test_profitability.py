"""core.strategy.profitability: revenue, profit and margin by segment; the 80/20 view; loss
makers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ScenarioError
from core.strategy.profitability import (
    pareto_share,
    profit_picture,
    segment_profitability,
    top_share,
    unprofitable_customers,
)

TABLE = pd.DataFrame(
    {
        "rank": [1, 2, 3, 4, 5],
        "customer_id": ["a", "b", "c", "d", "e"],
        "tier": ["Key", "Key", "Ordinary", "Ordinary", "Ordinary"],
        "region": ["N", "S", "N", None, "S"],
        "revenue": [100.0, 80.0, 50.0, 20.0, np.nan],
        "profit": [40.0, 20.0, 10.0, -5.0, -15.0],
        "serve": [5.0, 5.0, 15.0, 1.0, 0.0],
    }
)


def test_segment_rows_add_up_to_the_totals() -> None:
    out = segment_profitability(TABLE, "tier", "revenue", "profit")
    assert out.columns.tolist() == [
        "tier",
        "customers",
        "revenue",
        "profit",
        "margin",
        "revenue_share",
        "profit_share",
    ]
    key = out.iloc[0]
    assert (key["tier"], key["customers"], key["revenue"], key["profit"]) == ("Key", 2, 180.0, 60.0)
    assert key["margin"] == pytest.approx(60 / 180)
    assert key["profit_share"] == pytest.approx(60 / 50)
    assert out["profit"].sum() == TABLE["profit"].sum()
    assert out["revenue"].sum() == TABLE["revenue"].sum()


def test_two_segment_columns_keep_missing_values() -> None:
    out = segment_profitability(TABLE, ["tier", "region"], "revenue", "profit", "serve")
    assert out["customers"].sum() == 5
    assert out["region"].isna().sum() == 1
    assert out["net_profit"].sum() == pytest.approx(50.0 - 26.0)
    assert out["net_share"].sum() == pytest.approx(1.0)


@given(
    st.lists(
        st.tuples(st.sampled_from("ABC"), st.floats(-1e6, 1e6), st.floats(0, 1e6)),
        min_size=1,
        max_size=40,
    )
)
def test_segment_totals_equal_overall_totals(rows: list) -> None:
    table = pd.DataFrame(rows, columns=["segment", "profit", "revenue"])
    out = segment_profitability(table, "segment", "revenue", "profit")
    assert math.isclose(out["profit"].sum(), table["profit"].sum(), rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(out["revenue"].sum(), table["revenue"].sum(), rel_tol=1e-9, abs_tol=1e-6)
    assert out["customers"].sum() == len(table)


def test_pareto_share() -> None:
    assert pareto_share([50, 30, 10, 5, 5]) == 0.4  # 50 + 30 = 80 % of 100
    assert pareto_share([100, 0, 0, 0]) == 0.25
    assert pareto_share([10, 10, 10, 10]) == 1.0
    assert math.isnan(pareto_share([-1.0, 0.5]))


def test_profit_picture_shows_who_earns_money() -> None:
    picture = profit_picture(TABLE, "profit")
    assert picture.total_profit == 50.0
    assert (picture.profitable, picture.profit_of_profitable) == (3, 70.0)
    assert (picture.loss_making, picture.loss) == (2, -20.0)
    assert picture.pareto_share == 0.2  # customer a alone makes 40 ≥ 80 % of 50


def test_cost_to_serve_reveals_more_loss_makers() -> None:
    plain = unprofitable_customers(TABLE, "profit")
    assert plain["customer_id"].tolist() == ["e", "d"]
    net = unprofitable_customers(TABLE, "profit", "serve")
    assert net.columns.tolist() == [
        "rank",
        "customer_id",
        "tier",
        "profit",
        "cost_to_serve",
        "net_profit",
    ]
    assert net["customer_id"].tolist() == ["e", "d", "c"]
    assert net["net_profit"].tolist() == [-15.0, -6.0, -5.0]


def test_unknown_column_is_named() -> None:
    with pytest.raises(ScenarioError, match="column 'gm' is not in the data"):
        segment_profitability(TABLE, "tier", "revenue", "gm")
    with pytest.raises(ScenarioError, match=r"segment column\(s\) \['area'\]"):
        segment_profitability(TABLE, "area", "revenue", "profit")


def test_top_share_is_what_the_top_fifth_holds():
    from core.strategy.profitability import top_share

    # 10 customers: the top ⌈0.2 · 10⌉ = 2 hold 50 + 30 of 100; negatives and NaN count as 0
    values = [50, 30, 5, 5, 5, 5, float("nan"), -4, 0, 0]
    assert top_share(values) == pytest.approx(0.8)
    assert top_share([1, 1, 1], share=0.5) == pytest.approx(2 / 3)  # ⌈1.5⌉ = 2 customers
    assert top_share([0, -1]) != top_share([0, -1])  # NaN: nothing to share


def test_shares_of_values_near_the_largest_float_stay_finite() -> None:
    huge = np.array([1e308, 1e308, 5e307, 1.0])
    assert pareto_share(huge) == 0.5
    assert top_share(huge) == pytest.approx(0.4)
