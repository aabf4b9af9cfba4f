"""The :class:`Message` type and its rendering (see :mod:`core.i18n`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.i18n import en, zh

CATALOGUES: dict[str, Mapping[str, str]] = {"en": en.MESSAGES, "zh": zh.MESSAGES}
LANGUAGES = tuple(CATALOGUES)
SEPARATORS = {
    "list": {"en": "; ", "zh": "；"},
    "and": {"en": " and ", "zh": "、"},
    "comma": {"en": ", ", "zh": "、"},
}
DETAIL = {"en": "{text} ({detail})", "zh": "{text}（详情：{detail}）"}
MAX_FIELD_CHARS = 160  # a quoted cell, header, name or path; longer text loses its middle
MAX_DETAIL_CHARS = 400  # a library's own text
MAX_ITEMS = 20  # a list parameter shows its first 20 items, then "… (+N)"


class Items(tuple):
    """A list parameter, joined per language: ``"list"`` (; ), ``"and"`` or ``"comma"``."""

    kind: str = "list"

    def __new__(cls, items: Any = (), kind: str = "list") -> Items:
        self = super().__new__(cls, items)
        self.kind = kind
        return self

    def __reduce__(self):
        return (Items, (tuple(self), self.kind))


class Tail:
    """A message without its leading prefix (``prefix_id``, e.g. ``"scenario: "``), in any
    language: a caller that names the source itself (``scenario file 'a.json': …``)."""

    def __init__(self, message: Any, prefix_id: str) -> None:
        self.message, self.prefix_id = message, prefix_id

    def render(self, lang: str) -> str:
        text = str(_value(self.message, lang))
        return text.removeprefix(render(self.prefix_id, {}, lang))

    def __str__(self) -> str:
        return self.render("en")

    def __reduce__(self):
        return (Tail, (self.message, self.prefix_id))


def shortened(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """``text`` as a message quotes it: at most ``limit`` characters, the middle cut to "…"
    (a 700 KB header or cell must not become a 700 KB error line)."""
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head) :]}"


def _value(value: Any, lang: str) -> Any:
    """A parameter as its message shows it: messages rendered in ``lang``, lists joined (at
    most MAX_ITEMS), any other text shortened to MAX_FIELD_CHARS (numbers stay numbers)."""
    if isinstance(value, Message | Tail):
        return value.render(lang)
    if isinstance(value, Items):
        shown = [str(_value(v, lang)) for v in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            shown.append(f"… (+{len(value) - MAX_ITEMS})")
        return SEPARATORS[value.kind][lang].join(shown)
    if isinstance(value, str):
        return shortened(value)
    if not isinstance(value, int | float) and len(text := str(value)) > MAX_FIELD_CHARS:
        return shortened(text)
    return value


def render(message_id: str, params: Mapping[str, Any], lang: str, detail: str | None = None) -> str:
    """The text of ``message_id`` in ``lang`` (English when ``lang`` has no catalogue)."""
    catalogue = CATALOGUES.get(lang, CATALOGUES["en"])
    template = catalogue.get(message_id)
    if template is None:
        template = CATALOGUES["en"][message_id]  # KeyError: an id missing from English is a bug
    values = {k: _value(v, lang) for k, v in params.items()}
    detail = shortened(detail, MAX_DETAIL_CHARS) if detail else detail
    if "{detail}" in template:  # the library text has its place in this sentence
        return template.format(**values, detail=detail or "")
    text = template.format(**values)
    if detail:
        text = DETAIL.get(lang, DETAIL["en"]).format(text=text, detail=detail)
    return text


class Message(str):
    """A user-facing sentence: ``str()`` is English; :meth:`render` gives any language."""

    id: str
    params: dict[str, Any]
    detail: str | None

    def __new__(cls, message_id: str, /, detail: object = None, **params: Any) -> Message:
        detail = None if detail is None else str(detail)
        self = super().__new__(cls, render(message_id, params, "en", detail))
        self.id, self.params, self.detail = message_id, params, detail
        return self

    def render(self, lang: str) -> str:
        """This message in ``lang``."""
        return render(self.id, self.params, lang, self.detail)

    def __reduce__(self):
        return (_rebuild, (self.id, self.detail, self.params))


def _rebuild(message_id: str, detail: str | None, params: dict[str, Any]) -> Message:
    return Message(message_id, detail=detail, **params)


def msg(message_id: str, /, detail: object = None, **params: Any) -> Message:
    """Shorthand for :class:`Message`."""
    return Message(message_id, detail=detail, **params)


def prefixed(prefix: Any, message: Any) -> Message:
    """``prefix: message`` (a file, sheet or judge before a message), in every language.

    ``message`` may be an exception carrying a Message (``except InputError as exc``)."""
    if isinstance(message, BaseException) and message.args:
        message = message.args[0]
    return Message("prefixed", prefix=prefix, message=message)


def phrases(prefix: str, lang: str) -> dict[str, str]:
    """The templates of every id starting with ``prefix`` in ``lang``, keyed by the rest of
    the id (a page's or a report's words: ``phrases("report.text.", "zh")["title"]``)."""
    english = CATALOGUES["en"]
    catalogue = CATALOGUES.get(lang, english)
    return {
        k.removeprefix(prefix): catalogue.get(k, english[k])
        for k in english
        if k.startswith(prefix)
    }


def message_of(exc: BaseException) -> object:
    """The Message an exception carries (its first argument), else the exception's text: what
    to keep (session state, a table) when the error is shown later in the reader's language."""
    if exc.args and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)


def localize(value: object, lang: str) -> object:
    """A Message (or an exception whose first argument is one) in ``lang``; else as it is."""
    if isinstance(value, BaseException) and value.args and isinstance(value.args[0], Message):
        value = value.args[0]
    if isinstance(value, Message):
        return value.render(lang)
    return value
