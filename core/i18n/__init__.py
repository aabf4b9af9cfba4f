"""Messages with identities: one catalogue per language, rendered on demand.

A :class:`Message` is a ``str`` whose text is today's English (so the CLI and every caller that
treats it as text see no change) and which also carries a message id, its parameters and,
where a library raised, the library's own text as a separate detail. :func:`localize` renders
it (or an exception carrying it) in any catalogue language. The catalogues are
:mod:`core.i18n.en` and :mod:`core.i18n.zh`: ``id → template`` with ``str.format`` fields.

- ``msg(id, detail=…, **params)``: a Message; ``detail`` is a library's own text, shown where
  the English template says ``{detail}`` and after the sentence in languages that leave it out.
- ``prefixed(prefix, message)``: ``file: message`` (``message`` may be an exception).
- ``Items(values, kind)``: a list parameter joined per language ("list", "and", "comma").
- ``Tail(message, prefix_id)``: a message without its leading ``scenario: ``, for a caller that
  names the source itself.
- ``localize(value, lang)``: a Message or an exception carrying one in ``lang``, else as it is;
  ``message_of(exc)``: the Message an exception carries, to keep and show later.
- ``localize(value, lang, markdown=True)`` / ``markdown_format(template, values)``: the same for
  a page that renders Markdown: the catalogue's formatting kept, every field escaped
  (:func:`core.i18n.markdown.escape_markdown`: data is text).
- ``phrases(prefix, lang)``: the templates of a group of ids (a report's words, tier labels).
"""

from core.i18n.message import (
    LANGUAGES,
    Items,
    Message,
    Tail,
    localize,
    markdown_format,
    message_of,
    msg,
    phrases,
    prefixed,
    render,
)

__all__ = [
    "LANGUAGES",
    "Items",
    "Message",
    "Tail",
    "localize",
    "markdown_format",
    "message_of",
    "msg",
    "phrases",
    "prefixed",
    "render",
]
