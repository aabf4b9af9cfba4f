"""Charts of the Key accounts & resources page, checked through their Vega-Lite specs."""

from __future__ import annotations

import pandas as pd

from ui.charts.accounts import allocation_chart, clv_profit_chart, segment_profit_chart
from ui.charts.parts import TIER_COLORS


def _rows(spec: dict, layer: dict | None = None) -> list[dict]:
    return spec["datasets"][(layer or spec)["data"]["name"]]


def test_clv_profit_chart_scatters_customers_with_median_rules() -> None:
    labels = ["Strategic", "High potential", "Basic", "Low efficiency"]
    frame = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D", "E"],
            "profit": [10.0, -5.0, 30.0, 2.0, 8.0],
            "clv": [0.5, 0.9, 0.1, 0.2, 0.4],
            "group": ["Strategic", "High potential", "Basic", "Low efficiency", "Basic"],
        }
    )
    spec = clv_profit_chart(frame, labels, "Profit", "CLV", "Group", "Customer").to_dict()
    points, vertical, horizontal = spec["layer"]
    assert points["mark"]["type"] == "circle"
    enc = points["encoding"]
    assert (enc["x"]["field"], enc["x"]["title"]) == ("profit", "Profit")
    assert (enc["y"]["field"], enc["y"]["title"]) == ("clv", "CLV")
    assert enc["color"]["scale"]["domain"] == labels
    assert enc["color"]["scale"]["range"] == list(TIER_COLORS[:4])
    assert len(_rows(spec, points)) == 5  # a loss (negative profit) is still drawn
    assert vertical["mark"]["type"] == "rule" and vertical["encoding"]["x"]["field"] == "profit"
    assert horizontal["encoding"]["y"]["field"] == "clv"
    assert _rows(spec, vertical) == [{"profit": 8.0, "clv": 0.4}]


def test_allocation_chart_one_bar_per_tier_in_tier_order() -> None:
    tiers = pd.DataFrame(
        {
            "tier": ["Ordinary", "Key", "Important"],
            "customers": [5, 2, 3],
            "funded": [5, 2, 3],
            "amount": [15.0, 50.0, 35.0],
            "share": [0.15, 0.5, 0.35],
        }
    )
    labels = ["Key", "Important", "Ordinary", "Spare"]
    spec = allocation_chart(tiers, labels, "Amount (money)", "Tier").to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "amount" and enc["x"]["title"] == "Amount (money)"
    assert enc["y"]["sort"] == ["Key", "Important", "Ordinary"]
    assert enc["color"]["scale"]["domain"] == labels and enc["color"]["legend"] is None
    rows = _rows(spec)
    assert len(rows) == 3 and sum(r["amount"] for r in rows) == 100.0
    assert set(rows[0]) == {"tier", "amount", "share"}


def test_segment_profit_chart_pairs_revenue_and_profit_per_segment() -> None:
    segments = pd.DataFrame(
        {
            "segment": ["East", "North", "West"],
            "customers": [4, 3, 2],
            "revenue": [900.0, 500.0, 100.0],
            "profit": [120.0, 60.0, -15.0],
        }
    )
    spec = segment_profit_chart(segments, "Region", "Revenue", "Profit").to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["y"]["field"] == "segment" and enc["y"]["sort"] == ["East", "North", "West"]
    assert enc["y"]["title"] == "Region"
    assert enc["yOffset"]["field"] == "measure"
    assert enc["color"]["scale"]["domain"] == ["Revenue", "Profit"]
    rows = _rows(spec)
    assert len(rows) == 6
    amounts = {(r["segment"], r["measure"]): r["amount"] for r in rows}
    assert amounts[("West", "Profit")] == -15.0 and amounts[("East", "Revenue")] == 900.0
