"""Streamlit's own widget text (uploader button and size line, input hints, select
placeholders) in Chinese on Chinese pages and untouched on English ones, in a real Chromium.
Screenshots: artifacts/screenshots/chrome_zh_<page>.png.

The Chinese is drawn by CSS (``::before`` / ``::after``), which ``inner_text`` never contains,
so :func:`shown_text` reads what is on screen: visible text plus generated content.

Run with ``python -m pytest tests/e2e/test_chinese_chrome.py -m browser``.
"""

from __future__ import annotations

import pytest

from tests.e2e.test_browser import go, language_button, open_app, photograph, settle

pytestmark = pytest.mark.browser

UPLOAD_PAGES = ["data", "orders", "review", "export"]
SNAPSHOTS = {"zh": "两份客户快照（上传）", "en": "Two customer snapshots (upload)"}
UPLOADER = '[data-testid="stFileUploader"]'
BUTTON = '[data-testid="stFileUploaderDropzone"] button'
HINT = '[data-testid="InputInstructions"]'
# Visible text in document order, with CSS generated content (icon ligatures left out).
SHOWN_TEXT = """root => {
  const out = [];
  const pseudo = (el, which) => {
    const style = getComputedStyle(el, which);
    if (style.display !== 'none' && style.visibility === 'visible'
        && style.content.startsWith('"')) out.push(JSON.parse(style.content));
  };
  const walk = node => {
    if (node.nodeType === Node.TEXT_NODE) {
      const style = getComputedStyle(node.parentElement);
      if (style.visibility === 'visible' && parseFloat(style.fontSize) > 0) {
        out.push(node.textContent);
      }
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || getComputedStyle(node).display === 'none') return;
    if (node.dataset.testid === 'stIconMaterial') return;
    pseudo(node, '::before');
    node.childNodes.forEach(walk);
    pseudo(node, '::after');
  };
  walk(root);
  return out.join(' ').replace(/\\s+/g, ' ').trim();
}"""


def shown_text(locator) -> str:
    """What a reader sees in ``locator``: visible text and CSS ``content``, in order."""
    return locator.evaluate(SHOWN_TEXT)


def _open_uploaders(page, app_url: str, page_id: str, lang: str):
    open_app(page, app_url, lang)
    go(page, page_id)
    if page_id == "review":  # its uploaders belong to the snapshot comparison
        page.locator('[data-testid="stMain"] button').filter(has_text=SNAPSHOTS[lang]).click()
        settle(page)
    uploaders = page.locator(UPLOADER)
    uploaders.first.wait_for()
    return uploaders


def _assert_english(uploaders) -> None:
    for uploader in uploaders.all():
        assert shown_text(uploader.locator(BUTTON)) == "Upload"
        assert "per file" in uploader.inner_text()
        shown = shown_text(uploader)
        assert "per file" in shown and "单个文件" not in shown, shown


@pytest.mark.parametrize("page_id", UPLOAD_PAGES)
def test_uploader_speaks_chinese_then_english_again(tab, app_url, screenshots, page_id):
    uploaders = _open_uploaders(tab, app_url, page_id, "zh")
    assert uploaders.count() == (2 if page_id == "review" else 1)
    for uploader in uploaders.all():
        assert shown_text(uploader.locator(BUTTON)) == "上传文件"
        shown = shown_text(uploader)
        assert "单个文件不超过 200MB" in shown, shown
        assert "Upload" not in shown and "per file" not in shown, shown
        text = uploader.inner_text()
        assert "Upload" not in text and "per file" not in text, text
        assert not uploader.get_by_text("per file").is_visible()
        assert uploader.locator('[data-testid="stTooltipIcon"]').count() == 1  # help lists types
    photograph(tab, screenshots / f"chrome_zh_{page_id}.png")

    language_button(tab, "English").click()
    tab.locator("h1").first.wait_for()
    settle(tab)
    _assert_english(tab.locator(UPLOADER))


def test_uploader_on_an_english_page_is_untouched(tab, app_url):
    _assert_english(_open_uploaders(tab, app_url, "data", "en"))


HINTS = {
    "zh": ("按 Enter 键应用", "按 Enter 键提交"),
    "en": ("Press Enter to apply", "Press Enter to submit form"),
}
RULES = {"zh": "预警阈值", "en": "Early-warning thresholds"}
ROOM_CODE = {"zh": "房间码", "en": "Room code"}


# a select that keeps Streamlit's default placeholder
ID_COLUMN = {"zh": "客户编号列", "en": "Customer ID column"}


def _placeholder_colour(page, lang: str) -> str:
    """Empty the ID-column select's search box and read its placeholder's colour."""
    select = page.locator('[data-testid="stSelectbox"]').filter(has_text=ID_COLUMN[lang])
    field = select.locator("input").first
    field.click()
    field.press("Control+A")
    field.press("Backspace")
    assert field.get_attribute("placeholder") == "Choose an option"
    colour = field.evaluate("e => getComputedStyle(e, '::placeholder').color")
    field.press("Escape")
    return colour


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_input_hints_and_select_placeholder(tab, app_url, lang):
    open_app(tab, app_url, lang)
    go(tab, "data")
    colour = _placeholder_colour(tab, lang)
    assert (colour == "rgba(0, 0, 0, 0)") == (lang == "zh"), colour

    apply, submit = HINTS[lang]
    go(tab, "workshop")
    code = tab.get_by_label(ROOM_CODE[lang])
    code.fill("ABC")
    hint = tab.locator(HINT)
    hint.wait_for()
    assert shown_text(hint) == apply
    assert ("Press Enter" in hint.inner_text()) == (lang == "en")
    code.press("Enter")  # apply it now: a pending value would rerun this page on the way out
    settle(tab)

    go(tab, "review")
    tab.get_by_text(RULES[lang]).click()
    rules = tab.locator('[data-testid="stForm"]').first
    rules.locator('[data-testid="stNumberInput"] input').first.fill("35")
    hint = rules.locator(HINT)
    hint.wait_for()
    assert shown_text(hint) == submit
