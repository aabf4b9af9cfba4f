"""Order-log benchmark: the Spark engine in local mode against DuckDB, on one machine.

Run from the repository root::

    python benchmarks/bench_spark.py [--lines 10000000 --repeat 3 --warm-repeat 3]

The seeded log of ``bench_orders.make_log`` (order ID, customer ID, date over two years,
amount with 1 % returns, profit; ``--lines / 10`` customer IDs) is written once to CSV and
Parquet in a cache folder under the system's temporary folder and reused by later runs. Timed
in the same run:

(a) whole commands — ``python -m core rfm LOG --engine duckdb --out x.csv`` against
    ``… --engine spark --spark-master local[2] --out x.csv`` on the CSV, as fresh processes in
    turn (DuckDB, Spark, DuckDB, Spark …), ``--repeat`` runs each: interpreter and JVM start,
    Spark session, aggregation, scores and writing the table, as a user runs it;
(b) warm, in one process — ``aggregate_orders(path, engine="duckdb")`` against
    ``engine="spark", spark=SparkTarget(MASTER)`` on the CSV and on the Parquet file, in turn,
    ``--warm-repeat`` runs each, with the Spark session started before (its start is timed
    once, separately);
(c) where Spark's time goes — during (b), the Spark engine's steps are timed from outside
    (functions of ``core.orders.spark_engine`` wrapped with timers; the code is unchanged):
    header, reading and typing every line (with the line counts for row numbers), the
    latest date, the exact copies, the pass, the example rows, and the pandas work after it.

Peak memory of (a): a thread samples the command's whole process tree every 0.1 s from
``/proc`` (the Python process and its children: Spark's JVM is a child of Python, which
``/usr/bin/time`` or ``getrusage`` do not see while it runs): the largest sum of the tree's
resident sets (VmRSS), and the largest single process's own peak (VmHWM, the kernel's
high-water mark, read at every sample). CPU seconds of the tree are the processes' user +
system time at their last sample (a process's last tenth of a second may be missed).

The load average before and after is recorded: on a busy machine compare the ratios, not the
seconds. Writes a markdown table to stdout and JSON to benchmarks/results/spark.json
(git-ignored); progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, nullcontext
from functools import wraps
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_orders import make_log  # noqa: E402

import core.orders.log as order_log  # noqa: E402
import core.orders.spark_engine as spark_engine  # noqa: E402
from core.orders.log import aggregate_orders  # noqa: E402
from core.orders.spark_session import SparkTarget, parse_conf, spark_session  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "spark.json"
CACHE = Path(tempfile.gettempdir()) / "bench-spark-logs"
SEED = 20241231  # make_log's default, named here for the cache folder
MASTER = "local[2]"
SAMPLE_SECONDS = 0.1
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log_files(lines: int, customers: int) -> tuple[Path, Path, float]:
    """The CSV and Parquet copies of ``make_log(lines, customers)``, generated once into
    :data:`CACHE` and reused; and the seconds spent generating (0 when cached)."""
    folder = CACHE / f"{lines}-{customers}-{SEED}"
    csv, parquet = folder / "orders.csv", folder / "orders.parquet"
    if csv.exists() and parquet.exists():
        return csv, parquet, 0.0
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    table = make_log(lines, customers, SEED)
    for path, write in ((csv, pacsv.write_csv), (parquet, pq.write_table)):
        part = path.with_suffix(".part")
        write(table, part)
        part.replace(path)  # complete files only: an interrupted run is generated again
    return csv, parquet, time.perf_counter() - start


def _progress(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# --- the process tree, from /proc ---------------------------------------------------------


def _parents() -> dict[int, int]:
    out = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            out[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return out


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, alive now."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _sample(pid: int) -> tuple[str, int, int, float] | None:
    """(name, VmRSS, VmHWM in bytes, CPU seconds) of a process, or None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status if ":" in line)
    kib = {k: int(fields.get(k, "0 kB").split()[0]) * 1024 for k in ("VmRSS", "VmHWM")}
    cpu = (int(stat[11]) + int(stat[12])) / CLK_TCK  # utime, stime
    return fields["Name"].strip(), kib["VmRSS"], kib["VmHWM"], cpu


def tree_cpu(root: int | None = None) -> float:
    """User + system seconds so far of a process tree (default: this process, its JVM)."""
    return sum(got[3] for pid in process_tree(root or os.getpid()) if (got := _sample(pid)))


class TreeWatch(threading.Thread):
    """Samples the process tree of ``root`` until :meth:`stop`: the largest sum of resident
    sets, each process's own peak (VmHWM) and CPU seconds at its last sample."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.tree_peak = root, 0
        self.seen: dict[int, tuple[str, int, float]] = {}  # pid → (name, VmHWM, CPU s)
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(SAMPLE_SECONDS)

    def sample(self) -> None:
        total = 0
        for pid in process_tree(self.root):
            got = _sample(pid)
            if got is None:
                continue
            name, rss, hwm, cpu = got
            total += rss
            self.seen[pid] = (name, max(hwm, self.seen.get(pid, ("", 0, 0.0))[1]), cpu)
        self.tree_peak = max(self.tree_peak, total)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def figures(self) -> dict:
        largest = max(self.seen.values(), key=lambda s: s[1], default=("", 0, 0.0))
        return {
            "tree_peak_rss": self.tree_peak,
            "largest_process": largest[0],
            "largest_process_hwm": largest[1],
            "process_hwm": {f"{n} ({pid})": h for pid, (n, h, _) in self.seen.items()},
            "tree_cpu_seconds": sum(c for _, _, c in self.seen.values()),
        }


def run_command(command: list[str], log: Path) -> dict:
    """Runs ``command`` from the repository root as a fresh process; its wall-clock seconds,
    exit code and the figures of its process tree. Waits until every process of the tree
    has ended (a JVM may outlive its Python parent briefly) before returning."""
    start = time.perf_counter()
    with log.open("ab") as out:
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=out)
        watch = TreeWatch(child.pid)
        watch.start()
        code = child.wait()
        wall = time.perf_counter() - start
        watch.stop()
    deadline = time.monotonic() + 60
    while any(Path(f"/proc/{pid}").exists() for pid in watch.seen if pid != child.pid):
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return {"wall_seconds": wall, "exit_code": code, **watch.figures()}


def rfm_command(log: Path, engine: str, out: Path, conf: list[str]) -> list[str]:
    command = [sys.executable, "-m", "core", "rfm", str(log), "--engine", engine]
    if engine == "spark":
        command += ["--spark-master", MASTER] + [f"--spark-conf={c}" for c in conf]
    return [*command, "--out", str(out)]


# --- Spark's steps, timed from outside ------------------------------------------------------

STEPS = {  # module, function: what its time covers (nested timers are taken apart below)
    (order_log, "spark_columns"): "header",
    (order_log, "spark_engine"): "engine",
    (spark_engine, "_read"): "read",
    (spark_engine, "_row_numbers"): "row_numbers",
    (spark_engine, "_latest"): "latest",
    (spark_engine, "_copies"): "copies",
    (spark_engine, "_aggregate"): "aggregate",
    (spark_engine, "_first_rows"): "first_rows",
    (spark_engine, "engine_result"): "engine_result",
}
STEP_ROWS = (  # label, how it is derived from the timers
    ("header: session lookup, first line of the file", "header"),
    ("reader set up again (a CSV: its first line)", "read_in_engine"),
    ("read every line, type it, keep it + line counts per partition", "row_numbers"),
    ("latest date (as-of)", "latest"),
    ("status of every line, kept + exact copies", "copies"),
    ("the pass: per-customer sums to pandas through Arrow", "pass"),
    ("example rows (first rows of each category)", "first_rows"),
    ("the rest of the engine (plans, views, result assembly)", "engine_rest"),
    ("after the engine: features, scores, report (pandas)", "after_engine"),
)


@contextmanager
def step_timers(into: dict[str, list[float]]):
    """Wraps the functions of :data:`STEPS` so that each call appends its seconds to
    ``into``."""
    saved = {}
    for (module, name), key in STEPS.items():
        original = saved[(module, name)] = getattr(module, name)

        def timed(*args, __f=original, __key=key, **kwargs):
            start = time.perf_counter()
            try:
                return __f(*args, **kwargs)
            finally:
                into.setdefault(__key, []).append(time.perf_counter() - start)

        setattr(module, name, wraps(original)(timed))
    try:
        yield into
    finally:
        for (module, name), original in saved.items():
            setattr(module, name, original)


def split_steps(t: dict[str, list[float]], total: float) -> dict[str, float]:
    """Exclusive seconds of each row of :data:`STEP_ROWS` from the nested timers (each a
    list of calls: ``_read`` runs once for the header, then once in the engine)."""
    one = {key: sum(calls) for key, calls in t.items()}
    reads = t.get("read", [])
    out = {"header": one["header"], "read_in_engine": sum(reads[1:])}
    for key in ("row_numbers", "latest", "copies", "first_rows"):
        out[key] = one.get(key, 0.0)
    out["pass"] = one["aggregate"] - one["copies"] - one["first_rows"] - one["engine_result"]
    out["engine_rest"] = (one["engine"] - one["aggregate"] - one["row_numbers"]
                          - one.get("latest", 0.0) - out["read_in_engine"])  # fmt: skip
    out["after_engine"] = total - one["engine"] - one["header"]
    return out


# --- the runs --------------------------------------------------------------------------------


def warm_runs(files: dict[str, Path], repeat: int, target: SparkTarget) -> dict:
    """(b) and (c): the session started (timed), then DuckDB and Spark in turn on each file."""
    _progress(f"starting a Spark session on {MASTER}")
    start = time.perf_counter()
    session = spark_session(target)
    session_seconds = time.perf_counter() - start
    out: dict = {
        "session_start_seconds": session_seconds,
        "seconds": {},
        "cpu_seconds": {},
        "steps": {},
        "agreement": {},
    }
    for label, path in files.items():
        for _ in range(repeat):
            for engine in ("duckdb", "spark"):
                key = f"{engine}_{label}"
                timers: dict[str, list[float]] = {}
                _progress(f"warm {key}")
                with step_timers(timers) if engine == "spark" else nullcontext():
                    start, cpu = time.perf_counter(), tree_cpu()
                    try:
                        result = aggregate_orders(path, engine=engine, spark=target)
                    except Exception as error:  # a finding: recorded, the other runs go on
                        seconds, steps = time.perf_counter() - start, sorted(timers)
                        text = f"{key} after {seconds:.0f} s (steps begun: {steps}): {error!r}"
                        out.setdefault("errors", []).append(text[:3000])
                        _progress(f"  failed: {error!r}"[:3000])
                        continue
                    seconds = time.perf_counter() - start
                out["cpu_seconds"].setdefault(key, []).append(tree_cpu() - cpu)
                out["seconds"].setdefault(key, []).append(seconds)
                _progress(f"  {seconds:.1f} s")
                if engine == "duckdb":
                    reference = result.features
                    continue
                out["steps"].setdefault(label, []).append(split_steps(timers, seconds))
                if label not in out["agreement"]:
                    out["agreement"][label] = agreement(reference, result.features)
    try:
        session.stop()
    except Exception as error:  # the JVM may have died (out of memory): recorded above
        out.setdefault("errors", []).append(f"stopping the session: {error!r}"[:300])
    return out


def agreement(duck: pd.DataFrame, spark: pd.DataFrame) -> dict:
    """Whether both engines give the same customers and values (floats to 1e-9 relative:
    sums in a different order)."""
    a = duck.sort_values("customer_id").reset_index(drop=True)
    b = spark.sort_values("customer_id").reset_index(drop=True)
    same = list(a.columns) == list(b.columns) and len(a) == len(b)
    differing = []
    for column in a.columns if same else ():
        x, y = a[column], b[column]
        if pd.api.types.is_float_dtype(x) and pd.api.types.is_float_dtype(y):
            ok = np.allclose(x.to_numpy(float), y.to_numpy(float), rtol=1e-9, equal_nan=True)
        else:
            ok = x.astype(str).equals(y.astype(str))
        if not ok:
            differing.append(column)
    return {"customers": [len(a), len(b)], "same_columns": same, "differing": differing}


def command_runs(csv: Path, repeat: int, conf: list[str], folder: Path) -> dict:
    """(a): the two commands in turn, ``repeat`` runs each; the outputs go to ``folder``."""
    runs: dict[str, list[dict]] = {"duckdb": [], "spark": []}
    for i in range(repeat):
        for engine in runs:
            command = rfm_command(csv, engine, folder / f"{engine}.csv", conf)
            _progress(f"command {engine}, run {i + 1} of {repeat}")
            run = run_command(command, folder / f"{engine}.log")
            runs[engine].append(run)
            _progress(f"  {run['wall_seconds']:.1f} s, exit {run['exit_code']}, tree peak "
                      f"{run['tree_peak_rss'] / 2**30:.2f} GiB")  # fmt: skip
            if run["exit_code"] != 0:
                tail = (folder / f"{engine}.log").read_text(errors="replace")[-3000:]
                run["output_tail"] = tail
                _progress(f"  failed:\n{tail}")
    return {"runs": runs, "command": {e: rfm_command(csv, e, Path("x.csv"), conf) for e in runs}}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _pairs(a: list[float], b: list[float]) -> str:
    """The median of b / a pair by pair, with the range."""
    ratios = [y / x for x, y in zip(a, b, strict=False)]
    if not ratios:
        return "–"
    return f"{_median(ratios):.1f}× ({min(ratios):.1f}–{max(ratios):.1f})"


def report(result: dict) -> None:
    cmd, warm = result.get("commands"), result.get("warm")
    print(f"{result['lines']:,} lines, {result['customers']:,} customer IDs; CSV "
          f"{result['csv_bytes'] / 2**20:.0f} MiB, Parquet {result['parquet_bytes'] / 2**20:.0f}"
          f" MiB; Spark {result['spark']} on {MASTER}, DuckDB {result['duckdb']}; "
          f"{result['cpus']} CPUs; load average {result['load_average_before'][0]:.1f} → "
          f"{result['load_average_after'][0]:.1f}\n")  # fmt: skip
    print("| step | DuckDB | Spark | Spark / DuckDB (pair range) | runs |")
    print("|---|---:|---:|---:|---|")
    if cmd:
        ok = {e: [r for r in runs if r["exit_code"] == 0] for e, runs in cmd["runs"].items()}
        d, s = ok["duckdb"], ok["spark"]
        wall = {e: [r["wall_seconds"] for r in runs] for e, runs in ok.items()}
        cpu = {e: [r["tree_cpu_seconds"] for r in runs] for e, runs in ok.items()}
        runs = f"{len(d)} + {len(s)} in turn"
        failed = sum(len(r) for r in cmd["runs"].values()) - len(d) - len(s)
        runs += f", {failed} failed" if failed else ""
        print(f"| (a) whole command `rfm`, CSV: wall s | {_median(wall['duckdb']):.1f} | "
              f"{_median(wall['spark']):.1f} | {_pairs(wall['duckdb'], wall['spark'])} | "
              f"{runs} |")  # fmt: skip
        print(
            f"| (a) CPU s of the process tree | {_median(cpu['duckdb']):.1f} | "
            f"{_median(cpu['spark']):.1f} | {_pairs(cpu['duckdb'], cpu['spark'])} | |"
        )
        for key, label in (
            ("tree_peak_rss", "peak RSS, whole process tree (sum)"),
            ("largest_process_hwm", "peak RSS, largest process (VmHWM)"),
        ):
            dm, sm = (max((r[key] for r in x), default=0) / 2**30 for x in (d, s))
            name = f" ({max(s, key=lambda r: r[key])['largest_process']})" if s else ""
            name = name if key == "largest_process_hwm" else ""
            ratio = f"{sm / dm:.1f}×" if dm else "–"
            print(f"| (a) {label}, max | {dm:.2f} GiB | {sm:.2f} GiB{name} | {ratio} | |")
    if warm:
        print(f"| (b) Spark session start (JVM), once | | {warm['session_start_seconds']:.1f} s"
              " | | 1 |")  # fmt: skip
        sec, cpu = warm["seconds"], warm["cpu_seconds"]
        for label in ("csv", "parquet"):
            d, s = sec.get(f"duckdb_{label}", []), sec.get(f"spark_{label}", [])
            dc, sc = cpu.get(f"duckdb_{label}", []), cpu.get(f"spark_{label}", [])
            print(
                f"| (b) warm `aggregate_orders`, {label}: wall s | {_median(d):.2f} | "
                f"{_median(s):.2f} | {_pairs(d, s)} | {len(d)} + {len(s)} in turn |"
            )
            print(f"| (b) CPU s, {label} | {_median(dc):.2f} | {_median(sc):.2f} | "
                  f"{_pairs(dc, sc)} | |")  # fmt: skip
            if d and sc:
                print(
                    f"| (b) cores Spark would need to match DuckDB here, {label} "
                    f"(Spark CPU s / DuckDB wall s) | | {_median(sc) / _median(d):.0f} | | |"
                )
        for error in warm.get("errors", []):
            print(f"\nfailed: {error}")
        if not warm["steps"]:
            return
        print("\n(c) where the warm Spark run's time goes (median seconds of each step)\n")
        print("| step | CSV s | CSV share | Parquet s | Parquet share |\n|---|---:|---:|---:|---:|")
        labels = [label for label in ("csv", "parquet") if warm["steps"].get(label)]
        med = {label: {key: _median([run[key] for run in warm["steps"][label]])
                       for _, key in STEP_ROWS} for label in labels}  # fmt: skip
        totals = {label: _median(sec[f"spark_{label}"]) for label in labels}
        for text, key in STEP_ROWS:
            cells = [f"{med[x][key]:.2f} | {med[x][key] / totals[x]:.0%}" if x in med else "|"
                     for x in ("csv", "parquet")]  # fmt: skip
            print(f"| {text} | {' | '.join(cells)} |")
        print(
            f"| total | {totals.get('csv', float('nan')):.2f} | | "
            f"{totals.get('parquet', float('nan')):.2f} | |"
        )
        print(f"\nSpark and DuckDB agree: {warm.get('agreement')}")


def save(result: dict) -> None:
    """The result so far as JSON (a long run that fails later keeps its first part)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, default=str))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=None, help="default: lines / 10")
    parser.add_argument("--repeat", type=int, default=3, help="whole-command runs of each")
    parser.add_argument("--warm-repeat", type=int, default=3, help="in-process runs of each")
    parser.add_argument("--spark-conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting for both parts (repeatable)")  # fmt: skip
    parser.add_argument("--skip", choices=("commands", "warm"), action="append", default=[])
    args = parser.parse_args()
    customers = args.customers or max(args.lines // 10, 1)
    _progress(f"log of {args.lines:,} lines in {CACHE}")
    csv, parquet, generated = log_files(args.lines, customers)
    result: dict = {
        "lines": args.lines, "customers": customers, "master": MASTER,
        "repeat": args.repeat, "warm_repeat": args.warm_repeat, "spark_conf": args.spark_conf,
        "generate_seconds": generated, "csv_bytes": csv.stat().st_size,
        "parquet_bytes": parquet.stat().st_size, "load_average_before": os.getloadavg(),
    }  # fmt: skip
    import pyspark

    result |= {
        "python": platform.python_version(), "duckdb": duckdb.__version__,
        "spark": pyspark.__version__, "pandas": pd.__version__, "machine": platform.machine(),
        "cpus": mp.cpu_count(),
    }  # fmt: skip
    if "commands" not in args.skip:
        with tempfile.TemporaryDirectory(prefix="bench-spark-") as tmp:
            result["commands"] = command_runs(csv, args.repeat, args.spark_conf, Path(tmp))
        save(result)
    if "warm" not in args.skip:
        target = SparkTarget(MASTER, conf=parse_conf(args.spark_conf))
        files = {"csv": csv, "parquet": parquet}
        result["warm"] = warm_runs(files, args.warm_repeat, target)
    result["load_average_after"] = os.getloadavg()
    save(result)
    report(result)


if __name__ == "__main__":
    main()
