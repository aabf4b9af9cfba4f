"""Translation: ``t(key, lang, **values)`` looks a key up in the per-language catalogues.

The app's own text lives in :mod:`core.i18n.en` and :mod:`core.i18n.zh` beside the core's
messages, under ``ui.<key>`` ids in one ``# ── ui.<page> ──`` block per page.
"""

from __future__ import annotations

from core.i18n import localize, message_of
from core.i18n.message import CATALOGUES
from core.mapping.catalog import DIMENSIONS, find_factor, header_key

__all__ = ["LANGS", "LANG_NAMES", "localize", "message_of", "t"]

LANGS = ("zh", "en")
LANG_NAMES = {"zh": "中文", "en": "English"}


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, placeholders filled; an unknown key shows itself.

    Values that are core messages (a Message, or an exception carrying one) are shown in
    ``lang`` (:func:`core.i18n.localize`).
    """
    text = CATALOGUES["zh" if lang == "zh" else "en"].get(f"ui.{key}")
    if text is None:
        return key
    if not values:
        return text
    return text.format(**{k: localize(v, lang) for k, v in values.items()})


def lang_from_locale(locale: str | None) -> str:
    """'zh' for a Chinese browser locale (zh, zh-CN, zh-TW …), else 'en'."""
    return "zh" if locale and locale.lower().startswith("zh") else "en"


def factor_label(column: str, lang: str) -> str:
    """A factor's display name: the column name, with the catalog's name when they differ."""
    known = find_factor(column)
    if known is None:
        return column
    name = known.zh if lang == "zh" else known.en
    return column if header_key(name) == header_key(column) else f"{column} · {name}"


def dimension_label(dimension: str | None, lang: str) -> str:
    """The display name of a factor dimension."""
    zh, en = DIMENSIONS.get(dimension or "custom", DIMENSIONS["custom"])
    return zh if lang == "zh" else en
