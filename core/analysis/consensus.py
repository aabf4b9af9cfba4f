"""Consensus of a group's factor weights: agreement, spread, distances, aggregated weights.

Inputs are plain arrays: a weights matrix ``W`` (participants × factors, raw relative
weights ≥ 0, each row with a positive sum) and, for agreement, a ranks matrix ``R``
(raters × items, 1 = best, ties sharing their average rank).

- Kendall's W with tie correction (Kendall & Babington Smith; Legendre 2005)::

      W = 12 S / (m² (n³ − n) − m Σⱼ Tⱼ),   S = Σᵢ (Rᵢ − R̄)²,   Tⱼ = Σ_groups (t³ − t)

  with m raters, n items, Rᵢ the rank sum of item i and t the size of each group of tied
  ranks of rater j. W = 1 is complete agreement, 0 none; with fewer than 2 raters or items,
  or every rater tying everything, W is NaN.
- Consensus weights: each row is first normalised to sum 1, then per factor the ``mean``,
  the ``median`` or the ``geometric`` mean (the aggregation of individual priorities used
  for AHP groups: a factor someone gave 0 gets 0), renormalised to sum 1.
- Distance of a participant from the consensus c: ½ Σⱼ |wⱼ − cⱼ| on normalised weights, the
  share of weight that would have to move (0 = identical, 1 = disjoint).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.errors import InputError
from core.i18n import msg

CONSENSUS_METHODS = ("mean", "median", "geometric")


def normalized_rows(weights: np.ndarray) -> np.ndarray:
    """Each row divided by its sum (rows must have a positive sum)."""
    w = np.asarray(weights, dtype=float)
    return w / w.sum(axis=1, keepdims=True)


def average_rank_rows(values: np.ndarray, descending: bool = True) -> np.ndarray:
    """Per row, 1-based ranks of the values (largest first when ``descending``); ties share
    their average rank (scipy.stats.rankdata 'average' per row; NaN stays NaN)."""
    from scipy import stats  # on first use (slow to import; see core.analysis.compare._stats)

    v = np.asarray(values, dtype=float)
    return stats.rankdata(-v if descending else v, method="average", axis=1, nan_policy="omit")


def _tie_term(ranks: np.ndarray) -> float:
    total = 0.0
    for row in ranks:
        counts = np.unique(row, return_counts=True)[1].astype(float)
        total += float((counts**3 - counts).sum())
    return total


def kendall_w(ranks: np.ndarray) -> float:
    """Kendall's coefficient of concordance of ``ranks`` (raters × items), tie-corrected."""
    r = np.asarray(ranks, dtype=float)
    if r.ndim != 2 or r.shape[0] < 2 or r.shape[1] < 2:
        return float("nan")
    m, n = r.shape
    sums = r.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    denominator = m * m * (n**3 - n) - m * _tie_term(r)
    if denominator <= 0:
        return float("nan")
    return min(1.0, max(0.0, 12.0 * s / denominator))


def consensus_weights(weights: np.ndarray, method: str = "mean") -> np.ndarray:
    """The group's weights (sum 1) by ``method`` (see the module docstring)."""
    if method not in CONSENSUS_METHODS:
        raise InputError(
            msg(
                "rooms.consensus_method_unknown_use_one",
                m=method,
                allowed=", ".join(CONSENSUS_METHODS),
            )
        )
    w = normalized_rows(weights)
    if method == "mean":
        c = w.mean(axis=0)
    elif method == "median":
        c = np.median(w, axis=0)
    else:
        with np.errstate(divide="ignore"):
            c = np.exp(np.log(w).mean(axis=0))
    if not c.sum() > 0:
        raise InputError(msg("rooms.consensus_every_factor_has_zero"))
    return c / c.sum()


def weight_distances(weights: np.ndarray, consensus: np.ndarray) -> np.ndarray:
    """½ Σⱼ |wⱼ − cⱼ| per participant (normalised weights), in [0, 1]."""
    return 0.5 * np.abs(normalized_rows(weights) - np.asarray(consensus)[None, :]).sum(axis=1)


def weight_spread(weights: np.ndarray, columns: list[str]) -> pd.DataFrame:
    """Per factor (normalised weights): factor, mean, median, std (population), min, max,
    iqr (75th − 25th percentile)."""
    w = normalized_rows(weights)
    q1, q3 = np.percentile(w, [25, 75], axis=0)
    return pd.DataFrame(
        {
            "factor": columns,
            "mean": w.mean(axis=0),
            "median": np.median(w, axis=0),
            "std": w.std(axis=0),
            "min": w.min(axis=0),
            "max": w.max(axis=0),
            "iqr": q3 - q1,
        }
    )
