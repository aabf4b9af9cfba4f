"""Chinese for the core's messages (the core and the CLI speak English).

Each entry of :data:`MESSAGES` is an English template and its Chinese; the tables live in
``core.messages_*`` by area. The English is the core's f-string with each value written
``{name}``, matched whole. A value is shown as it is, except ``{name!r}``: a ``repr`` or a
number (a quoted string, its quotes dropped, or one token); ``{name!m}``: a nested message
or a phrase of :data:`WORDS`, itself localized; ``{name!l}``: a ``"; "``-separated list of
such; ``{name!a}``: an ``" and "``-separated list. The Chinese repeats the names. A message
without an entry whose tail after ``prefix: `` has one (a file name before a known message)
keeps its prefix, localized if it can be; anything else is shown as it is. The app and the
client report show core messages through :func:`localize`.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from core.messages_data import DATA, DATA_WORDS
from core.messages_orders import ORDERS, ORDERS_WORDS
from core.messages_rooms import ROOMS, ROOMS_WORDS
from core.messages_scenario import SCENARIO, SCENARIO_WORDS
from core.messages_weights import WEIGHTS, WEIGHTS_WORDS

MESSAGES: tuple[tuple[str, str], ...] = DATA + SCENARIO + WEIGHTS + ORDERS + ROOMS
WORDS: dict[str, str] = {
    **DATA_WORDS,
    **SCENARIO_WORDS,
    **WEIGHTS_WORDS,
    **ORDERS_WORDS,
    **ROOMS_WORDS,
}

MAX_PREFIXES = 3  # "file: judge 2: cell: message" at most; more are not tried
MAX_LENGTH = 5000  # longer text is no core message (and would only cost time to match)
FIELD = re.compile(r"\{(\w+)(?:!([rmla]))?\}")
# A repr is a quoted string or one token, so the lazy value before it (``{what} {path!r}``)
# cannot end inside it.
_REPR = r"'[^'\n]*'|\"[^\"\n]*\"|[^\s'\"]+"


@dataclass(frozen=True)
class _Entry:
    pattern: re.Pattern[str]
    conversions: dict[str, str | None]
    chinese: str


def _compile(english: str, chinese: str) -> _Entry:
    """The English template as a regex with one named group per field."""
    parts, conversions, end = [], {}, 0
    for field in FIELD.finditer(english):
        name, conversion = field.groups()
        parts.append(re.escape(english[end : field.start()]))
        if name in conversions:  # the same value twice: the same text twice
            parts.append(f"(?P={name})")
        else:
            parts.append(f"(?P<{name}>{_REPR if conversion == 'r' else '.+?'})")
            conversions[name] = conversion
        end = field.end()
    parts.append(re.escape(english[end:]))
    return _Entry(re.compile("".join(parts), re.DOTALL), conversions, chinese)


_ENTRIES = tuple(_compile(english, chinese) for english, chinese in MESSAGES)


def _value(text: str, conversion: str | None) -> str:
    if conversion == "r" and len(text) > 1 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if conversion == "m":
        return _phrase(text)
    if conversion == "l":
        return "；".join(_phrase(item) for item in text.split("; "))
    if conversion == "a":
        return "、".join(text.split(" and "))
    return text


def _phrase(text: str) -> str:
    """A nested message or a phrase in Chinese, else as it is."""
    return _chinese(text) or WORDS.get(text, text)


def _fill(entry: _Entry, found: re.Match[str]) -> str:
    values = {k: _value(v, entry.conversions[k]) for k, v in found.groupdict().items()}
    return FIELD.sub(lambda field: values[field[1]], entry.chinese)


def _known(message: str) -> str | None:
    """The Chinese of the first entry that matches ``message`` whole, or None."""
    for entry in _ENTRIES:
        found = entry.pattern.fullmatch(message)
        if found:
            return _fill(entry, found)
    return None


@lru_cache(maxsize=4096)
def _chinese(message: str) -> str | None:
    """The Chinese of ``message``, maybe after a few ``prefix: `` (None: no entry knows it)."""
    parts = message.split(": ", MAX_PREFIXES)
    for k in range(len(parts)):
        inner = _known(": ".join(parts[k:]))
        if inner:
            return "".join(f"{_phrase(head)}：" for head in parts[:k]) + inner
    return None


def localize(message: object, lang: str) -> object:
    """A core message (English) in ``lang``: Chinese when :data:`MESSAGES` knows it."""
    if lang != "zh" or not isinstance(message, str) or len(message) > MAX_LENGTH:
        return message
    return _chinese(message) or message
