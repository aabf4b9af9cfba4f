"""Data is text: :func:`escape_markdown` makes a name, a cell or a file name inert in Markdown.

Streamlit renders GitHub-flavoured Markdown plus its own extensions in most of its elements
(``st.markdown``, captions, alerts, labels, help, metric and expander titles, tabs, radio and
segmented-control options). A customer called ``![x](https://…)`` must show as those characters,
never load an image. Backslash escapes cover CommonMark, tables, strikethrough, ``$`` math and
``:color[…]`` directives; a few of Streamlit's rewrites work on the text *after* escapes are
resolved (bare ``https://`` and ``www.`` links, e-mail links, ``:material_…:`` icons, the
``:streamlit:`` logo, emoji shortcodes, ``->`` arrows), so those get an invisible word joiner
(U+2060) that breaks the pattern without changing what the reader sees.

The result is a :class:`Markdown`: text already safe to place in Markdown, which
:func:`core.i18n.render` does not escape again.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
# Always special inline: emphasis, code, links, images, HTML, math, tables, strikethrough.
_ALWAYS = r"*`\[\]$|~"
_ESCAPE = re.compile(
    rf"[{_ALWAYS}]"
    r"|\\(?=[!-/:-@\[-`{-~]|$)"  # a backslash that would escape what follows
    r"|(?<![^\W_])_|_(?![^\W_])"  # an underscore that could open or close emphasis (not a_b)
    r"|<(?=[A-Za-z/!?])"  # HTML-like text and <https://…> autolinks
    r"|&(?=#?\w+;)"  # character references (&amp; &#58;)
    r"|:(?=[\w+:-])"  # directives (:red[…], ::leaf), emoji shortcodes (:smile:, :+1:)
)
# At the start of the text (where a line may begin): headings, quotes, lists, setext rules.
_LEADING = re.compile(r"^([ \t]*)([#>+=-]|\d+(?=[.)]))")
# Patterns Streamlit rewrites in the text after escapes: a word joiner goes in between.
_BREAK = re.compile(
    r"(?i)(?<=:)(?=//)"  # https:// …
    r"|(?<=\bwww)(?=\.)"  # www.…
    r"|(?<=@)(?=[\w-])"  # name@example.org
    r"|(?<=:)(?=material|streamlit:|[\w+-]+:)"  # :material/…:, :streamlit:, :smile:
    r"|(?<=[<>~-])(?=[=>-])"  # -> <- <-> -- >= <= ~= arrows
)
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


class Markdown(str):
    """Text that is already safe Markdown: escaped data or a rendered catalogue sentence."""


def escape_markdown(text: object) -> Markdown:
    """``text`` as Markdown that renders as exactly these characters, on one line.

    Line breaks become spaces (a name is one line; a break could start a heading or a table).
    A :class:`Markdown` value is returned as it is (already escaped).
    """
    if isinstance(text, Markdown):
        return text
    plain = _LINE_BREAK.sub(" ", str(text))
    plain = _BREAK.sub(WORD_JOINER, plain)
    escaped = _ESCAPE.sub(lambda m: "\\" + m[0], plain)
    return Markdown(_LEADING.sub(_escape_leading, escaped, count=1))


def _escape_leading(match: re.Match[str]) -> str:
    space, marker = match[1], match[2]
    if marker.isdigit():  # 1. or 1) : the dot or parenthesis after the number is escaped
        return space + marker + "\\"
    return space + "\\" + marker
