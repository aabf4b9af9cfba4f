"""Objective weights from the data (entropy, CRITIC), blending, and weight normalisation.

Both objective methods share one signature, ``f(x, cost, names) -> ObjectiveWeights``: ``x`` is
a 2-D float array (customers × factors) with **no NaN** (fill or drop missing values first),
``cost`` a boolean array (True = lower is better). Each first min–max normalises ``x`` with its
directions (:func:`core.method.normalize.minmax`, cost flipped) into ``x′`` in [0, 1], 1 = best.

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
from core.i18n import msg
from core.method.normalize import constant_columns, minmax

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
    xn, flat, labels = _prepare(x, cost, names, msg("word.entropy_weights"))
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
    xn, flat, labels = _prepare(x, cost, names, msg("word.critic_weights"))
    keep = ~flat
    sigma = xn[:, keep].std(axis=0, ddof=1)
    r = np.atleast_2d(np.corrcoef(xn[:, keep], rowvar=False))
    info = sigma * (1.0 - r).sum(axis=0)
    warnings = list(_flat_warnings(flat, labels))
    if info.sum() <= _ZERO:
        info = sigma
        if keep.sum() > 1:
            shown = ", ".join(labels[j] for j in np.flatnonzero(keep))
            warnings.append(msg("weights.critic_weights_perfectly_correlated_so", factors=shown))
    w = np.zeros(xn.shape[1])
    w[keep] = info / info.sum()
    return ObjectiveWeights(_frozen(w), tuple(warnings))


def blend(subjective: np.ndarray, objective: np.ndarray, alpha: float) -> np.ndarray:
    """``α · subjective + (1 − α) · objective``, each normalised to sum 1 first; α in [0, 1]."""
    if isinstance(alpha, bool) or not (isinstance(alpha, Real) and 0.0 <= alpha <= 1.0):
        raise InputError(msg("weights.blend_share_subjective_weights_must", alpha=alpha))
    s, o = normalize_weights(subjective), normalize_weights(objective)
    if s.shape != o.shape:
        raise InputError(msg("weights.blend_subjective_weights_but_objective", s=s.size, o=o.size))
    return alpha * s + (1.0 - alpha) * o


def normalize_weights(w) -> np.ndarray:
    """Return ``w / Σ w`` as a new 1-D array; weights must be finite, ≥ 0 and not all zero."""
    try:
        a = np.array(w, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise InputError(msg("weights.not_list_numbers", w=w)) from None
    bad = np.flatnonzero(~np.isfinite(a) | (a < 0))
    if bad.size:
        k = int(bad[0])
        raise InputError(msg("weights.every_weight_must_number", k=k + 1, v=a[k]))
    total = a.sum()
    if total <= 0:
        raise InputError(msg("weights.all_weights_zero_give_least"))
    return a / total


def _prepare(
    x: np.ndarray, cost: np.ndarray, names: Sequence[str] | None, method: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Check shapes and values, then return ``(x′, constant-column mask, column labels)``."""
    xa = np.array(x, dtype=float)
    if xa.ndim != 2 or xa.shape[1] == 0:
        raise InputError(
            msg("weights.expected_table_customers_factors_got", method=method, shape=xa.shape)
        )
    ca = np.array(cost, dtype=bool).reshape(-1)
    if ca.size != xa.shape[1]:
        raise InputError(
            msg(
                "weights.factor_columns_but_directions_give",
                method=method,
                n=xa.shape[1],
                k=ca.size,
            )
        )
    if names is not None and len(names) != xa.shape[1]:
        raise InputError(msg("weights.names_count", method=method, n=xa.shape[1], k=len(names)))
    labels = (
        [f'"{n}"' for n in names]
        if names is not None
        else [msg("weights.column_n", n=j + 1) for j in range(xa.shape[1])]
    )
    bad = np.flatnonzero(~np.isfinite(xa).all(axis=0))
    if bad.size:
        raise InputError(
            msg("weights.factor_has_missing_infinite_values", method=method, f=labels[bad[0]])
        )
    flat = constant_columns(xa) if xa.shape[0] else np.ones(xa.shape[1], dtype=bool)
    if flat.all():
        raise InputError(msg("weights.every_factor_has_same_value", method=method))
    return minmax(xa, ca), flat, labels


def _flat_warnings(flat: np.ndarray, labels: list[str]) -> tuple[str, ...]:
    return tuple(
        msg("weights.factor_has_same_value_every", f=labels[j]) for j in np.flatnonzero(flat)
    )


def _frozen(w: np.ndarray) -> np.ndarray:
    w.flags.writeable = False
    return w
