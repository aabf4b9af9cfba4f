"""Command line: ``weights`` (AHP, entropy, CRITIC) and ``compare`` (two scenarios).

::

    weights ahp MATRIX.csv [--json]
        AHP weights, λmax, CI, CR and the judgements to revisit when CR ≥ 0.10
    weights entropy|critic INPUT [--scenario FILE.json] [--sheet NAME] [--header-row N] [--json]
        objective weights for the scenario's factors (or the detected ones)
    compare INPUT --scenario A.json --scenario B.json [--top N] [--sheet NAME] [--header-row N]
            [--json]
        rank correlations, top-N overlap, tier migration and the biggest movers

Entropy and CRITIC need complete columns: they use the customers the ranking keeps and fill
missing values by the scenario's policy first ('skip' fills with the median), as the ranking
does before normalising; the ranking's warnings say which columns had gaps. With ``--json``
one JSON object goes to stdout (NaN as null) and warnings still go to stderr.
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from core.analysis.compare import Comparison, compare_rankings
from core.analysis.sensitivity import filled_matrix
from core.cli.common import (
    DEFAULT_TOP,
    EXIT_OK,
    add_input,
    add_json,
    err,
    load_scenario,
    positive_int,
    print_json,
    read_input,
)
from core.cli.terminal import format_table
from core.errors import InputError
from core.i18n import msg
from core.mapping.catalog import COST
from core.mapping.columns import detect_mapping
from core.method.ahp import CR_LIMIT, ahp_weights, read_pairwise_csv
from core.method.objective import critic_weights, entropy_weights
from core.method.ranking import rank_customers
from core.method.scenario_mapping import default_scenario

MOVERS_SHOWN = 10
OBJECTIVE = {"entropy": entropy_weights, "critic": critic_weights}


def add_weights_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "weights",
        help="factor weights by AHP (pairwise matrix) or from the data (entropy, CRITIC)",
        description="Compute factor weights.",
    )
    methods = parser.add_subparsers(dest="weights_method", metavar="METHOD", required=True)
    ahp = methods.add_parser(
        "ahp",
        help="AHP weights and consistency from a pairwise-comparison CSV",
        description="Header row and first column name the criteria; cells 1/9 … 9 (1/3 ok); "
        "filling the upper triangle is enough.",
    )
    ahp.add_argument("matrix", metavar="MATRIX.csv", help="pairwise-comparison matrix")
    add_json(ahp)
    for name, text in (("entropy", "entropy weight method (熵权法)"), ("critic", "CRITIC")):
        sub = methods.add_parser(name, help=f"{text} weights from a customer table")
        add_input(sub)
        sub.add_argument("--scenario", metavar="FILE.json", help="scenario JSON (its factors)")
        add_json(sub)


def add_compare_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare the rankings of two scenarios on the same data",
        description="Spearman ρ, Kendall τ-b, top-N overlap, tier migration, biggest movers.",
    )
    add_input(parser)
    parser.add_argument(
        "--scenario",
        action="append",
        default=[],
        metavar="FILE.json",
        help="scenario JSON; give it twice: A (from) then B (to)",
    )
    parser.add_argument(
        "--top",
        type=positive_int,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"size of the top list compared (default {DEFAULT_TOP})",
    )
    add_json(parser)


def _weight_rows(names: list[str], weights: np.ndarray) -> str:
    rows = [(name, f"{w:.4f}", f"{100 * w:.1f} %") for name, w in zip(names, weights, strict=True)]
    return format_table(rows, ["factor", "weight", "share"], right=[False, True, True])


def _run_ahp(args: argparse.Namespace) -> int:
    names, matrix = read_pairwise_csv(args.matrix)
    result = ahp_weights(matrix, names=names)
    pairs = [p for p in result.worst_pairs if p.actionable] if not result.consistent else []
    if args.json:
        print_json(
            {
                "weights": dict(zip(names, map(float, result.weights), strict=True)),
                "lambda_max": result.lambda_max,
                "ci": result.ci,
                "cr": result.cr,
                "consistent": result.consistent,
                "worst_pairs": [
                    {
                        "row": names[p.i],
                        "column": names[p.j],
                        "given": p.given,
                        "suggested": p.suggested,
                        "deviation": p.deviation,
                    }
                    for p in result.worst_pairs
                ],
            }
        )
        return EXIT_OK
    print(_weight_rows(names, result.weights))
    print(f"\nλmax = {result.lambda_max:.4f}, CI = {result.ci:.4f}, CR = {result.cr:.4f}")
    if result.consistent:
        print(f"CR < {CR_LIMIT:.2f}: the judgements are consistent enough.")
        return EXIT_OK
    print(f"CR ≥ {CR_LIMIT:.2f}: the judgements contradict each other; revisit:")
    for p in pairs[:3] or result.worst_pairs[:3]:
        print(
            f"  {names[p.i]} vs {names[p.j]}: given {_saaty(p.given)}, "
            f"the other judgements suggest {_saaty(p.suggested)}"
        )
    return EXIT_OK


def _saaty(value: float) -> str:
    """3 → "3", 1/3 → "1/3" (Saaty's scale as users type it)."""
    return f"{value:g}" if value >= 1 else f"1/{1 / value:g}"


def _run_objective(args: argparse.Namespace) -> int:
    ingest = read_input(args)
    if args.scenario:
        scenario = load_scenario(args.scenario)
    else:
        scenario = default_scenario(detect_mapping(ingest.frame))
    ranking = rank_customers(ingest.frame, scenario)
    cost = np.array([f.direction == COST for f in scenario.factors])
    result = OBJECTIVE[args.weights_method](
        filled_matrix(ingest.frame, ranking), cost, scenario.columns
    )
    for warning in (*ingest.warnings, *ranking.warnings, *result.warnings):
        err(f"warning: {warning}")
    if args.json:
        print_json(
            {"weights": dict(zip(scenario.columns, map(float, result.weights), strict=True))}
        )
    else:
        print(_weight_rows(scenario.columns, result.weights))
    return EXIT_OK


def run_weights(args: argparse.Namespace) -> int:
    if args.weights_method == "ahp":
        return _run_ahp(args)
    return _run_objective(args)


def _migration_json(comparison: Comparison) -> dict[str, dict[str, int]]:
    matrix = comparison.migration
    return {
        str(src): {str(dst): int(matrix.loc[src, dst]) for dst in matrix.columns}
        for src in matrix.index
    }


def _print_comparison(comparison: Comparison, names: tuple[str, str]) -> None:
    c = comparison
    print(f"A = {names[0]}, B = {names[1]}; customers in both: {c.common}")
    print(f"Spearman ρ = {_fmt(c.spearman)}, Kendall τ-b = {_fmt(c.kendall)}")
    print(f"top {c.top_n} overlap: {_fmt(100 * c.top_n_overlap, 1)} %")
    matrix = c.migration
    rows = [[str(src), *(int(v) for v in matrix.loc[src])] for src in matrix.index]
    header = ["A \\ B", *map(str, matrix.columns)]
    print("\ntier migration (rows: tier in A, columns: tier in B)")
    print(format_table(rows, header, right=[False] + [True] * len(matrix.columns)))
    movers = c.movers[c.movers["change"] != 0].head(MOVERS_SHOWN)
    if movers.empty:
        print("\nno customer changed rank")
        return
    print("\nbiggest movers (change = rank in A − rank in B; + moved up in B)")
    rows = [
        [str(r.customer_id), r.rank_a, r.rank_b, f"{r.change:+d}", str(r.tier_a), str(r.tier_b)]
        for r in movers.itertuples()
    ]
    header = ["customer", "rank A", "rank B", "change", "tier A", "tier B"]
    print(format_table(rows, header, right=[False, True, True, True, False, False]))


def _fmt(value: float, digits: int = 4) -> str:
    return "n/a" if math.isnan(value) else f"{value:.{digits}f}"


def run_compare(args: argparse.Namespace) -> int:
    if len(args.scenario) != 2:
        raise InputError(msg("cli.compare_needs_two", n=len(args.scenario)))
    scenarios = [load_scenario(path) for path in args.scenario]
    ingest = read_input(args)
    a, b = (rank_customers(ingest.frame, s) for s in scenarios)
    comparison = compare_rankings(a, b, top_n=args.top)
    for warning in dict.fromkeys((*ingest.warnings, *a.warnings, *b.warnings)):
        err(f"warning: {warning}")
    if args.json:
        print_json(
            {
                "spearman": comparison.spearman,
                "kendall": comparison.kendall,
                "top_n_overlap": comparison.top_n_overlap,
                "migration": _migration_json(comparison),
            }
        )
    else:
        _print_comparison(comparison, (args.scenario[0], args.scenario[1]))
    return EXIT_OK
