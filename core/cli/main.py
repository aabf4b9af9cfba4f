"""Command line: ``python -m core <command> …``.

Commands (one ``add_<name>_parser`` and one ``run_<name>`` each, joined in :data:`COMMANDS`)::

    validate INPUT [--sheet NAME] [--header-row N] [--duplicates first|sum|refuse]
        the ingest and mapping report; exit 0 when the file can be ranked, 2 when not
    score INPUT [--scenario FILE.json] [--duplicates first|sum|refuse]
          [--out FILE.csv|.xlsx|.parquet] [--top N] [--sheet NAME] [--header-row N]
        rank the customers (detected mapping and equal weights unless --scenario is given);
        --duplicates: keep the first row of a repeated ID, sum its rows, or refuse the file
    weights ahp MATRIX.csv | weights entropy|critic INPUT [--scenario F]   [--json]
        factor weights from a pairwise matrix (AHP, with CR) or from the data
    compare INPUT --scenario A.json --scenario B.json [--top N] [--json]
        rank correlation, top-N overlap and tier migration between two scenarios
    rfm ORDERS [--as-of DATE] [--customer-col C --date-col D --amount-col A] [--out FILE]
        per-customer RFM scores, segments, frequency classes and the CLV-ready summary
    review ORDERS --period-days N [--as-of DATE] [--scenario F] [--out FILE]
        rank the last two periods: movers, migration and early warnings
    backtest ORDERS --cutoff DATE [--holdout-days N] [--scenario F …] [--preset NAME …] [--json]
             [--value revenue|profit] [--suggest-weights] [--suggested-out F]
        rank at a past cutoff; rho, top-tier share, precision and recall of the top 20 %
        against the revenue (or profit) of the following N days, per scenario; optionally
        suggested weights fitted on one holdout and checked on the next
    room create|submit|summary|export …
        live workshop rooms (participants submit weights; consensus and Kendall's W)
    report INPUT --scenario F [--duplicates P] [--lang zh|en] [--anonymize] --out report.html
        a self-contained client report

Exit codes: 0 done, 2 bad input (one ``error: …`` line on stderr) or bad usage (argparse).
Results go to stdout, the summary, warnings and excluded rows to stderr, so
``python -m core score x.csv > top.txt`` keeps only the table.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence

from core.cli.common import EXIT_INPUT, EXIT_OK, err
from core.errors import InputError
from core.i18n import msg

Handler = Callable[[argparse.Namespace], int]
# command → (its module, its parser builder, its handler): a module is imported only when its
# command runs (or for the list of all commands), so ``rfm`` never loads the HTML report.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("core.cli.validate", "add_validate_parser", "run_validate"),
    "score": ("core.cli.score", "add_score_parser", "run_score"),
    "weights": ("core.cli.weights", "add_weights_parser", "run_weights"),
    "compare": ("core.cli.weights", "add_compare_parser", "run_compare"),
    "rfm": ("core.cli.orders", "add_rfm_parser", "run_rfm"),
    "review": ("core.cli.orders", "add_review_parser", "run_review"),
    "backtest": ("core.cli.backtest", "add_backtest_parser", "run_backtest"),
    "room": ("core.cli.rooms", "add_room_parser", "run_room"),
    "report": ("core.cli.report", "add_report_parser", "run_report"),
}


def _command_part(command: str, part: int) -> Callable:
    module, *names = COMMANDS[command]
    return getattr(importlib.import_module(module), names[part])


def build_parser(commands: Iterable[str] = COMMANDS) -> argparse.ArgumentParser:
    """The parser with the subcommands ``commands`` (default: all of them)."""
    parser = argparse.ArgumentParser(
        prog="python -m core",
        description="Rank a company's customers by importance (客户重要性排序).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in commands:
        _command_part(command, 0)(subparsers)
    return parser


def _commands_to_build(argv: Sequence[str]) -> Iterable[str]:
    """Only the named command when the first argument names one, else every command (the
    top-level help and usage errors list them all)."""
    return argv[:1] if argv[:1] and argv[0] in COMMANDS else COMMANDS


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
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = build_parser(_commands_to_build(argv)).parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed by argparse
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        return _command_part(args.command, 1)(args)
    except InputError as exc:
        err(f"error: {_one_line(exc)}")
    except BrokenPipeError:
        _silence_stdout()  # the reader (head, less) stopped early: not an error of the input
        return EXIT_OK
    except OSError as exc:
        err(f"error: {_one_line(_os_error(exc))}")
    return EXIT_INPUT
