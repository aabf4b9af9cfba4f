"""The floor for ``python -m core score TABLE.csv --out FILE.csv``: a bare pandas + numpy
ranking, no checks, no report.

    python benchmarks/bare_pandas_score.py TABLE.csv OUT.csv

Reads the customer table with ``pandas.read_csv``, takes every column but the first (the ID)
as a benefit factor with equal weights, min-max normalises them, scores 0-100, ranks by score
(ties by ID), gives the top 20 % / next 30 % / rest tiers A, B, C, and writes rank, ID, score,
tier and the original columns with ``DataFrame.to_csv``.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table")
    parser.add_argument("out")
    args = parser.parse_args()
    frame = pd.read_csv(args.table)
    ids, factors = frame.columns[0], frame.columns[1:]
    x = frame[factors].to_numpy(dtype=float)
    low, high = x.min(axis=0), x.max(axis=0)
    span = np.where(high > low, high - low, 1.0)
    score = 100 * ((x - low) / span).mean(axis=1)
    order = np.lexsort((frame[ids].to_numpy(), -score))
    ranked = frame.iloc[order].reset_index(drop=True)
    share = np.arange(1, len(ranked) + 1) / max(len(ranked), 1)
    ranked.insert(0, "tier", np.select([share <= 0.2, share <= 0.5], ["A", "B"], "C"))
    ranked.insert(0, "score", score[order])
    ranked.insert(0, "rank", np.arange(1, len(ranked) + 1))
    ranked.to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
