"""How a cell's text becomes a number or a date: the one definition every engine compiles.

:mod:`core.ingest.rules_arrow` compiles it to pyarrow.compute calls (the pandas path:
:mod:`core.ingest.parsing`, ``read_table``, the pandas order engine) and
:mod:`core.ingest.rules_sql` to SQL expressions over a text column (the DuckDB order engine;
the dialect's function names sit in one table there). Patterns are RE2 syntax, which pyarrow
and DuckDB both run; the compilers anchor them (whole cell). Tested value for value on one
corpus through every engine (tests/core/ingest/messy_values.py).

| step | rule |
|---|---|
| fold | full-width ASCII U+FF01–FF5E → ASCII (``１２３`` → ``123``); ideographic space U+3000 and no-break space U+00A0 → space; minus sign U+2212 → ``-`` |
| trim | whitespace at both ends (the characters of Python's ``str.isspace``) |
| missing | after fold and trim, ignoring case: an empty cell or a token of ``core.ingest.parsing.MISSING_TOKENS`` (``—``, ``-``, ``N/A``, ``null``, ``无`` …); an identifier keeps its trimmed, unfolded text otherwise |
| number | optional sign, digits (optionally grouped in threes by ``,``), optional ``.`` and decimals, optional exponent: ``-1,234.5``, ``+7``, ``.5``, ``5.``, ``1e3`` |
| currency | ``¥ ￥ $ € £``, ``元``, ``RMB CNY USD EUR`` (any case), spaces and tabs are dropped wherever they are: ``¥ 1 234`` → 1234, ``1,234元``, ``RMB 500`` |
| negative | an unsigned number in parentheses is negative: ``(1,234)`` → −1234 |
| suffix | at most one of ``%`` (÷ 100), ``万`` (× 10⁴), ``亿`` (× 10⁸) after the number: ``85%`` → 0.85, ``3.5万`` → 35000, ``(2万)`` → −20000 |
| not a number | anything else: ``1,23``, ``1_000``, ``0x10``, ``12abc``, ``inf``, ``nan``, a value beyond the float range (``1e400``) |
| date | year, month, day separated by ``-``, ``/``, ``.`` or written ``年 月 日`` (``2024-03-01``, ``2024/3/1``, ``2024.3.1``, ``2024年3月1日``), optionally a time ``h:mm``, ``h:mm:ss`` or ``h:mm:ss.fff`` after a space or ``T``; spaces around the separators allowed |
| calendar | month 1–12, a day the month has (``2024-02-30`` is not a date), hour 0–23, minute and second 0–59, year 1678–2261 (the whole years pandas' datetime64[ns] holds; ``1677-01-01`` and ``9999-12-31`` are not dates in any engine, nor is a typed date outside them) |
| Excel serial | a number from 10,000 to 80,000 is the day 1899-12-30 + n (1927-05-18 … 2119-01-11; a fraction is the time of day), in a date column only: a column ``read_table`` types as dates, and the date column of an order log in every engine |
| typed cell | a cell a file already stores as a number or a date (XLSX, Parquet) keeps its value: a finite number; a date within the year range, its time of day kept (a time-zone-aware timestamp: pandas takes its wall-clock time in its zone, DuckDB its UTC time — the same for UTC data) |
| not a date | ``20240301`` (eight digits: a number), ``2024-13-01``, a time zone (``+08:00``, ``Z``), ``soon`` |
"""

from __future__ import annotations

from datetime import date

# fold: full-width ASCII → ASCII; ideographic and no-break spaces → space; minus sign → "-"
FOLD = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {
    "\u3000": " ",
    "\u00a0": " ",
    "\u2212": "-",
}
# trim: Python's whitespace (what str.strip() removes), in code-point order (spelled out: a
# scan of every code point took a tenth of a second at each start; a test keeps it equal)
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

# number
UNSIGNED = r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
NUMBER = rf"[+-]?{UNSIGNED}"  # a plain number: only the grouping commas go before the cast
GROUPING = ","
NOISE = r"[¥￥$€£ \t]|元|(?i:rmb|cny|usd|eur)"  # currency signs and spaces, dropped anywhere
SCALES = {"%": (1, 100), "万": (10_000, 1), "亿": (100_000_000, 1)}  # suffix: × num ÷ den
PERCENT = "%"
_SUFFIX = "[" + "".join(SCALES) + "]"
# after NOISE is dropped: "(" unsigned [suffix] ")" is negative, else signed [suffix]
AMOUNT = (
    rf"\((?P<negative>{UNSIGNED})(?P<negative_suffix>{_SUFFIX}?)\)"
    rf"|(?P<number>{NUMBER})(?P<suffix>{_SUFFIX}?)"
)

# date: the fields a text date names, and the ranges a real date keeps them in
DATE = (
    r"(?P<year>[0-9]{4}) *[-/.年] *(?P<month>[0-9]{1,2}) *[-/.月] *(?P<day>[0-9]{1,2}) *日?"
    r"(?: *T? *(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?(?:\.[0-9]+)?)?"
)
FIELDS = ("year", "month", "day", "hour", "minute", "second")  # hour … second: 0 when absent
YEARS = (1678, 2261)
RANGES = {"year": YEARS, "month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
LEAP_MONTH = 2  # one day more in a Gregorian leap year (÷ 4, not ÷ 100 unless ÷ 400)
# The most common shape, a subset of DATE whose time fields the pattern itself keeps in
# range: an engine may hand it to a native ISO date cast (the calendar and YEARS still apply).
ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?)?"
ISO_DAY_CHARS = 10  # the date part of an ISO_DATE text
SERIAL_RANGE = (10_000, 80_000)
SERIAL_EPOCH = date(1899, 12, 30)  # Excel's day 0, absorbing its 1900 leap-year bug
UNIX_EPOCH = date(1970, 1, 1)
