"""Customer names from the order log's own name column (客户名称), one per customer.

The rule (docs/rfm.md), the same in pandas and in DuckDB: a customer's name is the name on its
latest *named line* — a line with a customer ID, a readable date on or before the as-of date
and a name (trimmed; empty cells and placeholders are no name) —; when several names share
that latest day, the greatest in code-point order wins (DuckDB compares text byte-wise in
UTF-8, which is the same order). A customer whose named lines carry more than one distinct
name is reported (:class:`NameConflicts`), never silently merged.

It runs after the order engine and only when the log has a name column: :func:`log_names`
reads the role columns it needs (for DuckDB, a second scan of the file with the engine's own
typing), :func:`attach_names` adds ``customer_name`` to the features. :func:`name_mismatches`
compares the log's names with a customer table's (same ID, different name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from core.errors import IngestError
from core.i18n import Message, msg
from core.ingest.parsing import as_text, is_missing, parse_date_series
from core.orders.duckdb_engine import _describe, _scan
from core.orders.engines import EPOCH, EXAMPLES
from core.orders.sql import named_lines_sql

NAME = "customer_name"
NameRoles = tuple[str, str, str]  # customer, date, name columns of the log


@dataclass(frozen=True)
class NameConflicts:
    """Customers whose log lines carry more than one name: how many, and the first few
    (by ID) with their names in code-point order."""

    count: int
    examples: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def text(self) -> Message:
        """'2 customer ID(s) carry more than one name in the order log: K1 (A / B) …'."""
        shown = "; ".join(f"{cid} ({' / '.join(names)})" for cid, names in self.examples)
        more = " …" if self.count > len(self.examples) else ""
        return msg("orders.names_conflict", n=self.count, examples=shown + more)


def log_names(
    source: pd.DataFrame | tuple[Path, str], roles: NameRoles, as_of: date, engine: str
) -> pd.DataFrame:
    """Per customer with a named line: ``customer_id``, ``customer_name`` (the rule above) and
    ``variants`` (its distinct names in code-point order when more than one, else ``()``),
    sorted by ID. ``engine`` is "pandas" or "duckdb" (a frame the Spark engine aggregated is
    in memory here: DuckDB reads its names); ``source`` a DataFrame, or for DuckDB a
    (path, "csv"|"parquet") to scan. Spark reads a file's names itself
    (:func:`core.orders.spark_engine.spark_names`)."""
    if engine == "pandas" and isinstance(source, pd.DataFrame):
        return pandas_names(source, roles, as_of)
    return duckdb_names(source, roles, as_of)


def _typed(frame: pd.DataFrame, roles: NameRoles) -> pd.DataFrame:
    """cust and name as the engines type IDs (stripped text, missing tokens NULL), day as
    whole days since 1970-01-01 (NaN when unreadable)."""
    customer, day, name = roles
    stamp = parse_date_series(frame[day]).dt.floor("D")
    days = np.where(stamp.isna(), np.nan, stamp.to_numpy("datetime64[D]").astype("int64"))
    return pd.DataFrame(
        {
            "cust": as_text(frame[customer]).mask(is_missing(frame[customer])).to_numpy(object),
            "day": days,
            "name": as_text(frame[name]).mask(is_missing(frame[name])).to_numpy(object),
        }
    )


def pandas_names(frame: pd.DataFrame, roles: NameRoles, as_of: date) -> pd.DataFrame:
    """The rule in pandas (see the module docstring)."""
    lines = _typed(frame, roles)
    end = (as_of - EPOCH).days
    named = lines[lines["cust"].notna() & lines["name"].notna() & (lines["day"] <= end)]
    named = named.astype({"cust": str, "name": str})
    ordered = named.sort_values(["cust", "day", "name"], kind="stable")
    latest = ordered.drop_duplicates("cust", keep="last").set_index("cust")["name"]
    distinct = named.drop_duplicates(["cust", "name"]).sort_values(["cust", "name"])
    counts = distinct["cust"].value_counts()
    many = distinct[distinct["cust"].isin(counts.index[counts > 1])]
    variants = {cust: tuple(group["name"]) for cust, group in many.groupby("cust", sort=False)}
    out = pd.DataFrame({"customer_id": latest.index.to_numpy(object)})
    out[NAME] = latest.to_numpy(object)
    out["variants"] = pd.Series([variants.get(c, ()) for c in latest.index], dtype=object)
    return _sorted(out)


DISTINCT_SORTED = {  # a group's distinct values in code-point order, per SQL dialect
    "duckdb": "list_sort(list_distinct(list({x})))",
    "spark": "array_sort(collect_set({x}))",
}


def name_sql(source: str, end: int, dialect: str = "duckdb") -> str:
    """The rule in SQL (``dialect``) over ``source`` (typed columns cust, day, name)."""
    variants = DISTINCT_SORTED[dialect].format(x="name")
    return f"""
    WITH named AS (SELECT cust, day, name FROM {source}
                   WHERE cust IS NOT NULL AND name IS NOT NULL AND day <= {end}),
    last AS (SELECT cust, max(day) AS day FROM named GROUP BY cust)
    SELECT cust AS customer_id,
           max(name) FILTER (WHERE named.day = last.day) AS {NAME},
           CASE WHEN count(DISTINCT name) > 1 THEN {variants} END AS variants
    FROM named JOIN last USING (cust) GROUP BY cust ORDER BY cust
    """


def duckdb_names(
    source: pd.DataFrame | tuple[Path, str], roles: NameRoles, as_of: date
) -> pd.DataFrame:
    """The rule in DuckDB: a DataFrame typed as the engine types a registered frame, a CSV or
    Parquet file scanned and typed as the engine scans it (IDs and names read as text)."""
    end = (as_of - EPOCH).days
    con = duckdb.connect()
    try:
        if isinstance(source, pd.DataFrame):
            con.register("name_lines", _typed(source, roles))
            return _from_sql(con, name_sql("name_lines", end))
        path, fmt = source
        return _from_sql(con, name_sql(_file_lines(con, path, fmt, roles), end))
    except duckdb.Error as error:
        label = source[0].name if isinstance(source, tuple) else msg("word.order_log")
        raise IngestError(
            msg("orders.duckdb_cannot_read_source", file=label, detail=str(error).splitlines()[0])
        ) from None
    finally:
        con.close()


def _file_lines(con: duckdb.DuckDBPyConnection, path: Path, fmt: str, roles: NameRoles) -> str:
    """The file's cust, day and name, read as the engine reads them (a CSV's as text)."""
    kinds = _describe(con, path, fmt)
    return f"({named_lines_sql(*roles, kinds, f'({_scan(path, fmt)})')})"


def _from_sql(con: duckdb.DuckDBPyConnection, query: str) -> pd.DataFrame:
    return names_frame(con.sql(query).fetchall())


def names_frame(rows: list[tuple]) -> pd.DataFrame:
    """:func:`log_names`' frame from the rows of :func:`name_sql`."""
    out = pd.DataFrame(
        {
            "customer_id": pd.Series([str(r[0]) for r in rows], dtype=object),
            NAME: pd.Series([r[1] for r in rows], dtype=object),
            "variants": pd.Series([tuple(r[2] or ()) for r in rows], dtype=object),
        }
    )
    return _sorted(out)


def _sorted(out: pd.DataFrame) -> pd.DataFrame:
    out = out.astype({"customer_id": "str", NAME: "str", "variants": object})
    return out.sort_values("customer_id", kind="stable").reset_index(drop=True)


def attach_names(features: pd.DataFrame, names: pd.DataFrame) -> tuple[pd.DataFrame, NameConflicts]:
    """``features`` with ``customer_name`` after ``customer_id`` (NaN for a customer without a
    named line) and the conflicts among these customers."""
    by_id = names.set_index("customer_id")
    ids = features["customer_id"].astype(str)
    out = features.copy()
    found = by_id[NAME].reindex(ids).to_numpy(object)
    out.insert(1, NAME, pd.Series(found, index=features.index, dtype=object).where(
        pd.notna(found), np.nan
    ))  # fmt: skip
    variants = by_id["variants"].reindex(ids).dropna()
    many = [(cid, tuple(v)) for cid, v in variants.items() if len(v) > 1]
    many.sort()
    return out, NameConflicts(len(many), tuple(many[:EXAMPLES]))


def name_mismatches(
    log: Mapping[str, str], table: Mapping[str, str]
) -> tuple[tuple[str, str, str], ...]:
    """(ID, name in the log, name in the customer table) for every ID both name differently
    (compared after trimming), sorted by ID."""
    out = []
    for cid in sorted(set(log) & set(table)):
        ours, theirs = str(log[cid]).strip(), str(table[cid]).strip()
        if ours and theirs and ours != theirs:
            out.append((cid, ours, theirs))
    return tuple(out)


def mismatch_text(mismatches: tuple[tuple[str, str, str], ...]) -> Message:
    """'2 customer ID(s) have another name in the customer table than in the order log: …'."""
    shown = "; ".join(f"{cid}: {ours} ≠ {theirs}" for cid, ours, theirs in mismatches[:EXAMPLES])
    more = " …" if len(mismatches) > EXAMPLES else ""
    return msg("orders.names_mismatch", n=len(mismatches), examples=shown + more)
