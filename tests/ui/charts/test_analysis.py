"""Charts of the AHP, Scenarios and Sensitivity pages, checked through their Vega-Lite specs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.charts.analysis import (
    migration_heatmap,
    rank_interval_chart,
    slope_chart,
    sweep_chart,
    weights_comparison_chart,
    weights_table_chart,
)


def _data(spec: dict, layer: dict | None = None) -> list[dict]:
    """The rows a chart (or one of its layers) draws."""
    source = layer if layer is not None and "data" in layer else spec
    if "data" not in source:
        source = spec["layer"][0]
    return spec["datasets"][source["data"]["name"]]


def test_slope_chart_one_line_per_customer_rank_axis_reversed() -> None:
    frame = pd.DataFrame(
        {"customer": ["a", "b", "c"], "rank_a": [1, 2, np.nan], "rank_b": [2, 1, 3]}
    )
    spec = slope_chart(frame, "A", "B", "Rank", "Customer").to_dict()
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"] is True
    enc = spec["encoding"]
    assert enc["x"]["field"] == "side" and enc["x"]["sort"] == ["A", "B"]
    assert enc["y"]["field"] == "rank" and enc["y"]["scale"]["reverse"] is True
    assert enc["detail"]["field"] == "customer"
    rows = _data(spec)
    assert len(rows) == 5  # c has no rank in A: that end is left out
    moves = {(r["customer"], r["side"]): r["move"] for r in rows}
    assert moves[("a", "A")] == "down" and moves[("b", "B")] == "up"
    assert moves[("c", "B")] == "same"


def test_migration_heatmap_cells_and_counts() -> None:
    matrix = pd.DataFrame(
        [[3, 1], [0, 5]], index=pd.Index(["Key", "Other"]), columns=pd.Index(["Key", "Other"])
    )
    spec = migration_heatmap(matrix, "From", "To", "Customers").to_dict()
    rect, text = spec["layer"]
    assert rect["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    assert rect["encoding"]["x"]["sort"] == ["Key", "Other"]
    assert rect["encoding"]["y"]["title"] == "From"
    assert rect["encoding"]["color"]["field"] == "count"
    assert text["encoding"]["text"]["field"] == "count"
    cells = _data(spec)
    assert len(cells) == 4
    assert {(c["from"], c["to"]): c["count"] for c in cells}[("Key", "Other")] == 1


def test_rank_interval_chart_bar_median_and_current_rank() -> None:
    frame = pd.DataFrame(
        {
            "customer": ["x", "y"],
            "rank": [2, 1],
            "rank_p5": [1.0, 1.0],
            "median_rank": [2.0, 1.0],
            "rank_p95": [4.0, 3.0],
        }
    )
    spec = rank_interval_chart(frame, "Rank", "Customer", "Median").to_dict()
    bars, median, now = spec["layer"]
    assert bars["mark"]["type"] == "rule"
    assert bars["encoding"]["x"]["field"] == "rank_p5"
    assert bars["encoding"]["x2"]["field"] == "rank_p95"
    assert "reverse" not in bars["encoding"]["x"]["scale"]  # rank 1 at the left
    assert median["mark"]["type"] == "point" and median["encoding"]["x"]["field"] == "median_rank"
    assert now["mark"]["type"] == "tick" and now["encoding"]["x"]["field"] == "rank"
    assert bars["encoding"]["y"]["sort"] == ["y", "x"]  # by current rank
    assert len(_data(spec)) == 2


def test_sweep_chart_marks_the_current_weight() -> None:
    grid = pd.DataFrame(
        {
            "weight": [0.0, 0.5, 1.0] * 2,
            "customer": ["a"] * 3 + ["b"] * 3,
            "rank": [1, 1, 2, 2, 2, 1],
            "tier": ["Key"] * 6,
        }
    )
    spec = sweep_chart(grid, 0.25, "Weight", "Rank", "Customer").to_dict()
    lines, rule = spec["layer"]
    assert lines["mark"]["type"] == "line"
    assert lines["encoding"]["y"]["scale"]["reverse"] is True
    assert lines["encoding"]["x"]["axis"]["format"] == "%"
    assert rule["mark"]["type"] == "rule"
    assert _data(spec, lines) == grid.to_dict("records")
    assert _data(spec, rule) == [{"weight": 0.25}]


def test_weights_comparison_chart_groups_sources_in_order() -> None:
    frame = pd.DataFrame(
        {
            "factor": ["sales", "profit", "sales", "profit"],
            "source": ["Current", "Current", "AHP", "AHP"],
            "share": [0.5, 0.5, 0.75, 0.25],
        }
    )
    spec = weights_comparison_chart(frame, "Share", "Source").to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["y"]["sort"] == ["sales", "profit"]
    assert enc["yOffset"]["field"] == "source"
    assert enc["color"]["scale"]["domain"] == ["Current", "AHP"]
    assert enc["color"]["scale"]["range"] == ["#1f5fa8", "#e07b39"]
    assert enc["x"]["axis"]["format"] == "%"
    assert len(_data(spec)) == 4


def test_weights_table_chart_reads_a_wide_table_as_shown() -> None:
    wide = pd.DataFrame({"Factor": ["sales", "profit"], "Current": [0.5, 0.5], "AHP": [0.8, 0.2]})
    spec = weights_table_chart(wide, "Share").to_dict()
    enc = spec["encoding"]
    assert enc["y"]["field"] == "factor" and enc["y"]["sort"] == ["sales", "profit"]
    assert enc["color"]["scale"]["domain"] == ["Current", "AHP"]
    assert enc["x"]["title"] == "Share"
    rows = {(r["factor"], r["source"]): r["share"] for r in _data(spec)}
    assert rows == {
        ("sales", "Current"): 0.5,
        ("profit", "Current"): 0.5,
        ("sales", "AHP"): 0.8,
        ("profit", "AHP"): 0.2,
    }
    assert list(wide.columns) == ["Factor", "Current", "AHP"]  # the input is not changed
