"""The Spark order-log engine: the SQL of :mod:`core.orders.sql` in Spark's dialect, on a
session of :mod:`core.orders.spark_session` (local, a standalone cluster, YARN, Spark Connect).

A CSV or Parquet file — a local path or a URI the cluster reads (``s3a://``, ``hdfs://``,
``abfss://``: passed through) — is read by Spark: a CSV as text (every cell a string, so the
value rules of :mod:`core.ingest.rules` type it, as in DuckDB), each file's first line its
header (a repeated header line further down stays a line, to be reported); a local file's
encoding and delimiter are found as :mod:`core.ingest.text` finds them. A DataFrame is sent
through Arrow. The typed lines with their status are kept (``persist``) for the few queries
of a run: the latest date when no as-of date is given, the exact copies (lines whose typed
values and other cells, trimmed, repeat an earlier line: the other cells compared by a 64-bit
hash), the one pass, and the first example rows of each category.

Row numbers: a line's ``monotonically_increasing_id`` holds its partition and its place in it;
with the line count of each partition (one small aggregate) that is its line in the file, as
Excel or an editor numbers it (the header is row 1). A folder of files is numbered in Spark's
read order. Only the per-customer sums (one row per customer) come back to the driver, through
Arrow.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse
from urllib.request import url2pathname

import pandas as pd

from core.errors import IngestError
from core.i18n import msg
from core.ingest.text import sniff_csv
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
from core.orders.features import features_schema, finish_features
from core.orders.names import name_sql, names_frame
from core.orders.pass_result import engine_result
from core.orders.spark_session import SparkTarget, ship_core, spark_session
from core.orders.sql import (
    COPY_VALUES,
    SUMS,
    counted_sql,
    named_lines_sql,
    pass_sql,
    quote,
    rest_sql,
    status_sql,
    typed_sql,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

REST = "__rest"  # a hash of the other cells, trimmed (for exact copies)
FIRST_ROW = 2  # the row number of a file's first line (the header is row 1)
MID = "__mid"  # monotonically_increasing_id: partition << 33 | place in the partition
PLACE_BITS = 33
MARKERS = (8, 9, 10)  # totals, notes, repeated headers: never copies (core.orders.sql.STATUS)
Source = pd.DataFrame | tuple[str, str]  # a frame, or (path or URI, "csv" | "parquet")


def spark_location(source: str | Path) -> str:
    """What Spark is given to read: a URI as it is, a local path made absolute."""
    text = str(source)
    return text if "://" in text else str(Path(text).resolve())


def _csv_options(location: str) -> dict[str, str]:
    """Spark's CSV options: RFC 4180 quotes, and the encoding and delimiter of a local file
    as core.ingest.text works them out (a URI: UTF-8, by the suffix)."""
    options = {"header": "true", "inferSchema": "false", "escape": '"', "mode": "PERMISSIVE"}
    local = _local_file(location)
    if local is None:
        return options | {"sep": "\t" if location.lower().endswith(".tsv") else ","}
    encoding, delimiter = sniff_csv(local)
    return options | {"encoding": encoding, "sep": delimiter or ","}


def _local_file(location: str) -> Path | None:
    """The local file a location names (a path or a ``file:`` URI), else None (a folder, or
    a URI of another file system)."""
    if location.startswith("file:"):
        location = url2pathname(urlparse(location).path)
    elif "://" in location:
        return None
    path = Path(location)
    return path if path.is_file() else None


def _unique(names: list[str]) -> list[str]:
    """Header cells as column names: a BOM dropped, an empty cell named by its place, a
    repeated name numbered (``amount``, ``amount_1``)."""
    out: list[str] = []
    for i, name in enumerate(names):
        name = (name or "").lstrip("\ufeff").strip() or f"column{i}"
        base, k = name, 0
        while name in out:
            k += 1
            name = f"{base}_{k}"
        out.append(name)
    return out


def _read(spark: SparkSession, location: str, fmt: str) -> DataFrame:
    """The file's lines (a folder's: every file's) with :data:`MID`; a CSV's cells as text,
    each file's first line its header (a repeated header further down stays a line)."""
    from pyspark.sql import functions as F

    if fmt == "parquet":
        lines = spark.read.parquet(location)
    else:
        lines = spark.read.options(**_csv_options(location)).csv(location)
        if not lines.columns:
            raise IngestError(msg("ingest.empty", file=Path(location).name))
        lines = lines.toDF(*_unique(lines.columns))
    return lines.withColumn(MID, F.monotonically_increasing_id())


def _kinds(lines: DataFrame, fmt: str) -> dict[str, str]:
    """Column → Spark type name (a CSV's: all text)."""
    kinds = {f.name: f.dataType.simpleString() for f in lines.schema.fields}
    return dict.fromkeys(kinds, "STRING") if fmt == "csv" else kinds


def spark_columns(source: str | Path, fmt: str, target: SparkTarget | None = None) -> list[str]:
    """The header of a CSV or Parquet file, as the Spark engine reads it."""
    spark = spark_session(target)
    lines = _guarded(lambda: _read(spark, spark_location(source), fmt), str(source))
    return [c for c in lines.columns if c != MID]


def _guarded(work, label: str):
    """``work()``; Spark's analysis and execution errors as an IngestError naming ``label``."""
    try:
        return work()
    except (IngestError, MemoryError):
        raise
    except Exception as error:  # pyspark raises its own types, Py4J and gRPC ones
        if type(error).__name__ in ("InputError", "ScenarioError"):
            raise
        detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise IngestError(
            msg("orders.spark_cannot_read_source", file=Path(label).name, detail=detail[:300])
        ) from None


def spark_names(
    location: str, fmt: str, roles: tuple[str, str, str], as_of: date,
    target: SparkTarget | None = None,
) -> pd.DataFrame:  # fmt: skip
    """The log's own customer names by the rule of :mod:`core.orders.names`, on Spark."""
    spark = spark_session(target)

    def work() -> pd.DataFrame:
        lines = _read(spark, location, fmt)
        lines.createOrReplaceTempView("name_lines")
        kinds = _kinds(lines, fmt)
        typed = spark.sql(named_lines_sql(*roles, kinds, "name_lines", "spark")).persist()
        try:  # kept: a filter would otherwise repeat the typing expressions (Spark inlines)
            typed.createOrReplaceTempView("named_lines")
            return names_frame(spark.sql(name_sql("named_lines", _days(as_of), "spark")).collect())
        finally:
            typed.unpersist()

    return _guarded(work, location)


def spark_engine(
    source: Source, args: Args, as_of: date | None, period: int, label: str,
    rules: LineRules = DEFAULT_RULES, target: SparkTarget | None = None,
    features_out: str | None = None,
) -> EngineResult:  # fmt: skip
    """The rules and sums on Spark; ``source`` is a DataFrame or (path or URI, format).
    ``features_out``: a path or URI where the cluster writes the per-customer features as
    Parquet instead of bringing them back (``raw`` is then empty)."""
    spark = spark_session(target)
    work = lambda: _run(spark, source, args, as_of, period, rules, features_out)  # noqa: E731
    return _guarded(work, label)


def _typed(spark: SparkSession, source: Source, args: Args) -> tuple[DataFrame, int | None]:
    """The typed lines (row, cust, oid, day, amt, prof, rest: a hash of the other cells) and
    the row number of the file's first line (None: ``row`` is already the row number)."""
    from pyspark.sql import functions as F

    if isinstance(source, pd.DataFrame):
        frame = prepare_frame(source, args)
        rest = [c for c in frame.columns if c not in args and c != ROW]
        lines, first, row, kinds = (
            spark.createDataFrame(frame.astype({c: str for c in rest})),
            None,
            ROW,
            None,
        )
    else:
        lines, first, row = _read(spark, source[0], source[1]), FIRST_ROW, MID
        kinds = _kinds(lines, source[1])
        rest = [c for c in lines.columns if c not in args and c != MID]
    hashed = F.expr(rest_sql(rest, "spark"))  # the other cells, trimmed, as read_table
    lines.withColumn(REST, hashed).createOrReplaceTempView("source_lines")
    query = typed_sql(args, kinds, "source_lines", "spark", row=quote(row, "spark"), keep=(REST,))
    return spark.sql(query).withColumnRenamed(REST, "rest"), first


def _row_numbers(spark: SparkSession, lines: DataFrame, first: int | None):
    """A function from :data:`MID` values to row numbers (the identity for a frame)."""
    from pyspark.sql import functions as F

    if first is None:
        return lambda mids: [int(m) for m in mids]
    counts = dict(
        lines.groupBy(F.shiftright("row", PLACE_BITS).alias("p")).count().collect()
    )  # fmt: skip
    parts = sorted(counts)
    before = dict(zip(parts, accumulate((counts[p] for p in parts), initial=0), strict=False))
    mask = (1 << PLACE_BITS) - 1
    return lambda mids: sorted(first + before[m >> PLACE_BITS] + (m & mask) for m in mids)


def _run(
    spark: SparkSession, source: Source, args: Args, as_of: date | None, period: int,
    rules: LineRules, features_out: str | None = None,
) -> EngineResult:  # fmt: skip
    from pyspark import StorageLevel

    header, has_order = args[0], args[4] is not None
    typed, first = _typed(spark, source, args)
    typed = typed.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        rows_of = _row_numbers(spark, typed, first)
        typed.createOrReplaceTempView("typed_lines")
        if as_of is None:
            as_of = _latest(spark, has_order, header)
        end = _days(as_of)
        status = status_sql(has_order, end, header, "spark")
        lines = spark.sql(f"SELECT *, {status} AS s FROM typed_lines")
        lines = lines.persist(StorageLevel.MEMORY_AND_DISK)
        typed.unpersist()
        try:
            return _aggregate(spark, lines, args, end, as_of, period, rules, rows_of, features_out)
        finally:
            lines.unpersist()
    finally:
        typed.unpersist()


def _latest(spark: SparkSession, has_order: bool, header: str) -> date:
    usable = "cust IS NOT NULL AND day IS NOT NULL AND amt IS NOT NULL"
    usable += " AND oid IS NOT NULL" if has_order else ""
    markers = status_sql(has_order, 0, header, "spark")
    query = f"SELECT max(day) FROM typed_lines WHERE {usable} AND ({markers}) NOT IN (8, 9, 10)"
    latest = spark.sql(query).collect()[0][0]
    if latest is None:
        raise _no_lines(msg("orders.no_complete_line"))
    return EPOCH + timedelta(days=int(latest))


def _copies(spark: SparkSession, rows_of) -> tuple[DataFrame | None, tuple]:
    """The exact copies of earlier lines among ``status_lines``: (their rows with ``last``, the
    last copy of its group, or None when there are none; (lines, amount, first rows of a
    group's last copy)). Totals, notes and repeated headers are never copies."""
    values = ", ".join(COPY_VALUES)
    same = " AND ".join(f"c.{v} <=> r.{v}" for v in COPY_VALUES)
    group = f"PARTITION BY {', '.join(f'c.{v}' for v in COPY_VALUES)}"
    dropped = spark.sql(f"""
        WITH c AS (SELECT * FROM status_lines WHERE s NOT IN {MARKERS}),
        r AS (SELECT {values} FROM c GROUP BY {values} HAVING count(*) > 1)
        SELECT row, amt, k = n AS last FROM (
            SELECT c.row, c.amt, row_number() OVER ({group} ORDER BY c.row) AS k,
                   count(*) OVER ({group}) AS n
            FROM c JOIN r ON {same}) WHERE k > 1
    """).cache()  # fmt: skip
    dropped.createOrReplaceTempView("dropped_lines")
    n, amount, last = spark.sql(f"""
        SELECT count(*), sum(amt),
               slice(array_sort(collect_list(CASE WHEN last THEN row END)), 1, {EXAMPLES})
        FROM dropped_lines
    """).collect()[0]  # fmt: skip
    if not n:
        dropped.unpersist()
        return None, (0, 0.0, ())
    return dropped, (int(n), float(amount or 0.0), tuple(rows_of(last)))


def _aggregate(
    spark: SparkSession, lines: DataFrame, args: Args, end: int, as_of: date, period: int,
    rules: LineRules, rows_of, features_out: str | None,
) -> EngineResult:  # fmt: skip
    from pyspark.sql import functions as F

    has_order, has_profit = args[4] is not None, args[3] is not None
    lines.createOrReplaceTempView("status_lines")
    dropped, copies = _copies(spark, rows_of)
    used = lines
    if dropped is not None and rules.drops_copies(has_order):
        used = lines.join(F.broadcast(dropped.select("row")), "row", "left_anti")
    used.createOrReplaceTempView("counted_lines")
    query = pass_sql("counted_lines", has_order, end, period, args[0], rules.ignore_zero,
                     "spark", status="s")  # fmt: skip
    passed = spark.sql(query)
    try:
        if features_out is None:  # one row per customer and status, in one transfer
            result = passed.toArrow().to_pandas()
            statuses, people = result[result["s"].notna()], result[result["s"].isna()]
            raw, written = _raw(people[people["txn_days"].notna()][["customer_id", *SUMS]]), None
            side = people["side"].fillna(False).astype(bool) & people["txn_days"].isna()
            ignored = tuple(sorted(str(c) for c in people.loc[side, "customer_id"].dropna()))
        else:  # the customers stay on the cluster
            passed = passed.persist()
            statuses = passed.where("s IS NOT NULL").toArrow().to_pandas()
            only_side = "s IS NULL AND side AND txn_days IS NULL AND customer_id IS NOT NULL"
            ignored = tuple(sorted(str(r[0]) for r in passed.where(only_side).collect()))
            people = passed.where("s IS NULL AND txn_days IS NOT NULL")
            raw = pd.DataFrame(columns=["customer_id", *SUMS])
            written = _write_features(spark, people.select("customer_id", *SUMS), features_out,
                                      as_of, args[3])  # fmt: skip
    finally:
        passed.unpersist()
        if dropped is not None:
            dropped.unpersist()
    examples = _first_rows(spark, rules.ignore_zero)
    found = {}
    for row in statuses.itertuples(index=False):
        code = int(row.s)
        rows = rows_of(examples.get((code, False), ()))
        gap_rows = rows_of(examples.get((code, True), ()))
        gap_total = None if pd.isna(row.gap_total) else float(row.gap_total)
        total = None if pd.isna(row.total) else float(row.total)
        found[code] = (int(row.n), total, rows, int(row.gap_n), gap_total, gap_rows)
    return engine_result(raw, found, copies, has_order, has_profit, as_of, rules, ignored,
                         written)  # fmt: skip


def _raw(people: pd.DataFrame) -> pd.DataFrame:
    """The per-customer sums as the other engines give them: sorted by ID, counts as int64."""
    raw = people.sort_values("customer_id", kind="stable").reset_index(drop=True)
    raw["customer_id"] = raw["customer_id"].astype(object)
    return raw.astype({c: "int64" for c in SUMS if c not in _FLOATS and raw[c].notna().all()})


def _write_features(
    spark: SparkSession, people: DataFrame, location: str, as_of: date, profit: str | None
) -> tuple[int, tuple[str, ...]]:
    """Write the per-customer features (:func:`core.orders.features.finish_features`, run on
    the executors batch by batch) as Parquet at ``location``; (customers, those without an
    order). The rows are not sorted across files."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = features_schema(as_of, profit)

    def finish(batches):
        for batch in batches:
            out = finish_features(batch.to_pandas(), as_of, profit)
            yield pa.RecordBatch.from_pandas(out, schema=schema, preserve_index=False)

    ship_core(spark)
    people.mapInArrow(finish, from_arrow_schema(schema)).write.mode("errorifexists").parquet(
        spark_location(location)
    )
    none = people.where("orders = 0").select("customer_id").orderBy("customer_id").collect()
    return people.count(), tuple(str(r[0]) for r in none)


_FLOATS = ("gross_total", "returns_total", "profit", "spend_current", "spend_previous",
           "txn_first_total")  # fmt: skip


def _first_rows(spark: SparkSession, ignore_zero: bool) -> dict[tuple[int, bool], list[int]]:
    """(status, gap?) → the first :data:`EXAMPLES` row ids of the counted lines, in file
    order (gap: counted lines without a profit). One query: Spark keeps only the first rows
    of each status per partition before the shuffle."""
    _, used = counted_sql(ignore_zero)
    query = f"""
    SELECT s, gap, row FROM (
      SELECT s, gap, row, row_number() OVER (PARTITION BY s, gap ORDER BY row) AS k FROM (
        SELECT s, false AS gap, row FROM counted_lines
        UNION ALL SELECT s, true AS gap, row FROM counted_lines WHERE prof IS NULL AND {used}))
    WHERE k <= {EXAMPLES}
    """
    out: dict[tuple[int, bool], list[int]] = {}
    for s, gap, row in spark.sql(query).collect():
        out.setdefault((int(s), bool(gap)), []).append(int(row))
    return out
