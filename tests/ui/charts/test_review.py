"""Charts of the Orders & RFM and Periodic review pages, checked through their Vega-Lite specs."""

from __future__ import annotations

import pandas as pd

from ui.charts.review import rank_history_chart, segment_chart


def _rows(spec: dict) -> list[dict]:
    return spec["datasets"][spec["data"]["name"]]


def test_segment_chart_two_bars_per_segment_in_rule_order() -> None:
    frame = pd.DataFrame(
        {
            "segment": ["Champions", "Loyal", "Lost"],
            "customer_share": [0.2, 0.3, 0.5],
            "revenue_share": [0.7, 0.25, 0.05],
            "customers": [2, 3, 5],
            "revenue": [700.0, 250.0, 50.0],
        }
    )
    spec = segment_chart(frame, "Customers", "Revenue", "Share").to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["y"]["field"] == "segment" and enc["y"]["sort"] == ["Champions", "Loyal", "Lost"]
    assert enc["x"]["field"] == "share" and enc["x"]["axis"]["format"] == "%"
    assert enc["yOffset"]["field"] == "measure"
    assert enc["color"]["scale"]["domain"] == ["Customers", "Revenue"]
    rows = _rows(spec)
    assert len(rows) == 6
    shares = {(r["segment"], r["measure"]): r["share"] for r in rows}
    assert shares[("Champions", "Revenue")] == 0.7 and shares[("Lost", "Customers")] == 0.5


def test_rank_history_chart_reverses_the_rank_axis() -> None:
    history = pd.DataFrame(
        {
            "snapshot": ["Q3", "Q3", "Q4", "Q4"],
            "customer": ["Acme", "Beta", "Acme", "Beta"],
            "rank": [2, 1, 1, 3],
            "tier": ["key", "key", "key", "other"],
        }
    )
    spec = rank_history_chart(history, "Snapshot", "Rank", "Customer").to_dict()
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"] is True
    enc = spec["encoding"]
    assert enc["x"]["field"] == "snapshot" and enc["x"]["sort"] == ["Q3", "Q4"]
    assert enc["y"]["field"] == "rank" and enc["y"]["scale"]["reverse"] is True
    assert enc["color"]["field"] == "customer"
    assert len(_rows(spec)) == 4
