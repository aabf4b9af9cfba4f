"""Browser benchmark (issue 16): from a slider moved by keyboard to a settled page, in Chromium.

One Streamlit server runs the app with a generated customer table uploaded on the Data page and
the Ranking page open; another runs the bare page that scores the same table and shows it sorted
(``benchmarks/bare_pages.py``, "scoring"). In headless Chromium (the system's, driven by
Playwright) each page's slider is focused and moved by ``Home`` / ``End`` in turn, app and bare
page alternately; a move is timed from the key press until the app's script state is no longer
"running" (``data-test-script-state`` on ``stApp``). Each figure is the median of ``--repeat``
moves; the ratio app ÷ bare is the comparable number. Goal: ≤ 1.5× at 10,000 customers.

    python benchmarks/bench_browser_rerun.py [--sizes 10000 100000] [--repeat 15]

Writes a markdown table to stdout and JSON to benchmarks/results/browser_rerun.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from bare_pages import bare_page  # noqa: E402
from bench_app_rerun import customer_table  # noqa: E402

RESULTS = BENCH / "results" / "browser_rerun.json"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
APP = '[data-testid="stApp"]'
SLIDER_KEYS = ("Home", "End")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(script: Path, data_dir: Path) -> Iterator[str]:
    """``streamlit run script`` on a free port; its URL until the block ends."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--server.maxUploadSize", "1000",
    ]  # fmt: skip
    env = {**os.environ, "CIW_DATA_DIR": str(data_dir)}
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start for {script.name}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def settle(page, timeout: float = 600_000) -> None:
    """Wait until the script run that an action started (if any) has finished."""
    with contextlib.suppress(PlaywrightTimeout):
        page.locator(f'{APP}[data-test-script-state="running"]').wait_for(timeout=2_000)
    page.locator(f'{APP}[data-test-script-state="notRunning"]').wait_for(timeout=timeout)


def open_app(page, url: str, csv: Path, rows: int):
    """The app's Ranking page with ``csv`` (``rows`` customers) uploaded; returns the revenue
    slider."""
    page.goto(f"{url}/data?lang=en")
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(csv)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(f"{csv.name} · {rows} rows").wait_for(timeout=600_000)
    settle(page)
    links = page.locator('[data-testid="stSidebar"] a')
    targets = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    links.nth(targets.index("ranking")).click()
    page.wait_for_url("**/ranking*")
    settle(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    return page.locator('[data-testid="stSidebar"]').get_by_role("slider", name="revenue")


def open_bare(page, url: str):
    page.goto(url)
    settle(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    return page.get_by_role("slider", name="weight")


def move(page, slider, key: str) -> float:
    """Seconds from pressing ``key`` on ``slider`` until the script has run and stopped."""
    slider.focus()
    start = time.perf_counter()
    slider.press(key)
    settle(page)
    took = time.perf_counter() - start
    if page.locator('[data-testid="stException"]').count():
        raise RuntimeError("the page shows an exception")
    return took


def time_size(browser, rows: int, repeat: int, folder: Path) -> dict[str, float]:
    csv = folder / f"customers_{rows}.csv"
    customer_table(rows).to_csv(csv, index=False)
    bare_script = folder / f"bare_scoring_{rows}.py"
    bare_script.write_text(bare_page("scoring", csv), encoding="utf-8")
    with (
        streamlit_server(ROOT / "streamlit_app.py", folder / "store") as app_url,
        streamlit_server(bare_script, folder / "store") as bare_url,
    ):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        app_page, bare_tab = context.new_page(), context.new_page()
        pages = {"app": (app_page, open_app(app_page, app_url, csv, rows)),
                 "bare": (bare_tab, open_bare(bare_tab, bare_url))}  # fmt: skip
        times: dict[str, list[float]] = {name: [] for name in pages}
        for i in range(repeat + 1):
            for name, (page, slider) in pages.items():
                page.bring_to_front()
                took = move(page, slider, SLIDER_KEYS[i % 2])
                if i:
                    times[name].append(took)
        context.close()
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for rows in args.sizes:
            median = time_size(browser, rows, args.repeat, Path(tmp))
            results.append({"customers": rows, "bare_s": median["bare"], "app_s": median["app"],
                            "ratio": median["app"] / median["bare"]})  # fmt: skip
        browser.close()
    print("| customers | bare page, slider to settled (s) | app Ranking page (s) | app ÷ bare |")
    print("|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['customers']:,} | {r['bare_s']:.3f} | {r['app_s']:.3f} | {r['ratio']:.2f}× |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
