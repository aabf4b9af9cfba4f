"""Grouping schemes (METHOD.md §4): share tiers, score thresholds, ABC and value × potential.

Each scheme is one function returning a label per customer (a new array, in input order).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.i18n import LANGUAGES, phrases

QUADRANT_LABELS = {lang: tuple(phrases("tiers.quadrant.", lang).values()) for lang in LANGUAGES}


def share_tiers(ranks: np.ndarray, shares: Sequence[float], labels: Sequence[str]) -> np.ndarray:
    """By rank: the customer at rank r (1 = best) of m gets the first tier k with
    r ≤ round(m · Σ shares[:k+1]).

    With the default 20/30/50 split of 500 customers: ranks 1–100, 101–250, 251–500.
    """
    m = len(ranks)
    bounds = np.round(np.cumsum(shares) * m)
    bounds[-1] = m
    index = np.searchsorted(bounds, ranks, side="left")
    return np.asarray(labels, dtype=object)[np.minimum(index, len(labels) - 1)]


def threshold_tiers(
    scores: np.ndarray, thresholds: Sequence[float], labels: Sequence[str]
) -> np.ndarray:
    """Score ≥ thresholds[0] → labels[0]; ≥ thresholds[1] → labels[1] …; below all → the last."""
    cuts = np.sort(np.asarray(thresholds, dtype=float))[::-1]
    index = np.sum(scores[:, None] < cuts[None, :], axis=1)
    return np.asarray(labels, dtype=object)[index]


def abc_classes(
    values: np.ndarray, cuts: Sequence[float] = (0.8, 0.95), labels: Sequence[str] = ("A", "B", "C")
) -> np.ndarray:
    """Pareto classes by cumulative share of a value column (revenue or profit).

    Customers are sorted by value, largest first (ties by input order); a customer's class is
    decided by the cumulative share of the customers *before* it: below ``cuts[0]`` → A, below
    ``cuts[1]`` → B, else C. So the customer that crosses 80 % is still A. Missing and negative
    values count as 0 and fall to the last class.
    """
    clean = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0)
    clean = np.clip(clean, 0.0, None)
    total = clean.sum()
    order = np.argsort(-clean, kind="stable")
    before = np.concatenate(([0.0], np.cumsum(clean[order])[:-1]))
    share_before = before / total if total > 0 else np.ones_like(before)
    index_sorted = np.searchsorted(np.asarray(cuts, dtype=float), share_before, side="right")
    index_sorted[clean[order] <= 0] = len(labels) - 1
    result = np.empty(len(clean), dtype=object)
    result[order] = np.asarray(labels, dtype=object)[np.minimum(index_sorted, len(labels) - 1)]
    return result


def quadrant_tiers(
    value: np.ndarray,
    potential: np.ndarray,
    labels: Sequence[str],
    value_cut: float | None = None,
    potential_cut: float | None = None,
) -> np.ndarray:
    """Value × potential matrix: labels = (high/high, low value/high potential, high/low, low/low).

    Cuts default to each column's median; a customer at the cut counts as high; missing is low.
    """
    v_cut = np.nanmedian(value) if value_cut is None else value_cut
    p_cut = np.nanmedian(potential) if potential_cut is None else potential_cut
    high_value = np.nan_to_num(value, nan=-np.inf) >= v_cut
    high_potential = np.nan_to_num(potential, nan=-np.inf) >= p_cut
    index = np.where(high_potential, np.where(high_value, 0, 1), np.where(high_value, 2, 3))
    return np.asarray(labels, dtype=object)[index]


def tier_summary(
    table: pd.DataFrame,
    labels: Sequence[str],
    revenue: str | None = None,
    profit: str | None = None,
) -> pd.DataFrame:
    """Per tier: customers, share of customers, revenue and profit with their shares, mean score.

    ``table`` is a ranking table with ``tier`` and ``score`` columns; tiers appear in ``labels``
    order, empty tiers included, so the summary always has one row per tier.
    """
    grouped = table.groupby("tier", sort=False, observed=True)
    out = pd.DataFrame(index=pd.Index(list(labels), name="tier"))
    out["customers"] = grouped.size().reindex(out.index, fill_value=0).astype(int)
    out["customer_share"] = out["customers"] / max(len(table), 1)
    for name, column in (("revenue", revenue), ("profit", profit)):
        if column is not None and column in table.columns:
            sums = grouped[column].sum(min_count=1).reindex(out.index).fillna(0.0)
            total = table[column].sum()
            out[name] = sums
            out[f"{name}_share"] = sums / total if total else 0.0
    out["mean_score"] = grouped["score"].mean().reindex(out.index)
    return out.reset_index()
