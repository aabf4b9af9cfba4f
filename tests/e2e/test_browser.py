"""The app in a real headless Chromium: ranking, sliders, language, upload, download, screenshots.

Run with ``python -m pytest tests/e2e -m browser``. Every page is photographed in both languages
and in presentation mode under artifacts/screenshots/; the English ranking page also becomes
the README's screenshot (artifacts/docs/ranking.png, copied to docs/ by hand).
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ui.shell import PAGES

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

PAGE_IDS = [page_id for page_id, path, _ in PAGES if (ROOT / path).exists()]
SAMPLE_EN = ROOT / "data" / "sample_customers_en.csv"
# Written under artifacts/ so a test run never changes tracked files; copy it to docs/ranking.png
# to refresh the README's screenshot.
README_SHOT = ROOT / "artifacts" / "docs" / "ranking.png"
README_MAX_BYTES = 400_000
APP = '[data-testid="stApp"]'
TITLES = {"en": "Customer Importance Workbench", "zh": "客户重要性排序工作台"}
UPLOAD_ROWS = 37
VIEWPORT = {"width": 1440, "height": 900}


def settle(page) -> None:
    """Wait for the script run an action started (if any) to finish."""
    with contextlib.suppress(PlaywrightTimeout):  # the run may have ended before we looked
        page.locator(f'{APP}[data-test-script-state="running"]').wait_for(timeout=1_000)
    page.locator(f'{APP}[data-test-script-state="notRunning"]').wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0


def eventually(check, seconds: float = 10.0) -> bool:
    """Poll ``check`` until it is true (the grid redraws a moment after the run ends)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def open_app(page, url: str, lang: str) -> None:
    page.goto(f"{url}/?lang={lang}")
    page.get_by_role("heading", name=TITLES[lang]).wait_for()
    settle(page)
    cell(page, 0, 0).wait_for(state="attached")


def cell(page, column: int, row: int, table: int = 0):
    """A dataframe cell (its hidden accessible copy; the grid itself is a canvas)."""
    frame = page.locator('[data-testid="stDataFrame"]').nth(table)
    return frame.locator(f'[data-testid="glide-cell-{column}-{row}"]')


def top_ids(page, n: int = 10) -> list[str]:
    return [cell(page, 1, row).text_content() for row in range(n)]


def go(page, page_id: str) -> None:
    """Follow the sidebar link to a page (a URL would start a new session and lose state)."""
    path = "" if page_id == "home" else page_id
    links = page.locator('[data-testid="stSidebar"] a')
    # Match the link by its target, not its position: the list grows with the product.
    # Streamlit writes each link's page as its href attribute ("" for the home page).
    targets = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    links.nth(targets.index(path)).click()
    page.wait_for_url(re.compile(rf"://[^/]+/{path}(\?.*)?$"))
    page.locator("h1").first.wait_for()
    settle(page)


def language_button(page, name: str):
    """One option of the sidebar's language switch (a segmented control)."""
    return page.locator('[data-testid="stSidebar"] button').filter(
        has_text=re.compile(rf"^{name}$")
    )


def sidebar_slider(page, column: str):
    return page.locator('[data-testid="stSidebar"]').get_by_role(
        "slider", name=re.compile(rf"^{re.escape(column)}\b", re.IGNORECASE)
    )


def test_home_shows_the_ranking_and_a_slider_reorders_it(tab, app_url):
    open_app(tab, app_url, "en")
    assert [cell(tab, 0, row).text_content() for row in range(10)] == [str(r) for r in range(1, 11)]
    before = top_ids(tab)
    revenue = sidebar_slider(tab, "revenue")
    revenue.focus()
    revenue.press("End")
    settle(tab)
    assert revenue.input_value() == "100"
    assert eventually(lambda: top_ids(tab) != before)
    for column in ("profit", "frequency"):  # sliders show display names: orders is Frequency
        slider = sidebar_slider(tab, column)
        slider.focus()
        slider.press("Home")
        settle(tab)
    assert sidebar_slider(tab, "revenue").input_value() == "100"
    assert sidebar_slider(tab, "profit").input_value() == "0"


def test_language_switch_shows_chinese(tab, app_url):
    open_app(tab, app_url, "en")
    language_button(tab, "中文").click()
    tab.get_by_role("heading", name=TITLES["zh"]).wait_for()
    settle(tab)
    assert tab.get_by_text("前 10 名客户").is_visible()
    assert tab.locator('[data-testid="stSidebar"] a').nth(1).inner_text().endswith("数据")
    assert "lang=zh" in tab.url


def upload_sample_head(page, url: str, upload: Path) -> Path:
    """Upload the English sample's first UPLOAD_ROWS rows as ``upload`` on the Data page of a
    fresh app, and wait until they are the current data."""
    pd.read_csv(SAMPLE_EN).head(UPLOAD_ROWS).to_csv(upload, index=False)
    open_app(page, url, "en")
    go(page, "data")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(upload)
    page.get_by_text(f"{UPLOAD_ROWS} rows").first.wait_for()
    settle(page)
    return upload


def test_upload_on_data_page_then_download_the_ranked_csv(tab, app_url, tmp_path):
    upload = upload_sample_head(tab, app_url, tmp_path / "forty_customers.csv")
    assert "forty_customers.csv" in tab.locator('[data-testid="stSidebar"]').inner_text()

    go(tab, "export")
    with tab.expect_download() as download_info:
        tab.get_by_role("button", name=re.compile("Download CSV")).click()
    download = download_info.value
    assert download.suggested_filename == "customer_ranking.csv"
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["rank", "customer_id", "score", "tier", "customer_name"]
    assert [row[0] for row in rows[1:]] == [str(r) for r in range(1, UPLOAD_ROWS + 1)]
    expected_ids = set(pd.read_csv(upload)["customer_id"])
    assert {row[1] for row in rows[1:]} == expected_ids
    share = tab.locator('[data-testid="stCode"]').inner_text()
    assert re.search(r"\?lang=en&s=[A-Za-z0-9_-]+", share)
    settle(tab)


def photograph(page, path: Path) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main area, not the body,
    so the viewport is stretched to the content's height first."""
    height = page.evaluate(
        """() => Math.max(...['stMain', 'stSidebarContent'].map(
            id => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))"""
    )
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height, 900), 6000)})
    page.wait_for_timeout(700)  # charts and grids redraw after the resize
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(VIEWPORT)


def pick_first_customer(page) -> None:
    """Choose the first customer in the Ranking page's "one customer explained" picker (again
    if the key presses came before the list was ready), until its chart is drawn."""
    chart = page.locator('[data-testid="stMain"] svg .mark-rect').first
    for _ in range(3):
        page.locator(".st-key-ranking_customer").get_by_role("combobox").focus()
        page.keyboard.press("ArrowDown")  # opens the list on its first customer
        page.keyboard.press("Enter")
        settle(page)
        with contextlib.suppress(PlaywrightTimeout):
            chart.wait_for(timeout=8_000)
            return
    chart.wait_for()


def _photograph_every_page(page, folder: Path, suffix: str) -> dict[str, Path]:
    shots = {}
    for page_id in PAGE_IDS:
        if page_id != "home":
            go(page, page_id)
        shots[page_id] = folder / f"{page_id}_{suffix}.png"
        photograph(page, shots[page_id])
        assert page.locator('[data-testid="stException"]').count() == 0, page_id
        if page_id == "ranking":  # one customer explained: what lifts or pulls its score
            pick_first_customer(page)
            photograph(page, folder / f"ranking_explained_{suffix}.png")
        if page_id == "export" and "presentation" in suffix:
            assert page.get_by_text(re.compile("演示模式已开启|Presentation mode is on")).count()
    go(page, "home")
    return shots


def test_screenshots_of_every_page(tab, app_url, screenshots):
    for lang in ("en", "zh"):
        open_app(tab, app_url, lang)
        shots = _photograph_every_page(tab, screenshots, lang)
        if lang == "en":
            _save_readme_shot(shots["ranking"])
    tab.locator('[data-testid="stSidebar"]').get_by_text("演示模式").click()
    settle(tab)
    _photograph_every_page(tab, screenshots, "zh_presentation")
    # Presentation mode hides the ID column: names move to column 1 and are aliases.
    names = [cell(tab, 1, row).text_content() for row in range(3)]
    assert all(re.fullmatch(r"客户 [A-Z]+", name) for name in names), names
    language_button(tab, "English").click()
    tab.get_by_role("heading", name=TITLES["en"]).wait_for()
    settle(tab)
    _photograph_every_page(tab, screenshots, "en_presentation")


def _save_readme_shot(source: Path) -> None:
    """Shrink the ranking screenshot until it fits the README budget (see README_SHOT)."""
    README_SHOT.parent.mkdir(exist_ok=True)
    image = Image.open(source).convert("RGB")
    width = image.width
    while True:
        scaled = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        scaled = scaled.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        scaled.save(README_SHOT, optimize=True)
        if README_SHOT.stat().st_size <= README_MAX_BYTES or width < 600:
            return
        width = round(width * 0.85)
