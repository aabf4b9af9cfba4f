"""SQL for the DuckDB order-log engine: typed role columns, the line status and the one pass.

Pure string builders (no connection): :mod:`core.orders.duckdb_engine` runs what they write.
"""

from __future__ import annotations

from core.ingest.rules_sql import Compiler, Step, select_steps
from core.orders.engines import EXAMPLES, ROW, Args
from core.orders.noncustomer import non_customer_sql

RULES = Compiler("duckdb")
_STEP = "__v_"  # prefix of the value rules' intermediate columns
SUMS = (
    "orders", "first_day", "last_day", "gross_total", "returns_total", "return_lines", "profit",
    "active_months", "spend_current", "spend_previous", "orders_current", "orders_previous",
    "txn_days", "txn_first", "txn_last", "txn_first_total",
)  # fmt: skip
STATUS = ("purchase", "missing_customer", "bad_date", "bad_amount", "missing_order_id", "future",
          "return", "zero_amount", "total_row", "note_row", "header_row")  # fmt: skip
RETURN, ZERO = 6, 7


def quote(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _text(column: str, role: str) -> list[Step]:
    """An ID column: trimmed text, NULL for a missing token (core.ingest.rules)."""
    return RULES.identifier(quote(column), _STEP + role)


def _number(column: str, role: str, kind: str | None) -> list[Step]:
    """An amount or profit column: the number rules, or a typed number kept when finite."""
    return RULES.number(quote(column), _STEP + role, kind)


def _day(column: str, kind: str | None) -> list[Step]:
    """The date column: whole days since 1970-01-01 by the date rules, Excel serials read."""
    return RULES.day(quote(column), _STEP + "day", kind, serial=True)


def typed_sql(args: Args, kinds: dict[str, str] | None, source: str) -> str:
    """Role columns of every line, typed: row, cust, oid, day (int), amt, prof.

    ``kinds`` (column → the engine's type name) says the source is a file: every role column
    is read by the value rules of core.ingest.rules (text) or kept as typed (numbers, dates).
    None: a DataFrame already typed by core.orders.engines.prepare_frame."""
    customer, day, amount, profit, order = args
    if kinds is None:
        oid = "NULL" if order is None else quote(order)
        prof = "CAST(NULL AS DOUBLE)" if profit is None else _finite(quote(profit))
        days = f"CAST({quote(day)} AS DATE) - DATE '1970-01-01'"
        return (
            f"SELECT {ROW} AS row, {quote(customer)} AS cust, {oid} AS oid, {days} AS day, "
            f"{_finite(quote(amount))} AS amt, {prof} AS prof FROM {source}"
        )
    steps = [_text(customer, "cust"), _day(day, kinds.get(day))]
    steps += [_number(amount, "amt", kinds.get(amount))]
    steps += [_number(profit, "prof", kinds.get(profit))] if profit is not None else []
    steps += [_text(order, "oid")] if order is not None else []
    oid = "NULL" if order is None else f"{_STEP}oid"
    prof = "CAST(NULL AS DOUBLE)" if profit is None else f"{_STEP}prof"
    columns = [f"{ROW} AS row", f"{_STEP}cust AS cust", f"{oid} AS oid", f"{_STEP}day AS day",
               f"{_STEP}amt AS amt", f"{prof} AS prof"]  # fmt: skip
    return select_steps(source, columns, steps)


def named_lines_sql(customer: str, day: str, name: str, kinds: dict[str, str], source: str) -> str:
    """cust, day and name of every line of a file, typed as :func:`typed_sql` types a file's
    IDs and dates (for :mod:`core.orders.names`)."""
    steps = [_text(customer, "cust"), _day(day, kinds.get(day)), _text(name, "name")]
    columns = [f"{_STEP}cust AS cust", f"{_STEP}day AS day", f"{_STEP}name AS name"]
    return select_steps(source, columns, steps)


def _finite(value: str) -> str:
    return f"CASE WHEN isfinite({value}) THEN {value} END"


def status_sql(has_order: bool, end: int, header: str | None = None) -> str:
    """The line's category as an index into :data:`STATUS` (first rule that applies); with
    ``header`` (the customer column's), totals, notes and repeated headers come first."""
    oid = "WHEN oid IS NULL THEN 4 " if has_order else ""
    rules = (
        "CASE WHEN cust IS NULL THEN 1 WHEN day IS NULL THEN 2 WHEN amt IS NULL THEN 3 "
        f"{oid}WHEN day > {end} THEN 5 WHEN amt < 0 THEN 6 WHEN amt = 0 THEN 7 ELSE 0 END"
    )
    return rules if header is None else f"coalesce({non_customer_sql('cust', header)}, {rules})"


def counted_sql(ignore_zero: bool) -> tuple[str, str]:
    """Conditions on ``s``: (an order line, a counted line: orders and returns)."""
    orders = "s = 0" if ignore_zero else f"s IN (0, {ZERO})"
    return orders, f"s IN (0, {RETURN})" if ignore_zero else f"s IN (0, {RETURN}, {ZERO})"


def pass_sql(
    source: str, has_order: bool, end: int, period: int, header: str | None = None,
    ignore_zero: bool = False,
) -> str:  # fmt: skip
    """The one pass over ``source`` (typed lines). Rows with ``s`` NULL: one per distinct
    customer value (NULL included), the raw sums (txn_days NULL for a customer without a
    counted line), ``side`` (has a zero line) and ``twins`` (order keys with more than one
    line: the only places an exact copy can be). Rows with ``s`` set: one per status with its
    lines, amount, first rows, and the same for counted lines without a profit."""
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
    per_day = "" if has_order else f"sum(amt) FILTER ({used}) AS t, count(*) FILTER ({used}) AS u, "
    month = "date_trunc('month', DATE '1970-01-01' + CAST(day AS INTEGER))"
    return f"""
    WITH v AS (SELECT row, cust, {key} AS key, day, amt, prof,
                      {status_sql(has_order, end, header)} AS s, {end} - day AS off
               FROM {source}),
    o AS (SELECT cust, key, {per_day}count(*) AS n,
                 bit_or(CAST(CASE WHEN NOT ({order}) THEN 0 WHEN {cur} THEN 3
                 WHEN {prev} THEN 5 ELSE 1 END AS UTINYINT)) AS f FROM v GROUP BY cust, key),
    oa AS (SELECT cust, count(*) FILTER (f > 0) AS orders,
                  count(*) FILTER (f & 2 > 0) AS orders_current,
                  count(*) FILTER (f & 4 > 0) AS orders_previous, count(*) FILTER (n > 1) AS twins
           FROM o GROUP BY cust),
    dt AS ({day_totals}),
    da AS (SELECT cust, count(*) AS txn_days, min(day) AS txn_first, max(day) AS txn_last,
                  arg_min(t, day) AS txn_first_total,
                  min(day) FILTER (od) AS first_day, max(day) FILTER (od) AS last_day,
                  coalesce(length(list_distinct(list({month}) FILTER (od))), 0) AS active_months
           FROM dt GROUP BY cust),
    ca AS (SELECT cust, coalesce(sum(amt) FILTER (s = 0), 0) AS gross_total,
                  coalesce(sum(amt) FILTER (s = {RETURN}), 0) AS returns_total,
                  count(*) FILTER (s = {RETURN}) AS return_lines,
                  coalesce(sum(prof) FILTER ({used}), 0) AS profit,
                  coalesce(sum(amt) FILTER ({used} AND {cur}), 0) AS spend_current,
                  coalesce(sum(amt) FILTER ({used} AND {prev}), 0) AS spend_previous,
                  bool_or(s = {ZERO}) AS side
           FROM v GROUP BY cust),
    cs AS (SELECT s, count(*) AS n, sum(amt) AS total, min(row, {EXAMPLES}) AS rows,
                  count(*) FILTER ({gap}) AS gap_n, sum(amt) FILTER ({gap}) AS gap_total,
                  min(row, {EXAMPLES}) FILTER ({gap}) AS gap_rows
           FROM v GROUP BY s)
    SELECT cust AS customer_id, {", ".join(SUMS)}, side, twins, NULL::INTEGER AS s,
           NULL::BIGINT AS n, NULL::DOUBLE AS total, NULL::BIGINT[] AS rows,
           NULL::BIGINT AS gap_n, NULL::DOUBLE AS gap_total, NULL::BIGINT[] AS gap_rows
    FROM oa JOIN ca USING (cust) LEFT JOIN da USING (cust)
    UNION ALL BY NAME SELECT * FROM cs
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
