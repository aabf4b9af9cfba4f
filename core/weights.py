"""Objective weights from the data (entropy, CRITIC), blending, and weight normalisation.

Both objective methods share one signature, ``f(x, cost, names) -> ObjectiveWeights``: ``x`` is
a 2-D float array (customers × factors) with **no NaN** (fill or drop missing values first),
``cost`` a boolean array (True = lower is better). Each first min–max normalises ``x`` with its
directions (:func:`core.normalize.minmax`, cost flipped) into ``x′`` in [0, 1], 1 = best.

A constant column carries no information: it gets weight 0 and a warning, and it is left out
of every other factor's computation, so adding one never changes the other weights. If every
column is constant there is nothing to weigh and :class:`InputError` is raised.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from core.errors import InputError
from core.normalize import constant_columns, minmax

_ZERO = 1e-12  # a CRITIC information total below this is zero up to rounding


@dataclass(frozen=True)
class ObjectiveWeights:
    """Weights (non-negative, sum 1, one per column) and the warnings raised computing them."""

    weights: np.ndarray
    warnings: tuple[str, ...]


def entropy_weights(
    x: np.ndarray, cost: np.ndarray, names: Sequence[str] | None = None
) -> ObjectiveWeights:
    """Entropy weight method (熵权法).

    ``p_ij = x′_ij / Σ_i x′_ij``; ``e_j = −Σ_i p_ij ln p_ij / ln m`` with ``0 · ln 0 = 0``;
    ``w_j = (1 − e_j) / Σ_k (1 − e_k)``. A factor whose values are spread unevenly (low entropy)
    tells customers apart and weighs more.
    """
    xn, flat, labels = _prepare(x, cost, names, "Entropy weights")
    m = xn.shape[0]
    p = xn / xn.sum(axis=0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    diversity = 1.0 + plogp.sum(axis=0) / math.log(m)
    # A constant column has e = 1 exactly in theory; pin it so rounding cannot leak weight.
    diversity[flat] = 0.0
    return ObjectiveWeights(_frozen(diversity / diversity.sum()), _flat_warnings(flat, labels))


def critic_weights(
    x: np.ndarray, cost: np.ndarray, names: Sequence[str] | None = None
) -> ObjectiveWeights:
    """CRITIC (Criteria Importance Through Intercriteria Correlation).

    ``σ_j`` = sample standard deviation (ddof = 1; any ddof scales every C alike) of ``x′_j``;
    ``r_jk`` = Pearson correlation; ``C_j = σ_j · Σ_k (1 − r_jk)``; ``w_j = C_j / Σ C``.
    Contrast (σ) and conflict with the other factors (1 − r) both add weight. Constant columns
    are left out of the correlations (their r is undefined). If ``Σ C = 0`` (a single
    informative factor, or all of them perfectly correlated) the weights fall back to
    ``σ_j / Σ σ`` with a warning.
    """
    xn, flat, labels = _prepare(x, cost, names, "CRITIC weights")
    keep = ~flat
    sigma = xn[:, keep].std(axis=0, ddof=1)
    r = np.atleast_2d(np.corrcoef(xn[:, keep], rowvar=False))
    info = sigma * (1.0 - r).sum(axis=0)
    warnings = list(_flat_warnings(flat, labels))
    if info.sum() <= _ZERO:
        info = sigma
        if keep.sum() > 1:
            shown = ", ".join(labels[j] for j in np.flatnonzero(keep))
            warnings.append(
                f"CRITIC weights: {shown} are perfectly correlated, so CRITIC cannot tell them "
                "apart; their weights follow their standard deviations instead."
            )
    w = np.zeros(xn.shape[1])
    w[keep] = info / info.sum()
    return ObjectiveWeights(_frozen(w), tuple(warnings))


def blend(subjective: np.ndarray, objective: np.ndarray, alpha: float) -> np.ndarray:
    """``α · subjective + (1 − α) · objective``, each normalised to sum 1 first; α in [0, 1]."""
    if isinstance(alpha, bool) or not (isinstance(alpha, Real) and 0.0 <= alpha <= 1.0):
        raise InputError(
            f"Blend: the share of subjective weights must be between 0 and 1, got {alpha!r}."
        )
    s, o = normalize_weights(subjective), normalize_weights(objective)
    if s.shape != o.shape:
        raise InputError(
            f"Blend: {s.size} subjective weights but {o.size} objective weights; "
            "both must cover the same factors."
        )
    return alpha * s + (1.0 - alpha) * o


def normalize_weights(w) -> np.ndarray:
    """Return ``w / Σ w`` as a new 1-D array; weights must be finite, ≥ 0 and not all zero."""
    try:
        a = np.array(w, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise InputError(f"Weights: {w!r} is not a list of numbers.") from None
    bad = np.flatnonzero(~np.isfinite(a) | (a < 0))
    if bad.size:
        k = int(bad[0])
        raise InputError(f"Weights: weight {k + 1} is {a[k]:g}; every weight must be a number ≥ 0.")
    total = a.sum()
    if total <= 0:
        raise InputError("Weights: all weights are zero; give at least one factor a weight > 0.")
    return a / total


def _prepare(
    x: np.ndarray, cost: np.ndarray, names: Sequence[str] | None, method: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Check shapes and values, then return ``(x′, constant-column mask, column labels)``."""
    xa = np.array(x, dtype=float)
    if xa.ndim != 2 or xa.shape[1] == 0:
        raise InputError(f"{method}: expected a table of customers × factors, got {xa.shape}.")
    ca = np.array(cost, dtype=bool).reshape(-1)
    if ca.size != xa.shape[1]:
        raise InputError(
            f"{method}: {xa.shape[1]} factor columns but {ca.size} directions; "
            "give one direction (benefit or cost) per factor."
        )
    if names is not None and len(names) != xa.shape[1]:
        raise InputError(f"{method}: {xa.shape[1]} factor columns but {len(names)} names.")
    labels = (
        [f'"{n}"' for n in names]
        if names is not None
        else [f"column {j + 1}" for j in range(xa.shape[1])]
    )
    bad = np.flatnonzero(~np.isfinite(xa).all(axis=0))
    if bad.size:
        raise InputError(
            f"{method}: factor {labels[bad[0]]} has missing or infinite values; "
            "fill or drop them before computing weights."
        )
    flat = constant_columns(xa) if xa.shape[0] else np.ones(xa.shape[1], dtype=bool)
    if flat.all():
        raise InputError(
            f"{method}: every factor has the same value for all customers, so the data cannot "
            "say which matters more; use more customers or set the weights by hand."
        )
    return minmax(xa, ca), flat, labels


def _flat_warnings(flat: np.ndarray, labels: list[str]) -> tuple[str, ...]:
    return tuple(
        f"Factor {labels[j]} has the same value for every customer, so it carries no "
        "information and gets weight 0."
        for j in np.flatnonzero(flat)
    )


def _frozen(w: np.ndarray) -> np.ndarray:
    w.flags.writeable = False
    return w
