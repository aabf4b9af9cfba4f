"""Cells and rows that are not data: placeholders, total rows, note rows.

One definition for every engine: pandas applies the predicates below, the SQL engines build
their expressions from the same word lists. A cell is compared after :func:`normal_form`:
full-width characters folded, surrounding spaces trimmed, lower case, a trailing colon dropped.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

# Placeholders people type for "no value" (besides an empty cell); read as missing and reported.
PLACEHOLDERS = frozenset(
    {"—", "——", "-", "--", "/", "n/a", "na", "#n/a", "null", "none", "nil", "nan",
     "无", "暂无", "空"}
)  # fmt: skip
# A cell that says the row sums the rows above it (in the ID or the name column).
TOTAL_WORDS = frozenset(
    {"合计", "总计", "小计", "累计", "总合计", "total", "totals", "subtotal", "sub-total",
     "sub total", "grand total"}
)  # fmt: skip
SUBTOTAL_WORDS = frozenset({"小计", "subtotal", "sub-total", "sub total"})  # of TOTAL_WORDS
# A cell that starts a note under (or above) the table.
NOTE_PREFIXES = ("备注", "说明", "注：", "注:", "note:", "notes:", "note ", "notes ")
NOTE_WORDS = frozenset({"备注", "说明", "注", "note", "notes"})  # the whole cell


def normal_form(cell: str) -> str:
    """Folded (NFKC), trimmed, lower-case text without a trailing colon."""
    return unicodedata.normalize("NFKC", cell).strip().lower().rstrip(":").strip()


def _folded(cells: pd.Series) -> pd.Series:
    """NFKC-folded, trimmed, lower-case cells; ASCII text is its own NFKC form, so only the
    other cells take the (per-cell) Unicode pass."""
    wide = ~cells.str.isascii().fillna(True).astype(bool)
    if wide.any():
        cells = cells.mask(wide, cells[wide].str.normalize("NFKC"))
    return cells.str.strip().str.lower()


def normal_forms(cells: pd.Series) -> pd.Series:
    """:func:`normal_form` of every cell of a text Series (vectorised; missing stays missing)."""
    return _folded(cells).str.rstrip(":").str.strip()


def totals(cells: pd.Series) -> np.ndarray:
    """:func:`is_total` of every cell (False where missing)."""
    return normal_forms(cells).isin(TOTAL_WORDS).to_numpy(dtype=bool)


def notes(cells: pd.Series) -> np.ndarray:
    """:func:`is_note` of every cell (False where missing)."""
    starts = _folded(cells).str.startswith(NOTE_PREFIXES).fillna(False).astype(bool)
    return (normal_forms(cells).isin(NOTE_WORDS) | starts).to_numpy(dtype=bool)


def is_placeholder(cell: str) -> bool:
    """True for a placeholder such as ``—``, ``N/A`` or ``暂无`` (not for an empty cell)."""
    return normal_form(cell) in PLACEHOLDERS


def is_total(cell: str) -> bool:
    """True for a total or subtotal label such as ``合计``, ``小计：`` or ``Grand total``."""
    return normal_form(cell) in TOTAL_WORDS


def is_subtotal(cell: str) -> bool:
    """True for a subtotal label such as ``小计`` or ``Subtotal`` (a kind of total)."""
    return normal_form(cell) in SUBTOTAL_WORDS


def is_note(cell: str) -> bool:
    """True for a note such as ``备注：数据截至 3 月`` or ``Note: figures in RMB``."""
    text = unicodedata.normalize("NFKC", cell).strip().lower()
    return normal_form(cell) in NOTE_WORDS or text.startswith(NOTE_PREFIXES)
