"""escape_markdown: data placed in Markdown renders as exactly its characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.i18n import Items, localize, markdown_format, msg, prefixed
from core.i18n.markdown import WORD_JOINER, Markdown, escape_markdown
from tests.core.i18n.markdown_render import markup, text_of

HOSTILE = [
    "![img](https://evil.example/pixel.png)",
    "[phish](https://evil.example/login)",
    "<https://evil.example>",
    "https://evil.example/x www.evil.example ann@evil.example",
    ":red[alarm] :blue-background[x] :rainbow[y]",
    "$x^2$ and $$\\int f$$",
    ":smile: :+1: :material/home: :material_home: :streamlit:",
    "<b>bold</b> <img src=x onerror=alert(1)> &amp; &#58;",
    "# heading",
    "- item",
    "1. first",
    "> quote",
    "| a | b |\n| - | - |",
    "**bold** _it_ ~~gone~~ `code`",
    "trailing backslash \\",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
]
MARKUP = {"link", "image", "html", "code", "strikethrough", "table", "directive", "math",
          "emoji", "icon", "arrow"}  # fmt: skip


def seen(text: str) -> str:
    return text.replace(WORD_JOINER, "")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_its_characters(text: str) -> None:
    assert markup(text) & MARKUP or text_of(text) != text or text_of(f"**{text}**") != text
    escaped = escape_markdown(text)
    assert markup(escaped) & MARKUP == set()
    one_line = text.replace("\n", " ")
    assert seen(text_of(escaped)) == one_line
    assert seen(text_of(f"**Customer:** {escaped} · 3 rows")) == f"Customer: {one_line} · 3 rows"


def test_plain_text_is_left_as_it_is() -> None:
    for text in ("Acme Co. Ltd", "Revenue (k€)", "net_profit", "华东 · 销售额", "50% off, 3.5"):
        assert escape_markdown(text) == text


def test_lines_become_one_line_and_markdown_is_not_escaped_twice() -> None:
    assert escape_markdown("Ann\n# Lee\r\n- x") == "Ann # Lee - x"
    once = escape_markdown("**x**")
    assert isinstance(once, Markdown) and escape_markdown(once) is once


@given(st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"))))
def test_escaped_text_renders_back_unchanged_inside_a_sentence(text: str) -> None:
    escaped = escape_markdown(text)
    assert seen(text_of(f"x{escaped}x")) == seen(f"x{text}x")
    assert not markup(f"x{escaped}x") & MARKUP


@given(st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")), min_size=1))
def test_escaped_text_renders_back_unchanged_at_the_start_of_a_line(text: str) -> None:
    escaped = escape_markdown(text)
    assert seen(text_of(f"{escaped}x")) == seen(f"{text}x")
    assert not markup(f"{escaped}x") & MARKUP


def test_messages_keep_their_formatting_and_escape_their_fields() -> None:
    name = "[phish](https://evil.example)"
    message = prefixed(name, msg("prefixed", prefix="$x$", message=Items([":red[a]", "b"])))
    shown = localize(message, "zh", markdown=True)
    assert isinstance(shown, Markdown)
    assert markup(shown) & MARKUP == set()
    assert seen(text_of(shown)) == localize(message, "zh")
    assert markdown_format("**{name}** {n:.0%}", {"name": name, "n": 0.5}).endswith("50%")
    assert "**" not in text_of(markdown_format("**{name}**", {"name": name}))
