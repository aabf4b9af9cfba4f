"""Exact copies in the DuckDB order engine: find them, then take them out of one pass's sums.

A copy repeats every column of an earlier line: the role columns' typed values and the other
cells, trimmed (compared by a 64-bit hash, as in the Spark engine). :func:`values_repeat`
rules copies out cheaply (no two lines share their values); :func:`drop_copies` lists them
in table ``dropped``; :func:`without_copies` subtracts them from the pass over every line
(copies are few, a second pass would cost as much as the first).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from core.orders.engines import EXAMPLES
from core.orders.sql import COPY_VALUES

HASH = f"hash({', '.join(COPY_VALUES)})"


def values_repeat(con: duckdb.DuckDBPyConnection, where: str = "true") -> bool:
    """Whether two lines (of those ``where`` holds: customers' lines) share all their values,
    by hash (a collision only says yes): exact copies must, so when none do,
    :func:`drop_copies` is skipped. Keeps the repeated hashes in table ``repeated`` for it.
    Reads ``lines`` (in parallel even for a CSV)."""
    con.sql(
        f"CREATE OR REPLACE TEMP TABLE repeated AS SELECT {HASH} AS h FROM lines "
        f"WHERE {where} GROUP BY h HAVING count(*) > 1"
    )
    return con.sql("SELECT count(*) FROM repeated").fetchall()[0][0] > 0


def drop_copies(con: duckdb.DuckDBPyConnection) -> tuple[int, float, tuple]:
    """List the exact copies of earlier lines in table ``dropped`` (row, last copy of its
    group?): (copies, their amount, the first rows that are a group's last copy). Candidates
    (table ``candidates``) are the lines whose hash repeats; they are compared value by value
    (typed role columns, the other cells' hash)."""
    con.sql(
        "CREATE OR REPLACE TEMP TABLE candidates AS SELECT * FROM lines "
        f"WHERE {HASH} IN (SELECT h FROM repeated)"
    )
    group = f"PARTITION BY {', '.join(COPY_VALUES)}"
    con.sql(f"""
        CREATE OR REPLACE TEMP TABLE dropped AS SELECT row, k = n AS last FROM (
            SELECT row, row_number() OVER ({group} ORDER BY row) AS k,
                   count(*) OVER ({group}) AS n
            FROM candidates) WHERE k > 1
    """)  # fmt: skip
    lines, amount, rows = con.sql(
        f"SELECT count(*), sum(amt), min(row, {EXAMPLES}) FILTER (last) "
        "FROM candidates JOIN dropped USING (row)"
    ).fetchall()[0]
    return int(lines), float(amount or 0.0), tuple(rows or ())


def _minus(value: float | None, part: float | None) -> float | None:
    return value if value is None or part is None else value - part


def without_copies(
    con: duckdb.DuckDBPyConnection, raw: pd.DataFrame, found: dict, queries: tuple[str, str, str]
) -> tuple[pd.DataFrame, dict]:
    """``raw`` and ``found`` of a pass over every line, less the dropped copies (table
    ``dropped``), by the three queries of :func:`core.orders.sql.copies_sql`: cheaper than a
    second pass, as copies are few. Example rows that name a copy are cleared, so the engine
    fetches them again without the copies."""
    per_customer, per_day, per_status = queries
    raw = raw.copy()
    where = pd.Index(raw["customer_id"])
    part = con.sql(per_customer).df()
    rows = where.get_indexer(part["customer_id"])
    for column in part.columns[1:]:
        index = raw.columns.get_loc(column)
        raw.iloc[rows, index] = raw.iloc[rows, index].to_numpy() - part[column].to_numpy()
    days = con.sql(per_day).df()
    rows = where.get_indexer(days["customer_id"])
    first = raw["txn_first"].to_numpy()[rows] == days["day"].to_numpy()
    index = raw.columns.get_loc("txn_first_total")
    raw.iloc[rows[first], index] -= days["t"].to_numpy()[first]
    copies = {s: rest for s, *rest in con.sql(per_status).fetchall()}
    shown = sorted({r for entry in found.values() for k in (2, 5) for r in entry[k] or ()})
    named = {r for (r,) in con.sql(
        f"SELECT row FROM dropped WHERE row IN ({', '.join(map(str, shown)) or 'NULL'})"
    ).fetchall()}  # fmt: skip
    out = {}
    for code, (n, total, ex, gap_n, gap_total, gap_ex) in found.items():
        d_n, d_total, d_gap_n, d_gap_total = copies.get(code, (0, None, 0, None))
        ex = None if ex and named & set(ex) else ex
        gap_ex = None if gap_ex and named & set(gap_ex) else gap_ex
        out[code] = (n - d_n, _minus(total, d_total), ex, gap_n - d_gap_n,
                     _minus(gap_total, d_gap_total), gap_ex)  # fmt: skip
    return raw, out
