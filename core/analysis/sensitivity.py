"""Weight sensitivity: Monte Carlo rank intervals and one-factor weight sweeps.

Both rescore the customers a :class:`~core.method.ranking.Ranking` ranked, with the same inputs it
used (kept rows, as-of date, missing-value policy, normalisers), for many weight vectors at
once: scores = 100 · N Wᵀ (customers × draws), in chunks so memory stays bounded.

- Weighted sum: N is the normalised factor matrix; with the 'skip' policy a customer's score
  is 100 · (N∘M) Wᵀ / (M Wᵀ) (M = 1 where the value is present), as in core.method.scoring.
- TOPSIS: the ideals scale with the weights, so D±ᵢ = √(Σⱼ wⱼ² (rᵢⱼ − r±ⱼ)²) and both
  distances are matrix products too; score = 100 · D⁻/(D⁺ + D⁻) (50 at both ideals).

Ranks per draw: rows are held in customer-ID order and sorted by score with a stable sort,
so ties go to the lower ID, as :func:`core.method.scoring.rank_order` does.

The *top tier* per draw: ``share`` scheme, rank ≤ round(share₀ · m); ``threshold``, score ≥
the highest threshold. ``abc`` and ``quadrant`` tiers do not depend on the weights, so for
them tier k is the next block of ranks as large as tier k is now.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.mapping.catalog import COST
from core.mapping.columns import factor_values
from core.method.ranking import Ranking, ranked_input
from core.method.scoring import fill_missing, normalize_columns

ALPHA_FLOOR = 0.05
"""Dirichlet α for a factor whose weight is 0 (but has values): it mostly draws ≈ 0 and
occasionally a few percent, so "what if it mattered a little" is explored; its share
vanishes as κ grows. Factors without any values stay at exactly 0."""
WORKERS = min(4, os.cpu_count() or 1)  # threads ranking chunks of draws
CHUNK_CELLS = 4_000_000  # customers × draws scored at once (float64: 32 MB)
MAX_RANK_CELLS = 50_000_000  # stored ranks (int32: 200 MB)
ROBUST_SHARE = 0.9


@dataclass(frozen=True)
class TierRule:
    """The scenario's tier rule over ranks or scores: descending score ``cuts`` (threshold
    scheme) or cumulative rank ``bounds`` (share or fixed sizes)."""

    cuts: np.ndarray | None = None
    bounds: np.ndarray | None = None

    def index(self, ranks: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """Each cell's tier index, 0 = top."""
        if self.cuts is not None:
            index = np.zeros(scores.shape, dtype=np.int64)
            for cut in self.cuts:
                index += scores < cut
            return index
        return np.minimum(np.searchsorted(self.bounds, ranks, side="left"), len(self.bounds) - 1)

    def is_top(self, ranks: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """``index(...) == 0``, by one comparison."""
        if self.cuts is not None:
            return scores >= self.cuts[0] if self.cuts.size else np.ones(scores.shape, bool)
        return ranks <= self.bounds[0]


@dataclass(frozen=True)
class FactorMatrix:
    """The ranked customers' factor data, rows in customer-ID order, ready to rescore."""

    customer_id: np.ndarray
    rank: np.ndarray  # the ranking's own rank of each row
    columns: tuple[str, ...]
    weights: np.ndarray  # the scenario's weights, columns without values set to 0, sum 1
    has_values: np.ndarray  # False for a column without any value (never weighted)
    n: np.ndarray  # weighted sum: normalised values; TOPSIS: (r − r⁺)²
    anti: np.ndarray | None  # TOPSIS: (r − r⁻)²
    present: np.ndarray | None  # 'skip' policy: 1.0 where a value is present
    tiers: TierRule
    labels: tuple[str, ...]


def _kept_values(frame: pd.DataFrame, ranking: Ranking) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows ``ranking`` kept (as it ranked them: repeated IDs merged by its policy) and
    their raw factor matrix (infinite values → NaN)."""
    rows = ranked_input(frame, ranking)
    raw = factor_values(rows, ranking.scenario.columns, ranking.as_of)
    return rows, np.where(np.isinf(raw), np.nan, raw)


def _fill(raw: np.ndarray, ranking: Ranking) -> np.ndarray:
    cost = np.array([f.direction == COST for f in ranking.scenario.factors])
    return fill_missing(
        np.where(np.isnan(raw).all(axis=0), 0.0, raw), cost, ranking.scenario.missing
    )


def filled_matrix(frame: pd.DataFrame, ranking: Ranking) -> np.ndarray:
    """The factor matrix of the customers ``ranking`` kept (input order) with missing values
    filled by the scenario's policy ('skip' fills with the median, as core.method.scoring does for
    the normalisers); infinite values count as missing; a column without values is all 0."""
    return _fill(_kept_values(frame, ranking)[1], ranking)


def _tier_rule(ranking: Ranking, m: int) -> TierRule:
    spec = ranking.scenario.tiers
    if spec.scheme == "threshold":
        return TierRule(cuts=np.sort(np.asarray(spec.thresholds, dtype=float))[::-1])
    if spec.scheme == "share":
        bounds = np.round(np.cumsum(spec.shares) * m)
    else:
        sizes = ranking.table["tier"].value_counts().reindex(spec.labels, fill_value=0)
        bounds = np.cumsum(sizes.to_numpy(dtype=float))
    bounds[-1] = m
    return TierRule(bounds=bounds)


def factor_matrix(frame: pd.DataFrame, ranking: Ranking) -> FactorMatrix:
    """Prepare ``frame`` (the table ``ranking`` was made from) for rescoring."""
    scenario = ranking.scenario
    rows, raw = _kept_values(frame, ranking)
    filled = _fill(raw, ranking)
    empty = np.isnan(raw).all(axis=0)
    weights = scenario.weights.copy()
    weights[empty] = 0.0
    weights = weights / weights.sum()
    present = None
    if scenario.missing == "skip" and np.isnan(raw[:, ~empty]).any():
        present = (~np.isnan(raw) | empty).astype(float)
    cost = np.array([f.direction == COST for f in scenario.factors])
    anti = None
    if scenario.method == "topsis":
        norms = np.sqrt((filled * filled).sum(axis=0))
        r = filled / np.where(norms > 0, norms, 1.0)
        best = np.where(cost, r.min(axis=0), r.max(axis=0))
        worst = np.where(cost, r.max(axis=0), r.min(axis=0))
        n, anti = (r - best) ** 2, (r - worst) ** 2
    else:
        n = normalize_columns(filled, cost, [f.normalize for f in scenario.factors])
    ids = rows[scenario.id_column]
    try:
        codes = pd.factorize(ids, sort=True)[0]  # the tie-break order of core.method.ranking
    except TypeError:
        codes = pd.factorize(ids.astype("string"), sort=True)[0]
    order = np.argsort(codes, kind="stable")
    ids = ids.to_numpy()[order]
    position = pd.Index(ranking.table["customer_id"]).get_indexer(ids)
    return FactorMatrix(
        customer_id=ids,
        rank=ranking.table["rank"].to_numpy()[position],
        columns=tuple(scenario.columns),
        weights=weights,
        has_values=~empty,
        n=n[order],
        anti=None if anti is None else anti[order],
        present=None if present is None else present[order],
        tiers=_tier_rule(ranking, len(ids)),
        labels=tuple(scenario.tiers.labels),
    )


def scores(fm: FactorMatrix, w: np.ndarray) -> np.ndarray:
    """Scores (k × customers) for k weight vectors ``w`` (k × factors, rows summing to 1)."""
    mask = (lambda a: a) if fm.present is None else (lambda a: a * fm.present)
    if fm.anti is None:
        raw = 100.0 * (w @ mask(fm.n).T)
        if fm.present is None:
            return raw
        total = w @ fm.present.T
        return np.divide(raw, total, out=np.zeros_like(raw), where=total > 0)
    w2 = w * w
    d_plus, d_minus = np.sqrt(w2 @ mask(fm.n).T), np.sqrt(w2 @ mask(fm.anti).T)
    total = d_plus + d_minus
    at_ideals = 50.0 if fm.present is None else 50.0 * ((w @ fm.present.T) > 0)
    return np.where(total > 0, 100.0 * d_minus / np.where(total > 0, total, 1.0), at_ideals)


def ranks_of(score: np.ndarray) -> np.ndarray:
    """1-based ranks per row (highest score first; ties keep column order, i.e. ID order).

    A quicksort is twice as fast as a stable sort; rows where it met a tie are sorted again
    stably, so the tie-break never depends on the sort algorithm.
    """
    order = np.argsort(-score, axis=1)
    ranked = np.take_along_axis(score, order, axis=1)
    tied = (ranked[:, 1:] == ranked[:, :-1]).any(axis=1)
    if tied.any():
        order[tied] = np.argsort(-score[tied], axis=1, kind="stable")
    ranks = np.empty(score.shape, dtype=np.int32)
    steps = np.arange(1, score.shape[1] + 1, dtype=np.int32)[None, :]
    np.put_along_axis(ranks, order, np.broadcast_to(steps, order.shape), axis=1)
    return ranks


def dirichlet_weights(
    w: np.ndarray, kappa: float, draws: int, seed: int | None, free: np.ndarray | None = None
) -> np.ndarray:
    """``draws`` × factors weights ~ Dirichlet(α), α = max(κ·w, ALPHA_FLOOR) where ``free``
    (default: every factor), else 0; drawn as Gamma(α, 1) variates over their row sums.
    κ = ∞ returns ``w`` in every row."""
    if np.isinf(kappa):  # the limit: no perturbation at all
        return np.broadcast_to(w, (draws, w.size)).copy()
    free = np.ones(w.size, dtype=bool) if free is None else free
    alpha = np.where(free, np.maximum(kappa * w, ALPHA_FLOOR), 0.0)
    rng = np.random.default_rng(seed)
    g = rng.gamma(np.broadcast_to(alpha, (draws, w.size)))
    total = g.sum(axis=1, keepdims=True)
    return np.divide(g, total, out=np.broadcast_to(w, g.shape).copy(), where=total > 0)


def _check(draws: int, kappa: float, m: int) -> None:
    if draws < 1 or not kappa > 0:
        raise InputError(msg("sensitivity.draws_must_larger_keeps_draws", draws=draws, kappa=kappa))
    if m * draws > MAX_RANK_CELLS:
        raise InputError(
            msg(
                "sensitivity.customers_draws_too_much_hold",
                m=m,
                draws=draws,
                most=MAX_RANK_CELLS // m,
            )
        )


def monte_carlo(
    fm: FactorMatrix,
    draws: int = 1000,
    kappa: float = 100.0,
    seed: int | None = 0,
    top_n: int = 20,
    progress: Callable[[float], None] | None = None,
) -> pd.DataFrame:
    """Rank intervals under Dirichlet-perturbed weights (mean = the current weights w,
    Var wⱼ = wⱼ(1 − wⱼ)/(κ + 1)).

    One row per customer, by current rank: customer_id, rank, median_rank, rank_p5, rank_p95
    (linear-interpolated percentiles of the draws' ranks), p_top_tier, p_top_n (share of draws
    with rank ≤ ``top_n``). ``progress`` gets the fraction done after every chunk.
    """
    m = fm.n.shape[0]
    _check(draws, kappa, m)
    w = dirichlet_weights(fm.weights, kappa, draws, seed, fm.has_values)
    ranks = np.empty((draws, m), dtype=np.int32)
    chunk = max(1, min(CHUNK_CELLS // max(m, 1), -(-draws // (2 * WORKERS))))

    def rank_chunk(start: int) -> np.ndarray:
        """Rank the draws from ``start`` into ``ranks``; how often each customer topped."""
        s = scores(fm, w[start : start + chunk])
        r = ranks[start : start + chunk] = ranks_of(s)
        return fm.tiers.is_top(r, s).sum(axis=0)

    in_top_tier = np.zeros(m, dtype=np.int64)
    # numpy sorts without the GIL: chunks on threads use every core
    with ThreadPoolExecutor(WORKERS) as pool:
        jobs = {pool.submit(rank_chunk, s): min(chunk, draws - s) for s in range(0, draws, chunk)}
        done = 0
        for job in as_completed(jobs):
            in_top_tier += job.result()
            done += jobs[job]
            if progress is not None:
                progress(done / draws)
    p5, median, p95 = sorted_percentiles(ranks, (5, 50, 95))
    table = pd.DataFrame(
        {
            "customer_id": fm.customer_id,
            "rank": fm.rank,
            "median_rank": median,
            "rank_p5": p5,
            "rank_p95": p95,
            "p_top_tier": in_top_tier / draws,
            "p_top_n": (ranks <= top_n).mean(axis=0),
        }
    )
    return table.sort_values("rank", kind="stable").reset_index(drop=True)


def sorted_percentiles(values: np.ndarray, qs: tuple[float, ...]) -> list[np.ndarray]:
    """Per column, numpy's default ('linear') percentiles ``qs`` of ``values`` (rows × columns),
    by one sort of the transposed columns: cheaper than ``np.percentile``'s partitions."""
    ordered = np.sort(values.T, axis=1)
    last = ordered.shape[1] - 1
    out = []
    for q in qs:
        pos = q / 100 * last
        lo, frac = int(np.floor(pos)), pos - np.floor(pos)
        hi = min(lo + 1, last)
        out.append(ordered[:, lo] + (ordered[:, hi] - ordered[:, lo]) * frac)
    return out


def robust_top(intervals: pd.DataFrame, share: float = ROBUST_SHARE) -> pd.DataFrame:
    """Customers in the top N in at least ``share`` of the draws, most robust first."""
    robust = intervals[intervals["p_top_n"] >= share]
    return robust.sort_values(["p_top_n", "rank"], ascending=[False, True]).reset_index(drop=True)


def sweep_weights(w: np.ndarray, j: int, grid: np.ndarray) -> np.ndarray:
    """Weight vectors (grid × factors) giving factor j each share on ``grid``, the others
    keeping their proportions (shared equally when they are all 0)."""
    others = np.delete(w, j)
    rest = others / others.sum() if others.sum() > 0 else np.full(others.size, 1 / others.size)
    return np.insert((1.0 - grid)[:, None] * rest[None, :], j, grid, axis=1)


@dataclass(frozen=True)
class Sweep:
    """A one-factor sweep: the grid table and, per tracked customer, where its tier changes."""

    column: str
    weight: float  # the factor's current share
    grid: pd.DataFrame  # weight, customer_id, rank, score, tier (tracked customers only)
    switches: pd.DataFrame  # customer_id, rank, tier, below, tier_below, above, tier_above


def weight_sweep(fm: FactorMatrix, column: str, points: int = 101, top_n: int = 20) -> Sweep:
    """Vary ``column``'s share from 0 to 1 on ``points`` grid points and follow the current
    top ``top_n`` customers. ``below``/``above`` is the nearest grid weight under/over the
    current one at which the customer's tier differs from its tier now (NaN: none)."""
    if column not in fm.columns:
        raise InputError(msg("sensitivity.not_factor_use_one", c=column, columns=fm.columns))
    if fm.weights.size < 2 or points < 2:
        raise InputError(msg("sensitivity.sweep_needs_least_factors_grid"))
    j = fm.columns.index(column)
    grid = np.linspace(0.0, 1.0, points)
    s = scores(fm, np.vstack([fm.weights, sweep_weights(fm.weights, j, grid)])).T
    r = ranks_of(s.T).T  # customers × (now, grid…)
    tier = fm.tiers.index(r, s)
    rows = np.flatnonzero(r[:, 0] <= top_n)
    rows = rows[np.argsort(r[rows, 0])]
    labels = np.asarray(fm.labels, dtype=object)
    now = tier[rows, :1]
    differs = tier[rows, 1:] != now
    below, above = grid < fm.weights[j], grid > fm.weights[j]

    def nearest(mask: np.ndarray, last: bool) -> tuple[np.ndarray, np.ndarray]:
        hit = differs & mask[None, :]
        found = hit.any(axis=1)
        at = points - 1 - np.argmax(hit[:, ::-1], axis=1) if last else np.argmax(hit, axis=1)
        return np.where(found, grid[at], np.nan), np.where(found, labels[tier[rows, 1 + at]], None)

    below_at, below_tier = nearest(below, last=True)  # the grid point closest under w
    above_at, above_tier = nearest(above, last=False)
    switches = pd.DataFrame(
        {
            "customer_id": fm.customer_id[rows],
            "rank": r[rows, 0],
            "tier": labels[now[:, 0]],
            "below": below_at,
            "tier_below": below_tier,
            "above": above_at,
            "tier_above": above_tier,
        }
    )
    grid_table = pd.DataFrame(
        {
            "weight": np.repeat(grid, rows.size),
            "customer_id": np.tile(fm.customer_id[rows], points),
            "rank": r[rows, 1:].T.reshape(-1),
            "score": s[rows, 1:].T.reshape(-1),
            "tier": labels[tier[rows, 1:].T.reshape(-1)],
        }
    )
    return Sweep(column, float(fm.weights[j]), grid_table, switches)
