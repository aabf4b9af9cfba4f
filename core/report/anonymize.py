"""Anonymised customer names for presentation mode and client reports.

Names depend only on the set of IDs (sorted as text), never on the ranking, so the same
customer keeps the same alias on every page and in every report of the same data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from core.i18n import phrases


def letter_code(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 27 → AB … (spreadsheet column letters)."""
    code = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        code = chr(ord("A") + rest) + code
    return code


def anonymous_names(ids: Iterable[object], lang: str = "zh") -> dict[str, str]:
    """Map each distinct ID (as text) to an alias such as '客户 A' / 'Customer A'."""
    distinct = sorted({str(i) for i in ids})
    alias = phrases("anonymize.", lang)["alias"]
    return {customer: alias.format(code=letter_code(k)) for k, customer in enumerate(distinct)}


def with_more_names(
    known: Mapping[str, str], ids: Iterable[object], lang: str = "zh"
) -> dict[str, str]:
    """``known`` (an :func:`anonymous_names` mapping) with an alias for every ID of ``ids`` it
    lacks (an order log's customer, an older snapshot's), coded after ``known``'s own in the
    IDs' text order: no alias is given twice and the known ones never change."""
    extra = sorted({str(i) for i in ids} - known.keys())
    if not extra:
        return dict(known)
    alias = phrases("anonymize.", lang)["alias"]
    start = len(known)
    more = {c: alias.format(code=letter_code(start + k)) for k, c in enumerate(extra)}
    return {**known, **more}
