"""Scoring benchmark: how far the scoring core and the full ranking are from bare numpy.

Run from the repository root::

    python benchmarks/bench_scoring.py [--rows 1000000 --factors 12 --repeat 5]

Three steps on the same seeded data, each the median of ``--repeat`` runs:

(a) floor   — ``x @ w`` and ``argsort`` on a prepared float matrix (the least any ranking does);
(b) core    — ``core.method.scoring``: min–max normalise, weighted sum, rank order with ID tie-
break; (c) full    — ``core.method.ranking.rank_customers(frame, scenario)``: checks, exclusions,
warnings,
              contributions, tiers and the output table.

Ratios are to (a); the goal for (b) is ≤ 2×. Peak memory: tracemalloc peak of one (c) call and
the process max RSS. Writes a markdown table to stdout and JSON to
benchmarks/results/scoring.json (git-ignored).
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.method.ranking import rank_customers  # noqa: E402
from core.method.scenario import FactorSpec, Scenario  # noqa: E402
from core.method.scoring import normalize_columns, rank_order, weighted_sum  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "scoring.json"
COST_FACTORS = 2


def make_customers(rows: int, factors: int, seed: int = 20240601) -> tuple[pd.DataFrame, Scenario]:
    """A seeded customer table (string IDs C0000001 …) and a scenario over all its factors.

    Factors alternate lognormal (money-like, skewed) and normal (scores, rates); the last
    ``COST_FACTORS`` are cost factors (lower is better).
    """
    rng = np.random.default_rng(seed)
    data: dict[str, object] = {"customer_id": [f"C{i:07d}" for i in range(1, rows + 1)]}
    for j in range(factors):
        if j % 2 == 0:
            data[f"f{j:02d}"] = rng.lognormal(mean=10 + j / 4, sigma=1.2, size=rows)
        else:
            data[f"f{j:02d}"] = rng.normal(loc=50, scale=15, size=rows)
    frame = pd.DataFrame(data)
    weights = rng.integers(1, 10, size=factors)
    specs = tuple(
        FactorSpec(f"f{j:02d}", "cost" if j >= factors - COST_FACTORS else "benefit", float(w))
        for j, w in enumerate(weights)
    )
    return frame, Scenario(id_column="customer_id", factors=specs, as_of="2024-12-31")


def median_times(steps: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median seconds per step; the steps take turns so each sees the same machine load."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeat):
        for name, fn in steps.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10  # bytes vs KiB


def run(rows: int, factors: int, repeat: int) -> dict[str, object]:
    frame, scenario = make_customers(rows, factors)
    x = frame[scenario.columns].to_numpy(dtype=float)
    w = scenario.weights
    cost = np.array([f.direction == "cost" for f in scenario.factors])
    codes = pd.factorize(frame["customer_id"], sort=True)[0]
    methods = [f.normalize for f in scenario.factors]

    def floor() -> np.ndarray:
        return np.argsort(-(x @ w))

    def core() -> np.ndarray:
        score, _ = weighted_sum(normalize_columns(x, cost, methods), w)
        return rank_order(score, codes)

    def full() -> object:
        return rank_customers(frame, scenario)

    timings = median_times({"floor": floor, "core": core, "full": full}, repeat)
    gc.collect()
    tracemalloc.start()
    full()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "rows": rows,
        "factors": factors,
        "repeat": repeat,
        "seconds": timings,
        "ratio_to_floor": {k: v / timings["floor"] for k, v in timings.items()},
        "goal_core_ratio": 2.0,
        "input_mb": frame.memory_usage(deep=True).sum() / 2**20,
        "full_peak_traced_mb": peak / 2**20,
        "max_rss_mb": max_rss_mb(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "machine": platform.machine(),
    }


def markdown(result: dict[str, object]) -> str:
    seconds, ratio = result["seconds"], result["ratio_to_floor"]
    labels = {
        "floor": "(a) numpy floor: x @ w + argsort",
        "core": "(b) core.method.scoring: normalise + weighted_sum + rank_order",
        "full": "(c) rank_customers (full table)",
    }
    lines = [
        f"{result['rows']:,} customers × {result['factors']} factors, median of {result['repeat']}",
        "",
        "| step | median (s) | × floor |",
        "|---|---:|---:|",
        *(f"| {labels[k]} | {seconds[k]:.3f} | {ratio[k]:.2f} |" for k in labels),
        "",
        "| memory | MB |",
        "|---|---:|",
        f"| input frame | {result['input_mb']:.0f} |",
        f"| rank_customers peak (tracemalloc) | {result['full_peak_traced_mb']:.0f} |",
        f"| process max RSS | {result['max_rss_mb']:.0f} |",
    ]
    verdict = "meets" if ratio["core"] <= result["goal_core_ratio"] else "MISSES"
    lines += ["", f"core {verdict} the ≤ {result['goal_core_ratio']:.0f}× goal."]
    return "\n".join(lines)


def save_results(result: dict, out: Path) -> None:
    """Write the results as JSON (git-ignored folder) and say where."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--factors", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results file")
    args = parser.parse_args(argv)
    if args.factors <= COST_FACTORS:
        parser.error(f"--factors must be more than {COST_FACTORS}")
    result = run(args.rows, args.factors, args.repeat)
    print(markdown(result))
    save_results(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
