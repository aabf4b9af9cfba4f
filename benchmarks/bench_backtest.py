"""Backtest benchmark: ``core.review.backtest.backtest`` against one ``aggregate_orders``.

Run from the repository root::

    python benchmarks/bench_backtest.py [--lines 10000000] [--customers N] [--file parquet|csv]
                                        [--repeat 3]

The order log is bench_orders.py's seeded log (:func:`bench_orders.make_log`: order ID,
customer ID, dates over 2023-01-01 … 2024-12-31, amounts with 1 % returns, profit; customer IDs
default to lines / 10), written once to a Parquet (default) or CSV file in a temporary folder.
Timed in the same run, alternating within each repeat (a load spike from other processes hits
both), the median of ``--repeat`` runs:

(a) backtest — ``backtest(path, "2023-12-31", holdout_days=365, engine="duckdb")``: the
    features at the cutoff and at the window's end (two aggregations), the RFM table, the
    BG/NBD + Gamma-Gamma forecast over the holdout, and the rankings of the current scenario,
    the baseline and predicted CLV measured against the window;
(b) aggregate — ``aggregate_orders(path, period_days=365, engine="duckdb")``: one aggregation
    of the whole log, the floor of anything that reads it.

The figure is (a) / (b). Peak memory: the maximum RSS of a fresh child process running (a)
once. The load average before and after is recorded: on a busy machine compare the ratio, not
the seconds. Writes a markdown table to stdout and JSON to benchmarks/results/backtest.json
(git-ignored).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from bench_orders import make_log, peak_rss, timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.orders.log import aggregate_orders  # noqa: E402
from core.review.backtest import backtest  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "backtest.json"
CUTOFF = "2023-12-31"
HOLDOUT = 365


def run_backtest(path: Path):
    return backtest(path, CUTOFF, holdout_days=HOLDOUT, engine="duckdb")


def run_aggregate(path: Path) -> pd.DataFrame:
    return aggregate_orders(path, period_days=HOLDOUT, engine="duckdb").features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=None, help="default: lines / 10")
    parser.add_argument("--file", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    customers = args.customers or max(args.lines // 10, 1)
    with tempfile.TemporaryDirectory(prefix="bench-backtest-") as tmp:
        path = Path(tmp) / f"orders.{args.file}"
        start = time.perf_counter()
        table = make_log(args.lines, customers)
        if args.file == "parquet":
            pq.write_table(table, path)
        else:
            pacsv.write_csv(table, path)
        del table
        generated = time.perf_counter() - start
        probe = run_backtest(path)  # once untimed: the figures, and a warm file cache
        load_before = os.getloadavg()
        runs = timed({"backtest": lambda: run_backtest(path),
                      "aggregate": lambda: run_aggregate(path)}, args.repeat)  # fmt: skip
        load_after = os.getloadavg()
        rss = peak_rss(path, run_backtest)
        size = path.stat().st_size
    seconds = {name: statistics.median(times) for name, times in runs.items()}
    ratio = seconds["backtest"] / seconds["aggregate"]
    result = {
        "lines": args.lines, "customers": customers, "file": args.file, "file_bytes": size,
        "repeat": args.repeat, "seconds": seconds, "runs": runs,
        "ratio_backtest_to_aggregate": ratio, "peak_rss_bytes": rss,
        "ranked_at_cutoff": probe.customers, "forecast": probe.forecast is not None,
        "scenarios": [f.name for f in probe.figures], "generate_seconds": generated,
        "load_average_before": load_before, "load_average_after": load_after,
        "python": platform.python_version(), "duckdb": duckdb.__version__,
        "pandas": pd.__version__, "machine": platform.machine(), "cpus": mp.cpu_count(),
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(f"{args.lines:,} lines ({args.file}), {customers:,} customer IDs, "
          f"{probe.customers:,} ranked at {CUTOFF}, holdout {HOLDOUT} days; "
          f"median of {args.repeat}; load average {load_before[0]:.1f} → {load_after[0]:.1f} "
          f"on {mp.cpu_count()} CPUs\n")  # fmt: skip
    print("| step | seconds | ratio |\n|---|---:|---:|")
    print(f"| (a) backtest ({len(probe.figures)} scenarios) | {seconds['backtest']:.2f} | "
          f"{ratio:.2f}× (b) |")  # fmt: skip
    print(f"| (b) aggregate_orders, whole log | {seconds['aggregate']:.2f} | 1.00 |")
    print(f"| peak RSS of (a) | {rss / 2**30:.2f} GiB | |")


if __name__ == "__main__":
    main()
