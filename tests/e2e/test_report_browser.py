"""The client report and the Key accounts page in a real headless Chromium.

The report is built on the Export page, downloaded, and the downloaded file is opened from
disk (file://), as a client would open a mailed attachment: it must render with no server.
The accounts page is photographed in both languages under artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from test_browser import go, open_app, photograph, settle

pytestmark = pytest.mark.browser

REPORT_TITLES = {"en": "Customer importance ranking report", "zh": "客户重要性排序报告"}
BUILD = {"en": "Build report", "zh": "生成报告"}
DOWNLOAD = {"en": "Download report (HTML)", "zh": "下载报告（HTML）"}


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
