"""AHP from an incomplete set of pairwise judgements: Harker's completion, and which pairs to ask.

A participant need not judge all ``n(n − 1)/2`` pairs: ``n − 1`` judgements that link every
criterion (a spanning tree, e.g. each criterion against one reference) fix the weights, and
each further judgement closes a cycle that can be checked for consistency.

Completion is **Harker's method** (P. T. Harker, "Incomplete pairwise comparisons in the
analytic hierarchy process", Mathematical Modelling 9(11), 1987, 837–848): a missing
``a_ij`` is replaced by 0 and each diagonal entry by ``1 + m_i`` (``m_i``: row i's missing
judgements); the principal eigenvector ``w`` of that matrix is the weight vector. Filling each
missing ``a_ij`` with ``w_i / w_j`` gives a complete reciprocal matrix whose principal
eigenvector is the same ``w`` with the same eigenvalue, so λmax, CI and CR are read from it as
for a complete matrix (CR with Saaty's RI(n)). Judgements on a spanning tree are consistent by
construction: λmax = n, CR = 0, and ``w`` reproduces every judgement exactly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from core.errors import InputError
from core.i18n import msg
from core.method.ahp import AhpResult, eigen_result, partial_matrix

Pair = tuple[int, int]


def reference_pairs(n: int, reference: int) -> list[Pair]:
    """The ``n − 1`` pairs comparing each other criterion with ``reference`` (in index order)."""
    return [(reference, k) for k in range(n) if k != reference]


def harker_matrix(n: int, judgements: Mapping[Pair, float]) -> np.ndarray:
    """Harker's matrix: the judgements and their reciprocals, 0 where a pair is missing, and
    ``1 + m_i`` on the diagonal. The judgements must link every criterion."""
    a = partial_matrix(n, judgements)
    _require_linked(n, judgements)
    missing = np.isnan(a)
    a[missing] = 0.0
    a[np.diag_indices(n)] += missing.sum(axis=1)
    return a


def complete_matrix(n: int, judgements: Mapping[Pair, float]) -> np.ndarray:
    """The full reciprocal matrix: the judgements as given, each missing ``a_ij = w_i / w_j``
    with ``w`` Harker's weights (see the module docstring). Complete judgements come back as
    the matrix they make."""
    a = partial_matrix(n, judgements)
    if not np.isnan(a).any():
        return a
    w = _perron(harker_matrix(n, judgements))
    ratios = w[:, None] / w[None, :]
    return np.where(np.isnan(a), ratios, a)


def incomplete_ahp(n: int, judgements: Mapping[Pair, float]) -> AhpResult:
    """Weights, λmax, CI, CR and the judgements to revise, from linked (possibly incomplete)
    judgements; the completed pairs never appear among those to revise (they fit exactly)."""
    return eigen_result(complete_matrix(n, judgements))


def has_cycle(n: int, pairs: Sequence[Pair]) -> bool:
    """True when ``pairs`` (each unordered pair once) close a cycle, so their consistency can be
    checked: more pairs than a forest of their components holds."""
    return len(pairs) > n - _components(n, pairs)


def next_pairs(n: int, asked: Sequence[Pair], weights: Sequence[float], count: int) -> list[Pair]:
    """The ``count`` pairs to ask next, most informative first (adaptive order).

    Each round takes the pair not asked yet whose criteria are farthest apart in the graph of
    pairs asked (its completed value compounds the most judgements, so asking it directly checks
    the most of them); ties go to the pair with the larger weight at stake (``w_i + w_j``), then
    to index order. The chosen pair joins the graph before the next round.
    """
    chosen: list[Pair] = []
    taken = {tuple(sorted(p)) for p in asked}
    for _ in range(count):
        distance = _distances(n, [*taken])
        open_pairs = [p for p in combinations(range(n), 2) if p not in taken]
        if not open_pairs:
            break
        best = min(
            open_pairs,
            key=lambda p: (-distance[p[0]][p[1]], -(weights[p[0]] + weights[p[1]]), p),
        )
        chosen.append(best)
        taken.add(best)
    return chosen


def _perron(a: np.ndarray) -> np.ndarray:
    """The principal eigenvector of a non-negative irreducible matrix, positive, summing to 1."""
    values, vectors = np.linalg.eig(a)
    w = np.abs(vectors[:, int(np.argmax(values.real))].real)
    return w / w.sum()


def _neighbours(n: int, pairs) -> list[list[int]]:
    near: list[list[int]] = [[] for _ in range(n)]
    for i, j in pairs:
        near[i].append(j)
        near[j].append(i)
    return near


def _reach(near: list[list[int]], start: int) -> list[float]:
    """Breadth-first distances from ``start`` (infinite where unreachable)."""
    distance = [float("inf")] * len(near)
    distance[start] = 0
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for there in near[here]:
            if distance[there] == float("inf"):
                distance[there] = distance[here] + 1
                queue.append(there)
    return distance


def _distances(n: int, pairs) -> list[list[float]]:
    near = _neighbours(n, pairs)
    return [_reach(near, k) for k in range(n)]


def _components(n: int, pairs) -> int:
    near = _neighbours(n, pairs)
    seen: set[int] = set()
    count = 0
    for k in range(n):
        if k not in seen:
            count += 1
            seen.update(i for i, d in enumerate(_reach(near, k)) if d != float("inf"))
    return count


def _require_linked(n: int, judgements: Mapping[Pair, float]) -> None:
    """Refuse judgements that leave a criterion without a chain of comparisons to criterion 0."""
    reach = _reach(_neighbours(n, judgements), 0)
    unlinked = [k for k, d in enumerate(reach) if d == float("inf")]
    if unlinked:
        raise InputError(msg("ahp.judgements_not_linked", criteria=unlinked))
