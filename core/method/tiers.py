"""Grouping schemes (METHOD.md §4): share tiers, score thresholds, ABC and value × potential.

Each scheme is one function returning a label per customer (a new array, in input order).

Tiers have stable **keys** apart from their labels: ``t1``, ``t2`` … by position for share and
threshold tiers, ``A``, ``B``, ``C`` … for ABC classes and ``strategic``, ``high_potential``,
``basic``, ``low_efficiency`` for the four value × potential quadrants (:func:`tier_keys`).
Labels are display text; the default labels exist in both languages (:func:`default_labels`)
and :func:`relabel` swaps them for another language's, leaving labels a user typed as typed.
Everything stored about a tier (overrides, strategies, allocation) names its key.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.i18n import LANGUAGES, msg, phrases
from core.method.normalize import scaled_down

QUADRANT_LABELS = {lang: tuple(phrases("tiers.quadrant.", lang).values()) for lang in LANGUAGES}
DEFAULT_TIER_LABELS = {lang: tuple(phrases("scenario.tier.", lang).values()) for lang in LANGUAGES}
QUADRANT_KEYS = ("strategic", "high_potential", "basic", "low_efficiency")
ABC_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def tier_keys(scheme: str, count: int) -> tuple[str, ...]:
    """The stable keys of ``count`` tiers of ``scheme``, best first."""
    if scheme == "quadrant" and count == len(QUADRANT_KEYS):
        return QUADRANT_KEYS
    if scheme == "abc" and count <= len(ABC_LETTERS):
        return tuple(ABC_LETTERS[:count])
    return tuple(f"t{k + 1}" for k in range(count))


def default_labels(scheme: str, count: int, lang: str) -> tuple[str, ...]:
    """The default label of each of ``count`` tiers in ``lang``: 关键客户 / Key … then
    第 4 组 / Group 4 …; the quadrant names; A, B, C for ABC."""
    if scheme == "quadrant" and count == len(QUADRANT_KEYS):
        return QUADRANT_LABELS[lang]
    if scheme == "abc":
        return tier_keys(scheme, count)
    known = DEFAULT_TIER_LABELS[lang]
    return tuple(
        known[k] if k < len(known) else msg("tiers.new_label", n=k + 1).render(lang)
        for k in range(count)
    )


def default_label_position(label: str, scheme: str, count: int) -> int | None:
    """The position whose default label (in any language) is ``label``, if one is."""
    for lang in DEFAULT_TIER_LABELS:
        defaults = default_labels(scheme, count, lang)
        if label in defaults:
            return defaults.index(label)
    return None


def relabel(labels: Sequence[str], scheme: str, lang: str) -> tuple[str, ...]:
    """``labels`` with every default label (of any language, at its own position) replaced by
    ``lang``'s; labels the user typed stay as typed. Unchanged if the result would repeat."""
    count = len(labels)
    wanted = default_labels(scheme, count, lang)
    out = []
    for k, label in enumerate(labels):
        at = default_label_position(str(label), scheme, count)
        out.append(wanted[k] if at == k else label)
    return tuple(out) if len(set(out)) == len(out) else tuple(labels)


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
            values = pd.to_numeric(table[column], errors="coerce")
            with np.errstate(over="ignore"):  # a tier's sum beyond ±1.8e308 is ±inf
                sums = values.groupby(table["tier"], sort=False, observed=True).sum(min_count=1)
            out[name] = sums.reindex(out.index).fillna(0.0)
            # Shares from values scaled by a power of two: sums of values near 1e308 overflow.
            scaled = pd.Series(scaled_down(values.to_numpy(dtype=float))[0], index=table.index)
            parts = scaled.groupby(table["tier"], sort=False, observed=True).sum(min_count=1)
            parts = parts.reindex(out.index).fillna(0.0)
            total = np.nansum(scaled.to_numpy())
            out[f"{name}_share"] = parts / total if total else 0.0
    out["mean_score"] = grouped["score"].mean().reindex(out.index)
    return out.reset_index()
