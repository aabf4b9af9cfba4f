"""Read a user's table (CSV/TSV/TXT, XLSX, Parquet) into typed columns, with a report.

``source`` is a path or the raw bytes of an upload plus its file name. The format comes from
the extension (.csv .tsv .txt .xlsx .xlsm .parquet), else from magic bytes (``PK`` → xlsx,
``PAR1`` → parquet), else text, read by :mod:`core.ingest.text` (encoding, delimiter).

The header row is found below title rows, blank rows and notes (:mod:`core.ingest.header`),
or given as ``header_row`` (the 1-based sheet row, as Excel or a text editor shows it; a CSV
row is a record, so a quoted cell over two lines is one row). Cells are typed by
:func:`core.ingest.parsing.coerce_frame`; placeholders (``—``, ``N/A`` …) become missing with
one warning per column; total, subtotal, note and repeated header rows are taken out of the
frame into :attr:`IngestResult.excluded` (:mod:`core.ingest.non_data_rows`).

Row convention: "row N" is the sheet's own row number, so the first data row is the header's
row + 1 (row 2 for a header on row 1); see :mod:`core.ingest.rows`.
Every problem a user can fix raises :class:`core.errors.IngestError`, message starting with
the file name.
"""

from __future__ import annotations

import codecs
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import python_calamine

from core.errors import IngestError
from core.i18n import Items, msg
from core.ingest.header import header_note, header_position
from core.ingest.non_data_rows import find_non_data_rows, no_excluded
from core.ingest.parsing import ColumnConversion, Placeholder, as_text, coerce_frame
from core.ingest.rows import ROW_INDEX
from core.ingest.rules import YEARS
from core.ingest.text import read_text
from core.ingest.width import check_width

EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
EXTENSIONS |= {".parquet": "parquet"}
MAGIC = {b"PK\x03\x04": "xlsx", b"PAR1": "parquet"}


@dataclass(frozen=True)
class IngestResult:
    """A typed table and how it was read."""

    frame: pd.DataFrame  # float64 / datetime64[ns] / str columns; index "row" = sheet row
    source: str  # file name as the user knows it
    file_format: str  # "csv" | "xlsx" | "parquet"
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: tuple[str, ...]
    conversions: tuple[ColumnConversion, ...]
    warnings: tuple[str, ...]
    header_row: int = 1  # sheet row of the header (found, or as given)
    notes: tuple[str, ...] = ()  # what the reader decided, e.g. where it found the header
    # rows taken out as not customers: row, customer_id (their label), kind, reason
    excluded: pd.DataFrame = field(default_factory=no_excluded)


def _load(source: str | Path | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), name or "uploaded file"
    path = Path(source)
    label = name or path.name
    try:
        return path.read_bytes(), label
    except FileNotFoundError:
        raise IngestError(msg("ingest.file_not_found_check_path", file=label, path=path)) from None
    except OSError as error:
        raise IngestError(
            msg("ingest.cannot_read_file", file=label, detail=error.strerror)
        ) from None


def _file_format(data: bytes, name: str) -> tuple[str, list[str]]:
    by_name = EXTENSIONS.get(Path(name).suffix.lower())
    by_magic = MAGIC.get(data[:4])
    if by_magic and by_name == "csv":
        return by_magic, [msg("ingest.really_other_format", file=name, kind=by_magic)]
    return by_name or by_magic or "csv", []


def list_sheets(source: str | Path | bytes, name: str | None = None) -> list[str]:
    """Sheet names of a workbook in file order; [] for CSV and Parquet."""
    data, label = _load(source, name)
    if _file_format(data, label)[0] != "xlsx":
        return []
    return list(_workbook(data, label).sheet_names)


def read_table(
    source: str | Path | bytes,
    name: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> IngestResult:
    """Read a table file into typed columns; see the module docstring for the rules.

    ``header_row`` is the header's 1-based sheet row; None finds it. ``progress`` hears each
    stage with the share of the work done before it: ("reading", 0.0), ("parsing", 0.5),
    ("done", 1.0).
    """
    report = progress or (lambda stage, done: None)
    report("reading", 0.0)
    data, label = _load(source, name)
    if not data.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise IngestError(_empty(label))
    if header_row is not None and header_row < 1:
        raise IngestError(msg("ingest.header_row_not_positive", file=label, row=header_row))
    file_format, warnings = _file_format(data, label)
    encoding = delimiter = None
    sheets: tuple[str, ...] = ()
    found = (1, 0)  # the header's sheet row and the rows of the table above it
    if file_format == "xlsx":
        header, body, sheet, sheets, found = _read_xlsx(data, label, sheet, header_row)
    elif sheet is not None:
        warnings.append(msg("ingest.has_no_sheets_ignored_sheet", file=label, sheet=sheet))
        sheet = None
    if file_format == "parquet":
        header, body = _read_parquet(data, label)
        if header_row not in (None, 1):
            warnings.append(msg("ingest.parquet_header_row_ignored", file=label, row=header_row))
        header_row = None
    elif file_format == "csv":
        header, body, encoding, delimiter, found, guessed = read_text(data, label, header_row)
        warnings += guessed
        if delimiter is None and len(header) == 1:
            warnings.append(msg("ingest.one_column", file=label))
    report("parsing", 0.5)
    table = _table(header, body, label, found[0] + 1)
    note = header_note(found[0], found[1], chosen=header_row is not None)
    report("done", 1.0)
    return IngestResult(
        table.frame, label, file_format, encoding, delimiter, sheet, sheets, table.conversions,
        tuple(warnings + table.warnings), found[0], (note,) if note else (), table.excluded,
    )  # fmt: skip


def _empty(label: str) -> str:
    return msg("ingest.empty", file=label)


def _workbook(data: bytes, label: str) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # any calamine/zip failure means an unreadable workbook
        raise IngestError(
            msg("ingest.cannot_open_workbook_open_excel", file=label, detail=error)
        ) from None


def _read_xlsx(
    data: bytes, label: str, sheet: str | None, header_row: int | None
) -> tuple[list[object], pd.DataFrame, str, tuple[str, ...], tuple[int, int]]:
    """Header cells, body, sheet name, all sheet names and (header's row, rows above it)."""
    book = _workbook(data, label)
    sheets = tuple(book.sheet_names)
    if not sheets:
        raise IngestError(msg("ingest.workbook_has_no_sheets_export", file=label))
    chosen = sheets[0] if sheet is None else sheet
    if chosen not in sheets:
        names = ", ".join(f"'{s}'" for s in sheets)
        raise IngestError(
            msg("ingest.no_sheet_named_available_sheets", file=label, sheet=chosen, names=names)
        )
    try:
        grid = book.get_sheet_by_name(chosen)
        rows, start = grid.to_python(), grid.start
    except Exception as error:  # a corrupt sheet part inside a readable zip
        raise IngestError(
            msg("ingest.cannot_read_sheet", file=label, sheet=chosen, detail=error)
        ) from None
    where = msg("ingest.file_sheet", file=label, sheet=chosen)
    if not rows:
        raise IngestError(_empty(where))
    check_width(max(map(len, rows)), where)
    offset = start[0] if start else 0  # calamine's rows begin at the first used sheet row
    position = header_position(rows, header_row, offset, where)
    body = pd.DataFrame(rows[position + 1 :], columns=range(len(rows[0])), dtype=object)
    return rows[position], body, chosen, sheets, (offset + position + 1, position)


def _read_parquet(data: bytes, label: str) -> tuple[list[object], pd.DataFrame]:
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise _unreadable_parquet(label, error) from None
    check_width(table.num_columns, label)
    try:
        body = table.to_pandas()
    except Exception as error:
        raise _unreadable_parquet(label, error) from None
    if not table.column_names:
        raise IngestError(_empty(label))
    return list(table.column_names), body.set_axis(range(body.shape[1]), axis=1)


def _unreadable_parquet(label: str, error: Exception) -> IngestError:
    return IngestError(msg("ingest.cannot_read_parquet_file_export", file=label, detail=error))


def _header(
    cells: list[object], body: pd.DataFrame, label: str
) -> tuple[list[str], list[int], list[int]]:
    """Header names (stripped of spaces and BOM; empty → column_N), unnamed and dropped positions.

    A column with neither a header nor any value is dropped (trailing delimiters).
    """
    names = as_text(pd.Series(cells, dtype=object)).str.strip("\ufeff\u200b \t").fillna("")
    names, unnamed, dropped = names.tolist(), [], []
    for position, cell in enumerate(names):
        if not cell:
            values = as_text(body.iloc[:, position]).fillna("")
            (dropped if (values == "").all() else unnamed).append(position)
            names[position] = f"column_{position + 1}"
    repeated = [n for n, count in Counter(names).items() if count > 1]
    if repeated:
        where = Items(
            msg(
                "ingest.duplicate_name_columns",
                name=n,
                numbers=Items((str(i + 1) for i, m in enumerate(names) if m == n), "and"),
            )
            for n in repeated
        )
        raise IngestError(msg("ingest.duplicate_column_names_rename_them", file=label, where=where))
    return names, unnamed, dropped


@dataclass(frozen=True)
class _Table:
    frame: pd.DataFrame
    conversions: tuple[ColumnConversion, ...]
    warnings: list[str]
    excluded: pd.DataFrame


def _table(cells: list[object], body: pd.DataFrame, label: str, first_row: int) -> _Table:
    """Name, type and clean the body; warnings for anything changed or suspicious; the rows
    that are not data (totals, notes, repeated headers) taken out."""
    if body.empty:
        raise IngestError(_no_rows(label))
    names, unnamed, dropped = _header(cells, body, label)
    warnings = []
    if unnamed:
        named = ", ".join(names[i] for i in unnamed)
        warnings.append(msg("ingest.columns_without_header_were_named", file=label, named=named))
    if dropped:
        warnings.append(
            msg("ingest.dropped_empty_column_without_header", file=label, n=len(dropped))
        )
    keep = [i for i in range(len(names)) if i not in dropped]
    body = body.iloc[:, keep].set_axis([names[i] for i in keep], axis=1)
    frame, conversions, excluded = _typed(body, first_row)
    warnings += [_conversion_warning(label, c) for c in conversions if c.failed or not c.parsed]
    warnings += [_placeholder_warning(label, c) for c in conversions if c.placeholders]
    warnings += [_formula_warning(label, frame[c.column], first_row)
                 for c in conversions if c.kind == "text"]  # fmt: skip
    taken = np.isin(np.arange(len(frame)) + first_row, excluded["row"].to_numpy())
    empty_rows = frame.isna().all(axis=1).to_numpy() & ~taken
    customers = ~empty_rows & ~taken
    if not customers.any():
        raise IngestError(_no_rows(label))
    last = int(np.flatnonzero(customers)[-1])  # blank rows after the last customer: no warning
    inner = np.flatnonzero(empty_rows[:last]) + first_row
    if inner.size:
        rows = ", ".join(map(str, inner[:5])) + (" …" if inner.size > 5 else "")
        warnings.append(msg("ingest.skipped_empty_rows", file=label, n=inner.size, rows=rows))
    kept = frame[customers]
    # The index keeps each customer's spreadsheet row number, so later messages (excluded
    # rows, warnings) name the row the user sees even after blank rows were skipped.
    kept.index = pd.Index(np.flatnonzero(customers) + first_row, name=ROW_INDEX)
    return _Table(kept, conversions, [w for w in warnings if w], excluded)


def _typed(
    body: pd.DataFrame, first_row: int
) -> tuple[pd.DataFrame, tuple[ColumnConversion, ...], pd.DataFrame]:
    """The body typed, and its rows that are not data; those rows are blanked and the body
    typed again, so their cells count nowhere (not as failures, not as missing values)."""
    body = body.reset_index(drop=True)
    frame, conversions = coerce_frame(body, first_row)
    rows = pd.Index(np.arange(len(body)) + first_row, name=ROW_INDEX)
    kinds = {c.column: c.kind for c in conversions}
    excluded = find_non_data_rows(body.set_axis(rows), frame.set_axis(rows), kinds)
    if excluded.empty:
        return frame, conversions, excluded
    blanked = body.copy()
    blanked.iloc[excluded["row"].to_numpy() - first_row] = None
    frame, conversions = coerce_frame(blanked, first_row)
    n = len(excluded)
    return frame, tuple(replace(c, missing=c.missing - n) for c in conversions), excluded


def _no_rows(label: str) -> str:
    return msg("ingest.header_only", file=label)


def _conversion_warning(label: str, c: ColumnConversion) -> str:
    if not c.parsed and not c.failed:
        return msg("ingest.column_has_no_values", file=label, column=c.column)
    if c.kind == "date":  # the rule: a real day within the years a date can take
        return msg(
            "ingest.column_dates_outside_rule",
            file=label,
            column=c.column,
            n=c.failed,
            first=YEARS[0],
            last=YEARS[1],
            examples=Items(c.failed_examples),
        )
    kind = msg("word.percentages") if c.kind == "percent" else msg("word.numbers")
    return msg(
        "ingest.column_value_could_not_read",
        file=label,
        column=c.column,
        n=c.failed,
        kind=kind,
        examples=Items(c.failed_examples),
    )


def _placeholder_warning(label: str, c: ColumnConversion) -> str:
    def where(p: Placeholder) -> str:
        rows = Items([*map(str, p.rows), *(["…"] if p.count > len(p.rows) else [])], "comma")
        key = "ingest.placeholder_at_row" if p.count == 1 else "ingest.placeholder_at_rows"
        return msg(key, token=p.token, rows=rows)

    return msg(
        "ingest.column_placeholders_missing",
        file=label,
        column=c.column,
        n=sum(p.count for p in c.placeholders),
        where=Items((where(p) for p in c.placeholders), "comma"),
    )


def _formula_warning(label: str, text: pd.Series, first_row: int) -> str:
    """Flag text a spreadsheet would run as a formula (= + - @); "" when there is none."""
    hits = np.flatnonzero(text.str.match(r"[=+\-@]").fillna(False).to_numpy(dtype=bool))
    if not hits.size:
        return ""
    shown = Items(msg("ingest.row_value", row=i + first_row, value=text.iloc[i]) for i in hits[:3])
    return msg(
        "ingest.column_value_start_with_kept",
        file=label,
        column=text.name,
        n=hits.size,
        examples=shown,
    )
