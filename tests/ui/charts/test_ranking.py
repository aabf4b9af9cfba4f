"""Tests for ui.charts.ranking: marks, encodings and data of each chart, read through to_dict()."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ui.charts.ranking import (
    PARETO_POINTS,
    contribution_chart,
    pareto_chart,
    pareto_points,
    percentile_chart,
    score_distribution_chart,
    value_potential_chart,
)

LABELS = ("Key", "Important", "Ordinary")


def rows(spec: dict, layer: dict | None = None) -> list[dict]:
    """The data rows a chart (or one of its layers) draws, from the spec's named datasets."""
    return spec["datasets"][(layer or spec)["data"]["name"]]


def test_contribution_chart_bars_against_the_average_one_colour_per_factor() -> None:
    frame = pd.DataFrame(
        {
            "factor": ["revenue", "orders"],
            "relative": [12.0, -3.5],
            "contribution": [30.0, 12.5],
            "share": [0.7, 0.3],
        }
    )
    titles = {"factor": "Factor", "relative": "Vs average", "contribution": "Points", "share": "S"}
    spec = contribution_chart(frame, titles, ["revenue", "orders"], ["#111", "#222"]).to_dict()
    bars, average = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["field"] == "relative"
    assert bars["encoding"]["x"]["title"] == "Vs average"
    assert bars["encoding"]["y"]["axis"]["labelLimit"] == 260
    assert bars["encoding"]["color"]["scale"] == {
        "domain": ["revenue", "orders"],
        "range": ["#111", "#222"],
    }
    tooltip = [t["field"] for t in bars["encoding"]["tooltip"]]
    assert tooltip == ["factor", "relative", "contribution", "share"]
    assert [r["relative"] for r in rows(spec, bars)] == [12.0, -3.5]
    assert rows(spec, average) == [{"x": 0}]


def test_percentile_chart_has_value_tooltip_and_median_rule() -> None:
    frame = pd.DataFrame(
        {"factor": ["a", "b"], "percentile": [90.0, 10.0], "value": ["1,000", "2024-12-31"]}
    )
    spec = percentile_chart(frame, "Factor", "Percentile", "Raw value").to_dict()
    bars, rule = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 100]
    tooltip = {t["field"]: t["title"] for t in bars["encoding"]["tooltip"]}
    assert tooltip["value"] == "Raw value"
    assert rule["mark"]["type"] == "rule"
    assert rows(spec, rule) == [{"x": 50}]
    assert len(rows(spec, bars)) == 2


def test_pareto_points_start_at_zero_and_reach_one() -> None:
    points = pareto_points(pd.Series([50.0, np.nan, 30.0, -5.0, 20.0]))
    assert points["customer_share"].tolist() == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert points["value_share"].tolist() == pytest.approx([0, 0.5, 0.8, 1.0, 1.0, 1.0])


def test_pareto_points_thin_long_tables() -> None:
    points = pareto_points(pd.Series(np.arange(100_000, dtype=float)))
    assert len(points) == PARETO_POINTS + 1
    assert points["customer_share"].iloc[[0, -1]].tolist() == [0.0, 1.0]
    assert points["value_share"].iloc[-1] == pytest.approx(1.0)


def test_pareto_chart_draws_the_curve_and_the_abc_cut_lines() -> None:
    spec = pareto_chart(
        pd.Series(np.arange(1.0, 11.0)), (0.8, 0.95), "Customers", "Revenue"
    ).to_dict()
    curve, lines, marks = spec["layer"]
    assert curve["mark"]["type"] == "line"
    assert curve["encoding"]["x"]["field"] == "customer_share"
    assert curve["encoding"]["y"]["title"] == "Revenue"
    assert len(rows(spec, curve)) == 11
    assert lines["mark"]["type"] == "rule"
    assert [r["cut"] for r in rows(spec, lines)] == [0.8, 0.95]
    assert marks["mark"]["type"] == "text"


def test_score_distribution_is_a_histogram_coloured_by_tier_order() -> None:
    frame = pd.DataFrame(
        {"score": [95.0, 60.0, 10.0, 12.0], "tier": ["Key", *LABELS[1:], "Ordinary"]}
    )
    spec = score_distribution_chart(frame, LABELS, "Score", "Customers", "Tier").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["bin"] == {"extent": [0, 100], "step": 5}
    assert spec["encoding"]["y"]["aggregate"] == "count"
    assert spec["encoding"]["color"]["scale"]["domain"] == list(LABELS)
    assert len(rows(spec)) == 4


def test_value_potential_scatter_with_median_lines() -> None:
    frame = pd.DataFrame(
        {
            "name": ["a", "b", "c", "d"],
            "value": [1.0, 100.0, 10.0, 0.0],
            "potential": [0.1, 0.5, 0.3, 0.2],
            "tier": [*LABELS, "Ordinary"],
        }
    )
    spec = value_potential_chart(frame, LABELS, "Revenue", "Growth", "Tier", "Customer").to_dict()
    points, vertical, horizontal = spec["layer"]
    assert points["mark"]["type"] == "circle"
    assert points["encoding"]["x"]["scale"]["type"] == "log"
    assert points["encoding"]["color"]["field"] == "tier"
    assert len(rows(spec, points)) == 3
    assert vertical["encoding"]["x"]["field"] == "value"
    assert horizontal["encoding"]["y"]["field"] == "potential"
    assert rows(spec, vertical) == [{"value": 5.5, "potential": 0.25}]  # medians of all four


def test_pareto_points_of_values_near_the_largest_float_stay_finite() -> None:
    points = pareto_points(pd.Series([1e308, 1e308, 1e308, 1e308]))
    assert points["value_share"].tolist() == pytest.approx([0, 0.25, 0.5, 0.75, 1])
