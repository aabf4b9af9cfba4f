"""The shared chart builders (ui.charts.parts), checked through their Vega-Lite specs."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.charts.parts import (
    LABEL_LIMIT,
    PROJECTOR_TEXT,
    PROJECTOR_TITLE,
    TIER_COLORS,
    for_projector,
    grouped_bars,
    median_scatter,
    stack_measures,
    tier_color,
    tier_scale,
)

TITLES = {"x": "Money", "y": "Growth", "g": "Group", "name": "Customer"}


def _rows(spec: dict, layer: dict | None = None) -> list[dict]:
    return spec["datasets"][(layer or spec)["data"]["name"]]


def _scatter_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["a", "b", "c", "d"],
            "x": [-4.0, 0.0, 10.0, 30.0],
            "y": [0.1, 0.2, 0.3, 0.9],
            "g": ["Key", "Other", "Key", "Other"],
        }
    )


def test_tier_scale_cycles_the_palette_past_its_end() -> None:
    labels = [f"T{k}" for k in range(len(TIER_COLORS) + 2)]
    scale = tier_scale(labels).to_dict()
    assert scale["domain"] == labels
    assert scale["range"] == [*TIER_COLORS, *TIER_COLORS[:2]]


def test_tier_color_sorts_the_legend_by_the_labels() -> None:
    color = tier_color("tier", "Tier", ["Key", "Other"]).to_dict()
    assert (color["field"], color["type"], color["title"]) == ("tier", "nominal", "Tier")
    assert color["sort"] == ["Key", "Other"] == color["scale"]["domain"]


def test_median_scatter_linear_axis_keeps_every_row() -> None:
    frame = _scatter_frame()
    spec = median_scatter(frame, x="x", y="y", group="g", labels=["Key", "Other"], titles=TITLES)
    points, vertical, horizontal = spec.to_dict()["layer"]
    assert points["mark"] == {"type": "circle", "size": 45, "opacity": 0.75}
    assert "scale" not in points["encoding"]["x"]
    assert points["encoding"]["color"]["field"] == "g"
    tooltip = [(t["field"], t["title"]) for t in points["encoding"]["tooltip"]]
    assert tooltip == [("name", "Customer"), ("g", "Group"), ("x", "Money"), ("y", "Growth")]
    assert len(_rows(spec.to_dict(), points)) == 4
    assert vertical["encoding"]["x"]["field"] == "x"
    assert horizontal["encoding"]["y"]["field"] == "y"
    assert _rows(spec.to_dict(), vertical) == [{"x": 5.0, "y": 0.25}]


def test_median_scatter_log_axis_drops_non_positive_dots_but_not_from_the_medians() -> None:
    frame = _scatter_frame()
    chart = median_scatter(
        frame, x="x", y="y", group="g", labels=["Key", "Other"], titles=TITLES, log_x=True
    )
    spec = chart.to_dict()
    points, vertical, _ = spec["layer"]
    assert points["encoding"]["x"]["scale"] == {"type": "log"}
    assert [r["name"] for r in _rows(spec, points)] == ["c", "d"]
    assert _rows(spec, vertical) == [{"x": 5.0, "y": 0.25}]
    assert len(frame) == 4  # the input is not changed


def test_stack_measures_one_block_per_measure_with_kept_columns() -> None:
    frame = pd.DataFrame(
        {"seg": ["A", "B"], "cs": [0.4, 0.6], "rs": [0.9, 0.1], "n": [2, 3], "drop": [0, 0]},
        index=[7, 9],
    )
    long = stack_measures(frame, "seg", {"Customers": "cs", "Revenue": "rs"}, "share", ["n"])
    assert list(long.columns) == ["seg", "measure", "share", "n"]
    assert long.index.tolist() == [0, 1, 2, 3]
    assert long.to_dict("records") == [
        {"seg": "A", "measure": "Customers", "share": 0.4, "n": 2},
        {"seg": "B", "measure": "Customers", "share": 0.6, "n": 3},
        {"seg": "A", "measure": "Revenue", "share": 0.9, "n": 2},
        {"seg": "B", "measure": "Revenue", "share": 0.1, "n": 3},
    ]


def test_grouped_bars_order_offsets_and_cycled_colours() -> None:
    long = pd.DataFrame(
        {
            "cat": ["b", "a", "b", "a", "b", "a"],
            "grp": ["one", "one", "two", "two", "three", "three"],
            "v": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
        }
    )
    chart = grouped_bars(
        long,
        category="cat",
        group="grp",
        value="v",
        categories=["a", "b"],
        groups=["one", "two", "three"],
        colors=["#111111", "#222222"],
        tooltip=[alt.Tooltip("v:Q")],
        step=9,
        value_title="Share",
        group_title="Source",
    )
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert (enc["x"]["field"], enc["x"]["title"], enc["x"]["axis"]) == (
        "v",
        "Share",
        {"format": "%"},
    )
    assert enc["y"]["sort"] == ["a", "b"] and enc["y"]["axis"]["labelLimit"] == LABEL_LIMIT
    assert enc["yOffset"] == {"field": "grp", "sort": ["one", "two", "three"], "type": "nominal"}
    assert enc["color"]["scale"] == {
        "domain": ["one", "two", "three"],
        "range": ["#111111", "#222222", "#111111"],
    }
    assert enc["color"]["title"] == "Source" and enc["color"]["legend"]["orient"] == "bottom"
    assert [t["field"] for t in enc["tooltip"]] == ["v"]
    assert spec["height"] == {"step": 9}
    assert len(_rows(spec)) == 6


def test_grouped_bars_plain_value_axis_and_legend_on_top() -> None:
    long = pd.DataFrame({"cat": ["a", "a"], "grp": ["x", "y"], "v": [5.0, -2.0]})
    spec = grouped_bars(
        long,
        category="cat",
        group="grp",
        value="v",
        categories=["a"],
        groups=["x", "y"],
        colors=["#111111", "#222222"],
        tooltip=[],
        step=18,
        category_title="Region",
        percent=False,
        legend_orient="top",
    ).to_dict()
    enc = spec["encoding"]
    assert "axis" not in enc["x"] and enc["x"]["title"] is None
    assert enc["y"]["title"] == "Region"
    assert enc["color"]["legend"]["orient"] == "top"


def test_the_projector_config_enlarges_every_text_and_keeps_the_chart() -> None:
    frame = pd.DataFrame({"x": [1.0, 2.0], "y": [3.0, 1.0], "g": ["a", "b"], "name": ["p", "q"]})
    chart = median_scatter(frame, x="x", y="y", group="g", labels=["a", "b"], titles=TITLES)
    spec = for_projector(chart).to_dict()
    config = spec["config"]
    assert PROJECTOR_TEXT >= 18 and PROJECTOR_TITLE > PROJECTOR_TEXT
    for part in ("axis", "legend", "header"):
        assert config[part]["labelFontSize"] == PROJECTOR_TEXT
        assert config[part]["titleFontSize"] == PROJECTOR_TITLE
    assert config["title"]["fontSize"] == PROJECTOR_TITLE
    assert spec["layer"] == chart.to_dict()["layer"]  # only the config differs
