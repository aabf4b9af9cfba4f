"""Messages with identities: one catalogue per language, rendered on demand.

A :class:`Message` is a ``str`` whose text is today's English (so the CLI and every caller that
treats it as text see no change) and which also carries a message id, its parameters and,
where a library raised, the library's own text as a separate detail. :func:`localize` renders
it (or an exception carrying it) in any catalogue language. The catalogues are
:mod:`core.i18n.en` and :mod:`core.i18n.zh`: ``id → template`` with ``str.format`` fields.
"""

from core.i18n.message import (
    LANGUAGES,
    Items,
    Message,
    Tail,
    localize,
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
    "message_of",
    "msg",
    "phrases",
    "prefixed",
    "render",
]
