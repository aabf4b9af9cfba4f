"""The comparison charts (slope chart, migration heatmap), checked through their Vega-Lite
specs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.charts.compare import migration_heatmap, slope_chart


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


def test_migration_heatmap_on_a_projector_has_large_cells_and_numbers() -> None:
    matrix = pd.DataFrame([[3, 1], [0, 5]], index=["Key", "Other"], columns=["Key", "Other"])
    normal = migration_heatmap(matrix, "From", "To", "Customers").to_dict()
    large = migration_heatmap(matrix, "From", "To", "Customers", projector=True).to_dict()
    assert large["layer"][1]["mark"]["fontSize"] >= 1.5 * normal["layer"][1]["mark"]["fontSize"]
    assert large["layer"][1]["mark"]["fontSize"] >= 20
    assert large["width"]["step"] > normal["width"]["step"]
    assert large["height"]["step"] > normal["height"]["step"]
