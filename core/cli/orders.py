"""Command line: ``rfm`` and ``review`` on an order log.

::

    rfm ORDERS [--as-of DATE] [--period-days N] [--customer-col C --date-col D --amount-col A]
               [--profit-col P --order-col O --name-col N] [--engine auto|pandas|duckdb|spark]
               [--spark-master URL | --spark-remote sc://HOST:PORT] [--spark-conf KEY=VALUE …]
               [--drop-copies] [--ignore-zero] [--out FILE | --features-out URI] [--json]
               [--predict-days N [--discount-rate R]]
        one row per customer: features (customer_name with a name column), R/F/M scores,
        cell, segment, frequency class and the lifetimes-style CLV columns; without --out the
        segment overview is printed; --predict-days adds BG/NBD and Gamma-Gamma predictions
        (core.orders.predict) and a note with the fitted parameters
    review ORDERS --period-days N [--as-of DATE] [--scenario FILE.json] [--engine …]
                  [--drop-copies] [--ignore-zero] [--out FILE.csv|.xlsx] [--json]
        rank the last two periods; movers, tier migration, warnings and KPIs (XLSX: sheets
        movers/warnings/migration/kpis; CSV: movers, and warnings in <stem>.warnings.csv)

The order report (identical lines kept or dropped, returns, zero lines, excluded lines) goes to
stderr as ``note:`` lines. ``--drop-copies`` drops identical lines of a log without an order-ID
column (kept and counted by default, as lifetimes counts them); ``--ignore-zero`` ignores
zero-amount lines (by default orders of 0). docs/rfm.md §2 has the rules.

``--engine spark`` runs the aggregation on Spark (pyspark from ``requirements-spark.txt``):
ORDERS may then be a URI the cluster reads (``s3a://…``, ``hdfs://…``) or a folder;
``--spark-master`` (``spark://host:7077``, ``yarn``, ``local[*]``, the default) or
``--spark-remote`` / ``SPARK_REMOTE`` (Spark Connect) say where, ``--spark-conf`` adds settings;
``--features-out URI`` has the cluster write the per-customer features as Parquet (for very many
customers: nothing comes back, nothing is scored).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from core.cli.common import EXIT_OK, add_json, err, load_scenario, positive_int, print_json
from core.cli.terminal import format_table
from core.errors import InputError
from core.i18n import msg
from core.orders.log import DEFAULT_PERIOD_DAYS, ENGINES, OrdersReport, aggregate_orders
from core.orders.rfm import rfm_table, segment_overview
from core.orders.spark_session import SparkTarget, parse_conf

if TYPE_CHECKING:
    from core.orders.predict import Forecast
    from core.review.periods import Review

FIRST_COLUMNS = (
    "customer_id", "customer_name", "orders", "recency_days", "monetary_total", "monetary_mean",
    "tenure_days", "r_score", "f_score", "m_score", "rfm_cell", "segment", "segment_zh",
    "frequency_class", "clv_frequency", "clv_recency", "clv_T", "clv_monetary_value",
)  # fmt: skip
ROLE_OPTIONS = ("customer", "date", "amount", "profit", "order", "name")


def _common(parser: argparse.ArgumentParser, period_required: bool) -> None:
    _common_log(parser)
    parser.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD (default: latest date)")
    parser.add_argument(
        "--period-days",
        type=positive_int,
        required=period_required,
        default=DEFAULT_PERIOD_DAYS,
        metavar="N",
        help=f"period length in days (default {DEFAULT_PERIOD_DAYS})",
    )


def _common_log(parser: argparse.ArgumentParser) -> None:
    """ORDERS, its column options, the engine and line rules, --json (rfm, review, backtest)."""
    parser.add_argument("orders", metavar="ORDERS", help="order log: CSV, XLSX or Parquet")
    for role in ROLE_OPTIONS:
        parser.add_argument(f"--{role}-col", metavar="COLUMN", help=f"the {role} column")
    parser.add_argument("--engine", choices=ENGINES, default="auto", help="aggregation engine")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--spark-master", metavar="URL", help="Spark master: spark://host:7077, yarn, local[*]"
    )
    where.add_argument(
        "--spark-remote", metavar="URL", help="Spark Connect server: sc://host:15002"
    )
    parser.add_argument(
        "--spark-conf",
        action="append",
        metavar="KEY=VALUE",
        help="a Spark setting, e.g. spark.executor.memory=4g (repeatable)",
    )
    parser.add_argument(
        "--drop-copies",
        action="store_true",
        help="drop identical lines even without an order-ID column (default: kept, reported)",
    )
    parser.add_argument(
        "--ignore-zero",
        action="store_true",
        help="ignore zero-amount lines (default: an order of 0, as lifetimes counts it)",
    )
    add_json(parser)


def add_rfm_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rfm",
        help="RFM scores, segments and CLV inputs per customer from an order log",
        description="Aggregate an order log per customer and score R, F and M 1–5.",
    )
    _common(parser, period_required=False)
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--out", metavar="FILE", help="write one row per customer (.csv .xlsx …)")
    out.add_argument(
        "--features-out",
        metavar="URI",
        help="Spark: the cluster writes the per-customer features there as Parquet (no scores)",
    )
    parser.add_argument(
        "--predict-days",
        type=positive_int,
        metavar="N",
        help="fit BG/NBD and Gamma-Gamma; add p_alive, expected_purchases_<N>d, "
        "expected_purchase_value, predicted_clv and expected_buyer for the next N days",
    )
    parser.add_argument(
        "--discount-rate",
        type=float,
        default=0.0,
        metavar="R",
        help="annual discount rate of predicted_clv, e.g. 0.1 (default 0)",
    )


def add_review_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="compare the last two periods of an order log: movers, migration, warnings",
        description="Rank the last two periods of N days and list movers and early warnings.",
    )
    _common(parser, period_required=True)
    parser.add_argument("--scenario", metavar="FILE.json", help="scenario JSON for both periods")
    parser.add_argument("--out", metavar="FILE", help="write movers and warnings (.csv or .xlsx)")


def _line_rules(args: argparse.Namespace) -> dict[str, object]:
    """The line rules and, for the Spark engine, where it runs."""
    spark = None
    if args.engine == "spark":
        spark = SparkTarget(args.spark_master, args.spark_remote, parse_conf(args.spark_conf))
    elif args.spark_master or args.spark_remote or args.spark_conf:
        raise InputError(msg("cli.spark_options_need_spark"))
    return {"drop_copies": args.drop_copies, "ignore_zero": args.ignore_zero, "spark": spark}


def _source(orders: str) -> str | Path:
    """ORDERS: a URI (for Spark) as it is, else a path."""
    return orders if "://" in orders else Path(orders)


def _columns(args: argparse.Namespace) -> dict[str, str | None]:
    names = {"order": "order_id"}
    return {names.get(r, r): getattr(args, f"{r}_col") for r in ROLE_OPTIONS}


def _notes(report: OrdersReport) -> None:
    err(
        f"orders: {report.lines} line(s), {report.purchase_lines} purchase(s), "
        f"{report.customers} customer(s), as of {report.as_of}, engine {report.engine}"
    )
    for line in report.lines_text():
        err(f"note: {line}")


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return frame.to_dict("records")  # plain values and nulls in json_text


def _output_format(path: str) -> str:
    from core.report.export import output_format  # the exports load only when writing

    return output_format(path)


def _write(path: Path, sheets: dict[str, pd.DataFrame], csv_side: str | None = None) -> None:
    from core.report.export import write_csv, write_xlsx

    try:
        if path.suffix.lower() == ".xlsx":
            write_xlsx(path, sheets)
            return
        first = next(iter(sheets.values()))
        if path.suffix.lower() == ".csv":
            write_csv(first, path)
            if csv_side:
                write_csv(sheets[csv_side], path.with_name(f"{path.stem}.{csv_side}.csv"))
        else:
            first.to_parquet(path, index=False)
    except OSError as exc:
        raise InputError(
            msg(
                "cli.cannot_write_orders",
                path=str(exc.filename or path),
                detail=exc.strerror or exc,
            )
        ) from None


def run_rfm(args: argparse.Namespace) -> int:
    if args.out:
        _output_format(args.out)
    result = aggregate_orders(
        _source(args.orders), as_of=args.as_of, period_days=args.period_days,
        columns=_columns(args), engine=args.engine, features_out=args.features_out,
        **_line_rules(args),
    )  # fmt: skip
    if args.features_out:
        _notes(result.report)
        err(f"wrote: {args.features_out} ({result.report.customers} customer(s))")
        return EXIT_OK
    table = rfm_table(result.features)
    first = [c for c in FIRST_COLUMNS if c in table.columns]
    table = table[[*first, *(c for c in table.columns if c not in first)]]
    overview = segment_overview(table)
    fitted = _forecast(result.features, args) if args.predict_days else None
    if fitted is not None:
        table = pd.concat([table, fitted.columns], axis=1)
    _notes(result.report)
    if fitted is not None:
        err(f"note: {_forecast_note(fitted)}")
    if args.out:
        rows = [(i.category, i.lines, i.amount, ", ".join(map(str, i.rows)), i.text)
                for i in result.report.issues]  # fmt: skip
        conflicts = result.report.name_conflicts
        if conflicts and conflicts.count:
            ids = ", ".join(cid for cid, _ in conflicts.examples)
            rows.append(("name_conflict", conflicts.count, math.nan, ids, conflicts.text))
        columns = ["category", "lines", "amount", "example_rows", "text"]
        report = pd.DataFrame(rows, columns=columns)
        _write(Path(args.out), {"rfm": table, "segments": overview, "report": report})
        err(f"wrote: {args.out}")
    elif args.json:
        data = {"as_of": result.report.as_of.isoformat(), "customers": len(table),
                "segments": _records(overview)}  # fmt: skip
        if fitted is not None:
            data["forecast"] = forecast_summary(fitted)
        print_json(data)
    else:
        rows = [(r.segment, r.zh, r.customers, r.orders, f"{r.revenue:,.0f}",
                 f"{100 * r.revenue_share:.1f} %", "-" if r.avg_order_value != r.avg_order_value
                 else f"{r.avg_order_value:,.0f}") for r in overview.itertuples()]  # fmt: skip
        header = ["segment", "名称", "customers", "orders", "revenue", "share", "avg order"]
        print(format_table(rows, header, right=[False, False, True, True, True, True, True]))
    return EXIT_OK


def _forecast(features: pd.DataFrame, args: argparse.Namespace) -> Forecast:
    from core.orders.predict import forecast

    return forecast(features, args.predict_days, args.discount_rate)


def forecast_summary(fitted: Forecast) -> dict[str, object]:
    """The fitted models' parameters and the horizon, for ``--json``."""
    bg, gg = fitted.bg_nbd, fitted.gamma_gamma
    return {
        "horizon_days": fitted.horizon_days, "annual_discount": fitted.annual_discount,
        "bg_nbd": {"r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b,
                   "customers": bg.customers, "repeat_buyers": bg.repeat_buyers},
        "gamma_gamma": {"p": gg.p, "q": gg.q, "v": gg.v, "customers": gg.customers},
        "expected_buyers": int(fitted.columns["expected_buyer"].sum()),
    }  # fmt: skip


def _forecast_note(fitted: Forecast) -> str:
    bg, gg = fitted.bg_nbd, fitted.gamma_gamma
    return msg(
        "cli.forecast_note",
        r=f"{bg.r:.4g}", alpha=f"{bg.alpha:.4g}", a=f"{bg.a:.4g}", b=f"{bg.b:.4g}",
        p=f"{gg.p:.4g}", q=f"{gg.q:.4g}", v=f"{gg.v:.4g}",
        buyers=int(fitted.columns["expected_buyer"].sum()), n=len(fitted.columns),
        days=fitted.horizon_days,
    )  # fmt: skip


def review_warnings(review: Review) -> pd.DataFrame:
    """The warnings as the app exports them, most urgent first (severity, then the customer's
    importance: core.review.priority), reasons in English with the Chinese beside them."""
    from core.review.priority import ranked_warnings, warnings_export

    ranked = ranked_warnings(review)
    table = warnings_export(ranked, "en")
    table.insert(table.columns.get_loc("reason") + 1, "reason_zh", ranked["reason_zh"].to_numpy())
    return table


def _review_sheets(review: Review) -> dict[str, pd.DataFrame]:
    migration = review.migration.reset_index()
    migration.columns = [str(c) for c in migration.columns]
    return {"movers": review.movers, "warnings": review_warnings(review), "migration": migration,
            "kpis": review.kpis}  # fmt: skip


def run_review(args: argparse.Namespace) -> int:
    from core.review.periods import review_orders

    if args.out and _output_format(args.out) == ".parquet":
        raise InputError(msg("cli.review_not_parquet", path=args.out))
    scenario = load_scenario(args.scenario) if args.scenario else None
    review = review_orders(
        _source(args.orders), args.period_days, as_of=args.as_of, scenario=scenario,
        columns=_columns(args), engine=args.engine, **_line_rules(args),
    )  # fmt: skip
    _notes(review.reports[1])
    sheets = _review_sheets(review)
    if args.out:
        _write(Path(args.out), sheets, csv_side="warnings")
        err(f"wrote: {args.out}")
    elif args.json:
        data = {name: _records(frame) for name, frame in sheets.items()}
        data |= {"new_customers": list(review.new_customers),
                 "lost_customers": list(review.lost_customers)}  # fmt: skip
        print_json(data)
    else:
        kpis = [(r.kpi, _fmt(r.period_a), _fmt(r.period_b)) for r in review.kpis.itertuples()]
        print(format_table(kpis, ["kpi", "period A", "period B"], right=[False, True, True]))
        ranked = sheets["warnings"]
        shown = [(r.severity, r.customer_id, r.kind, r.reason) for r in ranked.itertuples()]
        print(f"\nwarnings: {len(shown)} (most urgent first)")
        if shown:
            print(format_table(shown[:30], ["severity", "customer", "warning", "reason"]))
    return EXIT_OK


def _fmt(value: float) -> str:
    if value != value:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.3f}"
