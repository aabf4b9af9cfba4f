"""Cell parsing: numbers and dates the way people write them, and column-type inference.

Row convention: messages say "row N" where N is the spreadsheet row, counting the header as
row 1, so the first data row is row 2 (``first_row`` shifts this when a sheet starts lower).

Numbers: full-width digits (１２３), thousands separators (1,234), currency signs (¥ ￥ $ € £,
元, RMB/CNY/USD/EUR), accounting negatives ``(1,234)`` → −1234, multipliers 万 (×10⁴) and
亿 (×10⁸), percentages ``85%`` → 0.85. Dates: ``2024-03-01``, ``2024/3/1``, ``2024.3.1``,
``2024年3月1日`` (optionally with a time), and Excel serial numbers (days since 1899-12-30)
only when asked. Missing tokens (empty, ``nan``, ``N/A``, ``NULL``, ``-``, ``—``, ``无`` …)
are missing; ``inf`` is not a missing token: it fails to parse and is reported.

Inference (:func:`coerce_frame`): identifier columns (header like 编号/ID/code, or values with
leading zeros such as ``00123``) stay text; a column becomes a date when ≥ 80 % of its
non-empty cells are dates, a number when ≥ 80 % are numbers; otherwise it stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

THRESHOLD = 0.8  # share of non-empty cells that must parse for a column to take a type
MAX_EXAMPLES = 3
MISSING_TOKENS = frozenset(
    {"", "nan", "n/a", "na", "#n/a", "null", "none", "nil", "-", "--", "—", "——", "无", "空"}
)
# Full-width ASCII (U+FF01–FF5E) → ASCII; ideographic and no-break spaces; the minus sign.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {
    0x3000: " ",
    0xA0: " ",
    0x2212: "-",
}
_CURRENCY = r"[¥￥$€£]|元|(?i:rmb|cny|usd|eur)"
_NUMBER = r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_DATE = (
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*[T ]?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # Excel's day 0, absorbing its 1900 leap-year bug
SERIAL_RANGE = (10_000, 80_000)  # 1927-05-18 … 2119-01-10: plausible business dates
_ID_HEADER = re.compile(
    r"编号|编码|代码|号码|单号|账号|卡号|工号|电话|手机|邮编|身份证"
    r"|(?:^|[^a-z])(?:id|code|no|sku|zip|phone|tel)(?:[^a-z]|$)",
    re.IGNORECASE,
)
_ID_CAMEL = re.compile(r"[a-z](?:Id|ID|Code|No)$")
_DATE_HEADER = re.compile(r"日期|时间|(?:^|[^a-z])(?:date|datetime|time|day)(?:[^a-z]|$)", re.I)
_DATE_CAMEL = re.compile(r"[a-z](?:Date|Time)")


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


def _as_text(values: pd.Series) -> pd.Series:
    """Cells as stripped strings (full-width folded to ASCII); NaN where the cell is None/NaN.

    Integral floats render without ``.0`` so an Excel id 1001.0 reads as ``1001``.
    """
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        v = values.to_numpy(dtype=float)
        whole = np.isfinite(v) & (v == np.round(v)) & (np.abs(v) < 1e15)
        text = np.where(whole, np.where(whole, v, 0).astype(np.int64).astype(str), v.astype(str))
        return pd.Series(text, index=values.index, dtype="str").where(~np.isnan(v))
    if not pd.api.types.is_string_dtype(values):
        values = values.map(_cell_text, na_action="ignore")
    return values.astype("str").str.translate(_FULL_WIDTH).str.strip()


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    return str(cell)


def is_missing(values: pd.Series) -> pd.Series:
    """True where a cell is empty or a missing token (case-insensitive)."""
    text = _as_text(values)
    return text.isna() | text.str.lower().isin(MISSING_TOKENS)


def _number_parts(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(numbers, percent mask) for cleaned text; NaN where not a finite number."""
    s = text.str.replace(_CURRENCY, "", regex=True).str.strip()
    s = s.str.replace(r"^([+-])\s+", r"\1", regex=True)
    s = s.str.replace(r"^\((.+)\)$", r"-\1", regex=True)  # accounting negative
    percent = s.str.endswith("%").fillna(False).astype(bool)
    s = s.str.removesuffix("%").str.strip()
    scale = np.where(percent, 0.01, 1.0)
    for suffix, factor in (("万", 1e4), ("亿", 1e8)):
        has = s.str.endswith(suffix).fillna(False).to_numpy(dtype=bool)
        scale = np.where(has, scale * factor, scale)
        s = s.str.removesuffix(suffix).str.strip()
    valid = s.str.fullmatch(_NUMBER).fillna(False).astype(bool)
    raw = pd.to_numeric(s.where(valid).str.replace(",", "", regex=False), errors="coerce")
    numbers = raw.astype(float) * scale
    return numbers.where(np.isfinite(numbers)), percent & valid


def parse_number_series(values: pd.Series) -> pd.Series:
    """Float64 copy of ``values``; NaN where missing or not a (finite) number."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        out = values.astype(float)
        return out.where(np.isfinite(out))
    return _number_parts(_as_text(values))[0].rename(values.name)


def _serial_dates(numbers: pd.Series) -> pd.Series:
    ok = numbers.between(*SERIAL_RANGE)
    days = pd.to_timedelta(numbers.where(ok), unit="D")
    return (_EXCEL_EPOCH + days).astype("datetime64[ns]")


def parse_date_series(values: pd.Series, allow_serial: bool = False) -> pd.Series:
    """Datetime64[ns] copy of ``values``; NaT where not a date.

    ``allow_serial`` also reads numbers in ``SERIAL_RANGE`` as Excel serials:
    date = 1899-12-30 + n days.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values.dt.tz_localize(None) if values.dt.tz is not None else values
        return out.astype("datetime64[ns]")
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        dates = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    else:
        parts = _as_text(values).str.extract(f"^{_DATE}$")
        parts = parts.apply(pd.to_numeric).fillna({3: 0, 4: 0, 5: 0})
        parts.columns = ["year", "month", "day", "hour", "minute", "second"]
        dates = pd.to_datetime(parts, errors="coerce").astype("datetime64[ns]")
    if allow_serial:
        dates = dates.fillna(_serial_dates(parse_number_series(values)))
    return dates.rename(values.name)


def _examples(raw: pd.Series, failed: pd.Series, first_row: int) -> tuple[str, ...]:
    positions = np.flatnonzero(failed.to_numpy())[:MAX_EXAMPLES]
    return tuple(f"row {p + first_row}: '{raw.iloc[p]}'" for p in positions)


def _is_identifier(name: str, text: pd.Series) -> str:
    """Reason the column is an identifier ("" if it is not)."""
    if _ID_HEADER.search(name) or _ID_CAMEL.search(name):
        return "identifier header: kept as text"
    if text.str.fullmatch(r"0\d+").any():
        return "values with leading zeros: kept as text"
    if text.str.fullmatch(r"\d{15,}").any():
        return "numbers too long to store exactly: kept as text"
    return ""


def _convert(column: pd.Series, name: str, first_row: int) -> tuple[pd.Series, ColumnConversion]:
    """Infer the kind of one column and convert it (see the module docstring)."""
    text = _as_text(column)
    missing = (text.isna() | text.str.lower().isin(MISSING_TOKENS)).to_numpy(dtype=bool)
    present = ~missing
    n = int(present.sum())
    text = text.where(present)

    def report(kind: str, ok: np.ndarray, note: str = "") -> ColumnConversion:
        bad = pd.Series(present & ~ok)
        examples = _examples(column, bad, first_row)
        return ColumnConversion(name, kind, int((present & ok).sum()), int(bad.sum()),
                                int(missing.sum()), examples, note)  # fmt: skip

    if pd.api.types.is_datetime64_any_dtype(column):
        dates = parse_date_series(column)
        return dates, report("date", dates.notna().to_numpy())
    note = _is_identifier(name, text.dropna())
    if note:
        return text.rename(name), report("text", present, note)
    numbers, percent = _number_parts(text)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        numbers, percent = parse_number_series(column), pd.Series(False, index=column.index)
    number_ok = numbers.notna().to_numpy()
    hinted = bool(_DATE_HEADER.search(name) or _DATE_CAMEL.search(name))
    if n and (hinted or number_ok.sum() < THRESHOLD * n):
        dates = parse_date_series(text if column.dtype == object else column)
        if hinted or dates.notna().sum() >= 0.5 * n:
            dates = dates.fillna(_serial_dates(numbers))
        date_ok = dates.notna().to_numpy()
        if date_ok.sum() >= THRESHOLD * n:
            return dates.rename(name), report("date", date_ok)
    if n == 0 or number_ok.sum() >= THRESHOLD * n:
        kind = "percent" if n and percent.sum() >= 0.5 * number_ok.sum() else "number"
        return numbers.rename(name), report(kind, number_ok, "" if n else "no values")
    share = f"{int(number_ok.sum())} of {n} values are numbers" if number_ok.any() else ""
    return text.rename(name), report("text", present, share and f"{share}: kept as text")


def coerce_frame(
    frame: pd.DataFrame, first_row: int = 2
) -> tuple[pd.DataFrame, tuple[ColumnConversion, ...]]:
    """Infer and convert every column; returns a new frame and one report per column.

    Columns become float64 (number/percent), datetime64[ns] (date) or pandas strings (text,
    stripped, missing tokens → NaN). ``first_row`` is the spreadsheet row of the first data
    row (2 when the header is row 1), used in failure examples.
    """
    columns, reports = {}, []
    for position, name in enumerate(frame.columns):
        converted, conversion = _convert(frame.iloc[:, position], str(name), first_row)
        columns[name] = converted.reset_index(drop=True)
        reports.append(conversion)
    out = pd.DataFrame(columns, columns=list(frame.columns))
    out.index = frame.index
    return out, tuple(reports)
