"""A participant on a phone (390 × 844, touch): the join page in pairwise mode with the room's
11 factors fits the width without horizontal scrolling, the short set is 10 comparisons, and
"answer more" brings the consistency ratio; both languages.

Run with ``python -m pytest tests/e2e/test_phone_browser.py -m browser``; full-page screenshots
go to artifacts/screenshots/join_phone_*.png.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

APP = '[data-testid="stApp"]'
CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")
PHONE = {"width": 390, "height": 844}
FACTORS = 11
TEXT = {
    "en": {
        "create": "Create room",
        "name": "Your name",
        "ahp": "Pairwise comparison (AHP)",
        "reference": "Compare each factor with",
        "submit": "Submit weights",
        "saved": "submission number 1",
        "more": "Answer 3 more comparisons",
        "cr": "Consistency ratio CR",
    },
    "zh": {
        "create": "创建房间",
        "name": "你的名字",
        "ahp": "两两比较（AHP）",
        "reference": "基准因素",
        "submit": "提交权重",
        "saved": "第 1 次提交",
        "more": "再回答 3 组比较",
        "cr": "一致性比率 CR",
    },
}
# The widest right edge of any visible element, and the page's and main area's scroll widths.
WIDTHS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  let right = 0;
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) right = Math.max(right, box.right);
  }
  return {page: document.scrollingElement.scrollWidth, main: main.scrollWidth, right: right};
}"""


def settled(page) -> None:
    page.locator(f'{APP}[data-test-script-state="notRunning"]').wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0


def fits_the_phone(page) -> None:
    widths = page.evaluate(WIDTHS)
    assert widths["page"] <= PHONE["width"] and widths["main"] <= PHONE["width"], widths
    assert widths["right"] <= PHONE["width"] + 0.5, widths


def photograph(page, path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so the window is made as tall as
    that area's content for the shot (same width), then set back."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": PHONE["width"], "height": height})
    settled(page)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(PHONE)


def open_room(chromium, app_url: str, lang: str) -> str:
    host_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        host = host_context.new_page()
        host.set_default_timeout(30_000)
        host.goto(f"{app_url}/workshop?lang={lang}")
        host.get_by_role("button", name=TEXT[lang]["create"]).click()
        code_text = host.locator("code").filter(has_text=CODE).first
        code_text.wait_for()
        return CODE.search(code_text.text_content()).group(0).replace("-", "")
    finally:
        host_context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pairwise_weighting_fits_a_phone(chromium, app_url, screenshots, lang):
    code = open_room(chromium, app_url, lang)
    text = TEXT[lang]
    phone = chromium.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN" if lang == "zh" else "en-US",
    )
    try:
        guest = phone.new_page()
        guest.set_default_timeout(30_000)
        guest.goto(f"{app_url}/join?room={code}&lang={lang}")
        guest.get_by_label(text["name"], exact=False).fill("Ann")
        guest.locator("button").filter(has_text=re.compile(rf"^{re.escape(text['ahp'])}$")).click()
        guest.get_by_text(text["reference"], exact=False).first.wait_for()  # pairwise drawn
        pairs = guest.get_by_role("slider")
        settled(guest)
        assert pairs.count() == FACTORS - 1  # the short set: each factor against the reference
        fits_the_phone(guest)

        for k in range(FACTORS - 1):  # answer every comparison of the short set
            pairs.nth(k).focus()
            pairs.nth(k).press("ArrowLeft" if k % 2 else "ArrowRight")
            settled(guest)
        fits_the_phone(guest)
        photograph(guest, screenshots / f"join_phone_short_{lang}.png")
        guest.get_by_role("button", name=text["submit"]).click()
        guest.get_by_text(text["saved"], exact=False).wait_for()
        settled(guest)

        guest.get_by_role("button", name=text["more"]).click()
        guest.get_by_text(text["cr"], exact=False).first.wait_for()
        settled(guest)
        assert pairs.count() == FACTORS - 1 + 3
        fits_the_phone(guest)
        photograph(guest, screenshots / f"join_phone_more_{lang}.png")
    finally:
        phone.close()
