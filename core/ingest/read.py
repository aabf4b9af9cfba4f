"""Read a user's table (CSV/TSV/TXT, XLSX, Parquet) into typed columns, with a report.

``source`` is a path or the raw bytes of an upload plus its file name. The format comes from
the extension (.csv .tsv .txt .xlsx .xlsm .parquet), else from magic bytes (``PK`` → xlsx,
``PAR1`` → parquet), else text. Text is decoded as UTF-8 (BOM or not), UTF-16 with a BOM, or
GB18030 when charset-normalizer finds a GB encoding among its candidates; the delimiter
(comma, semicolon, tab, ``|``) is the one that splits the first lines into the same number
of fields. Cells are typed by :func:`core.ingest.parsing.coerce_frame`.

Row convention: "row N" counts the header as row 1, so the first data row is row 2 (in a
sheet whose table starts lower, N is the sheet's own row number).
Every problem a user can fix raises :class:`core.errors.IngestError`, message starting with
the file name.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import python_calamine

from core.errors import IngestError
from core.i18n import Items, msg
from core.ingest.parsing import ColumnConversion, as_text, coerce_frame
from core.ingest.rows import ROW_INDEX

EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
EXTENSIONS |= {".parquet": "parquet"}
MAGIC = {b"PK\x03\x04": "xlsx", b"PAR1": "parquet"}
DELIMITERS = (",", ";", "\t", "|")
GB_ENCODINGS = frozenset({"gb2312", "gbk", "gb18030"})
_NO_DELIMITER = "\x1f"  # ASCII unit separator: never in a table, so the line stays one field


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
    source: str | Path | bytes, name: str | None = None, sheet: str | None = None
) -> IngestResult:
    """Read a table file into typed columns; see the module docstring for the rules."""
    data, label = _load(source, name)
    if not data.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise IngestError(_empty(label))
    file_format, warnings = _file_format(data, label)
    encoding = delimiter = None
    sheets: tuple[str, ...] = ()
    first_row = 2
    if file_format == "xlsx":
        header, body, sheet, sheets, first_row = _read_xlsx(data, label, sheet)
    elif sheet is not None:
        warnings.append(msg("ingest.has_no_sheets_ignored_sheet", file=label, sheet=sheet))
        sheet = None
    if file_format == "parquet":
        header, body = _read_parquet(data, label)
    elif file_format == "csv":
        header, body, encoding, delimiter = _read_text(data, label)
        if delimiter is None and len(header) == 1:
            warnings.append(msg("ingest.one_column", file=label))
    frame, conversions, table_warnings = _table(header, body, label, first_row)
    return IngestResult(
        frame, label, file_format, encoding, delimiter, sheet, sheets, conversions,
        tuple(warnings + table_warnings),
    )  # fmt: skip


def _empty(label: str) -> str:
    return msg("ingest.empty", file=label)


def _decode(data: bytes, label: str) -> tuple[str, str]:
    """Text and the encoding it was decoded with."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # Excel's "Unicode text"
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        raise IngestError(_binary(label))
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    # A cut after a newline never splits a GBK character (trail bytes are ≥ 0x40).
    sample = data[: data.rfind(b"\n", 0, 1_000_000) + 1] or data
    candidates = [match.encoding for match in charset_normalizer.from_bytes(sample)]
    # GB18030 (superset of GB2312/GBK, Chinese Excel exports) wins whenever it is a candidate
    # or the detector gives up: short Chinese samples often rank big5/cp949 first.
    encoding = candidates[0] if candidates and not GB_ENCODINGS & set(candidates) else "gb18030"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise IngestError(
            _binary(label)
            if not candidates
            else msg("ingest.cannot_work_out_text_encoding", file=label)
        ) from None


def _binary(label: str) -> str:
    return msg("ingest.binary", file=label)


def _sniff(text: str) -> str | None:
    """The delimiter that splits the first lines into one constant field count (≥ 2)."""
    lines = text[:65536].splitlines(keepends=True)
    lines = lines[:50] if len(text) <= 65536 else lines[:-1][:50]  # last line may be cut
    best, best_score = None, (0.0, 0)
    for delimiter in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if row]
        if not counts or counts[0] < 2:
            continue
        score = (sum(count == counts[0] for count in counts) / len(counts), counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text(data: bytes, label: str) -> tuple[list[object], pd.DataFrame, str, str | None]:
    text, encoding = _decode(data, label)
    controls = len(re.findall(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]", text[:8192]))
    if controls > 0.05 * len(text[:8192]):
        raise IngestError(_binary(label))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise IngestError(_empty(label))
    delimiter = _sniff(text)
    try:
        raw = pd.read_csv(
            io.StringIO(text), sep=delimiter or _NO_DELIMITER, header=None, dtype=str,
            keep_default_na=False, skip_blank_lines=False, engine="c",
        )  # fmt: skip
    except pd.errors.ParserError as error:
        raise IngestError(_ragged(label, str(error), delimiter)) from None
    return raw.iloc[0].tolist(), raw.iloc[1:].reset_index(drop=True), encoding, delimiter


def _ragged(label: str, message: str, delimiter: str | None) -> str:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if not found:
        return msg("ingest.cannot_split_file_into_columns", file=label, detail=message)
    expected, line, seen = found.groups()
    words = {",": msg("word.comma"), ";": msg("word.semicolon"), "\t": msg("word.tab")}
    sign = words.get(delimiter or "", delimiter)
    return msg(
        "ingest.ragged_line",
        file=label,
        line=line,
        seen=seen,
        expected=expected,
        sign=sign,
    )


def _workbook(data: bytes, label: str) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # any calamine/zip failure means an unreadable workbook
        raise IngestError(
            msg("ingest.cannot_open_workbook_open_excel", file=label, detail=error)
        ) from None


def _read_xlsx(
    data: bytes, label: str, sheet: str | None
) -> tuple[list[object], pd.DataFrame, str, tuple[str, ...], int]:
    """Header cells, body, sheet name, all sheet names and the first data row's number."""
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
    if not rows:
        raise IngestError(_empty(msg("ingest.file_sheet", file=label, sheet=chosen)))
    body = pd.DataFrame(rows[1:], columns=range(len(rows[0])), dtype=object)
    return rows[0], body, chosen, sheets, (start[0] if start else 0) + 2


def _read_parquet(data: bytes, label: str) -> tuple[list[object], pd.DataFrame]:
    try:
        table = pq.read_table(io.BytesIO(data))
        body = table.to_pandas()
    except Exception as error:  # pyarrow raises several types for a damaged file
        raise IngestError(
            msg("ingest.cannot_read_parquet_file_export", file=label, detail=error)
        ) from None
    if not table.column_names:
        raise IngestError(_empty(label))
    return list(table.column_names), body.set_axis(range(body.shape[1]), axis=1)


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


def _table(
    cells: list[object], body: pd.DataFrame, label: str, first_row: int
) -> tuple[pd.DataFrame, tuple[ColumnConversion, ...], list[str]]:
    """Name, type and clean the body; warnings for anything changed or suspicious."""
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
    frame, conversions = coerce_frame(body, first_row)
    warnings += [_conversion_warning(label, c) for c in conversions if c.failed or not c.parsed]
    warnings += [_formula_warning(label, frame[c.column], first_row)
                 for c in conversions if c.kind == "text"]  # fmt: skip
    empty_rows = frame.isna().all(axis=1).to_numpy()
    if empty_rows.all():
        raise IngestError(_no_rows(label))
    last = len(empty_rows) - 1 - int(empty_rows[::-1].argmin())  # trailing blanks: no warning
    inner = np.flatnonzero(empty_rows[:last]) + first_row
    if inner.size:
        rows = ", ".join(map(str, inner[:5])) + (" …" if inner.size > 5 else "")
        warnings.append(msg("ingest.skipped_empty_rows", file=label, n=inner.size, rows=rows))
    kept = frame[~empty_rows]
    # The index keeps each customer's spreadsheet row number, so later messages (excluded
    # rows, warnings) name the row the user sees even after blank rows were skipped.
    kept.index = pd.Index(np.flatnonzero(~empty_rows) + first_row, name=ROW_INDEX)
    return kept, conversions, [w for w in warnings if w]


def _no_rows(label: str) -> str:
    return msg("ingest.header_only", file=label)


def _conversion_warning(label: str, c: ColumnConversion) -> str:
    if not c.parsed and not c.failed:
        return msg("ingest.column_has_no_values", file=label, column=c.column)
    kind = {"date": msg("word.dates"), "percent": msg("word.percentages")}.get(
        c.kind, msg("word.numbers")
    )
    return msg(
        "ingest.column_value_could_not_read",
        file=label,
        column=c.column,
        n=c.failed,
        kind=kind,
        examples=Items(c.failed_examples),
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
