"""Prediction benchmark (issue 17): BG/NBD + Gamma-Gamma fit and predict, ours against lifetimes.

For each size, customers are simulated from the BG/NBD story (core.orders.predict.simulate_bg_nbd,
seeded; ages 30–730 days, times rounded down to whole days as a daily summary has them) with a
Gamma-distributed spend per repeat day. Then, in turn, ``--repeat`` times each:

- ours: ``fit_bg_nbd``, ``fit_gamma_gamma``, and per customer ``p_alive``, expected purchases
  and ``predicted_clv`` over 360 days (core.orders.predict);
- lifetimes 0.11.3: ``BetaGeoFitter.fit``, ``GammaGammaFitter.fit``,
  ``conditional_probability_alive``, ``conditional_expected_number_of_purchases_up_to_time``
  and ``customer_lifetime_value`` (12 months of 30 days), the same work.

Figures are the median seconds and the ratio lifetimes ÷ ours, pair by pair; the parameters of
the last runs are compared too.

    python benchmarks/bench_predict.py [--sizes 300000 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.orders import predict as P  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "predict.json"
TRUE = {"r": 0.5, "alpha": 8.0, "a": 0.6, "b": 2.0}


def customers(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    T = np.floor(rng.uniform(30, 730, n))
    x, t_x, T = P.simulate_bg_nbd(**TRUE, T=T, seed=12)
    spend = np.where(x > 0, rng.gamma(6.0, 1 / rng.gamma(3.0, 1 / 20.0, n)) * 10, 0.0)
    return pd.DataFrame({"frequency": x, "recency": np.floor(t_x), "T": T, "spend": spend})


def ours(c: pd.DataFrame) -> tuple[float, dict]:
    start = time.perf_counter()
    bg = P.fit_bg_nbd(c.frequency, c.recency, c["T"])
    gg = P.fit_gamma_gamma(c.frequency, c.spend)
    P.p_alive(bg, c.frequency, c.recency, c["T"])
    P.expected_purchases(bg, 360, c.frequency, c.recency, c["T"])
    P.predicted_clv(bg, gg, c.frequency, c.recency, c["T"], c.spend, 360, 0.1)
    return time.perf_counter() - start, {"r": bg.r, "alpha": bg.alpha, "a": bg.a, "b": bg.b}


def theirs(c: pd.DataFrame) -> tuple[float, dict]:
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bg = BetaGeoFitter().fit(c.frequency, c.recency, c["T"])
        repeat = c[(c.frequency > 0) & (c.spend > 0)]
        gg = GammaGammaFitter().fit(repeat.frequency, repeat.spend)
        bg.conditional_probability_alive(c.frequency, c.recency, c["T"])
        bg.conditional_expected_number_of_purchases_up_to_time(360, c.frequency, c.recency, c["T"])
        monthly = 1.1 ** (30 / 365) - 1
        gg.customer_lifetime_value(bg, c.frequency, c.recency, c["T"], c.spend, time=12,
                                   discount_rate=monthly, freq="D")  # fmt: skip
    return time.perf_counter() - start, dict(bg.params_)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = []
    for n in args.sizes:
        table = customers(n)
        mine, refs, ratios = [], [], []
        for _ in range(args.repeat):
            a, params = ours(table)
            b, ref_params = theirs(table)
            mine.append(a)
            refs.append(b)
            ratios.append(b / a)
        worst = max(abs(params[k] / ref_params[k] - 1) for k in params)
        results.append({"customers": n, "ours_s": statistics.median(mine),
                        "lifetimes_s": statistics.median(refs),
                        "lifetimes_over_ours": statistics.median(ratios),
                        "largest_parameter_difference": worst, "ours": params,
                        "lifetimes": ref_params, "true": TRUE})  # fmt: skip
    print("| customers | ours (s) | lifetimes (s) | lifetimes ÷ ours | parameters differ by |")
    print("|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['customers']:,} | {r['ours_s']:.2f} | {r['lifetimes_s']:.2f} "
            f"| {r['lifetimes_over_ours']:.1f}× | {r['largest_parameter_difference']:.1e} |"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
