"""What the ``python -m core`` commands share, defined once: exit codes, the shared options
(INPUT, --sheet and --header-row, --json, --duplicates, whole-number arguments), reading the
input table,
stderr lines, the ``--scenario`` file (through the one scenario loader) and the JSON every
command writes (:func:`json_text`: never NaN or Infinity).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from core.i18n import msg
from core.method.duplicates import DUPLICATE_POLICIES

if TYPE_CHECKING:
    import pandas as pd

    from core.ingest.read import IngestResult
    from core.method.scenario import Scenario

EXIT_OK = 0
EXIT_INPUT = 2  # the same code argparse uses for usage errors
DEFAULT_TOP = 20


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(msg("cli.not_whole_number", text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(msg("cli.must_be_1_or_more", value=value))
    return value


def add_input(parser: argparse.ArgumentParser) -> None:
    """The customer table argument, the workbook sheet and the header row options."""
    parser.add_argument("input", metavar="INPUT", help="customer table: CSV, XLSX or Parquet")
    parser.add_argument("--sheet", metavar="NAME", help="sheet to read from a workbook")
    parser.add_argument(
        "--header-row",
        metavar="N",
        type=positive_int,
        help="the header's row number as Excel or a text editor shows it (default: found)",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    """``--json``: the command's result as one JSON object on stdout."""
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")


def add_duplicates(parser: argparse.ArgumentParser) -> None:
    """``--duplicates first|sum|refuse``: the policy for repeated customer IDs."""
    parser.add_argument(
        "--duplicates",
        choices=DUPLICATE_POLICIES,
        help="repeated customer IDs: first = keep each ID's first row, sum = merge its rows "
        "into one, refuse = stop with an error (default: the scenario's duplicate_ids, else "
        "first)",
    )


def with_duplicates(scenario: Scenario, args: argparse.Namespace) -> Scenario:
    """``scenario`` with ``--duplicates``, when given, as its policy for repeated IDs."""
    if getattr(args, "duplicates", None) is None:
        return scenario
    return replace(scenario, duplicate_ids=args.duplicates)


def read_input(args: argparse.Namespace) -> IngestResult:
    """The INPUT table, read with --sheet and --header-row (row-number IDs when it has no
    ID column, core.mapping.row_ids)."""
    from core.ingest.read import read_table  # imported by the commands that read a table
    from core.mapping.row_ids import with_row_ids

    return with_row_ids(read_table(Path(args.input), sheet=args.sheet, header_row=args.header_row))


def json_text(data: object, indent: int | None = None) -> str:
    """``data`` as JSON text, the one way the commands write JSON: NumPy scalars become plain
    values and a float that is not finite becomes null (JSON has no NaN or Infinity)."""
    return json.dumps(_plain(data), ensure_ascii=False, allow_nan=False, indent=indent)


def print_json(data: object) -> None:
    """``--json``: ``data`` as one line of JSON on stdout (see :func:`json_text`)."""
    print(json_text(data))


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()  # a NumPy scalar
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def err(line: str) -> None:
    print(line, file=sys.stderr)


def load_scenario(
    path: str | Path, columns: Iterable[str] | pd.DataFrame | None = None
) -> Scenario:
    """Read a ``--scenario`` JSON file through the one scenario loader
    (:func:`core.method.scenario_io.load_scenario`) and, given the data's ``columns`` (or the
    table), check it fits them. The loader's warnings go to stderr as ``warning: …`` lines.

    Every problem raises ScenarioError naming the file.
    """
    from core.method import scenario_io  # imported by the commands that take a scenario

    loaded = scenario_io.load_scenario(Path(path), columns)
    for warning in loaded.warnings:
        err(f"warning: {warning}")
    return loaded.scenario
