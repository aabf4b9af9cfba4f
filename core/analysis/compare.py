"""Compare two rankings of the same customers (METHOD.md §6): correlation, overlap, migration.

Customers are matched by ``customer_id``; the statistics use the customers both rankings
ranked. The rank correlations are scipy.stats':

- Spearman ρ = Pearson correlation of the average ranks of x and y (``spearmanr``);
- Kendall τ-b = (n_c − n_d) / √((n₀ − n₁)(n₀ − n₂)) with n₀ = n(n−1)/2 pairs, n₁ / n₂ the pairs
  tied in x / y (``kendalltau``, O(n log n)).

Both are NaN when fewer than two customers are shared or one side is constant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.method.ranking import Ranking

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


def _stats():
    """scipy.stats, imported on first use: it takes longer to import than the rest of the
    command line, and most commands never compare rankings."""
    from scipy import stats

    return stats


def average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks, ties sharing their mean rank (scipy.stats.rankdata 'average')."""
    return _stats().rankdata(np.asarray(values, dtype=float), method="average")


def _defined(x: np.ndarray, y: np.ndarray) -> bool:
    """Two or more pairs and neither side constant (else a rank correlation is undefined)."""
    return x.size >= 2 and np.ptp(x) > 0 and np.ptp(y) > 0


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman ρ (scipy.stats.spearmanr): Pearson correlation of the average ranks."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if not _defined(x, y):
        return float("nan")
    return float(_stats().spearmanr(x, y).statistic)


def kendall_tau_b(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall τ-b with ties (scipy.stats.kendalltau, variant 'b')."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if not _defined(x, y):
        return float("nan")
    return float(_stats().kendalltau(x, y, variant="b").statistic)


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
