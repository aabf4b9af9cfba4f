"""The DuckDB order-log engine: the line rules and per-customer sums of :mod:`core.orders.log` in
SQL.

A CSV or Parquet file is scanned by DuckDB itself (``read_csv`` / ``read_parquet``), never
loaded into pandas; a DataFrame is registered. A view ``lines`` types the role columns (row,
cust, oid, day, amt, prof); a CSV's typed lines are first kept in a temporary table, in
parallel and in file order, so a line's row is its rowid (a window numbering the lines would
run on one thread): the pass finds the example rows itself. One query streams ``lines`` once: every
line gets a status code by a CASE (``core.orders.sql.STATUS``) and feeds the per-order,
per-day and per-customer aggregates and the category counts (with their first example rows),
all with conditional aggregates; the result lands in a small temporary table, split and
sorted in SQL, so only the purchasers' sums reach pandas (through Arrow).

Copies cost nothing when there are none: exact copies share (customer, order key), so the
per-order aggregate also counts its lines, and only when some key has more than one line are
the lines compared (:mod:`core.orders.copies`: typed hash first, then every column of the file
for the few candidates; total, note and header lines left out when the log has any). Kept
copies (identical lines of a log without order IDs) are only reported; dropped ones have
their share subtracted. The status CASE puts totals, notes and repeated headers first
(:func:`core.orders.noncustomer.non_customer_sql`). DuckDB uses every core; the
memory limit (:data:`MEMORY_LIMIT`) and a temporary spill folder keep logs larger than memory
out of core.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from core.errors import IngestError
from core.i18n import msg
from core.orders.copies import drop_copies, values_repeat, without_copies
from core.orders.engines import (
    DEFAULT_RULES,
    EPOCH,
    EXAMPLES,
    ROW,
    Args,
    EngineResult,
    LineRules,
    _days,
    _no_lines,
    prepare_frame,
)
from core.orders.noncustomer import non_customer_sql
from core.orders.pass_result import engine_result
from core.orders.sql import (
    STATUS,
    SUMS,
    copies_sql,
    literal,
    pass_sql,
    rest_sql,
    status_sql,
    typed_sql,
)

NON_CUSTOMER = ("total_row", "note_row", "header_row")  # statuses of core.orders.noncustomer
MEMORY_LIMIT = "3GiB"  # with Python's share the peak stays under 4 GiB; beyond it DuckDB spills


def file_columns(path: Path, fmt: str) -> list[str]:
    """The header of a CSV or Parquet file, as DuckDB reads it."""
    return list(_describe(duckdb.connect(), path, fmt))


def _scan(path: Path, fmt: str) -> str:
    if fmt == "parquet":
        return f"SELECT file_row_number + 2 AS {ROW}, * EXCLUDE (file_row_number) FROM " + (
            f"read_parquet({literal(str(path))}, file_row_number = true)"
        )
    # every cell as text: the value rules of core.ingest.rules type the role columns (DuckDB's
    # sniffer would read ``1_000`` or ``0x10`` as numbers), copies compare the other cells as
    # text. read_csv has no row-number column and a window numbering the lines would run on
    # one thread: the engine numbers a CSV's lines by rowid.
    source = f"read_csv({literal(str(path))}, header = true, all_varchar = true)"
    return f"SELECT NULL::BIGINT AS {ROW}, * FROM {source}"


def _describe(con: duckdb.DuckDBPyConnection, path: Path, fmt: str) -> dict:
    try:
        rows = con.sql(f"DESCRIBE {_scan(path, fmt)}").fetchall()
    except duckdb.Error as error:
        raise _unreadable(path, error) from None
    return {name: kind for name, kind, *_ in rows if name != ROW}


def _unreadable(path: Path, error: duckdb.Error) -> IngestError:
    detail = str(error).splitlines()[0]
    return IngestError(msg("orders.duckdb_cannot_read_file_save", file=path.name, detail=detail))


def _one_pass(
    con: duckdb.DuckDBPyConnection, has_order: bool, end: int, period: int, header: str,
    rules: LineRules,
) -> tuple[pd.DataFrame, int, tuple[str, ...], dict]:  # fmt: skip
    """(raw sums of the customers with a counted line, sorted by ID; twins; customers with
    only ignored zero lines; {status: (lines, amount, rows, gap lines, gap amount, gap
    rows)}). The pass lands in a small temporary table (one row per customer or status) that
    is split in SQL."""
    query = pass_sql("lines", has_order, end, period, header, rules.ignore_zero)
    con.sql(f"CREATE OR REPLACE TEMP TABLE pass AS {query}")
    columns = ("s", "n", "total", "rows", "gap_n", "gap_total", "gap_rows")
    counts = {
        s: tuple(rest)
        for s, *rest in con.sql(
            f"SELECT {', '.join(columns)} FROM pass WHERE s IS NOT NULL"
        ).fetchall()
    }
    raw = (
        con.sql(
            f"SELECT customer_id, {', '.join(SUMS)} FROM pass "
            "WHERE s IS NULL AND txn_days IS NOT NULL ORDER BY customer_id"
        )
        .to_arrow_table()
        .to_pandas()
    )  # via Arrow: a third of .df()'s time
    only_side = con.sql(
        "SELECT customer_id FROM pass WHERE s IS NULL AND side AND txn_days IS NULL "
        "AND customer_id IS NOT NULL ORDER BY customer_id"
    ).fetchall()
    twins = con.sql("SELECT sum(twins) FROM pass").fetchall()[0][0] or 0
    return raw, int(twins), tuple(str(c) for (c,) in only_side), counts


def _examples(con: duckdb.DuckDBPyConnection, found: dict, status: str, copies: bool) -> dict:
    """``found`` with the example rows cleared because they named a dropped copy taken again
    from ``lines``: per category, the first rows in file order, copies left out."""
    kept = " AND row NOT IN (SELECT row FROM dropped)" if copies else ""
    out = {}
    for code, (n, total, rows, gap_n, gap_total, gap_rows) in found.items():
        if code != 0 and n and rows is None:
            rows = _first_rows(con, f"({status}) = {code}{kept}")
        if gap_n and gap_rows is None:
            gap_rows = _first_rows(con, f"prof IS NULL AND ({status}) = {code}{kept}")
        out[code] = (n, total, rows, gap_n, gap_total, gap_rows)
    return out


def _first_rows(con: duckdb.DuckDBPyConnection, where: str) -> list[int]:
    query = f"SELECT row FROM lines WHERE {where} LIMIT {EXAMPLES}"
    return sorted(row for (row,) in con.sql(query).fetchall())


def _typed_lines(con: duckdb.DuckDBPyConnection, typed: str, row: str | None = None) -> None:
    """View ``lines`` (row, cust, oid, day, amt, prof, rest) over ``typed``; with ``row`` (the
    SQL of the row number: a CSV's rowid) the typed lines are kept in table ``typed_lines``
    first, typed once (in parallel and in file order) for the pass, the copy check and the
    example rows."""
    if row is not None:
        con.sql(f"CREATE TEMP TABLE typed_lines AS {typed}")
        typed = f"SELECT {row} AS row, cust, oid, day, amt, prof, rest FROM typed_lines"
    con.sql(f"CREATE VIEW lines AS {typed}")


def _load(con: duckdb.DuckDBPyConnection, source: object, args: Args) -> None:
    """View ``lines``: the typed role columns and a hash of the other cells (``rest``)."""
    if isinstance(source, pd.DataFrame):
        frame = prepare_frame(source, args)
        con.register("source_frame", frame)
        rest = _rest([c for c in frame.columns if c != ROW], args)
        _typed_lines(con, typed_sql(args, None, "source_frame", keep=(rest,)))
        return
    path, fmt = source
    kinds = _describe(con, path, fmt)
    typed = typed_sql(args, kinds, f"({_scan(path, fmt)})", keep=(_rest(list(kinds), args),))
    if fmt == "csv":
        _typed_lines(con, f"SELECT * EXCLUDE (row) FROM ({typed})", "rowid + 2")
    else:
        _typed_lines(con, typed)


def _rest(columns: list[str], args: Args) -> str:
    return f"{rest_sql([c for c in columns if c not in args])} AS rest"


def duckdb_engine(
    source: pd.DataFrame | tuple[Path, str], args: Args, as_of: date | None, period: int,
    label: str, rules: LineRules = DEFAULT_RULES,
) -> EngineResult:  # fmt: skip
    """The rules and sums in DuckDB; ``source`` is a DataFrame or (path, "csv"|"parquet")."""
    with tempfile.TemporaryDirectory(prefix="orders-duckdb-") as spill:
        con = duckdb.connect(config={
            "temp_directory": spill, "threads": os.cpu_count() or 1,
            "memory_limit": MEMORY_LIMIT,
        })  # fmt: skip
        con.sql("SET enable_progress_bar = false")
        try:
            _load(con, source, args)
            return _run(con, args, as_of, period, rules)
        except duckdb.Error as error:
            if isinstance(error, duckdb.OutOfMemoryException):
                raise
            raise IngestError(
                msg(
                    "orders.duckdb_cannot_read_source",
                    file=label,
                    detail=str(error).splitlines()[0],
                )
            ) from None
        finally:
            con.close()


def _run(
    con: duckdb.DuckDBPyConnection, args: Args, as_of: date | None, period: int,
    rules: LineRules,
) -> EngineResult:  # fmt: skip
    header, has_order = args[0], args[4] is not None
    customer_line = f"({non_customer_sql('cust', header)}) IS NULL"
    if as_of is None:  # an extra read of the file: the period bounds depend on it
        usable = f"cust IS NOT NULL AND day IS NOT NULL AND amt IS NOT NULL AND {customer_line}"
        usable += " AND oid IS NOT NULL" if has_order else ""
        latest = con.sql(f"SELECT max(day) FROM lines WHERE {usable}").fetchall()[0][0]
        if latest is None:
            raise _no_lines(msg("orders.no_complete_line"))
        as_of = EPOCH + timedelta(days=int(latest))
    end = _days(as_of)
    raw, twins, ignored, found = _one_pass(con, has_order, end, period, header, rules)
    copies = (0, 0.0, ())
    dropping = rules.drops_copies(has_order)
    # total, note and header lines are no copies: left out when the pass found any
    others = any(found.get(STATUS.index(name), (0,))[0] for name in NON_CUSTOMER)
    if twins > 0 and values_repeat(con, customer_line if others else "true"):
        copies = drop_copies(con)
        if copies[0] and dropping:
            queries = copies_sql(has_order, end, period, header, rules.ignore_zero)
            raw, found = without_copies(con, raw, found, queries)
    status = status_sql(has_order, end, header)
    found = _examples(con, found, status, copies=dropping and copies[0] > 0)
    return engine_result(raw, found, copies, has_order, args[3] is not None, as_of, rules, ignored)
