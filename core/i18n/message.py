"""The :class:`Message` type and its rendering (see :mod:`core.i18n`)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from numbers import Number
from typing import Any

from core.i18n import en, zh
from core.i18n.markdown import Markdown, escape_markdown

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

    def render(self, lang: str, markdown: bool = False) -> str:
        text = str(_value(self.message, lang, markdown))
        prefix = render(self.prefix_id, {}, lang, markdown=markdown)
        return Markdown(text.removeprefix(prefix)) if markdown else text.removeprefix(prefix)

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


def _value(value: Any, lang: str, markdown: bool = False) -> Any:
    """A parameter as its message shows it: messages rendered in ``lang``, lists joined (at
    most MAX_ITEMS), any other text shortened to MAX_FIELD_CHARS (numbers stay numbers)."""
    if isinstance(value, Message | Tail):
        return value.render(lang, markdown)
    if isinstance(value, Items):
        parts = [_value(v, lang, markdown) for v in value[:MAX_ITEMS]]
        more = [f"… (+{len(value) - MAX_ITEMS})"] if len(value) > MAX_ITEMS else []
        separator = SEPARATORS[value.kind][lang]
        if markdown:
            return Markdown(separator.join([*map(escape_markdown, parts), *more]))
        return separator.join([*map(str, parts), *more])
    if isinstance(value, str) and not isinstance(value, Markdown):
        return shortened(value)
    if not isinstance(value, int | float | Markdown) and len(text := str(value)) > MAX_FIELD_CHARS:
        return shortened(text)
    return value


class _MarkdownFields(string.Formatter):
    """``str.format`` whose fields are escaped after formatting (numbers and Markdown kept)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if isinstance(value, Markdown | Number):
            return text
        return escape_markdown(text)


_MARKDOWN_FIELDS = _MarkdownFields()


def render(
    message_id: str,
    params: Mapping[str, Any],
    lang: str,
    detail: str | None = None,
    markdown: bool = False,
) -> str:
    """The text of ``message_id`` in ``lang`` (English when ``lang`` has no catalogue).

    With ``markdown`` the result is a :class:`~core.i18n.markdown.Markdown` for a page that
    renders Markdown: the catalogue's own formatting is kept, every field (a name, a cell, a
    file name, a library's detail) is escaped to show as plain text.
    """
    catalogue = CATALOGUES.get(lang, CATALOGUES["en"])
    template = catalogue.get(message_id)
    if template is None:
        template = CATALOGUES["en"][message_id]  # KeyError: an id missing from English is a bug
    values = {k: _value(v, lang, markdown) for k, v in params.items()}
    detail = shortened(detail, MAX_DETAIL_CHARS) if detail else detail
    if markdown and detail is not None:
        detail = escape_markdown(detail)
    if "{detail}" in template:  # the library text has its place in this sentence
        return _fill(template, {**values, "detail": detail or ""}, markdown)
    text = _fill(template, values, markdown)
    if detail:
        text = _fill(
            DETAIL.get(lang, DETAIL["en"]), {"text": Markdown(text), "detail": detail}, markdown
        )
    return text


def _fill(template: str, values: Mapping[str, Any], markdown: bool) -> str:
    return markdown_format(template, values) if markdown else template.format(**values)


def markdown_format(template: str, values: Mapping[str, Any]) -> Markdown:
    """``template.format(**values)`` for a Markdown page: the template's formatting kept, each
    field escaped once formatted (numbers and :class:`Markdown` values as they are)."""
    return Markdown(_MARKDOWN_FIELDS.vformat(template, (), values))


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

    def render(self, lang: str, markdown: bool = False) -> str:
        """This message in ``lang`` (fields escaped for a Markdown page with ``markdown``)."""
        return render(self.id, self.params, lang, self.detail, markdown)

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


def localize(value: object, lang: str, markdown: bool = False) -> object:
    """A Message (or an exception whose first argument is one) in ``lang``; else as it is.

    With ``markdown`` the text is safe Markdown: a Message keeps its catalogue formatting with
    escaped fields, any other text (an exception's own words) is escaped whole."""
    if isinstance(value, BaseException) and value.args and isinstance(value.args[0], Message):
        value = value.args[0]
    if isinstance(value, Message | Tail):
        return value.render(lang, markdown)
    if markdown and isinstance(value, str | BaseException):
        return escape_markdown(value)
    return value
