"""The client report and the Key accounts page in a real headless Chromium.

The report is built on the Export page, downloaded, and the downloaded file is opened from
disk (file://), as a client would open a mailed attachment: it must render with no server.
It is then printed to PDF as a browser's "Save as PDF" would (A4, no row or chart cut by a
page break); the PDF and, with pdftoppm, its first page as PNG go under artifacts/screenshots/.
The accounts page is photographed in both languages under artifacts/screenshots/.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from tests.e2e.test_browser import go, open_app, photograph, settle

pytestmark = pytest.mark.browser

REPORT_TITLES = {"en": "Customer importance ranking report", "zh": "客户重要性排序报告"}
BUILD = {"en": "Build report", "zh": "生成报告"}
DOWNLOAD = {"en": "Download report (HTML)", "zh": "下载报告（HTML）"}
CHARTS = {"en": "Charts (PNG, zip)", "zh": "图表（PNG，zip）"}
A4_POINTS = (595.3, 841.9)  # 210 × 297 mm


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height in points of each page of a PDF as Chromium writes it (uncompressed
    page objects, one MediaBox each)."""
    boxes = re.findall(rb"/Type\s*/Page\b(?!s).*?/MediaBox\s*\[([^\]]*)\]", pdf, re.S)
    return [tuple(float(v) for v in box.split()[2:4]) for box in boxes]


def check_print_layout(report) -> None:
    """In print media, charts and table rows may not be split, and charts fit the width and
    at most 88 mm of height (so a page holds a chart and its text: no half-empty pages)."""
    report.emulate_media(media="print")
    figures = report.evaluate(
        """() => [...document.querySelectorAll('figure')].map(f => [
            getComputedStyle(f).breakInside,
            f.querySelector('svg').getBoundingClientRect().width,
            f.getBoundingClientRect().width,
            f.querySelector('svg').getBoundingClientRect().height])"""
    )
    assert len(figures) == 3
    most = 88 / 25.4 * 96  # 88 mm in CSS pixels
    for avoid, chart_width, figure_width, chart_height in figures:
        assert avoid == "avoid" and chart_width <= figure_width + 1
        assert chart_height <= most + 1 and chart_width > figure_width / 3
    rows = report.evaluate(
        "() => [...new Set([...document.querySelectorAll('tr')]"
        ".map(r => getComputedStyle(r).breakInside))]"
    )
    assert rows == ["avoid"]
    report.emulate_media(media="null")  # back to the default (page.pdf() prints anyway)


def print_to_pdf(report, folder, lang: str) -> None:
    """Save the open report as an A4 PDF (as the print dialog would) and, with pdftoppm, its
    first page as a PNG to look at."""
    path = folder / f"report_{lang}.pdf"
    pdf = report.pdf(path=str(path), print_background=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    assert len(pages) >= 1
    for width, height in pages:
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
    if shutil.which("pdftoppm") is None:
        return  # the PDF itself is checked; only the picture of page 1 needs poppler
    stem = folder / f"report_{lang}_pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path, stem],
        check=True,
        timeout=60,
    )
    assert stem.with_suffix(".png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_downloads_and_opens_offline(tab, app_url, chromium, tmp_path, screenshots, lang):
    open_app(tab, app_url, lang)
    go(tab, "export")
    tab.get_by_role("button", name=re.compile(BUILD[lang])).click()
    settle(tab)
    download_button = tab.get_by_role("button", name=re.compile(re.escape(DOWNLOAD[lang])))
    download_button.wait_for()
    with tab.expect_download() as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename == f"customer_report_{lang}.html"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with tab.expect_download() as charts_info:
        tab.get_by_role("button", name=re.compile(re.escape(CHARTS[lang]))).click()
    charts = tmp_path / charts_info.value.suggested_filename
    charts_info.value.save_as(charts)
    assert charts.name == f"customer_report_charts_{lang}.zip"
    with zipfile.ZipFile(charts) as archive:
        assert len(archive.namelist()) == 3
        assert all(archive.read(n).startswith(b"\x89PNG") for n in archive.namelist())
    photograph(tab, screenshots / f"export_report_{lang}.png")

    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    try:
        report = context.new_page()
        requests: list[str] = []
        report.on("request", lambda request: requests.append(request.url))
        report.goto(saved.as_uri())
        assert report.title() == REPORT_TITLES[lang]
        report.locator("h1").wait_for()
        assert report.locator("h1").inner_text() == REPORT_TITLES[lang]
        assert report.locator("svg").count() >= 3  # weights, tiers, contributions
        assert report.locator("svg").first.bounding_box()["width"] > 100  # drawn, not empty
        assert report.locator("table").count() >= 3
        assert all(url.startswith("file://") for url in requests), requests  # self-contained
        report.screenshot(path=screenshots / f"report_{lang}.png", full_page=True)
        assert "PDF" in report.locator("footer").inner_text()
        check_print_layout(report)
        print_to_pdf(report, screenshots, lang)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_screenshots_of_the_accounts_page(tab, app_url, screenshots, lang):
    open_app(tab, app_url, lang)
    go(tab, "accounts")
    title = "Key accounts & resources" if lang == "en" else "重点客户与资源"
    assert tab.locator("h1").first.inner_text() == title
    # Widgets are drawn as grey placeholders until their code has loaded.
    for widget in ("stSelectbox", "stNumberInput", "stTextArea", "stMetric", "stVegaLiteChart"):
        tab.locator(f'[data-testid="{widget}"]').first.wait_for()
    photograph(tab, screenshots / f"accounts_{lang}.png")
    settle(tab)
