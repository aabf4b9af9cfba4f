"""The weights charts: the shares chart (bar mark, encodings, one bar per factor, stable
dimension colours) and the comparison of several weightings, through their Vega-Lite specs."""

from __future__ import annotations

import pandas as pd

from core.mapping.columns import detect_mapping
from core.method.scenario_mapping import default_scenario
from ui.charts.weights import (
    weights_chart,
    weights_comparison_chart,
    weights_frame,
    weights_table_chart,
)

FRAME = pd.DataFrame(
    {
        "客户编号": ["C1", "C2", "C3"],
        "销售额": [100.0, 50.0, 10.0],
        "毛利": [10.0, 20.0, 5.0],
        "投诉次数": [0.0, 3.0, 1.0],
    }
)


def _frame(lang: str = "en") -> pd.DataFrame:
    mapping = detect_mapping(FRAME)
    scenario = default_scenario(mapping).with_weights({"销售额": 50, "毛利": 30, "投诉次数": 20})
    return weights_frame(scenario, mapping, lang)


def test_weights_frame_shares_and_labels() -> None:
    df = _frame()
    assert df["factor"].tolist() == ["销售额 · Revenue", "毛利 · Profit", "投诉次数 · Complaints"]
    assert df["dimension"].tolist() == ["Purchase behaviour", "Contribution", "Risk"]
    assert df["share"].round(6).tolist() == [0.5, 0.3, 0.2]


def test_weights_frame_in_chinese() -> None:
    df = _frame("zh")
    assert df["factor"].tolist() == ["销售额", "毛利", "投诉次数"]  # Chinese headers as written
    assert df["dimension"].tolist() == ["购买行为", "贡献", "风险"]


def test_chart_spec() -> None:
    spec = weights_chart(_frame(), "Share", "Dimension").to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "share" and enc["x"]["axis"]["format"] == "%"
    assert enc["y"]["field"] == "factor" and enc["y"]["sort"] == "-x"
    assert enc["color"]["field"] == "dimension"
    assert enc["color"]["title"] == "Dimension"
    assert enc["color"]["scale"]["domain"] == ["Purchase behaviour", "Contribution", "Risk"]
    assert enc["color"]["scale"]["range"] == ["#1f5fa8", "#e07b39", "#c94a4a"]
    data = next(iter(spec["datasets"].values()))
    assert len(data) == 3


def test_custom_dimension_gets_the_grey() -> None:
    df = pd.DataFrame({"factor": ["x"], "dimension": ["Custom"], "share": [1.0]})
    spec = weights_chart(df).to_dict()
    assert spec["encoding"]["color"]["scale"]["range"] == ["#7f8c8d"]


def _rows(spec: dict) -> list[dict]:
    """The rows a single-view chart draws."""
    return spec["datasets"][spec["data"]["name"]]


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
    assert len(_rows(spec)) == 4


def test_weights_table_chart_reads_a_wide_table_as_shown() -> None:
    wide = pd.DataFrame({"Factor": ["sales", "profit"], "Current": [0.5, 0.5], "AHP": [0.8, 0.2]})
    spec = weights_table_chart(wide, "Share").to_dict()
    enc = spec["encoding"]
    assert enc["y"]["field"] == "factor" and enc["y"]["sort"] == ["sales", "profit"]
    assert enc["color"]["scale"]["domain"] == ["Current", "AHP"]
    assert enc["x"]["title"] == "Share"
    rows = {(r["factor"], r["source"]): r["share"] for r in _rows(spec)}
    assert rows == {
        ("sales", "Current"): 0.5,
        ("profit", "Current"): 0.5,
        ("sales", "AHP"): 0.8,
        ("profit", "AHP"): 0.2,
    }
    assert list(wide.columns) == ["Factor", "Current", "AHP"]  # the input is not changed
