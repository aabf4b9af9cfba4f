"""Find the header row of a table that sits below title rows, blank rows and notes.

An export often starts with a title (``2024年度客户销售统计表``, in a merged cell, so one
non-empty cell), a blank row or a note, and only then the header. On the first
:data:`SCAN_ROWS` rows every cell is *empty* (blank or a placeholder such as ``—``), *typed* (a
number or a date as :mod:`core.ingest.parsing` reads them) or *text*:

- the table's width W is the largest number of non-empty cells in one scanned row;
- a header candidate has at least max(2, ⌈W/2⌉) non-empty cells, at least 80 % of them text,
  all distinct;
- its score is the number of its text cells above a column in which a typed cell appears
  within the next :data:`LOOKAHEAD` non-empty rows (typed columns begin under a header), less
  the number of its cells above a column that is empty in those rows (a header names columns
  that hold data);
- the header is the candidate with the highest score, the first one on a tie; without a
  candidate it is the first row with max(2, ⌈W/2⌉) non-empty cells, else the first non-empty
  row.

Row numbers in notes are 1-based sheet rows, as Excel or a text editor shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.errors import IngestError
from core.i18n import msg
from core.ingest.parsing import MISSING_TOKENS, as_text, parse_date_series, parse_number_series

SCAN_ROWS = 50  # rows looked at for a header
LOOKAHEAD = 10  # non-empty rows under a candidate that show where typed columns begin
TEXT_SHARE = 0.8
EMPTY, TEXT, TYPED = 0, 1, 2


def cell_kinds(rows: Sequence[Sequence[object]]) -> np.ndarray:
    """EMPTY / TEXT / TYPED for every cell of ``rows`` (ragged rows padded with EMPTY)."""
    width = max((len(row) for row in rows), default=0)
    kinds = np.full((len(rows), width), EMPTY, dtype=np.int8)
    if not width:
        return kinds
    # Every cell in one Series (row by row), so each parser runs once however wide the sheet.
    cells = pd.Series(
        [c for row in rows for c in [*row, *[None] * (width - len(row))]], dtype=object
    )
    text = as_text(cells)
    empty = (text.isna() | text.str.lower().isin(MISSING_TOKENS)).to_numpy(dtype=bool)
    typed = (parse_number_series(cells).notna() | parse_date_series(cells).notna()).to_numpy()
    kinds[:] = np.where(empty, EMPTY, np.where(typed, TYPED, TEXT)).reshape(len(rows), width)
    return kinds


def _candidates(kinds: np.ndarray, rows: Sequence[Sequence[object]], wide: int) -> list[int]:
    found = []
    for i, row_kinds in enumerate(kinds):
        filled = np.flatnonzero(row_kinds != EMPTY)
        if len(filled) < wide or (row_kinds == TEXT).sum() < TEXT_SHARE * len(filled):
            continue
        cells = [str(rows[i][j]).strip() for j in filled]
        if len(set(cells)) == len(cells):
            found.append(i)
    return found


def _score(kinds: np.ndarray, i: int) -> int:
    below = [k for k in range(i + 1, len(kinds)) if (kinds[k] != EMPTY).any()][:LOOKAHEAD]
    if not below:
        return 0
    typed_columns = (kinds[below] == TYPED).any(axis=0)
    empty_columns = ~(kinds[below] != EMPTY).any(axis=0)
    over_typed = ((kinds[i] == TEXT) & typed_columns).sum()
    return int(over_typed - ((kinds[i] != EMPTY) & empty_columns).sum())


def find_header(rows: Sequence[Sequence[object]]) -> int:
    """The position in ``rows`` (the sheet's first rows) of the header row; see the module
    docstring for the rules. 0 when ``rows`` has no non-empty row."""
    kinds = cell_kinds(rows[: SCAN_ROWS + LOOKAHEAD])
    filled = (kinds != EMPTY).sum(axis=1)
    if not filled.any():
        return 0
    scanned = filled[:SCAN_ROWS]
    wide = max(2, -(-int(scanned.max()) // 2))
    candidates = [i for i in _candidates(kinds, rows, wide) if i < SCAN_ROWS]
    if candidates:
        scores = [_score(kinds, i) for i in candidates]
        return candidates[int(np.argmax(scores))]
    wide_rows = np.flatnonzero(scanned >= wide)
    return int(wide_rows[0]) if wide_rows.size else int(np.flatnonzero(scanned)[0])


def is_blank(cells: Sequence[object]) -> bool:
    """True when a row has no non-empty cell (placeholders count as empty)."""
    return not (cell_kinds([cells]) != EMPTY).any()


def header_note(header_row: int, skipped: int, chosen: bool) -> str:
    """The ingest note for a header on sheet row ``header_row`` with ``skipped`` rows of the
    sheet above it; "" when nothing was skipped and the header was found, not chosen."""
    if chosen:
        return msg("ingest.header_chosen", row=header_row)
    if skipped <= 0:
        return ""
    if skipped == 1:
        return msg("ingest.header_found_one", row=header_row, above=header_row - 1)
    return msg(
        "ingest.header_found", row=header_row, first=header_row - skipped, last=header_row - 1
    )


def header_position(
    rows: list[list[object]], header_row: int | None, offset: int, label: str
) -> int:
    """The header's position in ``rows`` (whose first row is sheet row ``offset + 1``)."""
    if header_row is None:
        return find_header(rows)
    position = header_row - 1 - offset
    last = offset + len(rows)
    if position >= len(rows):
        raise IngestError(msg("ingest.header_row_beyond", file=label, row=header_row, last=last))
    if position < 0 or is_blank(rows[position]):
        raise IngestError(msg("ingest.header_row_empty", file=label, row=header_row))
    return position
