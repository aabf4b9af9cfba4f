"""CSV text of a table, column by column in Arrow: byte for byte what
``DataFrame.to_csv(index=False, lineterminator="\\r\\n")`` writes, many times faster.

pandas formats every cell in Python and writes the rows with the ``csv`` module; here each
column becomes one Arrow text array (its cells as pandas formats them), cells that hold a
comma, a quote or a line break are quoted (quotes doubled), and Arrow joins the columns into
lines. The formats are pandas' own:

- whole numbers and booleans as Python prints them (``12``, ``True``);
- floats as numpy prints them (the shortest text that reads back the same: ``0.1``, ``730.0``,
  ``1e-05``, ``1.5e+16``); Arrow's shortest digits serve where both write plain decimals
  (1e-4 ≤ |x| < 1e10, with ``.0`` added to whole values), numpy writes the few others;
- a column of dates (every time midnight) as ``2024-12-31``, as pandas writes it;
- text as it is; missing values (NaN, None, NA, NaT) as empty cells;
- any other type (times of day, time zones, categories, mixed objects, nullable numbers) through
  pandas' own per-column CSV formatting, then the ``csv`` module's rule for a cell
  (``float.__repr__`` for floats, ``str`` for the rest).

A table with one column writes an empty cell as ``""`` (the ``csv`` module's rule for a
line with a single empty field).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.core.indexes.base import get_values_for_csv  # what DataFrame.to_csv calls

LINE_END = "\r\n"
SPECIAL = '[,"\r\n]'  # a cell with one of these is quoted (csv.QUOTE_MINIMAL)
PLAIN_FLOATS = (1e-4, 1e10)  # |x| where Arrow and numpy both write plain decimals
DAY_NS = 86_400 * 10**9
TEXT = pa.large_string()
ROWS_PER_PART = 65_536  # lines joined at a time (their text is reused memory, not new)


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, TEXT)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV (UTF-8, no BOM, CRLF line ends, header, no index)."""
    return b"".join(csv_parts(frame))


def csv_parts(frame: pd.DataFrame, rows_per_part: int = ROWS_PER_PART) -> Iterator[memoryview]:
    """The CSV of ``frame`` in parts (the header, then blocks of lines) to write one after
    another: a large table's text is never held twice."""
    rows, width = frame.shape
    if width == 0:
        yield memoryview((LINE_END * (rows + 1)).encode())
        return
    header = _cells(pd.Series(frame.columns, dtype=frame.columns.dtype))
    series = [frame.iloc[:, i] for i in range(width)]
    # Arrow's kernels release the GIL: the columns are formatted side by side
    with ThreadPoolExecutor(min(width, os.cpu_count() or 1)) as pool:
        columns = list(pool.map(_cells, series))
    if width == 1:  # the csv module quotes a line's only field when it is empty
        header, columns = _quote_empty(header), [_quote_empty(columns[0])]
    yield memoryview((",".join(header.to_pylist()) + LINE_END).encode())
    for start in range(0, rows, rows_per_part):
        yield _joined(_lines([column.slice(start, rows_per_part) for column in columns]))


def _lines(columns: list[pa.Array]) -> pa.Array:
    """One text per row: its cells joined with commas, then the line end."""
    last = pc.binary_join_element_wise(columns[-1], _text(LINE_END), _text(""))
    return pc.binary_join_element_wise(*columns[:-1], last, _text(","))


def _joined(lines: pa.Array) -> memoryview:
    """The texts of ``lines`` one after another, without a copy: the data buffer between the
    first and the last offset."""
    _, offsets, data = lines.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int64)[lines.offset : lines.offset + len(lines) + 1]
    return memoryview(data)[bounds[0] : bounds[-1]]


def _quote_empty(cells: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(cells, _text("")), _text('""'), cells)


def _cells(values: pd.Series) -> pa.Array:
    """The CSV cells of one column (large_string, no nulls), quoted where needed."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return pc.cast(pa.array(values.to_numpy()), TEXT)
    if isinstance(dtype, np.dtype) and dtype.kind == "b":
        return pc.if_else(pa.array(values.to_numpy()), _text("True"), _text("False"))
    if isinstance(dtype, np.dtype) and dtype == np.float64:
        return pc.fill_null(_float_cells(values.to_numpy()), _text(""))
    if isinstance(dtype, np.dtype) and dtype == np.dtype("datetime64[ns]"):
        cells = _date_cells(values)
        if cells is not None:
            return pc.fill_null(cells, _text(""))
    cells = _text_cells(values)
    if cells is None:
        cells = pa.array([_csv_cell(v) for v in _pandas_cells(values)], TEXT)
    return _quoted(pc.fill_null(cells, _text("")))


def _float_cells(x: np.ndarray) -> pa.Array:
    """numpy's text of each float64 (``values.astype(str)``, what pandas writes), NaN null."""
    missing = np.isnan(x)
    size = np.abs(x)
    plain = ((size >= PLAIN_FLOATS[0]) & (size < PLAIN_FLOATS[1])) | (x == 0)
    with np.errstate(invalid="ignore"):
        whole = plain & (x == np.floor(x))  # numpy writes 730.0 as "730.0", Arrow "730"
    if (whole | missing).all() and not np.signbit(x[whole]).any():
        # whole numbers only (days, counts): their integer text and ".0"
        digits = pa.array(np.where(missing, 0, x).astype(np.int64), mask=missing)
        return pc.binary_join_element_wise(pc.cast(digits, TEXT), _text(".0"), _text(""))
    cells = pc.cast(pa.array(x, mask=missing), TEXT)
    if whole.any():
        cells = pc.if_else(
            pa.array(whole), pc.binary_join_element_wise(cells, _text(".0"), _text("")), cells
        )
    other = ~plain & ~missing
    if other.any():  # tiny, huge or infinite: numpy's own text
        cells = pc.replace_with_mask(cells, pa.array(other), pa.array(x[other].astype(str), TEXT))
    return cells


def _date_cells(values: pd.Series) -> pa.Array | None:
    """A datetime64[ns] column of dates only (every time midnight) as pandas writes it
    (``2024-12-31``, NaT null); None when some value has a time of day."""
    stamps = values.to_numpy()
    ticks = stamps.view(np.int64)
    known = ~np.isnat(stamps)
    if (ticks[known] % DAY_NS).any():
        return None
    return pc.cast(pc.cast(pa.array(stamps, mask=~known), pa.date32()), TEXT)


def _text_cells(values: pd.Series) -> pa.Array | None:
    """A column of text (pandas' string types, or objects that are all text or missing) as
    Arrow text with nulls for the missing cells; None for any other column."""
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype):
        cells = pa.array(values.array)  # pandas' Arrow strings come as chunks
        return pc.cast(
            cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells, TEXT
        )
    if not (isinstance(dtype, np.dtype) and dtype.kind == "O"):
        return None
    try:
        cells = pa.array(values.to_numpy(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return None  # mixed objects
    text = pa.types.is_string(cells.type) or pa.types.is_large_string(cells.type)
    return pc.cast(cells, TEXT) if text else None


def _pandas_cells(values: pd.Series) -> np.ndarray:
    """pandas' own CSV formatting of a column: text for dates and times, the cells of other
    types as objects, missing values as empty text."""
    array = values.to_numpy() if isinstance(values.dtype, np.dtype) else values.array
    return get_values_for_csv(array, date_format=None, na_rep="", quoting=0)


def _csv_cell(value: object) -> str:
    """The csv module's text of one cell."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, float):
        return float.__repr__(value)
    return str(value)


def _quoted(cells: pa.Array) -> pa.Array:
    """Cells holding a comma, a quote or a line break in quotes, their quotes doubled."""
    text = bytes(cells.buffers()[2] or b"")  # most columns hold none of them: one byte scan
    if not any(mark in text for mark in (b",", b'"', b"\r", b"\n")):
        return cells
    special = pc.match_substring_regex(cells, SPECIAL)
    if not pc.any(special).as_py():
        return cells
    mark = _text('"')
    quoted = pc.binary_join_element_wise(
        mark, pc.replace_substring(cells, '"', '""'), mark, _text("")
    )
    return pc.if_else(special, quoted, cells)
