"""JSON from outside — a scenario file, a share link, a room submission — bounded before parsing.

``json.loads`` recurses once per level of nesting, so ``[[[[…`` a few thousand deep raises
RecursionError, and a share link of a few hundred characters can decompress to megabytes.
:func:`check_json_limits` refuses both first, naming the limit: :data:`MAX_JSON_BYTES` of text
and :data:`MAX_JSON_DEPTH` levels of lists and objects (a scenario uses four).
"""

from __future__ import annotations

import re

import numpy as np

from core.errors import ScenarioError
from core.i18n import msg

__all__ = ["MAX_JSON_BYTES", "MAX_JSON_DEPTH", "check_json_limits", "nesting_depth"]

MAX_JSON_BYTES = 5_000_000
MAX_JSON_DEPTH = 32

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OPEN, _CLOSE = np.frombuffer(b"[{", np.uint8), np.frombuffer(b"]}", np.uint8)


def nesting_depth(text: str | bytes) -> int:
    """The deepest level of lists and objects in JSON text (brackets inside strings aside)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    structure = np.frombuffer(_STRINGS.sub("", text).encode("utf-8"), np.uint8)
    steps = np.isin(structure, _OPEN).astype(np.int64) - np.isin(structure, _CLOSE)
    return int(np.cumsum(steps).max(initial=0))


def check_json_limits(text: str | bytes, source: object) -> None:
    """ScenarioError naming ``source`` when ``text`` is larger or deeper than the limits."""
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > MAX_JSON_BYTES:
        raise ScenarioError(msg("json.too_large", source=source, limit=MAX_JSON_BYTES))
    if nesting_depth(text) > MAX_JSON_DEPTH:
        raise ScenarioError(msg("json.too_deep", source=source, limit=MAX_JSON_DEPTH))
