"""Command-line benchmark (issue 14): ``python -m core rfm … --out`` and ``score … --out`` end to
end, each against a bare script doing the same core work, in the same run.

Run from the repository root::

    python benchmarks/bench_cli.py [--lines 3000000 --customers 300000 --score-rows 300000
                                    --factors 10 --repeat 5 --cache DIR]

Inputs (seeded, generated once into ``--cache``, by default a folder in the system's temporary
directory; never in the tree):

- an order log of ``--lines`` lines over ``--customers`` customer IDs (bench_orders.make_log:
  Zipf-drawn IDs, two years of dates, 1 % returns) as CSV, once with only ``customer_id``,
  ``order_date`` and ``amount`` (no order IDs: identical lines are checked and reported), once
  with ``order_id`` and ``profit`` too;
- a customer table of ``--score-rows`` rows × ``--factors`` factors (bench_scoring's
  make_customers, the factors named after catalogue factors so that the CLI takes them all
  as benefit factors with equal weights, as the bare script does) as CSV.

Pairs, each command a fresh process, run alternately (A B A B …) after one warm-up of each, so
a load spike from other processes hits both; the ratio is taken pair by pair:

(a) ``python -m core rfm LOG --as-of 2024-12-31 --out rfm.csv`` against
    ``benchmarks/bare_duckdb_rfm.py`` (one DuckDB query from the same CSV to a per-customer
    CSV of lifetimes' CLV summary, recency and total); goal ≤ 1.5×;
(b) ``python -m core score TABLE --out ranked.csv`` against ``benchmarks/bare_pandas_score.py``
    (read_csv, equal-weight min-max score, rank, tiers, to_csv); goal ≤ 1.5×.

Children compile their modules once into a cache folder (``PYTHONPYCACHEPREFIX``), as an
installed copy would have them. After the runs the CLI's CLV columns are compared with the
bare script's. Writes a markdown table to stdout and JSON to benchmarks/results/cli.json
(git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

from bench_orders import make_log  # noqa: E402
from bench_scoring import make_customers  # noqa: E402

RESULTS = BENCH / "results" / "cli.json"
AS_OF = "2024-12-31"
# catalogue factor names the CLI detects and includes, all benefit (the bare script's rule)
FACTORS = ("revenue", "gross_profit", "order_count", "growth_rate", "satisfaction", "nps",
           "market_influence", "years_as_customer", "share_of_wallet", "strategic_fit")  # fmt: skip
CLV = {"clv_frequency": "frequency", "clv_recency": "recency", "clv_T": "T",
       "clv_monetary_value": "monetary_value", "recency_days": "recency_days",
       "monetary_total": "total"}  # fmt: skip


def inputs(cache: Path, lines: int, customers: int, rows: int, factors: int) -> dict[str, Path]:
    """The seeded input files, generated unless ``cache`` already holds them."""
    cache.mkdir(parents=True, exist_ok=True)
    paths = {
        "plain": cache / f"orders-{lines}-{customers}-plain.csv",
        "ids": cache / f"orders-{lines}-{customers}-ids.csv",
        "table": cache / f"customers-{rows}-{factors}.csv",
    }
    if not (paths["plain"].exists() and paths["ids"].exists()):
        log = make_log(lines, customers)
        pacsv.write_csv(log, paths["ids"])
        pacsv.write_csv(log.select(["customer_id", "order_date", "amount"]), paths["plain"])
    if not paths["table"].exists():
        frame, _ = make_customers(rows, factors)
        frame.columns = ["customer_id", *(FACTORS[j % len(FACTORS)] + "_2" * (j // len(FACTORS))
                                          for j in range(factors))]  # fmt: skip
        pacsv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), paths["table"])
    return paths


def child_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(cache / "pycache")}


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def alternate(ours: list[str], bare: list[str], repeat: int, env: dict[str, str]) -> dict:
    """Both commands after a warm-up each, A B A B …; every run's seconds and the ratios."""
    run(ours, env), run(bare, env)
    runs: dict[str, list] = {"ours": [], "bare": []}
    for _ in range(repeat):
        runs["ours"].append(run(ours, env))
        runs["bare"].append(run(bare, env))
    ratios = [a[0] / b[0] for a, b in zip(runs["ours"], runs["bare"], strict=True)]
    cpu = [a[1] / b[1] for a, b in zip(runs["ours"], runs["bare"], strict=True)]
    return {"runs": runs, "ratio": statistics.median(ratios), "ratio_min": min(ratios),
            "ratio_max": max(ratios), "cpu_ratio": statistics.median(cpu)}  # fmt: skip


def clv_difference(ours: Path, bare: Path) -> float:
    """The largest relative difference between the CLI's CLV columns and the bare script's."""
    a = pd.read_csv(ours, encoding="utf-8-sig", usecols=["customer_id", *CLV])
    b = pd.read_csv(bare).set_index("customer_id").loc[a["customer_id"]]
    worst = 0.0
    for mine, theirs in CLV.items():
        x, y = a[mine].to_numpy(float), b[theirs].to_numpy(float)
        worst = max(worst, float(np.max(np.abs(x - y) / np.maximum(np.abs(y), 1.0))))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3_000_000)
    parser.add_argument("--customers", type=int, default=None, help="default: lines / 10")
    parser.add_argument("--score-rows", type=int, default=300_000)
    parser.add_argument("--factors", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "ciw-bench-cli")
    args = parser.parse_args()
    customers = args.customers or max(args.lines // 10, 1)
    paths = inputs(args.cache, args.lines, customers, args.score_rows, args.factors)
    env = child_env(args.cache)
    py = sys.executable
    results: dict[str, dict] = {}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        out = Path(tmp)
        for label in ("plain", "ids"):
            log, mine, theirs = paths[label], out / f"rfm-{label}.csv", out / f"bare-{label}.csv"
            results[f"rfm_{label}"] = alternate(
                [py, "-m", "core", "rfm", str(log), "--as-of", AS_OF, "--out", str(mine)],
                [py, str(BENCH / "bare_duckdb_rfm.py"), str(log), str(theirs), "--as-of", AS_OF],
                args.repeat, env,
            )  # fmt: skip
            results[f"rfm_{label}"]["clv_max_relative_difference"] = clv_difference(mine, theirs)
        table = str(paths["table"])
        results["score"] = alternate(
            [py, "-m", "core", "score", table, "--out", str(out / "ranked.csv")],
            [py, str(BENCH / "bare_pandas_score.py"), table, str(out / "bare-ranked.csv")],
            args.repeat, env,
        )  # fmt: skip
    load_after = os.getloadavg()
    rows = [
        ("rfm, log without order IDs", "rfm_plain"),
        ("rfm, log with order IDs and profit", "rfm_ids"),
        (f"score, {args.score_rows:,} × {args.factors}", "score"),
    ]
    load = f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    print(f"\n{args.lines:,} lines, {customers:,} customer IDs; median of {args.repeat} "
          f"alternating runs; {load}\n")  # fmt: skip
    print("| command | ours (s) | bare (s) | ours ÷ bare (min–max) | CPU ÷ bare | goal |")
    print("|---|---:|---:|---:|---:|---|")
    for name, key in rows:
        r = results[key]
        ours = statistics.median(w for w, _ in r["runs"]["ours"])
        bare = statistics.median(w for w, _ in r["runs"]["bare"])
        met = "met" if r["ratio"] <= 1.5 else "not met"
        print(f"| {name} | {ours:.2f} | {bare:.2f} | {r['ratio']:.2f}× ({r['ratio_min']:.2f}–"
              f"{r['ratio_max']:.2f}) | {r['cpu_ratio']:.2f}× | ≤ 1.5× — {met} |")  # fmt: skip
    for key in ("rfm_plain", "rfm_ids"):
        print(
            f"\n{key}: CLV columns equal the bare script's to "
            f"{results[key]['clv_max_relative_difference']:.1e} (relative)"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "lines": args.lines, "customers": customers, "score_rows": args.score_rows,
        "factors": args.factors, "repeat": args.repeat, "load_before": load_before,
        "load_after": load_after, "python": platform.python_version(),
        "cpus": os.cpu_count(), "results": results,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
