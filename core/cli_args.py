"""Command-line options several ``python -m core`` commands share (one definition each)."""

from __future__ import annotations

import argparse


def add_input(parser: argparse.ArgumentParser) -> None:
    """The customer table argument and the workbook sheet option."""
    parser.add_argument("input", metavar="INPUT", help="customer table: CSV, XLSX or Parquet")
    parser.add_argument("--sheet", metavar="NAME", help="sheet to read from a workbook")


def add_json(parser: argparse.ArgumentParser) -> None:
    """``--json``: the command's result as one JSON object on stdout."""
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
