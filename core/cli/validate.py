"""``python -m core validate INPUT [--duplicates P]``: the ingest and mapping report; exit 0
when the file can be ranked (under ``--duplicates``, the policy for repeated IDs), 2 when not."""

from __future__ import annotations

import argparse

from core.cli.common import EXIT_OK, add_duplicates, add_input, read_input, with_duplicates
from core.cli.terminal import validate_report
from core.errors import InputError
from core.mapping.columns import detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario_mapping import default_scenario


def add_validate_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a customer table: types, roles, conversions, warnings, excluded rows",
        description="Print the ingest and mapping report. Exit 0 if the file can be ranked.",
    )
    add_input(parser)
    add_duplicates(parser)


def run_validate(args: argparse.Namespace) -> int:
    ingest = read_input(args)
    mapping = ranking = problem = None
    try:
        mapping = detect_mapping(ingest.frame)
        scenario = with_duplicates(default_scenario(mapping), args)
        ranking = rank_customers(ingest.frame, scenario, excluded=ingest.excluded)
    except InputError as exc:
        problem = exc  # the report is still useful: print it, then the error
    print(validate_report(ingest, mapping, ranking))
    if problem is not None:
        raise problem
    return EXIT_OK
