"""Sensitivity benchmark: vectorised Monte Carlo against one scoring per draw in a loop.

Run from the repository root::

    python benchmarks/bench_sensitivity.py [--rows 10000 --factors 12 --draws 1000 --repeat 3]

On the same seeded data and the same Dirichlet draws (κ = 100), each the median of
``--repeat`` runs:

(a) loop       — per draw: ``core.method.scoring`` normalise + weighted sum + rank order;
(b) vectorised — ``core.analysis.sensitivity.monte_carlo``: scores = N Wᵀ in chunks, ranks per draw,
                 percentiles and tier probabilities (more output than (a) computes).

A sample of ``--full-draws`` calls of ``core.method.ranking.rank_customers`` (the whole ranking per
draw) is timed too and scaled to all draws. Writes a markdown table to stdout and JSON to
benchmarks/results/sensitivity.json (git-ignored).
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoring import make_customers, save_results  # noqa: E402

from core.analysis.sensitivity import dirichlet_weights, factor_matrix, monte_carlo  # noqa: E402
from core.method.ranking import rank_customers  # noqa: E402
from core.method.scoring import normalize_columns, rank_order, weighted_sum  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "sensitivity.json"
KAPPA = 100.0
SEED = 7


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(rows: int, factors: int, draws: int, repeat: int, full_draws: int) -> dict[str, object]:
    frame, scenario = make_customers(rows, factors)
    ranking = rank_customers(frame, scenario)
    fm = factor_matrix(frame, ranking)
    x = frame[scenario.columns].to_numpy(dtype=float)
    cost = np.array([f.direction == "cost" for f in scenario.factors])
    methods = [f.normalize for f in scenario.factors]
    codes = pd.factorize(frame["customer_id"], sort=True)[0]
    w = dirichlet_weights(fm.weights, KAPPA, draws, SEED, fm.has_values)

    def loop() -> None:
        for row in w:
            score, _ = weighted_sum(normalize_columns(x, cost, methods), row)
            rank_order(score, codes)

    def vectorised() -> None:
        monte_carlo(fm, draws=draws, kappa=KAPPA, seed=SEED)

    def full_sample() -> None:
        for row in w[:full_draws]:
            rank_customers(
                frame, scenario.with_weights(dict(zip(scenario.columns, row, strict=True)))
            )

    seconds = {
        "loop": median_time(loop, repeat),
        "vectorised": median_time(vectorised, repeat),
    }
    start = time.perf_counter()
    full_sample()
    seconds["rank_customers_scaled"] = (time.perf_counter() - start) * draws / full_draws
    return {
        "rows": rows,
        "factors": factors,
        "draws": draws,
        "repeat": repeat,
        "full_draws_sampled": full_draws,
        "seconds": seconds,
        "speedup_vs_loop": seconds["loop"] / seconds["vectorised"],
        "speedup_vs_rank_customers": seconds["rank_customers_scaled"] / seconds["vectorised"],
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "machine": platform.machine(),
    }


def markdown(result: dict[str, object]) -> str:
    s = result["seconds"]
    vec = s["vectorised"]
    lines = [
        f"{result['draws']:,} draws × {result['rows']:,} customers × {result['factors']} "
        f"factors, median of {result['repeat']}",
        "",
        "| method | seconds | × vectorised |",
        "|---|---:|---:|",
        f"| (a) loop: core.method.scoring per draw | {s['loop']:.3f} | {s['loop'] / vec:.1f} |",
        f"| (b) vectorised monte_carlo | {vec:.3f} | 1.0 |",
        f"| rank_customers per draw (scaled from {result['full_draws_sampled']}) | "
        f"{s['rank_customers_scaled']:.3f} | {s['rank_customers_scaled'] / vec:.1f} |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--factors", type=int, default=12)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--full-draws", type=int, default=50)
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results file")
    args = parser.parse_args(argv)
    full = max(1, min(args.full_draws, args.draws))
    result = run(args.rows, args.factors, args.draws, args.repeat, full)
    print(markdown(result))
    save_results(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
