"""App rerun benchmark: how long the app takes to re-rank after a weight-slider change.

For 1k / 10k / 100k customers it loads a generated customer table into the real app through
Streamlit's AppTest (the Data page's uploader), then times reruns of the Ranking page after a
sidebar slider change against two bare pages (``benchmarks/bare_pages.py``): one that scores
the same table and shows it sorted (the goal's floor: app ≤ 3× it), one that only shows it.
The three pages rerun in turn; each figure is the median of ``--repeat`` reruns; the ratios
are the comparable numbers (absolute times depend on the machine).

AppTest compiles every script again on every run (each run gets a new script cache); a server
keeps one cache for the process and compiles a page once. Like the server, the benchmark gives
every run the same cache (``--no-shared-cache`` measures AppTest's own way), so the figures are
the reruns a user waits for, not compilations.

    python benchmarks/bench_app_rerun.py [--sizes 1000 10000 100000] [--repeat 9]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bare_pages import bare_page

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def share_one_script_cache() -> None:
    """Give every AppTest run the one bytecode cache a server keeps for its process."""
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def customer_table(rows: int, seed: int = 7) -> pd.DataFrame:
    """A customer table shaped like the English sample (IDs, names, 8 factors)."""
    rng = np.random.default_rng(seed)
    revenue = rng.lognormal(11, 1.2, rows).round(2)
    return pd.DataFrame({
        "customer_id": [f"C{i:07d}" for i in range(rows)],
        "customer_name": [f"Customer {i}" for i in range(rows)],
        "industry": rng.choice(["Retail", "Energy", "Finance", "Pharma"], rows),
        "region": rng.choice(["East", "South", "North"], rows),
        "revenue": revenue,
        "profit": (revenue * rng.uniform(0.05, 0.4, rows)).round(2),
        "orders": rng.poisson(12, rows),
        "last_order_date": pd.Timestamp("2024-12-31")
        - pd.to_timedelta(rng.integers(0, 400, rows), unit="D"),
        "satisfaction": rng.uniform(1, 5, rows).round(1),
        "nps": rng.integers(-100, 101, rows),
        "growth_rate": rng.normal(0.05, 0.2, rows).round(3),
        "complaints": rng.poisson(1, rows),
    })  # fmt: skip


def _rerun(at: AppTest, key: str, i: int, sidebar: bool) -> float:
    widget = at.sidebar.slider(key=key) if sidebar else at.slider(key=key)
    widget.set_value(10 + (i % 2) * 80)
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return time.perf_counter() - start


def app_on(csv: Path) -> AppTest:
    """The app on the Ranking page with ``csv`` uploaded on the Data page."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=600)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="upload").upload(csv.name, csv.read_bytes(), "text/csv").run()
    at.switch_page("pages/ranking.py").run()
    ranked = len(at.session_state["ingest"].frame)
    if ranked != len(pd.read_csv(csv)):
        raise RuntimeError(f"the app did not load {csv.name}: {ranked} rows")
    at.run()
    return at


def bare_on(csv: Path, folder: Path, kind: str) -> AppTest:
    script = folder / f"bare_{kind}_{csv.stem}.py"  # one script per table: the cache is by path
    script.write_text(bare_page(kind, csv), encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=600)
    return at.run()


def time_size(csv: Path, folder: Path, repeat: int) -> dict[str, float]:
    """Median reruns after a slider change, the three pages in turn (bare scoring, bare
    showing, app) so a load spike hits all of them."""
    pages = {
        "scoring": (bare_on(csv, folder, "scoring"), "w", False),
        "showing": (bare_on(csv, folder, "showing"), "w", False),
        "app": (app_on(csv), "w_sidebar_revenue", True),
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    for i in range(repeat + 1):
        for name, (at, key, sidebar) in pages.items():
            took = _rerun(at, key, i, sidebar)
            if i:  # the first round warms caches
                times[name].append(took)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--no-shared-cache", action="store_true", help="compile every script on every run"
    )
    args = parser.parse_args(argv)
    if not args.no_shared_cache:
        share_one_script_cache()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for rows in args.sizes:
            csv = folder / f"customers_{rows}.csv"
            customer_table(rows).to_csv(csv, index=False)
            median = time_size(csv, folder, args.repeat)
            results.append({
                "customers": rows, "bare_scoring_s": median["scoring"],
                "bare_showing_s": median["showing"], "app_s": median["app"],
                "ratio": median["app"] / median["scoring"],
                "ratio_showing": median["app"] / median["showing"],
            })  # fmt: skip
    print("| customers | bare page scoring + showing (s) | bare page showing (s) | app (s) "
          "| app ÷ bare scoring | app ÷ bare showing |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['customers']:,} | {r['bare_scoring_s']:.3f} | {r['bare_showing_s']:.3f} "
              f"| {r['app_s']:.3f} | {r['ratio']:.1f}× | {r['ratio_showing']:.1f}× |")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "app_rerun.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
