"""Scoring methods on a bare factor matrix: missing values, weighted sum, TOPSIS, rank order.

Inputs are assumed valid (checked once at the edge, in :mod:`core.method.ranking`): ``x`` is
customers × factors (float, NaN = missing), ``cost`` marks lower-is-better columns, ``w`` are
weights ≥ 0 summing to 1. Every method returns ``(score, contributions)`` where the
contributions (customers × factors) add up exactly to the 0–100 score.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from core.method.normalize import NORMALIZERS, scaled_down


def fill_missing(x: np.ndarray, cost: np.ndarray, policy: str) -> np.ndarray:
    """Fill NaN per column: ``median`` (column median), ``worst`` (min for benefit, max for cost).

    ``skip`` also fills with the median, only so that normalisers see complete columns; the
    filled cells are then left out of the score by :func:`weighted_sum` / :func:`topsis`.
    """
    missing = np.isnan(x)
    if not missing.any():
        return x
    out = x.copy()
    for j in np.flatnonzero(missing.any(axis=0)):
        column = x[:, j]
        if policy == "worst":
            fill = np.nanmax(column) if cost[j] else np.nanmin(column)
        else:  # the median of the scaled column: the mean of two middle values cannot overflow
            scaled, exponent = scaled_down(column[:, None])
            fill = np.ldexp(np.nanmedian(scaled), exponent[0])
        out[missing[:, j], j] = fill
    return out


def normalize_columns(x: np.ndarray, cost: np.ndarray, methods: Sequence[str]) -> np.ndarray:
    """Apply each column's normaliser (columns sharing a method are normalised together)."""
    methods = list(methods)
    if len(set(methods)) == 1:
        return NORMALIZERS[methods[0]](x, cost)
    n = np.empty_like(x, dtype=float)
    for method in set(methods):
        cols = np.array([m == method for m in methods])
        n[:, cols] = NORMALIZERS[method](x[:, cols], cost[cols])
    return n


def _row_weights(w: np.ndarray, present: np.ndarray | None) -> np.ndarray:
    """Weights per customer: w, or w renormalised over the factors the customer has."""
    if present is None:
        return w[None, :]
    wm = present * w[None, :]
    total = wm.sum(axis=1, keepdims=True)
    return np.divide(wm, total, out=np.zeros_like(wm), where=total > 0)


def weighted_sum(
    n: np.ndarray, w: np.ndarray, present: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """score = 100 · Σⱼ wⱼ·nⱼ; contribution of factor j = 100 · wⱼ·nⱼ.

    With ``present`` (the 'skip' policy) a customer's weights are renormalised over the factors
    it has: wᵢⱼ = wⱼ·mᵢⱼ / Σₖ wₖ·mᵢₖ.
    """
    contributions = n * (100.0 * _row_weights(w, present))
    return contributions.sum(axis=1), contributions


def topsis(
    x: np.ndarray, cost: np.ndarray, w: np.ndarray, present: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Classic TOPSIS: vector normalisation rᵢⱼ = xᵢⱼ/√Σᵢxᵢⱼ², vᵢⱼ = wⱼ·rᵢⱼ,
    ideal A⁺ⱼ = max (benefit) or min (cost) of vⱼ, anti-ideal A⁻ⱼ the opposite,
    D⁺ᵢ = ‖vᵢ − A⁺‖, D⁻ᵢ = ‖vᵢ − A⁻‖, score = 100 · D⁻/(D⁺ + D⁻).

    Contributions: since C − ½ = Σⱼ (D⁻ᵢⱼ² − D⁺ᵢⱼ²) / (2(D⁺ + D⁻)²), factor j contributes
    100 · (wⱼ/2 + (D⁻ᵢⱼ² − D⁺ᵢⱼ²)/(2(D⁺ + D⁻)²)), which sums exactly to the score.
    A customer equal to both ideals (every column constant) scores 50.
    """
    x = scaled_down(x)[0]  # r is the same for x / 2**e, whose squares cannot overflow
    norms = np.sqrt((x * x).sum(axis=0))
    r = x / np.where(norms > 0, norms, 1.0)
    wr = _row_weights(w, present)
    v = r * wr
    vw = r * w[None, :]
    best = np.where(cost, vw.min(axis=0), vw.max(axis=0))
    worst = np.where(cost, vw.max(axis=0), vw.min(axis=0))
    if present is not None:
        scale = np.divide(wr, w[None, :], out=np.zeros_like(wr), where=w[None, :] > 0)
        best, worst = best * scale, worst * scale
    plus_sq = (v - best) ** 2
    minus_sq = (v - worst) ** 2
    d_plus = np.sqrt(plus_sq.sum(axis=1))
    d_minus = np.sqrt(minus_sq.sum(axis=1))
    total = d_plus + d_minus
    safe = np.where(total > 0, total, 1.0)
    base = wr if present is not None else np.broadcast_to(w[None, :], v.shape)
    # At both ideals the score is half the customer's weight (50, or 0 when 'skip' leaves it
    # no weighted factor), so the contributions below still add up to it.
    score = np.where(total > 0, 100.0 * d_minus / safe, 50.0 * base.sum(axis=1))
    spread = (minus_sq - plus_sq) / (2.0 * safe[:, None] ** 2)
    contributions = 100.0 * (base / 2.0 + np.where(total[:, None] > 0, spread, 0.0))
    return score, contributions


def rank_order(score: np.ndarray, id_codes: np.ndarray) -> np.ndarray:
    """Row order by score (highest first), ties by customer ID (``id_codes`` sort like the IDs)."""
    order = np.argsort(-score)
    ranked = score[order]
    # Without ties (or NaN) the order by score is unique, so the plain sort is the answer and
    # costs ~30 % less than the two-key sort needed when scores tie.
    if len(ranked) and (np.any(ranked[1:] == ranked[:-1]) or np.isnan(ranked[-1])):
        return np.lexsort((id_codes, -score))
    return order
