"""Order logs (订单表): find the columns, clean the lines, aggregate per customer.

An order log has one line per order (or order line): customer, date and amount, optionally
profit, order ID, product, channel and the customer's name (one per customer, by the rule of
:mod:`core.orders.names`, in the ``customer_name`` feature). :func:`aggregate_orders` turns it
into one row per customer (docs/rfm.md defines every column) with an :class:`OrdersReport`
that lists every line not used and why: nothing is dropped silently.

Line rules (docs/rfm.md §2), first match wins: a customer cell that is a total word, a note
or the customer header again is not a customer's line and is excluded; an identical copy of an
earlier line is dropped when the log has an order-ID column or ``drop_copies`` is set (else it
is reported and kept: without order IDs two identical lines may be two real purchases); no
customer ID, a missing or unreadable date, a missing or non-numeric amount, or (with an
order-ID column) no order ID excludes the line; a date after the as-of date excludes it;
amount < 0 is a *return* (lowers the amounts, never an order); amount = 0 is an order of
nothing (counted like lifetimes counts it) unless ``ignore_zero``; amount > 0 is a *purchase*.
A missing profit counts as 0 and is reported. Every customer with a counted line gets a row.

Engines: ``"pandas"`` (in memory, any file :func:`core.ingest.read.read_table` reads),
``"duckdb"`` (CSV/Parquet scanned out of core, or a registered DataFrame) and ``"spark"``
(CSV/Parquet paths or URIs read by a Spark session, local or a cluster:
:mod:`core.orders.spark_engine`; only on request). ``"auto"`` picks DuckDB for a CSV/Parquet
file over :data:`DUCKDB_FILE_BYTES` or a frame over :data:`DUCKDB_FRAME_ROWS` rows. All give
the same results (equal to 1e-9 relative).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.ingest.date_range import checked_as_of
from core.mapping.catalog import NAME_SYNONYMS, header_key
from core.orders.duckdb_engine import duckdb_engine, file_columns
from core.orders.engines import (
    CATEGORIES,
    COPIES,
    DEFAULT_RULES,
    EXAMPLES,
    EngineResult,
    LineRules,
    pandas_engine,
)
from core.orders.features import finish_features
from core.orders.names import NameConflicts, attach_names, log_names
from core.orders.noncustomer import ingest_rows
from core.orders.spark_engine import spark_columns, spark_engine, spark_location, spark_names
from core.orders.spark_session import SparkTarget

DUCKDB_FILE_BYTES = 50 * 2**20  # a CSV/Parquet file larger than 50 MiB goes to DuckDB
DUCKDB_FRAME_ROWS = 1_000_000  # a DataFrame with more rows goes to DuckDB
DEFAULT_PERIOD_DAYS = 365
MAX_PERIOD_DAYS = 3_650  # ten years: two periods of a review still span only twenty
ENGINES = ("auto", "pandas", "duckdb", "spark")
ROLES: dict[str, tuple[str, ...]] = {
    "customer": ("客户编号", "客户", "客户id", "客户代码", "客户号", "customer_id", "customer",
                 "customerid", "client_id", "cust_id", "account_id", "customer_code"),
    "date": ("订单日期", "日期", "下单日期", "交易日期", "购买日期", "order_date", "date",
             "invoice_date", "purchase_date", "transaction_date", "orderdate"),
    "amount": ("金额", "订单金额", "交易金额", "销售额", "销售金额", "amount", "revenue",
               "sales", "order_amount", "order_value", "value", "total"),
    "profit": ("毛利", "利润", "毛利额", "profit", "gross_profit", "margin"),
    "order_id": ("订单号", "订单编号", "单号", "order_id", "order_no", "order_number",
                 "invoice_no", "invoice_id", "transaction_id"),
    "product": ("产品线", "产品", "产品类别", "product", "product_line", "category"),
    "channel": ("渠道", "销售渠道", "channel"),
    "name": NAME_SYNONYMS,  # 客户名称, customer_name, company … (客户 alone is the ID)
}  # fmt: skip
REQUIRED = ("customer", "date", "amount")


@dataclass(frozen=True)
class OrderColumns:
    """Which column of the log plays which role (None: the log has no such column)."""

    customer: str
    date: str
    amount: str
    profit: str | None = None
    order_id: str | None = None
    product: str | None = None
    channel: str | None = None
    name: str | None = None  # the customer's name (客户名称), see core.orders.names


def detect_order_columns(
    columns: Iterable[str], overrides: Mapping[str, str | None] | None = None
) -> OrderColumns:
    """Match headers to roles by synonym (case, spaces and punctuation folded); ``overrides``
    ({"customer": "buyer", …}) win. A required role not found raises InputError."""
    available = [str(c) for c in columns]
    chosen: dict[str, str | None] = {}
    for role, name in (overrides or {}).items():
        if name is None:
            continue
        if role not in ROLES:
            raise InputError(
                msg("orders.log_unknown_role_use_one", role=role, roles=", ".join(ROLES))
            )
        if name not in available:
            raise InputError(
                msg(
                    "orders.log_column_given_not_file",
                    column=name,
                    role=msg(f"orders.role_{role}"),
                    columns=", ".join(available[:20]),
                )
            )
        chosen[role] = name
    for role, synonyms in ROLES.items():
        if role in chosen:
            continue
        keys = {header_key(s) for s in synonyms}
        taken = set(chosen.values())
        chosen[role] = next(
            (c for c in available if header_key(c) in keys and c not in taken), None
        )
    missing = [role for role in REQUIRED if chosen[role] is None]
    if missing:
        role = missing[0]
        raise InputError(
            msg(
                "orders.log_no_column_found_looked",
                role=msg(f"orders.role_{role}"),
                names=", ".join(ROLES[role][:4]),
                columns=", ".join(available[:20]),
                flag=role,
            )
        )
    return OrderColumns(**chosen)  # type: ignore[arg-type]


def is_order_log(frame: pd.DataFrame) -> bool:
    """True when the table has customer, date and amount columns and a customer appears on
    more than one line or there is an order-ID column (a customer master has neither)."""
    try:
        columns = detect_order_columns(frame.columns)
    except InputError:
        return False
    return columns.order_id is not None or bool(frame[columns.customer].duplicated().any())


@dataclass(frozen=True)
class Issue:
    """One category of lines not used as purchases: how many, their amount, example rows."""

    category: str  # a key of CATEGORIES
    lines: int
    amount: float  # sum of the lines' amounts (NaN where unreadable)
    rows: tuple[int, ...]  # up to five example row numbers (header = row 1)

    @property
    def text(self) -> str:
        """'6 line(s): negative amount (return) … (rows 7, 9)'; identical lines (kept or
        dropped) also say their amount."""
        what = CATEGORIES[self.category]
        if not self.rows:
            return msg("orders.issue_lines", n=self.lines, what=what)
        rows = ", ".join(map(str, self.rows)) + " …" * (self.lines > len(self.rows))
        if self.category in COPIES:
            return msg(
                "orders.issue_lines_amount_rows", n=self.lines, what=what, rows=rows,
                amount=self.amount,
            )  # fmt: skip
        return msg("orders.issue_lines_rows", n=self.lines, what=what, rows=rows)


@dataclass(frozen=True)
class OrdersReport:
    """What happened to every line of the log."""

    source: str
    engine: str
    as_of: date
    period_days: int
    lines: int  # lines read (header excluded)
    purchase_lines: int  # lines with amount > 0
    customers: int  # customers with a row in the features (at least one counted line)
    issues: tuple[Issue, ...]  # categories with at least one line, in CATEGORIES order
    no_purchase_customers: tuple[str, ...]  # only returns: a row with orders = 0
    ignored_customers: tuple[str, ...] = ()  # only ignored zero lines (ignore_zero): no row
    rules: LineRules = DEFAULT_RULES
    name_conflicts: NameConflicts | None = None  # with a name column: IDs with several names

    def count(self, category: str) -> int:
        """Lines in one category (0 when none)."""
        return next((i.lines for i in self.issues if i.category == category), 0)

    def lines_text(self) -> list[str]:
        """One human-readable line per issue, then the customers without an order."""
        out = [issue.text for issue in self.issues]
        for ids, message_id in (
            (self.no_purchase_customers, "orders.no_order_customers"),
            (self.ignored_customers, "orders.ignored_customers_left_out"),
        ):
            if ids:
                out.append(msg(message_id, n=len(ids), ids=", ".join(ids[:5])))
        if self.name_conflicts and self.name_conflicts.count:
            out.append(self.name_conflicts.text)
        return out


@dataclass(frozen=True)
class OrderFeatures:
    """Per-customer features of an order log and the report of how it was read."""

    features: pd.DataFrame  # one row per customer, sorted by customer_id (docs/rfm.md)
    report: OrdersReport
    columns: OrderColumns


def choose_engine(source: pd.DataFrame | str | Path, engine: str = "auto") -> str:
    """'pandas' or 'duckdb' for ``source`` (see the module docstring for the thresholds)."""
    if engine not in ENGINES:
        raise InputError(
            msg("orders.unknown_engine_use_one", engine=engine, engines=", ".join(ENGINES))
        )
    if engine != "auto":
        return engine
    if isinstance(source, pd.DataFrame):
        return "duckdb" if len(source) > DUCKDB_FRAME_ROWS else "pandas"
    path = Path(source)
    big = path.is_file() and path.stat().st_size > DUCKDB_FILE_BYTES
    return "duckdb" if big and _duckdb_format(path) else "pandas"


def _duckdb_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".parquet": "parquet"}.get(suffix)


def checked_period(period_days: int) -> int:
    """``period_days`` when it is from 1 to :data:`MAX_PERIOD_DAYS`, else InputError naming it."""
    if int(period_days) < 1:
        raise InputError(msg("orders.period_length_must_day_more", n=period_days))
    if int(period_days) > MAX_PERIOD_DAYS:
        raise InputError(msg("orders.period_too_long", n=period_days, most=MAX_PERIOD_DAYS))
    return int(period_days)


def _as_of(value: date | str | None) -> date | None:
    if value is None:
        return value
    if isinstance(value, date):
        return checked_as_of(value)
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise InputError(msg("orders.date_not_date_write_yyyy", value=value)) from None
    return checked_as_of(day)


def aggregate_orders(
    source: pd.DataFrame | str | Path,
    *,
    as_of: date | str | None = None,
    period_days: int = DEFAULT_PERIOD_DAYS,
    columns: Mapping[str, str | None] | None = None,
    engine: str = "auto",
    name: str | None = None,
    drop_copies: bool = False,
    ignore_zero: bool = False,
    excluded: pd.DataFrame | None = None,
    spark: SparkTarget | None = None,
    features_out: str | None = None,
) -> OrderFeatures:
    """Aggregate an order log (a DataFrame or a CSV/XLSX/Parquet path) per customer.

    ``as_of`` defaults to the latest valid date in the log; the current period is the
    ``period_days`` days ending at it, the previous one the same length before.
    ``drop_copies`` drops identical lines of a log without an order-ID column (kept and
    reported by default); ``ignore_zero`` ignores zero-amount lines (counted by default).
    ``excluded`` (``IngestResult.excluded`` of a frame read by
    :func:`core.ingest.read.read_table`) lists the total, note and repeated-header rows
    ingest already removed: they are reported like the ones found in the log. ``spark``: where
    the Spark engine runs (default: ``SPARK_REMOTE``, else local); with that engine ``source``
    may be a URI the cluster reads (``s3a://…``), a file or a folder of them, and
    ``features_out`` a path or URI where the cluster writes the features as Parquet instead
    of bringing them back (the result's ``features`` are then empty; names are not read).
    """
    checked_period(period_days)
    chosen = choose_engine(source, engine)
    label = name or (
        msg("word.order_log") if isinstance(source, pd.DataFrame) else Path(source).name
    )
    frame = source if isinstance(source, pd.DataFrame) else None
    if features_out is not None and (chosen != "spark" or frame is not None):
        raise InputError(msg("orders.features_out_needs_spark"))
    if chosen == "spark" and frame is None:
        return _on_spark(str(source), label, as_of, int(period_days), columns, drop_copies,
                         ignore_zero, spark, features_out)  # fmt: skip
    fmt = None if frame is not None else _duckdb_format(Path(source))
    if frame is None and (chosen == "pandas" or fmt is None):
        from core.ingest.read import read_table  # only the pandas engine reads a file itself

        ingest = read_table(Path(source), name=label)
        frame, excluded = ingest.frame, getattr(ingest, "excluded", None)
    header = list(frame.columns) if frame is not None else _file_columns(Path(source), fmt)
    cols = detect_order_columns(header, columns)
    if frame is not None and frame.empty:
        raise InputError(msg("orders.log_has_no_lines", file=label))
    args = (cols.customer, cols.date, cols.amount, cols.profit, cols.order_id)
    day = _as_of(as_of)
    rules = LineRules(bool(drop_copies), bool(ignore_zero))
    if chosen == "pandas":
        result = pandas_engine(frame, args, day, int(period_days), rules)
    elif chosen == "spark":
        result = spark_engine(frame, args, day, int(period_days), label, rules, spark)
    else:
        result = duckdb_engine(frame if frame is not None else (Path(source), fmt),
                               args, day, int(period_days), label, rules)  # fmt: skip
    report = _report(result, label, chosen, int(period_days), rules, ingest_rows(excluded))
    features = finish_features(result.raw, result.as_of, cols.profit)
    if cols.name is not None:  # the log's own names, by the rule of core.orders.names
        lines = frame if frame is not None else (Path(source), fmt)
        found = log_names(lines, (cols.customer, cols.date, cols.name), result.as_of, chosen)
        features, conflicts = attach_names(features, found)
        report = replace(report, name_conflicts=conflicts)
    return OrderFeatures(features, report, cols)


def _spark_format(location: str) -> str:
    """csv or parquet for a Spark source: by the suffix, a local folder by its files, else
    (a folder URI, as data lakes keep tables) Parquet."""
    fmt = _duckdb_format(Path(location.rstrip("/")))
    if fmt is None and "://" not in location and Path(location).is_dir():
        suffixes = {_duckdb_format(p) for p in Path(location).iterdir() if p.is_file()}
        fmt = "csv" if suffixes & {"csv"} and "parquet" not in suffixes else None
    return fmt or "parquet"


def _on_spark(
    source: str, label: str, as_of: date | str | None, period_days: int,
    columns: Mapping[str, str | None] | None, drop_copies: bool, ignore_zero: bool,
    target: SparkTarget | None, features_out: str | None = None,
) -> OrderFeatures:  # fmt: skip
    """:func:`aggregate_orders` of a CSV/Parquet path or URI on Spark (read by Spark itself)."""
    location, fmt = spark_location(source), _spark_format(source)
    cols = detect_order_columns(spark_columns(location, fmt, target), columns)
    args = (cols.customer, cols.date, cols.amount, cols.profit, cols.order_id)
    rules = LineRules(bool(drop_copies), bool(ignore_zero))
    result = spark_engine((location, fmt), args, _as_of(as_of), period_days, label, rules, target,
                          features_out)  # fmt: skip
    report = _report(result, label, "spark", period_days, rules, {})
    features = finish_features(result.raw, result.as_of, cols.profit)
    if cols.name is not None and features_out is None:
        roles = (cols.customer, cols.date, cols.name)
        found = spark_names(location, fmt, roles, result.as_of, target)
        features, conflicts = attach_names(features, found)
        report = replace(report, name_conflicts=conflicts)
    return OrderFeatures(features, report, cols)


def _file_columns(path: Path, fmt: str | None) -> list[str]:
    return file_columns(path, fmt or "csv")


def _report(
    result: EngineResult, label: str, engine: str, period_days: int, rules: LineRules,
    removed: Mapping[str, tuple[int, ...]],
) -> OrdersReport:  # fmt: skip
    """The report of one run; rows ingest removed (``removed``) join their category."""
    issues = []
    for c, n, a, rows in result.issues:
        extra = removed.get(c, ())
        shown = tuple(sorted((*rows, *extra))[:EXAMPLES])
        if n + len(extra):
            issues.append(Issue(c, int(n) + len(extra), float(a), tuple(int(r) for r in shown)))
    lines = result.lines + sum(map(len, removed.values()))
    return OrdersReport(
        label, engine, result.as_of, period_days, lines, result.purchase_lines,
        result.customers, tuple(issues), result.no_purchase, result.ignored, rules,
    )  # fmt: skip
