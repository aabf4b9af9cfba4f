"""Rows of a table that are not customers: totals, subtotals, notes and repeated headers.

Found after typing, with the words of :mod:`core.ingest.markers`; a cell counts as empty when
it is blank or a placeholder. The *label columns* are the first two text columns (the ID-like
and the name-like column of a customer table); a row's *label cells* are its cells there and
its first non-empty cell (which catches ``合计`` written in a numeric ID column).

- ``header_repeat``: at least half of the cells (and at least two) equal their column's
  header name — a header repeated further down, e.g. at a page break of a printed export.
- ``note``: the first non-empty cell is a note (``备注``, ``说明``, ``注：``, ``Note:`` …) and
  at most max(1, columns ÷ 4) other cells are filled.
- ``total`` / ``subtotal``: a label cell is a total word (``合计``, ``总计``, ``小计``, ``累计``,
  ``Total``, ``Subtotal``, ``Grand total`` …; ``小计`` and ``Subtotal`` make a subtotal);
  or every label cell is empty, and every non-empty cell of the number columns (percentages
  and dates aside; at least one, not all zero) equals, to a relative 1e-6 (absolute 0.01), the
  sum of the customer rows above it since the previous total or subtotal (at least two rows)
  or since the previous total. Such a sum row is a subtotal when customer rows follow it, else
  a total.

Each found row becomes one line of the ``excluded`` frame: ``row`` (sheet row), ``customer_id``
(the label as written: ``合计``, the note, the header's first cell; missing for a sum row),
``kind`` (one of :data:`KINDS`, stable keys) and ``reason`` (a Message).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from core.i18n import msg
from core.ingest.markers import is_subtotal, notes, totals
from core.ingest.parsing import MISSING_TOKENS, as_text

KINDS = ("total", "subtotal", "note", "header_repeat")
EXCLUDED_COLUMNS = ("row", "customer_id", "kind", "reason")
LABEL_COLUMNS = 2
SUM_RTOL, SUM_ATOL = 1e-6, 0.01
MIN_SUMMED_ROWS = 2


def no_excluded() -> pd.DataFrame:
    """An empty ``excluded`` frame with its columns."""
    return _frame([], [], [], [])


def _frame(rows: list[int], labels: list, kinds: list[str], reasons: list) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "row": pd.Series(rows, dtype=np.int64),
            "customer_id": pd.Series(labels, dtype=object),
            "kind": pd.Series(kinds, dtype=object),
            "reason": pd.Series(reasons, dtype=object),  # object: each reason stays a Message
        }
    )
    return frame.sort_values("row", kind="stable").reset_index(drop=True)


def _cells(column: pd.Series) -> pd.Series:
    """Stripped text, NaN where the cell is blank or a placeholder."""
    text = as_text(column)
    return text.where(~text.str.lower().isin(MISSING_TOKENS).fillna(True).astype(bool))


def find_non_data_rows(
    raw: pd.DataFrame, typed: pd.DataFrame, kinds: Mapping[str, str]
) -> pd.DataFrame:
    """The rows of a table that are not customers (see the module docstring).

    ``raw`` holds the cells as read, ``typed`` the same table typed (same columns and index;
    the index is the sheet row), ``kinds`` each column's conversion kind.
    """
    columns = list(raw.columns)
    if not columns or raw.empty:
        return no_excluded()
    text = pd.DataFrame({c: _cells(raw[c]) for c in columns}, index=raw.index)
    filled = text.notna().sum(axis=1).to_numpy()
    first = text[columns[0]]
    for column in columns[1:]:
        if not first.isna().any():
            break
        first = first.fillna(text[column])
    found: dict[int, tuple[object, str, str]] = {}  # position → (label, kind, reason)

    same = sum((text[c] == str(c)).to_numpy(dtype=bool) for c in columns)
    for i in np.flatnonzero(same >= max(2, -(-len(columns) // 2))):
        found[i] = (first.iloc[i], "header_repeat", msg("ingest.excluded_header_repeat"))

    sparse = (filled >= 1) & (filled <= 1 + max(1, len(columns) // 4))
    for i in np.flatnonzero(sparse & notes(first.where(sparse))):
        found.setdefault(i, (first.iloc[i], "note", msg("ingest.excluded_note")))

    labels = [c for c in columns if kinds.get(c) == "text"][:LABEL_COLUMNS]
    # The first cell is checked where it is not already a label column's cell.
    rest = first.where(text[columns[0]].isna()) if columns[0] in labels else first
    label_cells = [text[c] for c in labels] + [rest]
    for cells in label_cells:
        for i in np.flatnonzero(totals(cells)):
            if i not in found:
                word = cells.iloc[i]
                kind = "subtotal" if is_subtotal(word) else "total"
                found[i] = (word, kind, msg(f"ingest.excluded_{kind}", label=word))

    unlabelled = np.logical_and.reduce([text[c].isna().to_numpy() for c in labels or columns[:1]])
    numbers = [c for c in columns if kinds.get(c) == "number"]
    if numbers:
        found |= _sum_rows(typed[numbers].to_numpy(dtype=float), unlabelled, found, raw.index)
    order = sorted(found)
    return _frame(
        [int(raw.index[i]) for i in order],
        [found[i][0] for i in order],
        [found[i][1] for i in order],
        [found[i][2] for i in order],
    )


def _sum_rows(
    values: np.ndarray, unlabelled: np.ndarray, found: dict, rows: pd.Index
) -> dict[int, tuple[object, str, str]]:
    """Rows without a label whose numbers are the sums of the customer rows above them."""
    present = ~np.isnan(values)
    customer = present.any(axis=1)
    customer[list(found)] = False
    candidates = np.flatnonzero(unlabelled & customer & (np.nan_to_num(values) != 0).any(axis=1))
    sums: dict[int, tuple[object, str, str]] = {}
    block = grand = 0  # first position after the last (sub)total, after the last total
    marks = sorted([*found, *candidates])
    for i in marks:
        if i in found:
            block = i + 1
            grand = i + 1 if found[i][1] == "total" else grand
            continue
        for start in dict.fromkeys((block, grand)):
            span = np.arange(start, i)
            span = span[customer[span]]
            if len(span) < MIN_SUMMED_ROWS:
                continue
            total = np.nansum(values[span], axis=0)
            cells = present[i]
            if np.allclose(values[i, cells], total[cells], rtol=SUM_RTOL, atol=SUM_ATOL):
                kind = "subtotal" if customer[i + 1 :].any() else "total"
                first, last = int(rows[span[0]]), int(rows[span[-1]])
                reason = msg(f"ingest.excluded_sum_{kind}", first=first, last=last)
                sums[i] = (None, kind, reason)
                customer[i] = False
                block = i + 1
                grand = i + 1 if kind == "total" else grand
                break
    return sums
