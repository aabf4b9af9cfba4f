"""Command line: ``report`` — the client report as one self-contained HTML file.

::

    report INPUT [--scenario FILE.json] [--duplicates first|sum|refuse] [--lang zh|en]
           [--anonymize] [--top N] [--sheet NAME] [--header-row N] [--charts DIR]
           --out REPORT.html
        rank the customers (the scenario, or the detected factors with equal weights) and
        write the report; revenue and profit columns found in the data feed the tier summary;
        --charts also writes the report's charts as PNG files into DIR (created if missing);
        the summary and every warning go to stderr

The language defaults to the data's (Chinese headers → zh); default tier labels follow it.
The scenario's allocation policy (with a budget) adds a resource-allocation section. Exit 2
with one ``error:`` line for bad input, as every command.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from core.cli.common import (
    EXIT_OK,
    add_duplicates,
    add_input,
    err,
    load_scenario,
    positive_int,
    read_input,
    with_duplicates,
)
from core.errors import InputError
from core.i18n import msg
from core.mapping.columns import data_language, detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario_mapping import default_scenario
from core.report.figures import font_note
from core.report.html import DEFAULT_TOP, LANGS, build_report
from core.report.images import chart_pngs, write_charts

SUFFIXES = (".html", ".htm")


def add_report_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a client report (one HTML file: scenario, top customers, groups, charts)",
        description="Rank the customers and write a self-contained HTML report.",
    )
    add_input(parser)
    parser.add_argument("--scenario", metavar="FILE.json", help="scenario JSON (weights …)")
    add_duplicates(parser)
    parser.add_argument("--lang", choices=LANGS, help="report language (default: the data's)")
    parser.add_argument(
        "--anonymize", action="store_true", help="show customers as 客户 A / Customer A"
    )
    parser.add_argument(
        "--top",
        type=positive_int,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"customers listed (default {DEFAULT_TOP})",
    )
    parser.add_argument(
        "--charts",
        metavar="DIR",
        help="also write the charts as PNG files into DIR (created if missing)",
    )
    parser.add_argument("--out", metavar="REPORT.html", required=True, help="the report file")


def run_report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError(msg("cli.report_not_html", path=args.out))
    ingest = read_input(args)
    mapping = detect_mapping(ingest.frame)
    if args.scenario:
        scenario = load_scenario(args.scenario, ingest.frame.columns)
    else:
        scenario = default_scenario(mapping)
    lang = args.lang or data_language(mapping)
    # Default tier labels in the report's language (typed labels stay as typed).
    scenario = replace(with_duplicates(scenario, args), tiers=scenario.tiers.relabelled(lang))
    ranking = rank_customers(ingest.frame, scenario, excluded=ingest.excluded)
    money = {r.factor_key: r.column for r in reversed(mapping.factors)}
    # Drawn before anything is written: without vl-convert no file is left half done.
    pngs = chart_pngs(ranking, lang, args.anonymize) if args.charts else {}
    html = build_report(
        ranking,
        Path(args.input).name,
        lang=lang,
        anonymize=args.anonymize,
        top=args.top,
        revenue=money.get("monetary"),
        profit=money.get("profit"),
        warnings=ingest.warnings,
    )
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            msg("cli.cannot_write_report", path=str(out), detail=exc.strerror or exc)
        ) from None
    written = write_charts(pngs, Path(args.charts)) if args.charts else []
    if written and font_note(lang):
        err(f"warning: {msg('cli.no_chinese_font')}")
    ranked, warnings = len(ranking.table), [*ingest.warnings, *ranking.warnings]
    print(
        f"ranked: {ranked} customer{'s' * (ranked != 1)}, excluded: {len(ranking.excluded)}, "
        f"warnings: {len(warnings)}",
        file=sys.stderr,
    )
    for warning in warnings:
        err(f"warning: {warning}")
    for path in (out, *written):
        print(f"wrote: {path}", file=sys.stderr)
    return EXIT_OK
