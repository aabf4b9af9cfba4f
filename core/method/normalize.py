"""Normalisers: one function per method, each mapping a factor matrix to 0–1, column by column.

All share one signature: ``f(x, cost) -> n`` where ``x`` is a 2-D float array
(customers × factors, no NaN: missing values are filled before normalising), ``cost`` a boolean
array (one per column, True = lower is better), and ``n`` a new array of the same shape in
[0, 1] where 1 is always best. A constant column (no spread) maps to 1.0 for every customer
(nobody is better or worse than anyone else); :func:`constant_columns` finds them so the
caller can warn. Every normaliser stays finite for any finite input, up to ±1.8e308.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Normalizer = Callable[[np.ndarray, np.ndarray], np.ndarray]


def constant_columns(x: np.ndarray) -> np.ndarray:
    """Boolean mask of columns whose finite values have no spread (max == min)."""
    return ~(np.nanmax(x, axis=0) > np.nanmin(x, axis=0))


def scaled_down(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(x / 2**e, e)`` per column, ``e`` ≥ 0 the least exponent that brings the column's
    largest magnitude to at most 1, so that no difference or square of its values overflows
    (``1e308 − (−1e308)``). Dividing by a power of two is exact: normalising the scaled
    column gives the same numbers, and a column already within ±1 is left as it is."""
    magnitude = np.max(np.abs(np.nan_to_num(x, nan=0.0)), axis=0, initial=0.0)
    exponent = np.maximum(np.frexp(magnitude)[1], 0)
    return np.ldexp(x, -exponent), exponent


def _orient(n: np.ndarray, cost: np.ndarray, flat: np.ndarray) -> np.ndarray:
    """Make 1 mean best: n' = 1 − n for cost columns; constant columns become 1.0."""
    if cost.any():
        n[:, cost] = 1.0 - n[:, cost]
    if flat.any():
        n[:, flat] = 1.0
    return n


def minmax(x: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Min–max: n = (x − min)/(max − min) for benefit, (max − x)/(max − min) for cost."""
    x = scaled_down(x)[0]
    lo = x.min(axis=0)
    span = x.max(axis=0) - lo
    flat = ~(span > 0)
    n = (x - lo) / np.where(flat, 1.0, span)
    return _orient(n, cost, flat)


def percentile(x: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Percentile rank: n = (average rank − 1)/(m − 1), ties share their mean rank.

    Robust for skewed money figures: only the order of values matters.
    """
    from scipy.stats import rankdata  # imported on use: the CLI starts without scipy

    m = x.shape[0]
    # Missing values stay missing (their factor is skipped); the others rank among themselves.
    n = rankdata(x, method="average", axis=0, nan_policy="omit").astype(float)
    n = (n - 1.0) / max(m - 1, 1)
    return _orient(n, cost, constant_columns(x))


def zscore(x: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Clipped z-score: z = (x − mean)/std (ddof = 0) clipped to ±3, then n = (z + 3)/6."""
    x = scaled_down(x)[0]
    std = x.std(axis=0)
    # Not std <= 0: a constant column like [0.1, 0.1, 0.1] has a rounding-noise std of ~1e-17.
    flat = constant_columns(x)
    z = (x - x.mean(axis=0)) / np.where(flat, 1.0, std)
    n = (np.clip(z, -3.0, 3.0) + 3.0) / 6.0
    return _orient(n, cost, flat)


def log_minmax(x: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Log then min–max: y = ln(1 + x − min(x)), then min–max on y (defined for any sign).

    Where x − min(x) overflows, y = ln 2 + ln(½ + (x − min(x))/2), the same number."""
    half = x / 2 - x.min(axis=0) / 2
    with np.errstate(over="ignore"):
        d = 2 * half
    y = np.where(np.isfinite(d), np.log1p(np.where(np.isfinite(d), d, 0.0)),
                 np.log(2.0) + np.log(half + 0.5))  # fmt: skip
    return minmax(y, cost)


NORMALIZERS: dict[str, Normalizer] = {
    "minmax": minmax,
    "percentile": percentile,
    "zscore": zscore,
    "log": log_minmax,
}
