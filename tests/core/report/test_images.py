"""core.report.images and core.report.figures: the report's charts as PNG, drawn from the same
chart list as the HTML report's SVGs."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

import core.report.charts as chart_module
import core.report.html as report
import core.report.images as report_images
from core.errors import InputError
from core.method.ranking import rank_customers
from core.report.charts import PNG_SCALE, WIDTH, chart_png
from core.report.figures import report_charts
from core.report.html import build_report
from core.report.images import (
    PNG_SIGNATURE,
    ChartRenderError,
    chart_pngs,
    charts_zip,
    write_charts,
)
from tests.core.report.test_html import FRAME, IDS, NAMES, scenario

FILES = ["01-factor-weights.png", "02-customers-per-group.png", "03-score-make-up.png"]
TITLES = {
    "zh": ["因素权重", "各组客户数", "前 5 名客户的得分构成"],
    "en": ["Factor weights", "Customers per group", "Score make-up of the first 5 customers"],
}


def ranking():
    return rank_customers(FRAME, scenario())


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk (right after the 8-byte signature)."""
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.fixture
def specs(monkeypatch) -> list[dict]:
    """The Vega-Lite specs vl-convert is asked to draw as PNG (it still draws them)."""
    module = pytest.importorskip("vl_convert")
    drawn: list[dict] = []

    def vegalite_to_png(spec, **options):
        drawn.append(spec)
        return module.vegalite_to_png(spec, **options)

    recording = SimpleNamespace(
        vegalite_to_png=vegalite_to_png,
        vegalite_to_svg=module.vegalite_to_svg,
        register_font_directory=module.register_font_directory,
    )
    monkeypatch.setattr(chart_module, "vl_convert", lambda: recording)
    return drawn


def test_the_zip_holds_three_valid_png_charts_at_double_scale() -> None:
    pytest.importorskip("vl_convert")
    data = charts_zip(chart_pngs(ranking(), "zh"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == FILES
        for name in FILES:
            width, height = png_size(archive.read(name))
            assert width >= PNG_SCALE * WIDTH and height >= 2 * 100


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_png_titles_are_in_the_chosen_language(specs, lang) -> None:
    pngs = chart_pngs(ranking(), lang)
    assert list(pngs) == FILES
    assert [spec["title"] for spec in specs] == TITLES[lang]
    other = TITLES["en" if lang == "zh" else "zh"]
    assert not any(title in json.dumps(specs, ensure_ascii=False) for title in other)


def test_anonymised_chart_specs_hold_aliases_only(specs) -> None:
    chart_pngs(ranking(), "zh", anonymize=True)
    text = json.dumps(specs, ensure_ascii=False)
    assert [real for real in [*NAMES, *IDS, "alert(1)"] if real in text] == []
    assert "客户 A" in text
    specs.clear()
    chart_pngs(ranking(), "zh", anonymize=False)
    assert "华东钢铁有限公司" in json.dumps(specs, ensure_ascii=False)  # the check can fail


def test_html_and_png_draw_the_same_chart_list(monkeypatch, specs) -> None:
    """The HTML report draws core.report.figures.report_charts: one chart there, one SVG here."""
    charts = report_charts(ranking(), "en")
    monkeypatch.setattr(report, "report_charts", lambda *args: charts[:1])
    html = build_report(ranking(), "x.csv", "en")
    assert html.count("<svg") == 1 and "Factor weights" in html
    monkeypatch.setattr(report_images, "report_charts", lambda *args: charts[1:])
    assert list(chart_pngs(ranking(), "en")) == FILES[1:]


def test_png_drawing_registers_the_cjk_font_first(monkeypatch, specs) -> None:
    calls: list[str] = []
    monkeypatch.setattr(chart_module, "cjk_font_dir", lambda: calls.append("font"))
    png = chart_png(report_charts(ranking(), "zh")[0].chart)
    assert calls == ["font"] and png[:8] == PNG_SIGNATURE


def test_without_vl_convert_the_error_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setattr(report_images, "vl_convert", lambda: None)
    with pytest.raises(ChartRenderError, match="pip install vl-convert-python"):
        chart_pngs(ranking(), "en")


def test_write_charts_creates_the_folder(tmp_path: Path) -> None:
    pngs = {"01-a.png": PNG_SIGNATURE + b"a", "02-b.png": PNG_SIGNATURE + b"b"}
    folder = tmp_path / "new" / "charts"
    written = write_charts(pngs, folder)
    assert written == [folder / "01-a.png", folder / "02-b.png"]
    assert (folder / "02-b.png").read_bytes() == PNG_SIGNATURE + b"b"


def test_write_charts_into_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(InputError, match=r"cannot write the charts into '.*taken'"):
        write_charts({"01-a.png": PNG_SIGNATURE}, blocker)
