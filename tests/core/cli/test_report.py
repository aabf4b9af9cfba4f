"""core.cli.report: ``python -m core report`` through core.cli.main.main."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import core.cli.report as cli_report
import core.report.figures as report_figures
import core.report.images as report_images
from tests.core.cli_support import run_main

ROOT = Path(__file__).resolve().parents[3]
ZH = ROOT / "data" / "sample_customers_zh.csv"
EN = ROOT / "data" / "sample_customers_en.csv"


# The Chinese sample's warnings, printed on stderr after the summary line
SAMPLE_WARNINGS = [
    f"column '{c}': 15 missing value(s) filled with the column median"
    for c in ("满意度", "NPS", "增长率", "市场影响力")
]


def test_report_writes_a_chinese_html_file(tmp_path: Path) -> None:
    out = tmp_path / "报告.html"
    code, stdout, err = run_main("report", ZH, "--out", out, "--top", 5)
    assert code == 0 and stdout == ""
    assert err.splitlines() == [
        "ranked: 500 customers, excluded: 0, warnings: 4",
        *(f"warning: {line}" for line in SAMPLE_WARNINGS),
        f"wrote: {out}",
    ]
    html = out.read_text(encoding="utf-8")
    assert "<title>客户重要性排序报告</title>" in html
    assert "重点客户名单（前 5 名）" in html
    assert "<th>销售额占比</th>" in html  # revenue and profit found in the data


def test_report_in_english_anonymized_with_a_scenario(tmp_path: Path) -> None:
    scenario = tmp_path / "s.json"
    scenario.write_text(
        '{"id_column": "customer_id", "name_column": "customer_name",'
        ' "factors": [{"column": "revenue", "weight": 2}, {"column": "profit"}]}',
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    code, _, _ = run_main(
        "report", EN, "--scenario", scenario, "--lang", "en", "--anonymize", "--out", out
    )
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert re.search(r"<td class=\"n\">1</td><td>Customer [A-Z]+</td>", html)
    assert "C0001" not in html and "Yinchuan Wantong" not in html


def test_wrong_output_type_is_one_error_line(tmp_path: Path) -> None:
    code, _, err = run_main("report", ZH, "--out", tmp_path / "r.pdf")
    assert code == 2
    where = tmp_path / "r.pdf"
    assert err == f"error: output '{where}': a report is an HTML file; end the name with .html\n"
    assert not (tmp_path / "r.pdf").exists()


def test_bad_scenario_and_missing_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id_column": "客户编号", "factors": [{"column": "利润额"}]}', encoding="utf-8")
    code, _, err = run_main("report", ZH, "--scenario", bad, "--out", tmp_path / "r.html")
    assert code == 2
    assert err.startswith(f"error: scenario file '{bad}': column '利润额' is not in the data")
    assert len(err.splitlines()) == 1
    code, _, err = run_main("report", tmp_path / "none.csv", "--out", tmp_path / "r.html")
    assert code == 2 and err.startswith("error: ") and len(err.splitlines()) == 1


def test_unwritable_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "r.html"
    code, _, err = run_main("report", ZH, "--out", out)
    assert code == 2
    assert err.startswith(f"error: cannot write '{out}'")


def test_out_is_required() -> None:
    code, _, err = run_main("report", ZH)
    assert code == 2 and "--out" in err


def test_charts_writes_the_png_files_into_a_new_folder(tmp_path: Path) -> None:
    pytest.importorskip("vl_convert")
    out, charts = tmp_path / "r.html", tmp_path / "slides" / "charts"
    code, stdout, err = run_main("report", ZH, "--out", out, "--charts", charts, "--top", 5)
    assert code == 0 and stdout == ""
    names = ["01-factor-weights.png", "02-customers-per-group.png", "03-score-make-up.png"]
    assert sorted(p.name for p in charts.iterdir()) == names
    for name in names:
        assert (charts / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert err.splitlines()[1 + len(SAMPLE_WARNINGS) :] == [
        f"wrote: {out}",
        *(f"wrote: {charts / n}" for n in names),
    ]
    assert "<title>客户重要性排序报告</title>" in out.read_text(encoding="utf-8")


PNG = b"\x89PNG\r\n\x1a\n"
NAMES = ["01-factor-weights.png", "02-customers-per-group.png", "03-score-make-up.png"]


@pytest.fixture
def drawn_elsewhere(monkeypatch) -> None:
    """Charts as stand-in PNG bytes: for tests of what the command does around the drawing
    (the drawing itself is tested above and in tests/core/report/test_images.py)."""
    monkeypatch.setattr(cli_report, "chart_pngs", lambda *_a, **_k: dict.fromkeys(NAMES, PNG))


def test_charts_into_a_file_is_one_error_line(tmp_path: Path, drawn_elsewhere) -> None:
    taken = tmp_path / "taken"
    taken.write_text("a file, not a folder", encoding="utf-8")
    code, _, err = run_main("report", EN, "--out", tmp_path / "r.html", "--charts", taken)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"error: cannot write the charts into '{taken}'")


def test_charts_without_vl_convert_write_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(report_images, "vl_convert", lambda: None)
    out = tmp_path / "r.html"
    code, _, err = run_main("report", EN, "--out", out, "--charts", tmp_path / "c")
    assert code == 2 and len(err.splitlines()) == 1
    assert "the PNG charts need vl-convert" in err
    assert not out.exists() and not (tmp_path / "c").exists()


def test_chinese_charts_without_a_cjk_font_warn(
    tmp_path: Path, monkeypatch, drawn_elsewhere
) -> None:
    monkeypatch.setattr(report_figures, "cjk_font_dir", lambda: None)
    charts = tmp_path / "c"
    code, _, err = run_main("report", ZH, "--out", tmp_path / "r.html", "--charts", charts)
    assert code == 0 and len(list(charts.iterdir())) == 3
    assert "warning: no Chinese font found" in err
    code, _, err = run_main("report", EN, "--out", tmp_path / "e.html", "--charts", charts)
    assert code == 0 and "no Chinese font" not in err  # English charts need none


def test_report_shows_the_scenarios_allocation(tmp_path: Path) -> None:
    scenario = tmp_path / "s.json"
    scenario.write_text(
        '{"id_column": "customer_id", "factors": [{"column": "revenue"}],'
        ' "allocation": {"budget": 200, "unit": "hours", "revenue_column": "revenue",'
        ' "tier_shares": {"Key": 3, "Important": 1, "Ordinary": 0}}}',  # old: labels, read as keys
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    code, _, _ = run_main("report", EN, "--scenario", scenario, "--lang", "en", "--out", out)
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert "<h2>Resource allocation</h2>" in html
    assert "Budget 200.00 (hours); revenue covered " in html
    assert '<td class="k">Key</td><td class="n">100</td><td class="n">100</td>' in html
    assert '<td class="n">150.00</td><td class="n">75.0%</td>' in html
    # Without a policy there is no such section.
    plain = tmp_path / "p.html"
    assert run_main("report", EN, "--out", plain)[0] == 0
    assert "Resource allocation" not in plain.read_text(encoding="utf-8")
