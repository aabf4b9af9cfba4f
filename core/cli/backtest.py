"""Command line: ``backtest`` — how well rankings at a past cutoff predicted the holdout.

::

    backtest ORDERS --cutoff DATE [--holdout-days N] [--scenario FILE.json …] [--preset NAME …]
             [--value revenue|profit] [--discount-rate R] [--customer-col C …] [--engine …]
             [--drop-copies] [--ignore-zero] [--suggest-weights] [--suggested-out FILE.json]
             [--json]
        one row per scenario: Spearman rho, top-tier share of the realised value, precision
        and recall of the top 20 % (core.review.backtest); --json adds the gain curves.
        The realised value is the holdout's revenue (default) or profit (needs a profit
        column; without one: exit 2). --suggest-weights adds weights for the first scenario's
        factors fitted on the holdout after --cutoff and checked on the holdout after that
        (core.review.backtest_weights; a log too short for both exits 2); --suggested-out
        writes them as a scenario file

The holdout defaults to 365 days; a window running past the log's last order is cut short at
it (a ``warning:`` line says so). A cutoff before the log's first order or with no order
after it exits 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from core.cli.common import EXIT_OK, err, load_scenario, positive_int, print_json
from core.cli.orders import _columns, _common_log, _line_rules, _notes, _source
from core.cli.terminal import format_table
from core.method.presets import PRESET_NAMES

DEFAULT_HOLDOUT = 365
REVENUE, VALUES = "revenue", ("revenue", "profit")  # core.review.backtest.VALUES, kept light


def add_backtest_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backtest",
        help="rank at a past cutoff and measure the rankings against the following period",
        description="Rank the customers of an order log at --cutoff with each scenario and "
        "compare the rankings with the revenue each customer brought in the holdout window.",
    )
    _common_log(parser)
    parser.add_argument("--cutoff", required=True, metavar="DATE", help="YYYY-MM-DD")
    parser.add_argument(
        "--holdout-days",
        type=positive_int,
        default=DEFAULT_HOLDOUT,
        metavar="N",
        help=f"days after the cutoff to measure (default {DEFAULT_HOLDOUT})",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="FILE.json",
        help="a scenario to compare (repeatable; default: equal weights over the features)",
    )
    parser.add_argument(
        "--preset", action="append", default=[], choices=PRESET_NAMES, help="a weight preset"
    )
    parser.add_argument(
        "--value",
        choices=VALUES,
        default=REVENUE,
        help="the realised value to measure against: revenue (default) or profit "
        "(needs a profit column)",
    )
    parser.add_argument(
        "--suggest-weights",
        action="store_true",
        help="also suggest weights fitted on the holdout after the cutoff (calibration) and "
        "checked on the next holdout (validation); beware of overfitting",
    )
    parser.add_argument(
        "--suggested-out",
        metavar="FILE.json",
        help="write the suggested weights as a scenario file (implies --suggest-weights)",
    )
    parser.add_argument(
        "--discount-rate",
        type=float,
        default=0.0,
        metavar="R",
        help="annual discount rate of the predicted CLV (default 0)",
    )


def _scenarios(paths: list[str]) -> dict:
    scenarios = {}
    for path in paths:
        name, n = Path(path).stem, 2
        while name in scenarios:
            name, n = f"{Path(path).stem}-{n}", n + 1
        scenarios[name] = load_scenario(path)
    return scenarios


def _curve(curves, scenario: str) -> list[list[float]]:
    """[[customer share, revenue share], …] of one scenario (empty when not applicable)."""
    mine = curves[curves["scenario"] == scenario]
    return mine[["customer_share", "revenue_share"]].to_numpy().tolist()


def _fmt(value: float) -> str:
    return "-" if value != value else f"{value:.3f}"


def _suggestion(args: argparse.Namespace, scenarios: dict, options: dict):
    """The weight suggestion for the first scenario (None without --suggest-weights)."""
    if not (args.suggest_weights or args.suggested_out):
        return None
    from core.review.backtest_weights import suggest_weights

    first = next(iter(scenarios.values()), None)
    suggestion = suggest_weights(
        _source(args.orders), args.cutoff, holdout_days=args.holdout_days, scenario=first,
        value=args.value, annual_discount=args.discount_rate, **options,
    )  # fmt: skip
    if args.suggested_out:
        Path(args.suggested_out).write_text(suggestion.suggested.to_json(), encoding="utf-8")
    for warning in suggestion.warnings:
        err(f"warning: {warning}")
    err(f"warning: {suggestion.warning}")
    return suggestion


def _suggestion_json(suggestion) -> dict:
    weights = suggestion.weights()
    return {
        "calibration_cutoff": suggestion.calibration_cutoff.isoformat(),
        "validation_cutoff": suggestion.validation_cutoff.isoformat(),
        "validation_end": suggestion.validation_end.isoformat(),
        "value": suggestion.value,
        "weights": [
            {"factor": r.factor, "current": r.current, "suggested": r.suggested}
            for r in weights.itertuples()
        ],
        "calibration_rho": dict(zip(("current", "suggested"), suggestion.calibration_rho,
                                    strict=True)),
        "validation_rho": dict(zip(("current", "suggested"), suggestion.validation_rho,
                                   strict=True)),
        "warning": str(suggestion.warning),
    }  # fmt: skip


def _print_suggestion(suggestion) -> None:
    rows = [(r.factor, f"{r.current:.1f}", f"{r.suggested:.1f}")
            for r in suggestion.weights().itertuples()]  # fmt: skip
    print()
    print(format_table(rows, ["factor", "current %", "suggested %"], right=[False, True, True]))
    print(suggestion.summary())


def run_backtest(args: argparse.Namespace) -> int:
    from core.review.backtest import backtest, scenario_label

    scenarios = _scenarios(args.scenario)
    options = {"columns": _columns(args), "engine": args.engine, **_line_rules(args)}
    result = backtest(
        _source(args.orders), args.cutoff, holdout_days=args.holdout_days,
        scenarios=scenarios or None, presets=args.preset, annual_discount=args.discount_rate,
        value=args.value, **options,
    )  # fmt: skip
    _notes(result.reports[0])
    err(f"note: {result.summary()}")
    for warning in result.warnings:
        err(f"warning: {warning}")
    suggestion = _suggestion(args, scenarios, options)
    table = result.table()
    if args.json:
        curves = result.gain_curves()
        extra = {} if suggestion is None else {"suggestion": _suggestion_json(suggestion)}
        print_json(
            {
                "cutoff": result.cutoff.isoformat(),
                "holdout_days": result.holdout_days,
                "window_end": result.window_end.isoformat(),
                "window_days": result.window_days,
                "customers": result.customers,
                "value": result.value,
                "realised_total": result.realised_total,
                "new_customers": result.new_customers,
                "new_total": result.new_total,
                "warnings": [str(w) for w in result.warnings],
                "scenarios": [
                    {
                        "scenario": r.scenario,
                        "label": str(scenario_label(r.scenario)),
                        "rho": r.rho,
                        "top_tier_share": r.top_tier_share,
                        "precision_top20": r.precision_top20,
                        "recall_top20": r.recall_top20,
                        "ranked": r.ranked,
                        "not_applicable": None if r.note is None else str(r.note),
                        "gain": _curve(curves, r.scenario),
                    }
                    for r in table.itertuples()
                ],
                **extra,
            }
        )
        return EXIT_OK
    rows = [
        (r.scenario, _fmt(r.rho), _fmt(r.top_tier_share), _fmt(r.precision_top20),
         _fmt(r.recall_top20), "") if r.note is None
        else (r.scenario, "-", "-", "-", "-", f"not applicable: {r.note}")
        for r in table.itertuples()
    ]  # fmt: skip
    headers = [
        "scenario",
        "rho",
        f"top-tier {result.value} share",
        "precision@20%",
        "recall@20%",
        "note",
    ]
    print(format_table(rows, headers, right=[False, True, True, True, True]))
    if suggestion is not None:
        _print_suggestion(suggestion)
    return EXIT_OK
