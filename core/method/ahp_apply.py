"""Pairwise judgements as the app keeps them, and AHP weights applied to a scenario.

Judgements are stored once per unordered pair of factor columns, keyed in name order:
``{(a, b): a_ab}`` with ``a < b``; reading the pair as ``(b, a)`` gives ``1 / a_ab``. A pair
not stored yet is "equally important" (1).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np

from core.method.ahp import SAATY_SCALE, matrix_from_upper

Judgements = Mapping[tuple[str, str], float]
SLIDER_TOP = 100.0  # the weight sliders' maximum


def pair_key(x: str, y: str) -> tuple[str, str]:
    """The storage key of the unordered pair {x, y}: the two names in sorted order."""
    return (x, y) if x < y else (y, x)


def snap_to_scale(value: float) -> float:
    """The Saaty value nearest ``value`` in log distance (ties go to the larger value)."""
    return min(SAATY_SCALE[::-1], key=lambda s: abs(math.log(s / value)))


def judgement(judgements: Judgements, x: str, y: str) -> float:
    """a_xy, how much more x matters than y, on Saaty's scale (1 when not judged yet)."""
    key = pair_key(x, y)
    value = judgements.get(key, 1.0)
    return snap_to_scale(value if key == (x, y) else 1 / value)


def with_judgement(judgements: Judgements, x: str, y: str, value: float) -> dict:
    """A copy of ``judgements`` with a_xy = ``value`` (stored under the pair's key)."""
    key = pair_key(x, y)
    return {**judgements, key: value if key == (x, y) else 1 / value}


def asked_judgements(
    judgements: Judgements, columns: Sequence[str], pairs: Sequence[tuple[str, str]]
) -> dict[tuple[int, int], float]:
    """The judgements of the pairs asked, by position in ``columns``: ``{(i, j): a_ij}`` with
    each pair in the order asked (an incomplete set for :mod:`core.method.ahp_incomplete`)."""
    index = {c: k for k, c in enumerate(columns)}
    return {(index[x], index[y]): judgement(judgements, x, y) for x, y in pairs}


def judgement_matrix(judgements: Judgements, columns: Sequence[str]) -> np.ndarray:
    """The reciprocal matrix of ``columns`` (in that order) from the stored judgements."""
    pairs = combinations(range(len(columns)), 2)
    return matrix_from_upper(
        len(columns), {(i, j): judgement(judgements, columns[i], columns[j]) for i, j in pairs}
    )


def ahp_shares(
    current: Mapping[str, float], chosen: Sequence[str], ahp: Sequence[float]
) -> dict[str, float]:
    """Shares once applied: the chosen factors split their current total S by the AHP weights
    (``share_c = S · w_c``); the others keep theirs. ``current`` holds every factor's share
    (summing to 1); when the chosen ones hold none, S is their count's share, ``n_chosen / n``."""
    block = sum(current[c] for c in chosen) or len(chosen) / len(current)
    return {**current, **{c: block * float(w) for c, w in zip(chosen, ahp, strict=True)}}


def slider_weights(shares: Mapping[str, float]) -> dict[str, float]:
    """Shares rescaled so the largest fills a slider (100); the ratios stay the same."""
    top = max(shares.values())
    return {c: SLIDER_TOP * w / top for c, w in shares.items()}
