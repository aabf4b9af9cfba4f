"""SQL for the order-log engines: typed role columns, the line status and the one pass.

Pure string builders (no connection), written once for every SQL engine: each takes a
``dialect`` ("duckdb" or "spark"; the function and type names that differ are in
:data:`PASS_DIALECTS` and :data:`core.ingest.rules_sql.DIALECTS`).
:mod:`core.orders.duckdb_engine` and :mod:`core.orders.spark_engine` run what they write.
"""

from __future__ import annotations

from functools import cache

from core.ingest.rules import WHITESPACE
from core.ingest.rules_sql import Compiler, Step, select_steps
from core.ingest.rules_sql import literal as _literal
from core.ingest.rules_sql import quote as _quote
from core.orders.engines import EXAMPLES, ROW, Args
from core.orders.noncustomer import non_customer_sql

_STEP = "__v_"  # prefix of the value rules' intermediate columns
SUMS = (
    "orders", "first_day", "last_day", "gross_total", "returns_total", "return_lines", "profit",
    "active_months", "spend_current", "spend_previous", "orders_current", "orders_previous",
    "txn_days", "txn_first", "txn_last", "txn_first_total",
)  # fmt: skip
STATUS = ("purchase", "missing_customer", "bad_date", "bad_amount", "missing_order_id", "future",
          "return", "zero_amount", "total_row", "note_row", "header_row")  # fmt: skip
RETURN, ZERO = 6, 7
COPY_VALUES = ("cust", "oid", "day", "amt", "prof", "rest")  # what a copy repeats (rest_sql)
# What the pass writes differently per engine (the value rules' names: core.ingest.rules_sql)
PASS_DIALECTS: dict[str, dict[str, str]] = {
    "duckdb": {
        "flags": "UTINYINT",
        "month": "date_trunc('month', DATE '1970-01-01' + CAST({day} AS INTEGER))",
        "distinct": "coalesce(length(list_distinct(list({x}) FILTER ({where}))), 0)",
        # the smallest EXAMPLES values, sorted
        "first_rows": f"min({{x}}, {EXAMPLES}) FILTER (WHERE {{where}})",
        "rows_type": "BIGINT[]",
        "hash": "hash",
    },
    "spark": {
        "flags": "TINYINT",
        "month": "trunc(date_add(DATE '1970-01-01', CAST({day} AS INT)), 'MM')",
        "distinct": "count(DISTINCT {x}) FILTER (WHERE {where})",
        "first_rows": "CAST(NULL AS ARRAY<BIGINT>)",  # taken after the pass (spark_engine)
        "rows_type": "ARRAY<BIGINT>",
        "hash": "xxhash64",
    },
}


def quote(name: str, dialect: str = "duckdb") -> str:
    return _quote(name, dialect)


def literal(text: str, dialect: str = "duckdb") -> str:
    return _literal(text, dialect)


@cache
def _rules(dialect: str) -> Compiler:
    return Compiler(dialect)


def _pass(dialect: str, name: str, **parts: str) -> str:
    return PASS_DIALECTS[dialect][name].format(**parts)


def _text(column: str, role: str, dialect: str = "duckdb") -> list[Step]:
    """An ID column: trimmed text, NULL for a missing token (core.ingest.rules)."""
    return _rules(dialect).identifier(quote(column, dialect), _STEP + role)


def _number(column: str, role: str, kind: str | None, dialect: str = "duckdb") -> list[Step]:
    """An amount or profit column: the number rules, or a typed number kept when finite."""
    return _rules(dialect).number(quote(column, dialect), _STEP + role, kind)


def _day(column: str, kind: str | None, dialect: str = "duckdb") -> list[Step]:
    """The date column: whole days since 1970-01-01 by the date rules, Excel serials read."""
    return _rules(dialect).day(quote(column, dialect), _STEP + "day", kind, serial=True)


def typed_sql(
    args: Args, kinds: dict[str, str] | None, source: str, dialect: str = "duckdb",
    row: str = ROW, keep: tuple[str, ...] = (),
) -> str:  # fmt: skip
    """Role columns of every line, typed: row, cust, oid, day (int), amt, prof.

    ``kinds`` (column → the engine's type name) says the source is a file: every role column
    is read by the value rules of core.ingest.rules (text) or kept as typed (numbers, dates).
    None: a DataFrame already typed by core.orders.engines.prepare_frame. ``row`` names the
    source's row-number column; ``keep``, columns passed through as they are."""
    customer, day, amount, profit, order = args
    q, rules = (lambda name: quote(name, dialect)), _rules(dialect)
    if kinds is None:
        oid = _no_order(dialect) if order is None else q(order)
        prof = "CAST(NULL AS DOUBLE)" if profit is None else _finite(q(profit), dialect)
        days = rules.f("days", x=rules.f("date", x=q(day)))
        kept = "".join(f", {name}" for name in keep)
        return (
            f"SELECT {row} AS row, {q(customer)} AS cust, {oid} AS oid, {days} AS day, "
            f"{_finite(q(amount), dialect)} AS amt, {prof} AS prof{kept} FROM {source}"
        )
    steps = [_text(customer, "cust", dialect), _day(day, kinds.get(day), dialect)]
    steps += [_number(amount, "amt", kinds.get(amount), dialect)]
    steps += [_number(profit, "prof", kinds.get(profit), dialect)] if profit is not None else []
    steps += [_text(order, "oid", dialect)] if order is not None else []
    oid = _no_order(dialect) if order is None else f"{_STEP}oid"
    prof = "CAST(NULL AS DOUBLE)" if profit is None else f"{_STEP}prof"
    columns = [f"{row} AS row", f"{_STEP}cust AS cust", f"{oid} AS oid", f"{_STEP}day AS day",
               f"{_STEP}amt AS amt", f"{prof} AS prof", *keep]  # fmt: skip
    return select_steps(source, columns, steps)


def rest_sql(columns: list[str], dialect: str = "duckdb") -> str:
    """A 64-bit hash of a line's other cells (``columns``: not a role), each as text and
    trimmed: an exact copy repeats them, and its role columns' typed values."""
    if not columns:
        return "CAST(0 AS BIGINT)"
    rules = _rules(dialect)
    cells = (
        rules.f("trim", x=rules.f("text", x=quote(c, dialect)), chars=rules.lit(WHITESPACE))
        for c in columns
    )
    return f"{_pass(dialect, 'hash')}({', '.join(cells)})"


def named_lines_sql(
    customer: str, day: str, name: str, kinds: dict[str, str], source: str,
    dialect: str = "duckdb",
) -> str:  # fmt: skip
    """cust, day and name of every line of a file, typed as :func:`typed_sql` types a file's
    IDs and dates (for :mod:`core.orders.names`)."""
    steps = [_text(customer, "cust", dialect), _day(day, kinds.get(day), dialect),
             _text(name, "name", dialect)]  # fmt: skip
    columns = [f"{_STEP}cust AS cust", f"{_STEP}day AS day", f"{_STEP}name AS name"]
    return select_steps(source, columns, steps)


def _no_order(dialect: str) -> str:
    """The order ID of a log without one (Spark needs a typed NULL to group and join on)."""
    return "NULL" if dialect == "duckdb" else "CAST(NULL AS STRING)"


def _finite(value: str, dialect: str = "duckdb") -> str:
    return f"CASE WHEN {_rules(dialect).f('finite', x=value)} THEN {value} END"


def status_sql(
    has_order: bool, end: int, header: str | None = None, dialect: str = "duckdb"
) -> str:
    """The line's category as an index into :data:`STATUS` (first rule that applies); with
    ``header`` (the customer column's), totals, notes and repeated headers come first."""
    oid = "WHEN oid IS NULL THEN 4 " if has_order else ""
    rules = (
        "CASE WHEN cust IS NULL THEN 1 WHEN day IS NULL THEN 2 WHEN amt IS NULL THEN 3 "
        f"{oid}WHEN day > {end} THEN 5 WHEN amt < 0 THEN 6 WHEN amt = 0 THEN 7 ELSE 0 END"
    )
    if header is None:
        return rules
    return f"coalesce({non_customer_sql('cust', header, dialect)}, {rules})"


def counted_sql(ignore_zero: bool) -> tuple[str, str]:
    """Conditions on ``s``: (an order line, a counted line: orders and returns)."""
    orders = "s = 0" if ignore_zero else f"s IN (0, {ZERO})"
    return orders, f"s IN (0, {RETURN})" if ignore_zero else f"s IN (0, {RETURN}, {ZERO})"


def pass_sql(
    source: str, has_order: bool, end: int, period: int, header: str | None = None,
    ignore_zero: bool = False, dialect: str = "duckdb", status: str | None = None,
) -> str:  # fmt: skip
    """The one pass over ``source`` (typed lines). Rows with ``s`` NULL: one per distinct
    customer value (NULL included), the raw sums (txn_days NULL for a customer without a
    counted line), ``side`` (has a zero line) and ``twins`` (order keys with more than one
    line: the only places an exact copy can be). Rows with ``s`` set: one per status with its
    lines, amount, first rows, and the same for counted lines without a profit. ``status``:
    the line's status when ``source`` already has it (default :func:`status_sql`)."""
    key = "oid" if has_order else "day"
    cur, prev = f"off < {period}", f"off >= {period} AND off < {2 * period}"
    order, used = counted_sql(ignore_zero)
    gap = f"prof IS NULL AND {used}"
    # without order IDs an order is a customer's day: the per-order groups are the day totals
    day_totals = (
        f"SELECT cust, day, sum(amt) AS t, bool_or({order}) AS od FROM v WHERE {used} "
        "GROUP BY cust, day"
        if has_order
        else "SELECT cust, key AS day, t, f > 0 AS od FROM o WHERE u > 0"
    )
    per_day = "" if has_order else (
        f"sum(amt) FILTER (WHERE {used}) AS t, count(*) FILTER (WHERE {used}) AS u, "
    )  # fmt: skip
    month = _pass(dialect, "month", day="day")
    status = status or status_sql(has_order, end, header, dialect)
    rows_type = _pass(dialect, "rows_type")
    sums = ", ".join(f"NULL AS {name}" for name in SUMS)
    return f"""
    WITH v AS (SELECT row, cust, {key} AS key, day, amt, prof, {status} AS s, {end} - day AS off
               FROM {source}),
    o AS (SELECT cust, key, {per_day}count(*) AS n,
                 bit_or(CAST(CASE WHEN NOT ({order}) THEN 0 WHEN {cur} THEN 3
                 WHEN {prev} THEN 5 ELSE 1 END AS {_pass(dialect, "flags")})) AS f
          FROM v GROUP BY cust, key),
    oa AS (SELECT cust, count(*) FILTER (WHERE f > 0) AS orders,
                  count(*) FILTER (WHERE (f & 2) > 0) AS orders_current,
                  count(*) FILTER (WHERE (f & 4) > 0) AS orders_previous,
                  count(*) FILTER (WHERE n > 1) AS twins
           FROM o GROUP BY cust),
    dt AS ({day_totals}),
    da AS (SELECT cust, count(*) AS txn_days, min(day) AS txn_first, max(day) AS txn_last,
                  min_by(t, day) AS txn_first_total,
                  min(day) FILTER (WHERE od) AS first_day, max(day) FILTER (WHERE od) AS last_day,
                  {_pass(dialect, "distinct", x=month, where="od")} AS active_months
           FROM dt GROUP BY cust),
    ca AS (SELECT cust, coalesce(sum(amt) FILTER (WHERE s = 0), 0) AS gross_total,
                  coalesce(sum(amt) FILTER (WHERE s = {RETURN}), 0) AS returns_total,
                  count(*) FILTER (WHERE s = {RETURN}) AS return_lines,
                  coalesce(sum(prof) FILTER (WHERE {used}), 0) AS profit,
                  coalesce(sum(amt) FILTER (WHERE {used} AND {cur}), 0) AS spend_current,
                  coalesce(sum(amt) FILTER (WHERE {used} AND {prev}), 0) AS spend_previous,
                  bool_or(s = {ZERO}) AS side
           FROM v GROUP BY cust),
    cs AS (SELECT s, count(*) AS n, sum(amt) AS total,
                  {_pass(dialect, "first_rows", x="row", where="true")} AS rows,
                  count(*) FILTER (WHERE {gap}) AS gap_n,
                  sum(amt) FILTER (WHERE {gap}) AS gap_total,
                  {_pass(dialect, "first_rows", x="row", where=gap)} AS gap_rows
           FROM v GROUP BY s)
    SELECT cust AS customer_id, {", ".join(SUMS)}, side, twins, CAST(NULL AS INTEGER) AS s,
           CAST(NULL AS BIGINT) AS n, CAST(NULL AS DOUBLE) AS total,
           CAST(NULL AS {rows_type}) AS rows, CAST(NULL AS BIGINT) AS gap_n,
           CAST(NULL AS DOUBLE) AS gap_total, CAST(NULL AS {rows_type}) AS gap_rows
    FROM oa JOIN ca USING (cust) LEFT JOIN da USING (cust)
    UNION ALL SELECT NULL AS customer_id, {sums}, NULL AS side, NULL AS twins, s, n, total, rows,
           gap_n, gap_total, gap_rows FROM cs
    """


def copies_sql(
    has_order: bool, end: int, period: int, header: str | None = None, ignore_zero: bool = False
) -> tuple[str, str, str]:
    """Queries over the dropped exact copies (tables ``candidates`` and ``dropped``): their share of
    each customer's sums, of each customer's day totals, and of each status's counts.
    Removing a copy leaves its original, so orders, days, months and statuses keep their
    members; only sums and line counts shrink."""
    cur, prev = f"off < {period}", f"off >= {period} AND off < {2 * period}"
    _, used = counted_sql(ignore_zero)
    gap = f"prof IS NULL AND {used}"
    copies = (
        f"WITH c AS (SELECT row, cust, day, amt, prof, {status_sql(has_order, end, header)} AS s, "
        f"{end} - day AS off FROM candidates JOIN dropped USING (row)) "
    )
    per_customer = copies + (
        "SELECT cust AS customer_id, coalesce(sum(amt) FILTER (s = 0), 0) AS gross_total, "
        f"coalesce(sum(amt) FILTER (s = {RETURN}), 0) AS returns_total, "
        f"count(*) FILTER (s = {RETURN}) AS return_lines, "
        f"coalesce(sum(prof) FILTER ({used}), 0) AS profit, "
        f"coalesce(sum(amt) FILTER ({used} AND {cur}), 0) AS spend_current, "
        f"coalesce(sum(amt) FILTER ({used} AND {prev}), 0) AS spend_previous "
        f"FROM c WHERE cust IS NOT NULL AND {used} GROUP BY cust"
    )
    per_day = (
        copies + f"SELECT cust AS customer_id, day, sum(amt) AS t FROM c WHERE {used} GROUP BY ALL"
    )
    per_status = copies + (
        f"SELECT s, count(*), sum(amt), count(*) FILTER ({gap}), sum(amt) FILTER ({gap}) "
        "FROM c GROUP BY s"
    )
    return per_customer, per_day, per_status
