"""F5 loses nothing: in Chromium, upload, weight, present, reload: the same page and ranking."""

from __future__ import annotations

import pytest

from tests.e2e.test_browser import (
    cell,
    eventually,
    go,
    settle,
    sidebar_slider,
    upload_sample_head,
)

pytestmark = pytest.mark.browser


def ranked_ids(page, n: int = 10) -> list[str]:
    """The Ranking page's top IDs (its table has a selection column first)."""
    cell(page, 2, 0).wait_for(state="attached")
    return [cell(page, 2, row).text_content() for row in range(n)]


def settled_ids(page) -> list[str]:
    """The top IDs once the grid has been redrawn (it is, a moment after the run ends): the
    same on two reads a second apart."""
    seen: list[list[str]] = [ranked_ids(page)]

    def steady() -> bool:
        page.wait_for_timeout(1_000)
        seen.append(ranked_ids(page))
        return seen[-1] == seen[-2]

    assert eventually(steady, seconds=15)
    return seen[-1]


def test_a_reload_keeps_the_upload_weights_presentation_and_page(tab, app_url, tmp_path):
    upload_sample_head(tab, app_url, tmp_path / "clients_for_reload.csv")
    go(tab, "ranking")
    settle(tab)
    for column, key in (("revenue", "Home"), ("complaints", "End")):
        slider = sidebar_slider(tab, column)
        slider.focus()
        slider.press(key)
        settle(tab)
    before = settled_ids(tab)
    url = tab.url
    assert "sid=" in url and "/ranking" in url

    tab.reload()
    settle(tab)
    assert tab.url == url
    assert "clients_for_reload.csv" in tab.locator('[data-testid="stSidebar"]').inner_text()
    assert sidebar_slider(tab, "revenue").input_value() == "0"
    assert sidebar_slider(tab, "complaints").input_value() == "100"
    assert eventually(lambda: ranked_ids(tab) == before, seconds=10), ranked_ids(tab)

    tab.get_by_role("button", name="Start over").click()
    settle(tab)
    assert "sample_customers_en.csv" in tab.locator('[data-testid="stSidebar"]').inner_text()
    assert sidebar_slider(tab, "revenue").input_value() == "50"
