"""Compare two rankings of the same customers (METHOD.md §6): correlation, overlap, migration.

Customers are matched by ``customer_id``; the statistics use the customers both rankings
ranked. Rank correlations are computed here (scipy is not a runtime dependency):

- Spearman ρ = Pearson correlation of the average ranks of x and y;
- Kendall τ-b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)) with n₀ = n(n−1)/2 pairs, n₁ / n₂ the pairs
  tied in x / y, computed in O(n log² n) by counting inversions level by level of a merge sort.

Both are NaN when fewer than two customers are shared or one side is constant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.ranking import Ranking

DEFAULT_TOP_N = 20


@dataclass(frozen=True)
class Comparison:
    """How ranking B differs from ranking A."""

    spearman: float
    kendall: float
    common: int  # customers ranked in both
    top_n: int
    top_n_overlap: float  # |top N of A ∩ top N of B| / size of the larger top-N set
    migration: pd.DataFrame  # counts: index = A's tiers ("from"), columns = B's tiers ("to")
    movers: pd.DataFrame  # customer_id, rank_a, rank_b, change, tier_a, tier_b; by |change|
    slope: pd.DataFrame  # customer_id, rank_a, rank_b for the top N of A or B (NaN = unranked)


def average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks, ties sharing their mean rank (scipy.stats.rankdata 'average')."""
    return pd.Series(np.asarray(values, dtype=float)).rank(method="average").to_numpy()


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman ρ: Pearson correlation of the average ranks."""
    rx, ry = average_ranks(x), average_ranks(y)
    if rx.size < 2 or np.ptp(rx) == 0 or np.ptp(ry) == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def _dense(values: np.ndarray) -> np.ndarray:
    """0-based dense ranks (equal values share one)."""
    return np.unique(values, return_inverse=True)[1].reshape(-1).astype(np.int64)


def _tied_pairs(codes: np.ndarray) -> int:
    counts = np.bincount(codes).astype(np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _strict_inversions(v: np.ndarray) -> int:
    """Pairs i < j with v[i] > v[j], for non-negative integers v.

    Bottom-up merge sort: at each level the runs of length ``width`` are sorted; each element
    of a right run counts the elements of its left run that are greater. Keys
    ``block · big + v`` make one global sort and searchsorted serve every block at once.
    """
    n = v.size
    big = int(v.max()) + 1 if n else 1
    index = np.arange(n)
    total = 0
    width = 1
    while width < n:
        block = index // (2 * width)
        right = (index // width) % 2 == 1
        keys = block * big + v
        left_keys = keys[~right]  # sorted: blocks ascend and each left run is sorted
        right_block = block[right]
        left_end = np.searchsorted(left_keys, (right_block + 1) * big, side="left")
        not_greater = np.searchsorted(left_keys, keys[right], side="right")
        total += int((left_end - not_greater).sum())
        v = np.sort(keys) % big
        width *= 2
    return total


def kendall_tau_b(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall τ-b with ties (matches scipy.stats.kendalltau's default)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    n = x.size
    if n < 2:
        return float("nan")
    dx, dy = _dense(x), _dense(y)
    # Sorted by x then y: pairs tied in x are in y order, so only strict y inversions across
    # different x values remain, and those are exactly the discordant pairs.
    order = np.lexsort((dy, dx))
    discordant = _strict_inversions(dy[order])
    pairs = n * (n - 1) // 2
    tie_x, tie_y = _tied_pairs(dx), _tied_pairs(dy)
    tie_xy = _tied_pairs(_dense(dx * (int(dy.max()) + 1) + dy))
    if tie_x == pairs or tie_y == pairs:
        return float("nan")
    concordant_minus_discordant = pairs - tie_x - tie_y + tie_xy - 2 * discordant
    return float(concordant_minus_discordant / np.sqrt(pairs - tie_x) / np.sqrt(pairs - tie_y))


def _labels(ranking: Ranking, observed: pd.Series) -> list[str]:
    labels = list(ranking.scenario.tiers.labels)
    return labels + sorted({str(t) for t in observed} - set(labels))


def migration_matrix(a: Ranking, b: Ranking, joined: pd.DataFrame) -> pd.DataFrame:
    """Counts of customers by tier in A (rows, "from") × tier in B (columns, "to")."""
    rows, cols = _labels(a, joined["tier_a"]), _labels(b, joined["tier_b"])
    counts = pd.crosstab(joined["tier_a"], joined["tier_b"])
    matrix = counts.reindex(index=rows, columns=cols, fill_value=0).astype(int)
    matrix.index.name, matrix.columns.name = "from", "to"
    return matrix


def _side(ranking: Ranking, suffix: str) -> pd.DataFrame:
    table = ranking.table[["customer_id", "rank", "tier"]]
    return table.rename(columns={"rank": f"rank_{suffix}", "tier": f"tier_{suffix}"})


def compare_rankings(a: Ranking, b: Ranking, top_n: int = DEFAULT_TOP_N) -> Comparison:
    """Compare ranking B with ranking A (same data, two scenarios).

    ``change = rank_a − rank_b`` (positive: the customer moved up in B). The top-N overlap is
    ``|A_N ∩ B_N| / max(|A_N|, |B_N|)`` where X_N are the customers ranked ≤ N in X.
    """
    side_a, side_b = _side(a, "a"), _side(b, "b")
    joined = side_a.merge(side_b, on="customer_id", how="inner")
    rank_a, rank_b = joined["rank_a"].to_numpy(), joined["rank_b"].to_numpy()
    top_a = set(side_a.loc[side_a["rank_a"] <= top_n, "customer_id"])
    top_b = set(side_b.loc[side_b["rank_b"] <= top_n, "customer_id"])
    largest = max(len(top_a), len(top_b))
    overlap = len(top_a & top_b) / largest if largest else float("nan")
    movers = joined.assign(change=rank_a - rank_b)[
        ["customer_id", "rank_a", "rank_b", "change", "tier_a", "tier_b"]
    ]
    by_size = np.lexsort((movers["rank_a"].to_numpy(), -np.abs(movers["change"].to_numpy())))
    slope = side_a.merge(side_b, on="customer_id", how="outer")
    slope = slope[slope["customer_id"].isin(top_a | top_b)]
    slope = slope.sort_values(["rank_a", "rank_b"], na_position="last")
    return Comparison(
        spearman=spearman(rank_a, rank_b),
        kendall=kendall_tau_b(rank_a, rank_b),
        common=len(joined),
        top_n=top_n,
        top_n_overlap=overlap,
        migration=migration_matrix(a, b, joined),
        movers=movers.iloc[by_size].reset_index(drop=True),
        slope=slope[["customer_id", "rank_a", "rank_b"]].reset_index(drop=True),
    )
