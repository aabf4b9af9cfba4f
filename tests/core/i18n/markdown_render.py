"""What a Markdown string would render in Streamlit: CommonMark and GFM through markdown-it-py,
plus Streamlit's own extensions (directives, ``$`` math, emoji shortcodes, icons, bare links),
whose patterns are those of Streamlit's Markdown component."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
TOKENS = {
    "link_open": "link",
    "image": "image",
    "html_inline": "html",
    "html_block": "html",
    "code_inline": "code",
    "s_open": "strikethrough",
    "table_open": "table",
}
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
_DIRECTIVE = re.compile(r":[a-z][a-z0-9-]*\[")
# Streamlit's test for math: code and escaped \ $ ` removed first, then $$…$$ or $…$.
_CODE_OR_ESCAPE = re.compile(
    r"(?:^|(?<=\n)) {0,3}(`{3,}|~{3,})[\s\S]*?(?:\n[ \t]*\1|$)|(?<!`)(`+)[^`\n]+\2(?!`)|\\[\\$`]"
)
_BLOCK_MATH = re.compile(r"(?<!\$)\$\$+(?!\$)[\s\S]*?\$\$")
_INLINE_MATH = re.compile(r"(?<!\$)\$(?![\s$])[^$\n]*?[^\s$]\$(?!\d)")
_EMOJI_SOURCE = re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:")
_EMOJI_TEXT = re.compile(r":\+1:|:-1:|:[\w-]+:")
_ICON = re.compile(r":material_(\w+):")
_URL = re.compile(r"(?i)(https?://|www(?=\.))([-.\w]+)")
_EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
_ARROW = re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)")


def text_of(source: str) -> str:
    """The text a reader sees (inline text of every block, blocks joined by newlines)."""
    parts = []
    for token in PARSER.parse(source):
        if token.type == "inline":
            parts.append("".join(c.content for c in token.children or () if c.type == "text"))
    return "\n".join(parts)


def markup(source: str) -> set[str]:
    """The kinds of markup ``source`` renders beyond plain text and emphasis."""
    found = {TOKENS[t.type] for t in _walk(PARSER.parse(source)) if t.type in TOKENS}
    unescaped = _ESCAPED.sub("\x01", source)
    if _DIRECTIVE.search(unescaped):
        found.add("directive")
    no_code = _CODE_OR_ESCAPE.sub("_", source)
    if _BLOCK_MATH.search(no_code) or _INLINE_MATH.search(no_code):
        found.add("math")
    text = text_of(source.replace(":material/", ":material_"))
    if _EMOJI_SOURCE.search(source) and _EMOJI_TEXT.search(text):
        found.add("emoji")
    if _ICON.search(text) or ":streamlit:" in text:
        found.add("icon")
    if _URL.search(text) or _EMAIL.search(text):
        found.add("link")
    if _ARROW.search(text):
        found.add("arrow")
    return found


def _walk(tokens):
    for token in tokens:
        yield token
        yield from _walk(token.children or ())
