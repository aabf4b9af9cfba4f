"""Order-log benchmark: our DuckDB aggregation against bare DuckDB SQL, lifetimes and pandas.

Run from the repository root::

    python benchmarks/bench_orders.py [--lines 10000000 --customers 1000000 --lifetimes-lines N]

A seeded log (order ID, customer ID, date over two years, amount with 1 % returns, profit) is
generated with numpy/pyarrow and written once to CSV and Parquet in a temporary folder. Timed
in the same run, each the median of ``--repeat`` runs:

(a) ours     — ``core.orders.log.aggregate_orders(path, engine="duckdb")``: line rules, report,
               per-customer features and CLV summary (CSV and Parquet);
(b) bare     — one hand-written DuckDB SQL query (:data:`BARE_SQL`) computing the same
               per-customer sums on the same file, read the same way (DuckDB's own CSV sniffer,
               same threads and memory limit), without any checks, report or pandas step (the
               floor for DuckDB); goal (a) ≤ 1.25 × (b). (a) and (b) alternate within each
               repeat so that a load spike from other processes hits both;
(c) lifetimes — ``summary_data_from_transaction_data`` on an in-memory frame of the first
               ``--lifetimes-lines`` lines (loading excluded), against (a) on the same lines
               (Parquet); goal (a) ≥ 4 × faster;
(c') lifetimes from the file — the same, including ``pd.read_csv`` + ``pd.to_datetime`` of the
               same lines' CSV, against (a) on that CSV: from the same log file to the summary;
(d) pandas   — a plain ``groupby`` (orders, last/first date, sum) on the in-memory frame;
(e) bare CLV — one DuckDB query computing only lifetimes' four columns (:data:`CLV_SQL`) on
               the Parquet file: what the narrower summary costs, for scale.

CPU seconds (user + system of this process, DuckDB's threads included) are kept beside the
wall-clock seconds: lifetimes runs on one core, DuckDB on all of them.

Peak memory: the maximum RSS of a fresh child process running (a) once, on the CSV and on the
Parquet file (goal < 4 GiB). The load average before and after is recorded: on a busy machine
compare the ratios, not the seconds.
Writes a markdown table to stdout and JSON to benchmarks/results/orders.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.orders.duckdb_engine import MEMORY_LIMIT  # noqa: E402
from core.orders.log import aggregate_orders  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "orders.json"
AS_OF = "2024-12-31"
PERIOD = 365


def make_log(lines: int, customers: int, seed: int = 20241231) -> pa.Table:
    """Seeded order lines sorted by date: order_id, customer_id, order_date, amount, profit.
    Every customer ID has at least one line (when lines ≥ customers); the remaining lines go
    to Zipf-drawn IDs (a = 1.3, heavy head and long tail); the IDs are shuffled over dates."""
    rng = np.random.default_rng(seed)
    days = np.sort(rng.integers(0, 731, lines)).astype(np.int32) + 19358  # 2023-01-01 …
    first = np.arange(min(customers, lines))
    extra = (rng.zipf(1.3, lines - first.size) - 1) % customers
    cust = rng.permutation(np.concatenate([first, extra]))
    amount = np.round(rng.lognormal(7, 1.2, lines), 2)
    amount[rng.random(lines) < 0.01] *= -1  # returns
    ids = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, lines + 1)), pa.string()), 9, "0")
    who = pc.utf8_lpad(pc.cast(pa.array(cust), pa.string()), 7, "0")
    return pa.table(
        {
            "order_id": pc.binary_join_element_wise("O", ids, ""),
            "customer_id": pc.binary_join_element_wise("C", who, ""),
            "order_date": pa.array(days, pa.date32()),
            "amount": amount,
            "profit": np.round(amount * rng.uniform(0.05, 0.4, lines), 2),
        }
    )


BARE_SQL = """
WITH v AS (SELECT customer_id AS cust, order_id AS key, order_date - DATE '1970-01-01' AS day,
                  amount AS amt, profit AS prof FROM {scan}),
o AS (SELECT cust, bool_or({end} - day < {p}) AS c,
             bool_or({end} - day >= {p} AND {end} - day < 2 * {p}) AS p
      FROM v WHERE amt >= 0 GROUP BY cust, key),
oa AS (SELECT cust, count(*) AS orders, count(*) FILTER (c) AS orders_current,
              count(*) FILTER (p) AS orders_previous FROM o GROUP BY cust),
dt AS (SELECT cust, day, sum(amt) AS t, bool_or(amt >= 0) AS od FROM v GROUP BY cust, day),
da AS (SELECT cust, count(*) AS txn_days, min(day) AS txn_first, max(day) AS txn_last,
              arg_min(t, day) AS txn_first_total, min(day) FILTER (od) AS first_day,
              max(day) FILTER (od) AS last_day,
              count(DISTINCT date_trunc('month', DATE '1970-01-01' + CAST(day AS INTEGER)))
                  FILTER (od) AS active_months
       FROM dt GROUP BY cust),
ca AS (SELECT cust, coalesce(sum(amt) FILTER (amt > 0), 0) AS gross_total,
              coalesce(sum(amt) FILTER (amt < 0), 0) AS returns_total,
              count(*) FILTER (amt < 0) AS return_lines, sum(prof) AS profit,
              coalesce(sum(amt) FILTER ({end} - day < {p}), 0) AS spend_current,
              coalesce(sum(amt) FILTER ({end} - day >= {p} AND {end} - day < 2 * {p}), 0)
                  AS spend_previous
       FROM v GROUP BY cust)
SELECT * FROM ca JOIN da USING (cust) LEFT JOIN oa USING (cust)
"""


CLV_SQL = """
WITH d AS (SELECT customer_id AS cust, order_date - DATE '1970-01-01' AS day, sum(amount) AS t
           FROM {scan} GROUP BY ALL)
SELECT cust, count(*) - 1 AS frequency, max(day) - min(day) AS recency, {end} - min(day) AS T,
       coalesce((sum(t) - arg_min(t, day)) / nullif(count(*) - 1, 0), 0) AS monetary_value
FROM d GROUP BY cust
"""


def _scan(path: Path) -> str:
    return f"read_parquet('{path}')" if path.suffix == ".parquet" else f"read_csv('{path}')"


def bare_sql(path: Path, sql: str = BARE_SQL) -> pd.DataFrame:
    """The same 16 per-customer sums as (a), as one query straight on the file: no typing of
    text cells, no line categories, copies, total lines, row numbers or report; the floor for
    DuckDB."""
    end = (pd.Timestamp(AS_OF) - pd.Timestamp("1970-01-01")).days
    con = duckdb.connect(config={"threads": mp.cpu_count(), "memory_limit": MEMORY_LIMIT})
    con.sql("SET enable_progress_bar = false")
    try:
        return con.sql(sql.format(scan=_scan(path), end=end, p=PERIOD)).df()
    finally:
        con.close()


def ours(path: Path) -> pd.DataFrame:
    return aggregate_orders(path, as_of=AS_OF, period_days=PERIOD, engine="duckdb").features


def pandas_groupby(frame: pd.DataFrame) -> pd.DataFrame:
    buys = frame[frame["amount"] > 0]
    return buys.groupby("customer_id").agg(
        orders=("order_id", "nunique"), first=("order_date", "min"),
        last=("order_date", "max"), gross=("amount", "sum"),
    )  # fmt: skip


def lifetimes_summary(frame: pd.DataFrame) -> pd.DataFrame:
    from lifetimes.utils import summary_data_from_transaction_data

    return summary_data_from_transaction_data(  # every line, returns included, as (a) counts
        frame, "customer_id", "order_date", monetary_value_col="amount",
        observation_period_end=AS_OF, freq="D",
    )  # fmt: skip


def lifetimes_from_csv(path: Path) -> pd.DataFrame:
    """(c') lifetimes from the log file to the summary: pandas reads the CSV and parses the
    dates, as a lifetimes user would, then :func:`lifetimes_summary`."""
    frame = pd.read_csv(path)
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    return lifetimes_summary(frame)


CPU: dict[str, list[float]] = {}  # CPU seconds of every timed run, by step


def timed(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Seconds of every run of each function (CPU seconds into :data:`CPU`); the functions
    alternate within each repeat."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            cpu, start = os.times(), time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
            done = os.times()
            CPU.setdefault(name, []).append(done.user - cpu.user + done.system - cpu.system)
    return times


def _child_rss(run, path: str, queue: mp.Queue) -> None:
    run(Path(path))
    queue.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)


def peak_rss(path: Path, run=None) -> int:
    """Max RSS (bytes) of a fresh process that runs ``run(path)`` once (default: (a))."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_child_rss, args=(run or ours, str(path), queue))
    child.start()
    value = queue.get()
    child.join()
    return int(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=None, help="default: lines / 10")
    parser.add_argument("--lifetimes-lines", type=int, default=None, help="default: --lines")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    customers = args.customers or max(args.lines // 10, 1)
    lt_lines = min(args.lifetimes_lines or args.lines, args.lines)
    with tempfile.TemporaryDirectory(prefix="bench-orders-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        table = make_log(args.lines, customers)
        csv, parquet = folder / "orders.csv", folder / "orders.parquet"
        pacsv.write_csv(table, csv)
        pq.write_table(table, parquet)
        subset, subset_csv = parquet, csv
        if lt_lines < args.lines:
            subset, subset_csv = folder / "subset.parquet", folder / "subset.csv"
            pq.write_table(table.slice(0, lt_lines), subset)
            pacsv.write_csv(table.slice(0, lt_lines), subset_csv)
        generated = time.perf_counter() - start
        customers_with_lines = len(pc.unique(table["customer_id"]))
        load_before = os.getloadavg()
        runs: dict[str, list[float]] = {}
        for label, path in (("csv", csv), ("parquet", parquet)):
            runs |= timed({f"ours_{label}": lambda p=path: ours(p),
                           f"bare_{label}": lambda p=path: bare_sql(p)}, args.repeat)  # fmt: skip
        frame = table.slice(0, lt_lines).to_pandas()
        frame["order_date"] = pd.to_datetime(frame["order_date"])
        runs |= timed({"ours_lifetimes_subset": lambda: ours(subset),
                       "lifetimes": lambda f=frame: lifetimes_summary(f)}, args.repeat)  # fmt: skip
        del frame  # its memory, before (c') reads the CSV
        runs |= timed({"ours_lifetimes_subset_csv": lambda: ours(subset_csv),
                       "lifetimes_from_csv": lambda: lifetimes_from_csv(subset_csv)},
                      args.repeat)  # fmt: skip
        full = table.to_pandas()
        runs |= timed({"pandas_groupby": lambda: pandas_groupby(full)}, args.repeat)
        runs |= timed({"bare_clv": lambda: bare_sql(subset, CLV_SQL)}, args.repeat)
        load_after = os.getloadavg()
        rss = {label: peak_rss(path) for label, path in (("csv", csv), ("parquet", parquet))}
        sizes = {"csv_bytes": csv.stat().st_size, "parquet_bytes": parquet.stat().st_size}
    rows = {name: statistics.median(times) for name, times in runs.items()}
    cpu = {name: statistics.median(times) for name, times in CPU.items()}
    result = {
        "lines": args.lines, "customers": customers, "lifetimes_lines": lt_lines,
        "repeat": args.repeat, "seconds": rows, "runs": runs, "cpu_seconds": cpu,
        "generate_seconds": generated,
        "load_average_before": load_before, "load_average_after": load_after,
        "ratio_ours_to_bare_csv": rows["ours_csv"] / rows["bare_csv"],
        "ratio_ours_to_bare_parquet": rows["ours_parquet"] / rows["bare_parquet"],
        "lifetimes_over_ours": rows["lifetimes"] / rows["ours_lifetimes_subset"],
        "lifetimes_from_csv_over_ours": rows["lifetimes_from_csv"]
        / rows["ours_lifetimes_subset_csv"],
        "lifetimes_over_bare_clv": rows["lifetimes"] / rows["bare_clv"],
        "customers_with_lines": customers_with_lines,
        "peak_rss_bytes": rss, **sizes,
        "python": platform.python_version(), "duckdb": duckdb.__version__,
        "pandas": pd.__version__, "machine": platform.machine(), "cpus": mp.cpu_count(),
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(f"{args.lines:,} lines, {customers:,} customer IDs ({customers_with_lines:,} with "
          f"lines); lifetimes on {lt_lines:,} lines; "
          f"median of {args.repeat}; load average {load_before[0]:.1f} → {load_after[0]:.1f} "
          f"on {mp.cpu_count()} CPUs\n")  # fmt: skip
    table = [(f"(a) ours, {label}", f"ours_{name}",
              f"{result[f'ratio_ours_to_bare_{name}']:.2f}× bare", "≤ 1.25×")
             for label, name in (("CSV", "csv"), ("Parquet", "parquet"))]  # fmt: skip
    table[1:1] = [("(b) bare SQL, CSV", "bare_csv", "1.00", "")]
    table += [
        ("(b) bare SQL, Parquet", "bare_parquet", "1.00", ""),
        ("(a) ours, Parquet, lifetimes' lines", "ours_lifetimes_subset", "", ""),
        ("(c) lifetimes, lines in memory", "lifetimes",
         f"ours {result['lifetimes_over_ours']:.1f}× faster", "≥ 4×"),
        ("(a) ours, CSV, lifetimes' lines", "ours_lifetimes_subset_csv", "", ""),
        ("(c') lifetimes incl. pd.read_csv + to_datetime", "lifetimes_from_csv",
         f"ours {result['lifetimes_from_csv_over_ours']:.1f}× faster", "≥ 4×"),
        ("(d) pandas groupby (in memory)", "pandas_groupby", "", ""),
        ("(e) bare SQL of lifetimes' 4 columns, Parquet", "bare_clv",
         f"{result['lifetimes_over_bare_clv']:.1f}× faster than (c)", ""),
    ]  # fmt: skip
    print("| step | seconds | CPU seconds | ratio | goal |\n|---|---:|---:|---:|---|")
    for label, key, ratio, goal in table:
        print(f"| {label} | {rows[key]:.2f} | {cpu[key]:.2f} | {ratio} | {goal} |")
    for label, name in (("CSV", "csv"), ("Parquet", "parquet")):
        print(f"| peak RSS of (a), {label} | {rss[name] / 2**30:.2f} GiB | | | < 4 GiB |")


if __name__ == "__main__":
    main()
