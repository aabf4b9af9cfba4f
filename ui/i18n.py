"""Translation: ``t(key, lang, **values)`` looks a key up in the per-language catalogues.

The app's own text lives in :mod:`core.i18n.en` and :mod:`core.i18n.zh` beside the core's
messages, under ``ui.<key>`` ids in one ``# ── ui.<page> ──`` block per page.

Data is text: most of Streamlit's elements render Markdown, so :func:`t` escapes every field
(a customer name, a cell, a file name, a core message's own fields) and keeps the catalogue's
formatting. Where the text is not Markdown (a table header, a chart title, a select box option,
a file name), :func:`t_plain` gives it unescaped. Data shown without a message goes through
:func:`escape_markdown`.
"""

from __future__ import annotations

from core.i18n import localize, markdown_format, message_of
from core.i18n.markdown import Markdown, escape_markdown
from core.i18n.message import CATALOGUES
from core.mapping.catalog import COST, DIMENSIONS, factor_display_name, factor_display_names
from core.mapping.columns import direction_text

__all__ = [
    "LANGS",
    "LANG_NAMES",
    "Markdown",
    "escape_markdown",
    "localize",
    "markdown_of",
    "message_of",
    "t",
    "t_plain",
]

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}


def t(key: str, lang: str, **values: object) -> Markdown:
    """The Markdown for ``key`` in ``lang``, placeholders filled with escaped text; an unknown
    key shows itself.

    Values that are core messages (a Message, or an exception carrying one) are shown in
    ``lang`` (:func:`core.i18n.localize`) with their own fields escaped.
    """
    text = CATALOGUES["zh" if lang == "zh" else "en"].get(f"ui.{key}")
    if text is None:
        return Markdown(key)
    values = {k: markdown_of(v, lang) for k, v in values.items()}
    return Markdown(text) if not values else markdown_format(text, values)


def t_plain(key: str, lang: str, **values: object) -> str:
    """:func:`t` as plain text, for places that do not render Markdown (table headers, chart
    titles, select box options, file names)."""
    text = CATALOGUES["zh" if lang == "zh" else "en"].get(f"ui.{key}")
    if text is None:
        return key
    return text.format(**{k: localize(v, lang) for k, v in values.items()}) if values else text


def markdown_of(value: object, lang: str) -> object:
    """A value ready for a Markdown field: a core message rendered in ``lang`` with its fields
    escaped, an exception's text escaped; other values as they are (escaped once formatted)."""
    return localize(value, lang, markdown=True)


def lang_from_locale(locale: str | None) -> str:
    """'zh' for a Chinese browser locale (zh, zh-CN, zh-TW …), else 'en'."""
    return "zh" if locale and locale.lower().startswith("zh") else "en"


def factor_label(column: str, lang: str) -> str:
    """A factor's display name (core.mapping.catalog.factor_display_name)."""
    return factor_display_name(column, lang)


def factor_labels(columns: list[str] | tuple[str, ...], lang: str) -> dict[str, str]:
    """Each factor column's display name, no two alike (factor_display_names)."""
    return factor_display_names(columns, lang)


def dimension_label(dimension: str | None, lang: str) -> str:
    """The display name of a factor dimension."""
    zh, en = DIMENSIONS.get(dimension or "custom", DIMENSIONS["custom"])
    return zh if lang == "zh" else en


def direction_arrow(direction: str) -> str:
    """↓ for a cost factor (lower, or for a date more recent, is better), ↑ otherwise."""
    return "↓" if direction == COST else "↑"


def direction_label(direction: str, kind: str | None, lang: str) -> str:
    """A factor's direction as the app shows it: the arrow and the words for its kind
    (↓ 越低越好 for a number, ↓ 越近越好 for a date; core.mapping.columns.direction_text)."""
    return f"{direction_arrow(direction)} {direction_text(direction, kind, lang)}"
