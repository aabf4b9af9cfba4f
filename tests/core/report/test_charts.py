"""core.report.charts: the report's Altair specs, SVG drawing and the CJK font search."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from core.report.charts import (
    TIER_COLORS,
    chart_svg,
    contribution_chart,
    find_cjk_font_dir,
    tier_chart,
    weights_chart,
)


def test_weights_chart_spec() -> None:
    spec = weights_chart(
        pd.DataFrame({"factor": ["销售额", "毛利"], "weight": [0.6, 0.4]}), "因素权重", "权重"
    ).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["axis"]["format"] == "%"
    assert spec["title"] == "因素权重"
    assert "Noto Sans CJK SC" in spec["config"]["font"]


def test_tier_chart_keeps_the_app_colours_in_label_order() -> None:
    frame = pd.DataFrame({"tier": ["Key", "Other"], "customers": [3, 7]})
    spec = tier_chart(frame, ["Key", "Other"], "Customers per group", "Customers").to_dict()
    color = spec["layer"][0]["encoding"]["color"]["scale"]
    assert color == {"domain": ["Key", "Other"], "range": list(TIER_COLORS[:2])}


def test_contribution_chart_stacks_factors_in_order() -> None:
    frame = pd.DataFrame(
        {"customer": ["A", "A", "B", "B"], "factor": ["y", "x", "y", "x"], "points": [1, 2, 3, 4]}
    )
    chart = contribution_chart(frame, ["B", "A"], "t", "points")
    spec = chart.to_dict()
    assert spec["encoding"]["y"]["sort"] == ["B", "A"]
    data = next(iter(spec["datasets"].values()))
    assert [row["order"] for row in data] == [0, 1, 0, 1]


def test_chart_svg_prefixes_ids() -> None:
    pytest.importorskip("vl_convert")
    frame = pd.DataFrame({"factor": ["a"], "weight": [1.0]})
    svg = chart_svg(weights_chart(frame, "t", "w"), prefix="c7")
    assert svg.startswith("<svg") and "<script" not in svg
    assert 'id="' not in svg or 'id="c7-' in svg


def test_find_cjk_font_dir(tmp_path: Path) -> None:
    (tmp_path / "latin").mkdir()
    (tmp_path / "latin" / "DejaVuSans.ttf").write_bytes(b"")
    assert find_cjk_font_dir([tmp_path, tmp_path / "nowhere"]) is None
    (tmp_path / "cjk" / "noto").mkdir(parents=True)
    (tmp_path / "cjk" / "noto" / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    assert find_cjk_font_dir([tmp_path / "nowhere", tmp_path]) == tmp_path / "cjk" / "noto"


def test_contribution_chart_gives_each_of_eleven_factors_its_own_colour() -> None:
    factors = [f"f{k}" for k in range(11)]
    frame = pd.DataFrame({"customer": "A", "factor": factors, "points": 1.0})
    scale = contribution_chart(frame, ["A"], "t", "points").to_dict()["encoding"]["color"]["scale"]
    assert scale["domain"] == factors
    assert len(set(scale["range"])) == 11
