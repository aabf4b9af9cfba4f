"""Export tables as CSV, XLSX or Parquet, safe to open in a spreadsheet.

Formula injection: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is run as a formula by Excel / WPS / LibreOffice when the file is opened (a customer
named ``=HYPERLINK(…)`` becomes a live link). :func:`neutralize_formulas` prefixes such text
cells (and column headers) with a single quote ``'`` so they show as text. Only text is touched:
a real negative number stays a number.

CSV is written as UTF-8 *with* a byte-order mark (``utf-8-sig``): without it Excel on Windows
reads the file in the local code page and Chinese turns into mojibake. pandas, Python's
``csv`` (with ``encoding="utf-8-sig"``) and LibreOffice read it unchanged.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO

import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.report.csv_writer import csv_bytes, csv_parts

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_ENCODING = "utf-8-sig"
FORMATS = (".csv", ".xlsx", ".parquet")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_MAX = 31  # Excel's limit


def _neutralize_text(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _neutralize_column(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories.map(_neutralize_text)
        return values.cat.rename_categories(categories) if categories.is_unique else values
    if pd.api.types.is_object_dtype(values):
        return values.map(_neutralize_text, na_action="ignore")
    if pd.api.types.is_string_dtype(values):
        risky = values.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
        return values.mask(risky, "'" + values) if risky.any() else values
    return values


def neutralize_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and headers starting with = + - @ TAB CR get a ``'``."""
    out = pd.DataFrame(
        {i: _neutralize_column(df.iloc[:, i]) for i in range(df.shape[1])}, index=df.index
    )
    out.columns = [_neutralize_text(c) if isinstance(c, str) else c for c in df.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The table as neutralised CSV bytes, UTF-8 with BOM, CRLF line ends, no index: the text
    ``DataFrame.to_csv`` writes, built in Arrow (:mod:`core.report.csv_writer`)."""
    return codecs.BOM_UTF8 + csv_bytes(neutralize_formulas(df))


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    """Write :func:`to_csv_bytes` of ``df`` to ``path``, part by part (OSError if it cannot)."""
    with open(path, "wb") as out:
        out.write(codecs.BOM_UTF8)
        for part in csv_parts(neutralize_formulas(df)):
            out.write(part)


def _sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (≤ 31 chars, none of []:*?/\\)."""
    base = _SHEET_NAME_BAD.sub("_", str(name)).strip("'") or "sheet"
    candidate, n = base[:_SHEET_NAME_MAX], 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: _SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def _excel_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones: timezone-aware columns become local naive times."""
    out = neutralize_formulas(df)
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            out.isetitem(i, column.dt.tz_localize(None))
    return out


def write_xlsx(path_or_buffer: str | Path | IO[bytes], sheets: Mapping[str, pd.DataFrame]) -> None:
    """Write each DataFrame to its own sheet (in order), neutralised, header frozen, filterable.

    xlsxwriter is told never to turn strings into formulas or links; infinities become
    ``#NUM!`` and missing values empty cells.
    """
    import xlsxwriter.exceptions  # loaded only when a workbook is written

    if not sheets:
        raise InputError(msg("export.nothing_write_give_least_one"))
    try:
        _write_sheets(path_or_buffer, sheets)
    except xlsxwriter.exceptions.FileCreateError as exc:
        # xlsxwriter wraps the OSError; unwrap it so callers handle one error type.
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else OSError(exc)
        raise cause from None


def _write_sheets(
    path_or_buffer: str | Path | IO[bytes], sheets: Mapping[str, pd.DataFrame]
) -> None:
    options = {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": True}
    taken: set[str] = set()
    with pd.ExcelWriter(
        path_or_buffer, engine="xlsxwriter", engine_kwargs={"options": options}
    ) as writer:
        for name, df in sheets.items():
            sheet = _sheet_name(name, taken)
            data = _excel_ready(df)
            data.to_excel(writer, sheet_name=sheet, index=False)
            worksheet = writer.sheets[sheet]
            worksheet.freeze_panes(1, 0)
            if data.shape[1]:
                worksheet.autofilter(0, 0, len(data), data.shape[1] - 1)


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """The sheets as an .xlsx file in memory (see :func:`write_xlsx`)."""
    buffer = io.BytesIO()
    write_xlsx(buffer, sheets)
    return buffer.getvalue()


def _parquet_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Arrow needs one type per column: mixed object columns become text, headers strings."""
    out = df.copy()
    out.columns = [str(c) for c in df.columns]
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if pd.api.types.is_object_dtype(column) and column.dropna().map(type).nunique() > 1:
            out.isetitem(i, column.map(str, na_action="ignore").astype("string"))
    return out


def output_format(path: str | Path) -> str:
    """The export format for ``path`` (".csv", ".xlsx" or ".parquet"); InputError otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            msg(
                "export.output_unknown_file_type_use",
                path=str(path),
                suffix=Path(path).suffix or "(none)",
                formats=", ".join(FORMATS),
            )
        )
    return suffix


def write_table(
    df: pd.DataFrame, path: str | Path, extra_sheets: Mapping[str, pd.DataFrame] | None = None
) -> Path:
    """Write ``df`` to ``path`` as CSV, XLSX or Parquet, chosen by the file extension.

    ``extra_sheets`` are added after the ``ranking`` sheet in XLSX and ignored by the
    one-table formats. Raises InputError for another extension; OSError if the file cannot
    be written.
    """
    path = Path(path)
    suffix = output_format(path)
    if suffix == ".csv":
        write_csv(df, path)
    elif suffix == ".xlsx":
        write_xlsx(path, {"ranking": df, **(extra_sheets or {})})
    else:
        _parquet_ready(df).to_parquet(path, index=False, engine="pyarrow")
    return path
