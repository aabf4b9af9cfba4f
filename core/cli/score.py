"""``python -m core score INPUT [--scenario F] [--duplicates P] [--out FILE] [--top N]``: rank
the customers and write or print the ranking; the summary, warnings and excluded rows go to
stderr. ``--duplicates first|sum|refuse`` overrides the scenario's policy for repeated IDs."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from core.cli.common import (
    DEFAULT_TOP,
    EXIT_OK,
    add_duplicates,
    add_input,
    err,
    load_scenario,
    positive_int,
    read_input,
    with_duplicates,
)
from core.cli.rules import allocation_lines, with_rule_columns
from core.cli.terminal import excluded_lines, ranking_table, tier_counts
from core.errors import InputError
from core.i18n import msg
from core.ingest.read import IngestResult
from core.mapping.columns import detect_mapping
from core.method.explain import drivers_table
from core.method.ranking import Ranking, rank_customers
from core.method.scenario_mapping import default_scenario
from core.report.export import FORMATS, output_format, write_csv, write_table

EXCLUDED_SHOWN = 50  # excluded rows listed on stderr; all of them go to the .excluded.csv


def add_score_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "score",
        help="rank the customers and write or print the ranking",
        description="Rank customers. Without --scenario: detected factors, equal weights.",
    )
    add_input(parser)
    parser.add_argument("--scenario", metavar="FILE.json", help="scenario JSON (weights …)")
    add_duplicates(parser)
    parser.add_argument(
        "--out",
        metavar="FILE",
        help=f"write the full ranking ({', '.join(FORMATS)}); CSV is UTF-8 with BOM",
    )
    parser.add_argument(
        "--top",
        type=positive_int,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"customers shown when printing (default {DEFAULT_TOP})",
    )


def _write(ranking: Ranking, out: str, table: pd.DataFrame) -> tuple[Path, Path | None]:
    path = Path(out)
    excluded_path = path.with_name(f"{path.stem}.excluded.csv")
    try:
        write_table(
            table, path, {"drivers": drivers_table(ranking.table, ranking.scenario.columns)}
        )
        if ranking.excluded.empty:
            return path, None
        write_csv(ranking.excluded, excluded_path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(
            msg("cli.cannot_write_ranking", path=str(exc.filename or path), detail=reason)
        ) from None
    return path, excluded_path


def _summary(
    ingest: IngestResult,
    ranking: Ranking,
    written: tuple[Path | None, Path | None],
    chosen_sheet: str | None,
    notes: Sequence[str] = (),
    lines: Sequence[str] = (),
) -> None:
    warnings = [*ingest.warnings, *ranking.warnings, *notes]
    as_of = ranking.as_of.isoformat() if ranking.as_of else "-"
    ranked = len(ranking.table)
    err(
        f"ranked: {ranked} customer{'s' * (ranked != 1)}, excluded: {len(ranking.excluded)}, "
        f"warnings: {len(warnings)}, as of: {as_of}"
    )
    if len(ingest.sheets) > 1 and not chosen_sheet:
        err(f"sheet: {ingest.sheet} (of: {', '.join(ingest.sheets)}; choose with --sheet NAME)")
    for note in ingest.notes:
        err(f"note: {note}")
    err(f"tiers: {tier_counts(ranking)}")
    for line in lines:
        err(line)
    for warning in warnings:
        err(f"warning: {warning}")
    if not ranking.excluded.empty:
        for line in excluded_lines(ranking.excluded, EXCLUDED_SHOWN, prefix="  "):
            err(line)
    path, excluded_path = written
    if path is not None:
        beside = f"; excluded rows: {excluded_path}" if excluded_path else ""
        err(f"wrote: {path}{beside}")


def run_score(args: argparse.Namespace) -> int:
    if args.out:
        output_format(args.out)  # fail before the work, not after it
    ingest = read_input(args)
    mapping = detect_mapping(ingest.frame)
    if args.scenario:
        scenario = load_scenario(args.scenario, ingest.frame.columns)
    else:
        scenario = default_scenario(mapping)
    scenario = with_duplicates(scenario, args)
    ranking = rank_customers(ingest.frame, scenario, excluded=ingest.excluded)
    # The scenario's key-account rules and allocation policy add columns at the end.
    table, allocation, notes = with_rule_columns(ranking, mapping)
    lines = allocation_lines(allocation) if allocation is not None else []
    written: tuple[Path | None, Path | None] = (None, None)
    if args.out:
        written = _write(ranking, args.out, table)
    else:
        print(ranking_table(ranking, args.top))
    _summary(ingest, ranking, written, args.sheet, notes, lines)
    return EXIT_OK
