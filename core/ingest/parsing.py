"""Cell parsing: numbers and dates the way people write them, and column-type inference.

Row convention: messages say "row N" where N is the spreadsheet row, counting the header as
row 1, so the first data row is row 2 (``first_row`` shifts this when a sheet starts lower).

Numbers and dates follow the value rules of :mod:`core.ingest.rules` (one table there: full-width
digits, currency signs, ``(1,234)``, 万/亿/%, ``2024年3月1日``, the calendar and year range,
Excel serials), compiled to pyarrow by :mod:`core.ingest.rules_arrow`; the DuckDB order engine
compiles the same rules to SQL. Empty cells and the placeholders of
:data:`core.ingest.markers.PLACEHOLDERS` (``—``, ``-``, ``/``, ``N/A``, ``null``, ``无``, ``暂无``,
``空`` …) are missing; each column's placeholders are kept in
:attr:`ColumnConversion.placeholders` (as written, with counts and first rows) so they can be
reported. ``inf`` is no placeholder: it fails to parse and is reported.

Inference (:func:`coerce_frame`): identifier columns (header like 编号/ID/code, or values with
leading zeros such as ``00123``) stay text; a column becomes a date when ≥ 80 % of its
non-empty cells are dates, a number when ≥ 80 % are numbers; otherwise it stays text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from core.i18n import msg
from core.ingest import rules
from core.ingest.markers import PLACEHOLDERS
from core.ingest.rules_arrow import FOLD_TABLE, FOLDED, date_fields, numbers

THRESHOLD = 0.8  # share of non-empty cells that must parse for a column to take a type
SAMPLE = 2_000  # cells tried first in a large column before parsing all of it
MAX_EXAMPLES = 3
MISSING_TOKENS = PLACEHOLDERS | {""}  # compared with the folded, lower-case cell
MAX_PLACEHOLDER_ROWS = 5  # first rows kept per placeholder
_CODE = r"0[0-9]+|[0-9]{15,}"  # leading zeros, or more digits than a float holds exactly
_EXCEL_EPOCH = pd.Timestamp(rules.SERIAL_EPOCH)
SERIAL_RANGE = rules.SERIAL_RANGE  # 1927-05-18 … 2119-01-11: plausible business dates
_FIRST_DAY = pd.Timestamp(rules.YEARS[0], 1, 1)
_AFTER_LAST_DAY = pd.Timestamp(rules.YEARS[1] + 1, 1, 1)
_ID_HEADER = re.compile(
    r"编号|编码|代码|号码|单号|账号|卡号|工号|电话|手机|邮编|身份证"
    r"|(?:^|[^a-z])(?:id|code|no|sku|zip|phone|tel)(?:[^a-z]|$)",
    re.IGNORECASE,
)
_ID_CAMEL = re.compile(r"[a-z](?:Id|ID|Code|No)$")
_DATE_HEADER = re.compile(r"日期|时间|(?:^|[^a-z])(?:date|datetime|time|day)(?:[^a-z]|$)", re.I)
_DATE_CAMEL = re.compile(r"[a-z](?:Date|Time)")


def is_date_header(name: str) -> bool:
    """Whether a header reads as a date or time (最近购买日期, last_order_date, orderDate)."""
    return bool(_DATE_HEADER.search(name) or _DATE_CAMEL.search(name))


@dataclass(frozen=True)
class Placeholder:
    """One placeholder as written in a column (``—``, ``N/A`` …): how often, and where first."""

    token: str
    count: int
    rows: tuple[int, ...]  # the first MAX_PLACEHOLDER_ROWS sheet rows


@dataclass(frozen=True)
class ColumnConversion:
    """How one column was typed: counts of converted, failed and missing cells."""

    column: str
    kind: str  # "number" | "percent" | "date" | "text"
    parsed: int  # non-empty cells converted
    failed: int  # non-empty cells that could not be converted (now missing)
    missing: int  # cells empty/NA to begin with
    failed_examples: tuple[str, ...]  # e.g. "row 7: 'abc'"
    note: str = ""  # why the column got its kind, when not obvious
    placeholders: tuple[Placeholder, ...] = ()  # placeholder cells read as missing, by token


def as_text(values: pd.Series) -> pd.Series:
    """Cells as stripped strings; NaN where the cell is None/NaN.

    Integral floats render without ``.0`` so an Excel id 1001.0 reads as ``1001``.
    """
    if _is_number_dtype(values):
        v = values.to_numpy(dtype=float)
        whole = np.isfinite(v) & (v == np.round(v)) & (np.abs(v) < 1e15)
        text = np.where(whole, np.where(whole, v, 0).astype(np.int64).astype(str), v.astype(str))
        return pd.Series(text, index=values.index, dtype="str").where(~np.isnan(v))
    if not pd.api.types.is_string_dtype(values):
        values = values.map(_cell_text, na_action="ignore")
    return values.astype("str").str.strip(rules.WHITESPACE)


def _arrow(text: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Text as an Arrow string array: pyarrow.compute runs regexes in C++ (RE2) on it."""
    return pa.array(text, from_pandas=True, type=pa.large_string())


def _fold(text: pd.Series) -> pd.Series:
    """Full-width characters folded to ASCII (１２３ → 123), so parsers see one alphabet."""
    # str.translate runs per cell in Python, so only on the cells that need it.
    wide = text.str.contains(FOLDED, regex=True).fillna(False).astype(bool)
    if not wide.any():
        return text
    return text.mask(wide, text[wide].str.translate(FOLD_TABLE).str.strip(rules.WHITESPACE))


def _is_number_dtype(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    return str(cell)


def is_missing(values: pd.Series) -> pd.Series:
    """True where a cell is empty or a missing token (case-insensitive)."""
    text = _fold(as_text(values))
    return text.isna() | text.str.lower().isin(MISSING_TOKENS)


def _number_parts(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(numbers, percent mask) for folded text; NaN where not a finite number."""
    values, percent = numbers(_arrow(text))
    return pd.Series(values, index=text.index), pd.Series(percent, index=text.index)


def parse_number_series(values: pd.Series) -> pd.Series:
    """Float64 copy of ``values``; NaN where missing or not a (finite) number."""
    if _is_number_dtype(values):
        out = values.astype(float)
        return out.where(np.isfinite(out))
    return _number_parts(_fold(as_text(values)))[0].rename(values.name)


def _serial_dates(numbers: pd.Series) -> pd.Series:
    ok = numbers.between(*SERIAL_RANGE)
    days = pd.to_timedelta(numbers.where(ok), unit="D")
    return (_EXCEL_EPOCH + days).astype("datetime64[ns]")


def parse_date_series(values: pd.Series, allow_serial: bool = False) -> pd.Series:
    """Datetime64[ns] copy of ``values``; NaT where not a date (see core.ingest.rules).

    ``allow_serial`` also reads numbers in ``SERIAL_RANGE`` as Excel serials:
    date = 1899-12-30 + n days.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values.dt.tz_localize(None) if values.dt.tz is not None else values
        out = out.where((out >= _FIRST_DAY) & (out < _AFTER_LAST_DAY))
        return out.astype("datetime64[ns]")
    if _is_number_dtype(values):
        dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    else:
        parts = pd.DataFrame(date_fields(_arrow(_fold(as_text(values)))))
        dates = pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")
        dates.index = values.index
    if allow_serial:
        dates = dates.fillna(_serial_dates(parse_number_series(values)))
    return dates.rename(values.name)


def _examples(raw: pd.Series, failed: pd.Series, first_row: int) -> tuple[str, ...]:
    positions = np.flatnonzero(failed.to_numpy())[:MAX_EXAMPLES]
    return tuple(msg("ingest.row_value", row=p + first_row, value=raw.iloc[p]) for p in positions)


def _placeholders(text: pd.Series, missing: np.ndarray, first_row: int) -> tuple[Placeholder, ...]:
    """The placeholder cells (missing but not blank) of a column, grouped as written."""
    written = missing & text.notna().to_numpy() & (text != "").to_numpy(dtype=bool)
    positions = np.flatnonzero(written)
    if not positions.size:
        return ()
    tokens = text.to_numpy(dtype=object)[positions]
    found = []
    for token, where in pd.Series(positions).groupby(tokens, sort=False):
        rows = tuple(int(p) + first_row for p in where.to_numpy()[:MAX_PLACEHOLDER_ROWS])
        found.append(Placeholder(str(token), len(where), rows))
    return tuple(found)


def _identifier(name: str, text: pd.Series | None = None) -> str:
    """Why the column is an identifier ("" if it is not): by its header, or by its values."""
    if _ID_HEADER.search(name) or _ID_CAMEL.search(name):
        return msg("parsing.identifier_header_kept_text")
    codes = pd.Series([], dtype="str") if text is None else text[text.str.fullmatch(_CODE)]
    if codes.empty:
        return ""
    if codes.str.startswith("0").any():
        return msg("parsing.values_with_leading_zeros_kept")
    return msg("parsing.numbers_too_long_store_exactly")


def _worth_parsing(parse: Callable[[pd.Series], pd.Series], present: pd.Series) -> bool:
    """False when an even sample of a large column shows under half its cells parse."""
    if len(present) <= 5 * SAMPLE:
        return True
    return bool(parse(present.iloc[:: len(present) // SAMPLE]).notna().mean() >= 0.5)


def _convert(column: pd.Series, name: str, first_row: int) -> tuple[pd.Series, ColumnConversion]:
    """Infer the kind of one column and convert it (see the module docstring)."""
    text = as_text(column)
    folded = _fold(text)
    missing = (folded.isna() | folded.str.lower().isin(MISSING_TOKENS)).to_numpy(dtype=bool)
    present, n = ~missing, int((~missing).sum())
    placeholders = _placeholders(text, missing, first_row) if missing.any() else ()
    text, folded = text.where(present), folded.where(present)

    def report(kind: str, ok: np.ndarray, note: str = "") -> ColumnConversion:
        bad = pd.Series(present & ~ok)
        examples = _examples(column, bad, first_row)
        return ColumnConversion(name, kind, int((present & ok).sum()), int(bad.sum()),
                                int(missing.sum()), examples, note, placeholders)  # fmt: skip

    if pd.api.types.is_datetime64_any_dtype(column):
        dates = parse_date_series(column)
        return dates, report("date", dates.notna().to_numpy())
    if note := _identifier(name):
        return text.rename(name), report("text", present, note)
    number_typed = _is_number_dtype(column)
    numbers, percent = pd.Series(np.nan, index=column.index), np.zeros(len(column), dtype=bool)
    if number_typed:
        numbers = parse_number_series(column)
    elif _worth_parsing(lambda s: _number_parts(s)[0], folded.dropna()):
        numbers, percent = _number_parts(folded)
    number_ok = numbers.notna().to_numpy()
    hinted = is_date_header(name)
    if n and (hinted or number_ok.sum() < THRESHOLD * n):
        worth = hinted or number_typed or _worth_parsing(parse_date_series, folded.dropna())
        dates = parse_date_series(
            column if number_typed else folded.where(np.full(len(column), worth))
        )
        serials = 0
        if hinted or dates.notna().sum() >= 0.5 * n:  # clearly a date column: serials allowed
            serial = _serial_dates(numbers)
            serials = int((dates.isna() & serial.notna()).sum())
            dates = dates.fillna(serial)
        date_ok = dates.notna().to_numpy()
        if date_ok.sum() >= THRESHOLD * n:
            note = msg("parsing.excel_serial_number_read_dates", n=serials) if serials else ""
            return dates.rename(name), report("date", date_ok, note)
    if n == 0 or number_ok.sum() >= THRESHOLD * n:
        if note := _identifier(name, folded.dropna()):
            return text.rename(name), report("text", present, note)
        kind = "percent" if n and percent.sum() >= 0.5 * number_ok.sum() else "number"
        return numbers.rename(name), report(kind, number_ok, "" if n else msg("parsing.no_values"))
    share = msg("parsing.numbers_kept_as_text", k=int(number_ok.sum()), n=n)
    return text.rename(name), report("text", present, share if number_ok.any() else "")


def coerce_frame(
    frame: pd.DataFrame, first_row: int = 2
) -> tuple[pd.DataFrame, tuple[ColumnConversion, ...]]:
    """Infer and convert every column; returns a new frame and one report per column.

    Columns become float64 (number/percent), datetime64[ns] (date) or pandas strings (text,
    stripped, missing tokens → NaN). ``first_row`` is the spreadsheet row of the first data
    row (2 when the header is row 1), used in failure examples. A column of over 10,000
    cells is first tried on an even sample of 2,000: under half parsing skips the full pass.
    """
    columns, reports = {}, []
    for position, name in enumerate(frame.columns):
        converted, conversion = _convert(frame.iloc[:, position], str(name), first_row)
        columns[name] = converted.reset_index(drop=True)
        reports.append(conversion)
    out = pd.DataFrame(columns, columns=list(frame.columns))
    out.index = frame.index
    return out, tuple(reports)
