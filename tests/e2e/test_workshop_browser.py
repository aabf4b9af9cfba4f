"""The workshop in a real browser: a facilitator and a participant in two browser contexts;
the participant's submission appears on the facilitator's screen by itself (live refresh); a
reload keeps the participant in the room; the AHP mode on a phone-sized screen.

Run with ``python -m pytest tests/e2e -m browser``; screenshots of both views in both
languages (and of the participant's AHP mode on a phone) go to artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

APP = '[data-testid="stApp"]'
NAME = "<b>Ann</b> & co"
CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")
PHONE = {"width": 390, "height": 844}


def context(chromium, lang: str):
    locale = "zh-CN" if lang == "zh" else "en-US"
    return chromium.new_context(viewport={"width": 1280, "height": 900}, locale=locale)


def settled(page) -> None:
    page.locator(f'{APP}[data-test-script-state="notRunning"]').wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_participant_submission_appears_for_the_facilitator(chromium, app_url, screenshots, lang):
    host_context, guest_context = context(chromium, lang), context(chromium, lang)
    try:
        host = host_context.new_page()
        host.set_default_timeout(30_000)
        host.goto(f"{app_url}/workshop?lang={lang}")
        host.get_by_role("button", name="创建房间" if lang == "zh" else "Create room").click()
        code_text = host.locator("code").filter(has_text=CODE).first
        code_text.wait_for()
        code = CODE.search(code_text.text_content()).group(0)
        host.locator('[data-testid="stImage"] img').first.wait_for()  # the QR code
        settled(host)

        guest = guest_context.new_page()
        guest.set_default_timeout(30_000)
        guest.goto(f"{app_url}/join?room={code.replace('-', '')}&lang={lang}")
        guest.get_by_role("heading", name=re.compile(code)).wait_for()
        assert guest.locator('[data-testid="stSidebar"]').is_hidden()
        guest.get_by_label("你的名字" if lang == "zh" else "Your name", exact=False).fill(NAME)
        slider = guest.get_by_role("slider").first
        slider.focus()
        slider.press("End")
        guest.get_by_role("button", name="提交权重" if lang == "zh" else "Submit weights").click()
        guest.get_by_role(
            "button", name="更新我的权重" if lang == "zh" else "Update my weights"
        ).wait_for()
        settled(guest)
        guest.screenshot(path=screenshots / f"join_{lang}.png", full_page=True)

        # No click on the facilitator's page: the live fragment picks the submission up.
        cell = host.locator('[data-testid^="glide-cell-"]', has_text=NAME).first
        cell.wait_for(state="attached", timeout=20_000)  # the grid's accessible copy
        metric = host.locator('[data-testid="stMetricValue"]').nth(1)
        metric.wait_for()
        assert metric.text_content() == "1"
        assert host.locator("b", has_text="Ann").count() == 0  # the name is text, not HTML
        host.screenshot(path=screenshots / f"workshop_{lang}.png", full_page=True)

        # The address now holds the seat: a reload keeps the participant and their weights.
        assert "me=" in guest.url
        guest.reload()
        guest.get_by_role(
            "button", name="更新我的权重" if lang == "zh" else "Update my weights"
        ).wait_for()
        settled(guest)
        assert guest.get_by_text("Ann</b> & co", exact=False).count() >= 1
        assert (
            guest.get_by_label("你的名字" if lang == "zh" else "Your name", exact=False).count()
            == 0
        )
        thumb = guest.locator('[data-testid="stSliderThumbValue"]').first
        assert thumb.text_content() == "100"

        # The AHP mode on a phone: one pair moved, the shares and the verdict below.
        guest.set_viewport_size(PHONE)
        ahp = "两两比较（AHP）" if lang == "zh" else "Pairwise comparison (AHP)"
        guest.locator("button").filter(has_text=re.compile(rf"^{re.escape(ahp)}$")).click()
        reference = "基准因素" if lang == "zh" else "Compare each factor with"
        guest.get_by_text(reference, exact=False).first.wait_for()  # the AHP mode is drawn
        pair = guest.get_by_role("slider").first
        pair.wait_for()
        settled(guest)
        pair.focus()
        pair.press("Home")  # the left end: the first factor 9× as important
        thumb = guest.locator('[data-testid="stSliderThumbValue"]', has_text=re.compile("^9× "))
        thumb.first.wait_for()
        settled(guest)
        # Streamlit scrolls inside the page, so a phone-wide, tall window shows it all at once.
        guest.set_viewport_size({"width": PHONE["width"], "height": 3400})
        settled(guest)
        guest.screenshot(path=screenshots / f"join_ahp_phone_{lang}.png", full_page=True)
        guest.get_by_role(
            "button", name="更新我的权重" if lang == "zh" else "Update my weights"
        ).click()
        guest.get_by_text(
            "第 2 次提交" if lang == "zh" else "submission number 2", exact=False
        ).wait_for()
        settled(guest)
    finally:
        host_context.close()
        guest_context.close()
