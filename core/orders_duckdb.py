"""The DuckDB order-log engine: the line rules and per-customer sums of :mod:`core.orders` in SQL.

A CSV or Parquet file is scanned by DuckDB itself (``read_csv`` / ``read_parquet``), never
loaded into pandas; a DataFrame is registered. The scan is stored once as a DuckDB table
(``raw``, with row numbers). Duplicates are found cheaply: lines are hashed over every column,
and only lines whose hash repeats are compared exactly (a window over those few); the copies
are anti-joined away. Lines are then classified by one CASE expression and summed per order,
per day and per customer. The spill directory is a temporary folder, so logs larger than
memory are processed out of core.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from core.errors import IngestError
from core.orders_engine import (
    CATEGORIES,
    EPOCH,
    EXAMPLES,
    ROW,
    Args,
    EngineResult,
    _days,
    _no_lines,
    prepare_frame,
)
from core.parsing import MISSING_TOKENS

DATE_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
SUMS = (
    "orders", "purchase_days", "first_day", "last_day", "first_day_total", "gross_total",
    "returns_total", "return_lines", "profit", "active_months", "spend_current",
    "spend_previous", "orders_current", "orders_previous",
)  # fmt: skip


def _quote(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def file_columns(path: Path, fmt: str) -> list[str]:
    """The header of a CSV or Parquet file, as DuckDB reads it."""
    return list(_describe(duckdb.connect(), path, fmt, {}))


def _scan(path: Path, fmt: str, text: dict[str, str]) -> str:
    if fmt == "parquet":
        return f"SELECT file_row_number + 2 AS {ROW}, * EXCLUDE (file_row_number) FROM " + (
            f"read_parquet({_literal(str(path))}, file_row_number = true)"
        )
    types = ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in text)
    options = f", types = {{{types}}}" if text else ""
    source = f"read_csv({_literal(str(path))}, header = true{options})"
    return f"SELECT row_number() OVER () + 1 AS {ROW}, * FROM {source}"


def _describe(con: duckdb.DuckDBPyConnection, path: Path, fmt: str, text: dict) -> dict:
    try:
        rows = con.execute(f"DESCRIBE {_scan(path, fmt, text)}").fetchall()
    except duckdb.Error as error:
        raise IngestError(
            f"{path.name}: DuckDB cannot read the file ({str(error).splitlines()[0]}); save it "
            "as UTF-8 CSV or Parquet, or use the pandas engine"
        ) from None
    return {name: kind for name, kind, *_ in rows if name != ROW}


def _text(column: str) -> str:
    """Trimmed text, NULL for a missing token; short cells only are lower-cased and compared
    (every token is shorter than 8 characters), which keeps long ID columns cheap."""
    tokens = ", ".join(_literal(t) for t in sorted(MISSING_TOKENS))
    value = f"trim(CAST({_quote(column)} AS VARCHAR))"
    short = f"length({value}) < 8 AND lower({value}) IN ({tokens})"
    return f"CASE WHEN {value} = '' OR ({short}) THEN NULL ELSE {value} END"


def _number(column: str, kind: str | None) -> str:
    if kind is None:  # a DataFrame column, already float
        value = _quote(column)
    elif kind == "VARCHAR":
        value = f"TRY_CAST(replace(trim({_quote(column)}), ',', '') AS DOUBLE)"
    else:
        value = f"TRY_CAST({_quote(column)} AS DOUBLE)"
    return f"CASE WHEN isfinite({value}) THEN {value} END"


def _day(column: str, kind: str | None) -> str:
    value = _quote(column)
    if kind == "VARCHAR":
        formats = ", ".join(map(_literal, DATE_FORMATS))
        text = f"trim({value})"
        value = f"coalesce(TRY_CAST({text} AS TIMESTAMP), try_strptime({text}, [{formats}]))"
    return f"CAST({value} AS DATE) - DATE '1970-01-01'"


def _typed_sql(args: Args, kinds: dict[str, str] | None) -> str:
    """Role columns of every line, typed: row, cust, oid, day (int), amt, prof."""
    customer, day, amount, profit, order = args
    kind = (lambda c: None) if kinds is None else kinds.get
    cust = _quote(customer) if kinds is None else _text(customer)
    oid = "NULL" if order is None else _quote(order) if kinds is None else _text(order)
    prof = "NULL" if profit is None else _number(profit, kind(profit))
    return (
        f"SELECT {ROW} AS row, {cust} AS cust, {oid} AS oid, {_day(day, kind(day))} AS day, "
        f"{_number(amount, kind(amount))} AS amt, {prof} AS prof FROM raw"
    )


def _dropped_sql(columns: list[str]) -> str:
    """Rows of the copies of an earlier identical line; ``last`` marks each group's last copy."""
    cols = ", ".join(map(_quote, columns))
    return f"""
    WITH cand AS (SELECT h FROM (SELECT hash({cols}) AS h FROM raw) GROUP BY h
                  HAVING count(*) > 1),
    grouped AS (SELECT {ROW}, row_number() OVER (PARTITION BY {cols} ORDER BY {ROW}) AS k,
                       count(*) OVER (PARTITION BY {cols}) AS n
                FROM raw WHERE hash({cols}) IN (SELECT h FROM cand))
    SELECT {ROW} AS row, k = n AS last FROM grouped WHERE k > 1
    """


def _lines_sql(has_order: bool) -> str:
    """Distinct lines, typed, with ``pre``: the first unusable-line category, else NULL."""
    oid = "WHEN oid IS NULL THEN 'missing_order_id' " if has_order else ""
    return (
        "SELECT *, CASE WHEN cust IS NULL THEN 'missing_customer' "
        "WHEN day IS NULL THEN 'bad_date' WHEN amt IS NULL THEN 'bad_amount' "
        f"{oid}END AS pre FROM typed ANTI JOIN dropped USING (row)"
    )


def _status_sql(end: int) -> str:
    return (
        "SELECT *, CASE WHEN pre IS NOT NULL THEN pre WHEN day > "
        f"{end} THEN 'future' WHEN amt < 0 THEN 'return' WHEN amt = 0 THEN 'zero_amount' "
        "ELSE 'purchase' END AS status FROM lines"
    )


def sums_sql(source: str, end: int, period: int) -> str:
    """Per-customer sums of ``source`` (columns cust, key, day, amt, prof: purchases and
    returns only): one hash aggregate per order, per day and per customer."""
    cur, prev = f"off < {period}", f"off >= {period} AND off < {2 * period}"
    return f"""
    WITH v AS (SELECT cust, key, day, amt, prof, {end} - day AS off FROM ({source})),
    o AS (SELECT cust, bool_or({cur}) AS c, bool_or({prev}) AS p FROM v WHERE amt > 0
          GROUP BY cust, key),
    oa AS (SELECT cust, count(*) AS orders, count(*) FILTER (c) AS orders_current,
                  count(*) FILTER (p) AS orders_previous FROM o GROUP BY cust),
    dt AS (SELECT cust, day, sum(amt) AS t FROM v WHERE amt > 0 GROUP BY cust, day),
    da AS (SELECT cust, count(*) AS purchase_days, min(day) AS first_day, max(day) AS last_day,
                  arg_min(t, day) AS first_day_total,
                  count(DISTINCT date_trunc('month', DATE '1970-01-01' + CAST(day AS INTEGER)))
                      AS active_months
           FROM dt GROUP BY cust),
    ca AS (SELECT cust, sum(amt) FILTER (amt > 0) AS gross_total,
                  coalesce(sum(amt) FILTER (amt < 0), 0) AS returns_total,
                  count(*) FILTER (amt < 0) AS return_lines, sum(prof) AS profit,
                  coalesce(sum(amt) FILTER ({cur}), 0) AS spend_current,
                  coalesce(sum(amt) FILTER ({prev}), 0) AS spend_previous
           FROM v GROUP BY cust)
    SELECT cust AS customer_id, {", ".join(SUMS)}
    FROM ca JOIN da USING (cust) JOIN oa USING (cust) ORDER BY cust
    """


def _load(con: duckdb.DuckDBPyConnection, source: object, args: Args, label: str) -> dict | None:
    """Create table ``raw`` (``__row`` + every column); the file's column types (None for a
    DataFrame, whose role columns :func:`prepare_frame` has typed already)."""
    if isinstance(source, pd.DataFrame):
        con.register("source_frame", prepare_frame(source, args))
        con.execute("CREATE TABLE raw AS SELECT * FROM source_frame")
        return None
    path, fmt = source
    ids = {c: "VARCHAR" for c in (args[0], args[4]) if c is not None and fmt == "csv"}
    kinds = _describe(con, path, fmt, ids)
    try:
        con.execute(f"CREATE TABLE raw AS {_scan(path, fmt, ids)}")
    except duckdb.ConversionException:
        if fmt != "csv":
            raise
        # A value the sniffer's sample did not foresee: read the value columns as text.
        texts = {c: "VARCHAR" for c in args if c is not None}
        kinds = _describe(con, path, "csv", texts)
        con.execute(f"CREATE TABLE raw AS {_scan(path, 'csv', texts)}")
    except duckdb.Error as error:
        raise IngestError(
            f"{label}: DuckDB cannot read it ({str(error).splitlines()[0]})"
        ) from None
    return kinds


def duckdb_engine(
    source: pd.DataFrame | tuple[Path, str], args: Args, as_of: date | None, period: int,
    label: str,
) -> EngineResult:  # fmt: skip
    """The rules and sums in DuckDB; ``source`` is a DataFrame or (path, "csv"|"parquet")."""
    with tempfile.TemporaryDirectory(prefix="orders-duckdb-") as spill:
        con = duckdb.connect(config={"temp_directory": spill})
        con.execute("SET enable_progress_bar = false")
        try:
            return _run(con, source, args, as_of, period, label)
        finally:
            con.close()


def _run(
    con: duckdb.DuckDBPyConnection,
    source: pd.DataFrame | tuple[Path, str],
    args: Args,
    as_of: date | None,
    period: int,
    label: str,
) -> EngineResult:
    kinds = _load(con, source, args, label)
    has_order = args[4] is not None
    columns = [c for (c,) in con.execute(
        f"SELECT column_name FROM (DESCRIBE raw) WHERE column_name <> '{ROW}'"
    ).fetchall()]  # fmt: skip
    con.execute(f"CREATE TABLE dropped AS {_dropped_sql(columns)}")
    con.execute(f"CREATE VIEW typed AS {_typed_sql(args, kinds)}")
    con.execute(f"CREATE TABLE lines AS {_lines_sql(has_order)}")  # typed once, used often
    if as_of is None:
        latest = con.execute("SELECT max(day) FROM lines WHERE pre IS NULL").fetchone()[0]
        if latest is None:
            raise _no_lines("no line has a customer, a readable date and an amount")
        as_of = EPOCH + timedelta(days=int(latest))
    end = _days(as_of)
    con.execute(f"CREATE VIEW status AS {_status_sql(end)}")
    counts = {
        name: (n, total, tuple(rows or ()))
        for name, n, total, rows in con.execute(
            f"SELECT status, count(*), sum(amt), list(row ORDER BY row) FILTER "
            f"(status <> 'purchase')[1:{EXAMPLES}] FROM status GROUP BY status"
        ).fetchall()
    }
    purchases = counts.pop("purchase", (0,))[0]
    dup_lines, dup_amount = con.execute(
        "SELECT count(*), sum(amt) FROM typed SEMI JOIN dropped USING (row)"
    ).fetchone()
    dup_rows = [r for (r,) in con.execute(
        f"SELECT row FROM dropped WHERE last ORDER BY row LIMIT {EXAMPLES}"
    ).fetchall()]  # fmt: skip
    counts["duplicate"] = (dup_lines, dup_amount, tuple(dup_rows))
    if args[3] is not None:
        counts["missing_profit"] = con.execute(
            f"SELECT count(*), sum(amt), list(row ORDER BY row)[1:{EXAMPLES}] FROM status "
            "WHERE status IN ('purchase', 'return') AND prof IS NULL"
        ).fetchone()
    issues = []
    for name in CATEGORIES:
        n, total, rows = counts.get(name, (0, 0.0, ()))
        total = float("nan") if name == "bad_amount" else float(total or 0.0)
        issues.append((name, int(n or 0), total, tuple(int(r) for r in rows or ())))
    key = "oid" if has_order else "day"
    used = (
        f"SELECT cust, {key} AS key, day, amt, coalesce(prof, 0) AS prof FROM status "
        "WHERE status IN ('purchase', 'return')"
    )
    raw = con.execute(sums_sql(used, end, period)).df()
    if raw.empty:
        raise _no_lines("no purchase (amount > 0) up to the as-of date")
    side = con.execute(
        "SELECT DISTINCT cust FROM status WHERE status IN ('return', 'zero_amount') "
        "AND cust IS NOT NULL"
    ).fetchall()
    no_purchase = tuple(sorted({c for (c,) in side} - set(raw["customer_id"])))
    lines = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    return EngineResult(raw, tuple(issues), int(lines), int(purchases), as_of, no_purchase)
