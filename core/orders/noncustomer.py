"""Lines of an order log that are not a customer's: totals, notes and repeated headers.

A line is a *total* when its customer cell is a total word (``合计``, ``小计：``,
``Grand total``; :func:`core.ingest.markers.is_total`), a *note* when it starts a note
(``备注：…``, ``Note: …``; :func:`~core.ingest.markers.is_note`) and a *repeated header* when
it equals the customer column's header (both in :func:`~core.ingest.markers.normal_form`).
One definition for every engine: pandas applies the markers' predicates
(:func:`non_customer_kinds`); DuckDB runs :func:`non_customer_sql`, regular expressions built
from the same word lists, where every character stands for the characters that fold to it
(NFKC, then lower case: ``Ｔ``, ``ｔ``, ``𝐓`` for ``t``; ``　`` for a space). The SQL matches the
predicates character by character; NFKC's rare one-to-many foldings (``℡`` → ``tel``) are the
only thing it does not follow.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from core.ingest.markers import (
    NOTE_PREFIXES,
    NOTE_WORDS,
    TOTAL_WORDS,
    is_note,
    is_total,
    normal_form,
    normal_forms,
    notes,
    totals,
)
from core.ingest.rules_sql import Compiler

KINDS = ("total_row", "note_row", "header_row")
INGEST_KINDS = {  # IngestResult.excluded kinds → order-log categories
    "total": "total_row",
    "subtotal": "total_row",
    "note": "note_row",
    "header_repeat": "header_row",
}


def line_kind(cell: str, header: str) -> str:
    """'total_row', 'note_row', 'header_row' or '' for one customer cell."""
    if is_total(cell):
        return "total_row"
    if is_note(cell):
        return "note_row"
    head = normal_form(str(header))
    return "header_row" if head and normal_form(cell) == head else ""


def non_customer_kinds(cells: pd.Series, header: str) -> np.ndarray:
    """:func:`line_kind` of every cell ('' for a customer's line or a missing cell), by the
    markers' vectorised predicates, each distinct value tested once."""
    codes, values = pd.factorize(cells)
    text = pd.Series(values, dtype=object).astype("str")
    total, note = totals(text), notes(text)
    head = normal_form(str(header))
    repeat = (normal_forms(text) == head).to_numpy(dtype=bool) if head else total & False
    kinds = np.select(
        [total, note, repeat], ["total_row", "note_row", "header_row"], default=""
    ).astype(object)
    return np.append(kinds, "")[codes]  # code -1 (a missing cell) takes the last: ''


# Where characters with a decomposition live (none in the CJK ideographs, Hangul syllables
# only fold to themselves, none after the compatibility ideographs supplement)
SCANNED = ((0, 0x3400), (0xA000, 0xAC00), (0xD7A4, 0x20000), (0x2F800, 0x2FA20))


def _candidates(ranges: Iterable[tuple[int, int]] = SCANNED) -> Iterable[str]:
    """ASCII, whitespace and every character with a decomposition: the only ones NFKC folding
    can change."""
    for start, stop in ranges:
        for code in range(start, stop):
            char = chr(code)
            if code < 0x80 or char.isspace() or unicodedata.decomposition(char):
                yield char


@cache
def _folds() -> dict[str, frozenset[str]]:
    """Character → the characters that fold to it (NFKC, then lower case), itself included."""
    out: dict[str, set[str]] = {}
    for char in _candidates():
        folded = unicodedata.normalize("NFKC", char).lower()
        if len(folded) == 1:
            out.setdefault(folded, {folded}).add(char)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _spaces() -> frozenset[str]:
    """Characters that fold to whitespace: what ``str.strip`` removes after NFKC."""
    return frozenset(c for c in _candidates() if unicodedata.normalize("NFKC", c).isspace())


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in sorted(chars)) + "]"


def _folded(text: str) -> str:
    """A regular expression for the characters of ``text`` (folded), one class per character."""
    folds = _folds()
    return "".join(_class(folds.get(c, {c})) for c in text)


def _stable(words: Iterable[str]) -> list[str]:
    """The words a folded cell can equal (a word that folding changes can never match)."""
    return sorted(w for w in words if unicodedata.normalize("NFKC", w).lower() == w and w)


def _whole(words: Iterable[str]) -> str:
    """A cell whose normal form (:func:`normal_form`) is one of ``words``."""
    space, colon = _class(_spaces()), _folded(":")
    options = "|".join(_folded(w) for w in _stable(words))
    return f"^{space}*(?:{options}){space}*{colon}*{space}*$"


def _note() -> str:
    space = _class(_spaces())
    prefixes = []
    for prefix in _stable(NOTE_PREFIXES):
        # a prefix ending in a space matches only when something follows (strip removes it)
        tail = f"(?s:.*)[^{_class(_spaces())[1:-1]}]" if prefix[-1].isspace() else ""
        prefixes.append(_folded(prefix) + tail)
    return f"^{space}*(?:{'|'.join(prefixes)})"


def _rule_texts(header: str) -> dict[int, list[str]]:
    """Status code → the texts whose folded form a cell must equal (or start with, for a
    note) to get it."""
    head = normal_form(str(header))
    notes = [*_stable(NOTE_WORDS), *_stable(NOTE_PREFIXES)]
    return {8: _stable(TOTAL_WORDS), 9: notes, 10: _stable([head])}


@cache
def _starts(header: str) -> frozenset[str]:
    """The characters a cell's normal form can begin with to be a total, a note or
    ``header``."""
    return frozenset(t[0] for texts in _rule_texts(header).values() for t in texts if t)


def _may_start(code: str, texts: list[str]) -> str:
    """SQL: the first code point ``code`` is not an ASCII letter or digit, or is one that
    begins one of ``texts`` (any case)."""
    firsts = sorted({ord(t[0].lower()) for t in texts if t and t[0].isascii()})
    return " OR ".join([f"NOT ({_ascii_alnum(code)})", *(f"({code} | 32) = {c}" for c in firsts)])


def _ascii_alnum(code: str) -> str:
    return f"{code} BETWEEN 48 AND 57 OR ({code} | 32) BETWEEN 97 AND 122"


def non_customer_sql(column: str, header: str, dialect: str = "duckdb") -> str:
    """SQL (in ``dialect``): 8 for a total line, 9 for a note, 10 for a repeated header, else
    NULL, from the text ``column`` (an SQL expression). Each rule's regular expression runs
    only on cells whose first code point can begin it (an ASCII letter or digit that begins
    none of its words settles it: most IDs), the header's only on cells at least as long as
    it."""
    sql = Compiler(dialect)
    texts = _rule_texts(header)
    code = sql.f("first_code", x=column)
    note = f"(?:{_whole(NOTE_WORDS)})|(?:{_note()})"  # a whole note word, or a note's start
    rules = [(8, sql.full_match(column, _whole(TOTAL_WORDS))), (9, sql.find(column, note))]
    if texts[10]:
        head = texts[10][0]
        rules.append(
            (10, f"{sql.f('chars', x=column)} >= {len(head)} AND "
                 f"{sql.full_match(column, _whole([head]))}")
        )  # fmt: skip
    cases = " ".join(
        f"WHEN ({_may_start(code, texts[kind])}) AND {test} THEN {kind}" for kind, test in rules
    )
    return f"CASE WHEN NOT ({_may_start(code, sorted(_starts(header)))}) THEN NULL {cases} END"


def ingest_rows(excluded: pd.DataFrame | None) -> dict[str, tuple[int, ...]]:
    """Rows ingest already removed as totals, notes or repeated headers
    (``IngestResult.excluded``), by order-log category."""
    out: dict[str, list[int]] = {}
    if excluded is None or excluded.empty:
        return {}
    for kind, row in zip(excluded["kind"], excluded["row"], strict=True):
        if kind in INGEST_KINDS:
            out.setdefault(INGEST_KINDS[kind], []).append(int(row))
    return {k: tuple(sorted(v)) for k, v in out.items()}
