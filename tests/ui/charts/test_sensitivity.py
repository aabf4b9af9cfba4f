"""The sensitivity charts (rank intervals, weight sweep), checked through their Vega-Lite
specs."""

from __future__ import annotations

import pandas as pd

from ui.charts.sensitivity import rank_interval_chart, sweep_chart


def _data(spec: dict, layer: dict | None = None) -> list[dict]:
    """The rows a chart (or one of its layers) draws."""
    source = layer if layer is not None and "data" in layer else spec
    if "data" not in source:
        source = spec["layer"][0]
    return spec["datasets"][source["data"]["name"]]


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
