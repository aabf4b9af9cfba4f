"""App rerun benchmark: how long the app takes to re-rank after a weight-slider change.

For 1k / 10k / 100k customers it loads a generated customer table into the real app through
Streamlit's AppTest (the Data page's uploader), then times reruns of the Ranking page after a
sidebar slider change, and the same number of reruns of a *bare page* that only shows the same
DataFrame (read once, cached) after a slider change. Each figure is the median of ``--repeat``
reruns; the ratio app ÷ bare is the comparable number (absolute times depend on the machine).

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
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

BARE_PAGE = """
import pandas as pd
import streamlit as st

@st.cache_data
def load(path):
    return pd.read_csv(path)

st.slider("weight", 0, 100, 50, key="w")
st.dataframe(load(PATH), hide_index=True)
"""


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


def _median_rerun(at: AppTest, key: str, repeat: int, sidebar: bool) -> float:
    times = []
    for i in range(repeat):
        widget = at.sidebar.slider(key=key) if sidebar else at.slider(key=key)
        widget.set_value(10 + (i % 2) * 80)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return statistics.median(times)


def time_app(csv: Path, repeat: int) -> float:
    """Median rerun of the Ranking page after a sidebar slider change, on the uploaded table."""
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
    return _median_rerun(at, "w_sidebar_revenue", repeat, sidebar=True)


def time_bare(csv: Path, repeat: int, folder: Path) -> float:
    """Median rerun of a page that only shows the same DataFrame after a slider change."""
    script = folder / "bare_page.py"
    script.write_text(BARE_PAGE.replace("PATH", repr(str(csv))), encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=600)
    at.run()
    return _median_rerun(at, "w", repeat, sidebar=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for rows in args.sizes:
            csv = folder / f"customers_{rows}.csv"
            customer_table(rows).to_csv(csv, index=False)
            bare = time_bare(csv, args.repeat, folder)
            app = time_app(csv, args.repeat)
            results.append({"customers": rows, "bare_s": bare, "app_s": app, "ratio": app / bare})
    print("| customers | bare page rerun (s) | app rerun (s) | app ÷ bare |")
    print("|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['customers']:,} | {r['bare_s']:.3f} | {r['app_s']:.3f} | {r['ratio']:.1f}× |")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "app_rerun.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
