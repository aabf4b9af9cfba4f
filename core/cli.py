"""Command line: ``python -m core <command> …``.

Commands (one ``add_<name>_parser`` and one ``run_<name>`` each, joined in :data:`COMMANDS`)::

    validate INPUT [--sheet NAME]
        the ingest and mapping report; exit 0 when the file can be ranked, 2 when not
    score INPUT [--scenario FILE.json] [--out FILE.csv|.xlsx|.parquet] [--top N] [--sheet NAME]
        rank the customers (detected mapping and equal weights unless --scenario is given)
    weights ahp MATRIX.csv | weights entropy|critic INPUT [--scenario F]   [--json]
        factor weights from a pairwise matrix (AHP, with CR) or from the data
    compare INPUT --scenario A.json --scenario B.json [--top N] [--json]
        rank correlation, top-N overlap and tier migration between two scenarios
    rfm ORDERS [--as-of DATE] [--customer-col C --date-col D --amount-col A] [--out FILE]
        per-customer RFM scores, segments, frequency classes and the CLV-ready summary
    review ORDERS --period-days N [--as-of DATE] [--scenario F] [--out FILE]
        rank the last two periods: movers, migration and early warnings
    room create|submit|summary|export …
        live workshop rooms (participants submit weights; consensus and Kendall's W)
    report INPUT --scenario F [--lang zh|en] [--anonymize] --out report.html
        a self-contained client report

Exit codes: 0 done, 2 bad input (one ``error: …`` line on stderr) or bad usage (argparse).
Results go to stdout, the summary, warnings and excluded rows to stderr, so
``python -m core score x.csv > top.txt`` keeps only the table.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from core import scenario_io
from core.cli_args import add_input
from core.cli_orders import add_review_parser, add_rfm_parser, run_review, run_rfm
from core.cli_report import add_report_parser, run_report
from core.cli_rooms import add_room_parser, run_room
from core.cli_rules import allocation_lines, with_rule_columns
from core.cli_weights import add_compare_parser, add_weights_parser, run_compare, run_weights
from core.errors import InputError
from core.export import FORMATS, output_format, to_csv_bytes, write_table
from core.i18n import msg
from core.ingest import IngestResult, read_table
from core.mapping import default_scenario, detect_mapping
from core.ranking import Ranking, rank_customers
from core.report_text import excluded_lines, ranking_table, tier_counts, validate_report
from core.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd

EXIT_OK = 0
EXIT_INPUT = 2  # the same code argparse uses for usage errors
DEFAULT_TOP = 20
EXCLUDED_SHOWN = 50  # excluded rows listed on stderr; all of them go to the .excluded.csv


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(msg("cli.not_whole_number", text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(msg("cli.must_be_1_or_more", value=value))
    return value


def add_validate_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a customer table: types, roles, conversions, warnings, excluded rows",
        description="Print the ingest and mapping report. Exit 0 if the file can be ranked.",
    )
    add_input(parser)


def add_score_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "score",
        help="rank the customers and write or print the ranking",
        description="Rank customers. Without --scenario: detected factors, equal weights.",
    )
    add_input(parser)
    parser.add_argument("--scenario", metavar="FILE.json", help="scenario JSON (weights …)")
    parser.add_argument(
        "--out",
        metavar="FILE",
        help=f"write the full ranking ({', '.join(FORMATS)}); CSV is UTF-8 with BOM",
    )
    parser.add_argument(
        "--top",
        type=_positive_int,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"customers shown when printing (default {DEFAULT_TOP})",
    )


def _read(args: argparse.Namespace) -> IngestResult:
    return read_table(Path(args.input), sheet=args.sheet)


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def run_validate(args: argparse.Namespace) -> int:
    ingest = _read(args)
    mapping = ranking = problem = None
    try:
        mapping = detect_mapping(ingest.frame)
        ranking = rank_customers(ingest.frame, default_scenario(mapping))
    except InputError as exc:
        problem = exc  # the report is still useful: print it, then the error
    print(validate_report(ingest, mapping, ranking))
    if problem is not None:
        raise problem
    return EXIT_OK


def load_scenario(
    path: str | Path, columns: Iterable[str] | pd.DataFrame | None = None
) -> Scenario:
    """Read a ``--scenario`` JSON file through the one scenario loader
    (:func:`core.scenario_io.load_scenario`) and, given the data's ``columns`` (or the table),
    check it fits them. The loader's warnings go to stderr as ``warning: …`` lines.

    Every problem raises ScenarioError naming the file.
    """
    loaded = scenario_io.load_scenario(Path(path), columns)
    for warning in loaded.warnings:
        _err(f"warning: {warning}")
    return loaded.scenario


def _write(ranking: Ranking, out: str, table: pd.DataFrame) -> tuple[Path, Path | None]:
    path = Path(out)
    excluded_path = path.with_name(f"{path.stem}.excluded.csv")
    try:
        write_table(table, path)
        if ranking.excluded.empty:
            return path, None
        excluded_path.write_bytes(to_csv_bytes(ranking.excluded))
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
    _err(
        f"ranked: {ranked} customer{'s' * (ranked != 1)}, excluded: {len(ranking.excluded)}, "
        f"warnings: {len(warnings)}, as of: {as_of}"
    )
    if len(ingest.sheets) > 1 and not chosen_sheet:
        _err(f"sheet: {ingest.sheet} (of: {', '.join(ingest.sheets)}; choose with --sheet NAME)")
    _err(f"tiers: {tier_counts(ranking)}")
    for line in lines:
        _err(line)
    for warning in warnings:
        _err(f"warning: {warning}")
    if not ranking.excluded.empty:
        for line in excluded_lines(ranking.excluded, EXCLUDED_SHOWN, prefix="  "):
            _err(line)
    path, excluded_path = written
    if path is not None:
        beside = f"; excluded rows: {excluded_path}" if excluded_path else ""
        _err(f"wrote: {path}{beside}")


def run_score(args: argparse.Namespace) -> int:
    if args.out:
        output_format(args.out)  # fail before the work, not after it
    ingest = _read(args)
    mapping = detect_mapping(ingest.frame)
    if args.scenario:
        scenario = load_scenario(args.scenario, ingest.frame.columns)
    else:
        scenario = default_scenario(mapping)
    ranking = rank_customers(ingest.frame, scenario)
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


Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Callable[[argparse._SubParsersAction], None], Handler]] = {
    "validate": (add_validate_parser, run_validate),
    "score": (add_score_parser, run_score),
    "weights": (add_weights_parser, run_weights),
    "compare": (add_compare_parser, run_compare),
    "rfm": (add_rfm_parser, run_rfm),
    "review": (add_review_parser, run_review),
    "room": (add_room_parser, run_room),
    "report": (add_report_parser, run_report),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m core",
        description="Rank a company's customers by importance (客户重要性排序).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_parser, _ in COMMANDS.values():
        add_parser(subparsers)
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _os_error(exc: OSError) -> str:
    if exc.filename:
        return msg("cli.os_error_path", path=str(exc.filename), detail=exc.strerror or exc)
    return msg("cli.os_error", detail=exc.strerror or exc)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit-time flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (tests capture stdout): nothing to flush


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (argparse usage errors return 2 too)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # A terminal that cannot show Chinese gets escapes rather than a crash.
            stream.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        return COMMANDS[args.command][1](args)
    except InputError as exc:
        _err(f"error: {_one_line(exc)}")
    except BrokenPipeError:
        _silence_stdout()  # the reader (head, less) stopped early: not an error of the input
        return EXIT_OK
    except OSError as exc:
        _err(f"error: {_one_line(_os_error(exc))}")
    return EXIT_INPUT
