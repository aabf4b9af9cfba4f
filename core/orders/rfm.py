"""RFM scores, named segments and purchase-frequency classes (METHOD.md §4; docs/rfm.md).

Scores are 1–5, higher is better (R: more recent). By quintile: a customer's score is
``1 + floor(5 · (r − 1) / n)`` where ``r`` is the rank of its value among ``n`` customers
(ascending; recency ranked by −recency_days) with ties given the *lowest* rank of their block
(pandas ``rank(method="min")``): equal values always share a score, and a large block of equal
values (many one-order customers) takes the score of its bottom, never a higher one. By cut
points: four ascending cuts per letter; F/M score = 1 + number of cuts ≤ value, R score =
5 − number of cuts < recency_days (recency ≤ cuts[0] days → 5).

Segments come from an ordered rule table (:data:`SEGMENT_RULES`, editable): the first rule
whose R range and FM range (FM = mean of the F and M scores) hold the customer wins; the last
rule must cover every score so each customer lands in exactly one segment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from core.errors import InputError
from core.i18n import msg

SCORE_SOURCES = {"r": "recency_days", "f": "orders", "m": "monetary_total"}


@dataclass(frozen=True)
class SegmentRule:
    """One row of the segment table: inclusive ranges of the R score and the FM mean."""

    segment: str
    zh: str
    en: str
    r_min: int
    r_max: int
    fm_min: float
    fm_max: float


SEGMENT_RULES: tuple[SegmentRule, ...] = (
    SegmentRule("champions", "重要价值客户", "Champions", 4, 5, 4.0, 5.0),
    SegmentRule("loyal", "忠诚客户", "Loyal", 3, 5, 3.0, 5.0),
    SegmentRule("new", "新客户", "New customers", 5, 5, 1.0, 1.5),
    SegmentRule("promising", "有潜力的新客户", "Promising", 4, 4, 1.0, 1.5),
    SegmentRule("potential_loyalists", "潜在忠诚客户", "Potential loyalists", 4, 5, 1.0, 3.0),
    SegmentRule("need_attention", "需要关注客户", "Need attention", 3, 3, 2.0, 3.0),
    SegmentRule("about_to_sleep", "即将沉睡客户", "About to sleep", 3, 3, 1.0, 2.0),
    SegmentRule("cant_lose", "重要挽留客户", "Can't lose them", 1, 1, 4.0, 5.0),
    SegmentRule("at_risk", "重要保持客户", "At risk", 1, 2, 3.0, 5.0),
    SegmentRule("hibernating", "沉睡客户", "Hibernating", 2, 2, 1.0, 3.0),
    SegmentRule("lost", "流失客户", "Lost", 1, 5, 1.0, 5.0),
)


@dataclass(frozen=True)
class FrequencyRules:
    """Purchase-frequency classes: orders per year = orders · 365 / max(tenure_days, min_days).

    high (高频购买): ≥ 2 orders and ≥ ``high_per_year`` orders per year; low (低频购买): other
    customers with ≥ 2 orders; first (首次购买): exactly 1 order; prospective (潜在客户): in the
    customer master with no order.
    """

    high_per_year: float = 12.0
    min_days: int = 365


CELLS = [f"{r}{f}{m}" for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)]
FREQUENCY_CLASSES = {
    "high": ("高频购买", "High-frequency"),
    "low": ("低频购买", "Low-frequency"),
    "first": ("首次购买", "First-time"),
    "prospective": ("潜在客户", "Prospective"),
}
CLASS_KEYS = list(FREQUENCY_CLASSES)


def quintile_scores(values: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """1–5 by quintile of the ``min`` rank (see the module docstring); NaN ranks lowest."""
    x = np.asarray(values, dtype=float)
    x = np.where(np.isnan(x), -np.inf, x if higher_is_better else -x)
    n = len(x)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    # the min rank less one: how many values are smaller (pandas' rank(method="min") - 1)
    below = np.searchsorted(np.sort(x), x, side="left")
    return (1 + (5 * below) // n).astype(np.int64)


def cut_scores(values: np.ndarray, cuts: Sequence[float], higher_is_better: bool = True):
    """1–5 from four ascending cut points (see the module docstring)."""
    edges = np.asarray(cuts, dtype=float)
    if edges.shape != (4,) or np.any(np.diff(edges) <= 0):
        raise InputError(msg("orders.rfm_cut_points_give_increasing", cuts=list(cuts)))
    x = np.asarray(values, dtype=float)
    if higher_is_better:
        return (1 + np.sum(x[:, None] >= edges[None, :], axis=1)).astype(np.int64)
    return (5 - np.sum(np.nan_to_num(x, nan=np.inf)[:, None] > edges[None, :], axis=1)).astype(
        np.int64
    )


def rfm_scores(
    features: pd.DataFrame, cuts: Mapping[str, Sequence[float]] | None = None
) -> pd.DataFrame:
    """r_score, f_score, m_score and rfm_cell ("555") per row of ``features``.

    Each letter is scored by quintile unless ``cuts`` gives its four cut points
    (``{"r": [30, 90, 180, 365]}`` in days, ``{"f": [2, 4, 8, 16]}``, ``{"m": [...]}``).
    """
    cuts = cuts or {}
    unknown = set(cuts) - set(SCORE_SOURCES)
    if unknown:
        raise InputError(msg("orders.rfm_cut_points_use_letters", letters=sorted(unknown)))
    out = pd.DataFrame(index=features.index)
    for letter, column in SCORE_SOURCES.items():
        values = features[column].to_numpy(dtype=float, na_value=np.nan)
        better = letter != "r"
        out[f"{letter}_score"] = (
            cut_scores(values, cuts[letter], better)
            if letter in cuts
            else quintile_scores(values, better)
        )
    cell = 25 * (out["r_score"] - 1) + 5 * (out["f_score"] - 1) + out["m_score"] - 1
    out["rfm_cell"] = _labels(CELLS, cell.to_numpy())
    return out


def check_rules(rules: Sequence[SegmentRule]) -> None:
    """InputError unless the rules are non-empty, unique, and the last covers every score."""
    if not rules:
        raise InputError(msg("orders.segment_rules_table_empty_add"))
    names = [r.segment for r in rules]
    if len(set(names)) != len(names):
        raise InputError(msg("orders.segment_rules_segment_named_twice", names=names))
    last = rules[-1]
    if not (last.r_min <= 1 and last.r_max >= 5 and last.fm_min <= 1 and last.fm_max >= 5):
        raise InputError(msg("orders.segment_rules_last_rule_must", segment=last.segment))


def _segment_rules(scores: pd.DataFrame, rules: Sequence[SegmentRule]) -> np.ndarray:
    """The index in ``rules`` of each row's segment: the first rule whose ranges hold its R
    and FM."""
    check_rules(rules)
    r = scores["r_score"].to_numpy()
    fm = (scores["f_score"].to_numpy() + scores["m_score"].to_numpy()) / 2
    hits = [
        (r >= rule.r_min) & (r <= rule.r_max) & (fm >= rule.fm_min) & (fm <= rule.fm_max)
        for rule in rules
    ]
    return np.select(hits, np.arange(len(rules)), default=len(rules) - 1)


def assign_segments(scores: pd.DataFrame, rules: Sequence[SegmentRule] = SEGMENT_RULES):
    """The segment key of each row: the first rule whose ranges hold its R and FM."""
    return np.array([rule.segment for rule in rules])[_segment_rules(scores, rules)]


def rules_frame(rules: Sequence[SegmentRule] = SEGMENT_RULES) -> pd.DataFrame:
    """The rule table as a DataFrame (to show and edit)."""
    return pd.DataFrame([asdict(rule) for rule in rules])


def rules_from_frame(frame: pd.DataFrame) -> tuple[SegmentRule, ...]:
    """Rules from an edited table (columns as :func:`rules_frame`); InputError if unusable."""
    try:
        rules = tuple(
            SegmentRule(str(row.segment), str(row.zh), str(row.en), int(row.r_min),
                        int(row.r_max), float(row.fm_min), float(row.fm_max))
            for row in frame.itertuples(index=False)
        )  # fmt: skip
    except (AttributeError, TypeError, ValueError) as exc:
        raise InputError(msg("orders.segment_rules_row_incomplete_not", detail=exc)) from None
    check_rules(rules)
    return rules


def _frequency_index(features: pd.DataFrame, rules: FrequencyRules) -> np.ndarray:
    """The index in :data:`CLASS_KEYS` of each customer's frequency class."""
    orders = features["orders"].to_numpy(dtype=float, na_value=0.0)
    tenure = features["tenure_days"].to_numpy(dtype=float, na_value=0.0)
    per_year = orders * 365 / np.maximum(tenure, rules.min_days)
    keys = CLASS_KEYS.index
    return np.select(
        [orders <= 0, orders == 1, per_year >= rules.high_per_year],
        [keys("prospective"), keys("first"), keys("high")],
        default=keys("low"),
    )


def frequency_classes(features: pd.DataFrame, rules: FrequencyRules = FrequencyRules()):
    """The frequency class key of each customer (see :class:`FrequencyRules`)."""
    return np.array(CLASS_KEYS)[_frequency_index(features, rules)]


def _labels(texts: Sequence[str], index: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``texts[index]`` as the text column pandas makes of a list of strings, built by one
    Arrow lookup (pandas would convert every cell)."""
    dtype = pd.Series(list(texts[:1])).dtype  # pandas' own text type (str, or object)
    picked = pa.array(list(texts)).take(pa.array(index))
    return pd.array(picked, dtype=dtype) if isinstance(dtype, pd.StringDtype) else (
        np.array(picked.to_pylist(), dtype=object))  # fmt: skip


def rfm_table(
    features: pd.DataFrame,
    rules: Sequence[SegmentRule] = SEGMENT_RULES,
    cuts: Mapping[str, Sequence[float]] | None = None,
    frequency: FrequencyRules = FrequencyRules(),
) -> pd.DataFrame:
    """``features`` plus r/f/m scores, rfm_cell, segment, segment_zh/en, frequency_class."""
    scores = rfm_scores(features, cuts)
    segment = _segment_rules(scores, rules)
    added = {
        "segment": _labels([r.segment for r in rules], segment),
        "segment_zh": _labels([r.zh for r in rules], segment),
        "segment_en": _labels([r.en for r in rules], segment),
        "frequency_class": _labels(CLASS_KEYS, _frequency_index(features, frequency)),
    }
    return pd.concat([features, scores, pd.DataFrame(added, index=features.index)], axis=1)


def segment_overview(
    table: pd.DataFrame, rules: Sequence[SegmentRule] = SEGMENT_RULES
) -> pd.DataFrame:
    """Per segment (rule order, empty ones included): customers, orders, revenue, their
    shares, average order value (revenue / orders) and mean recency in days."""
    grouped = table.groupby("segment", sort=False)
    keys = [r.segment for r in rules]
    out = pd.DataFrame({"segment": keys, "zh": [r.zh for r in rules], "en": [r.en for r in rules]})
    out["customers"] = grouped.size().reindex(keys, fill_value=0).to_numpy()
    out["orders"] = grouped["orders"].sum().reindex(keys, fill_value=0).to_numpy()
    out["revenue"] = grouped["monetary_total"].sum().reindex(keys, fill_value=0.0).to_numpy()
    out["customer_share"] = out["customers"] / max(len(table), 1)
    total = table["monetary_total"].sum()
    out["revenue_share"] = out["revenue"] / total if total else 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        out["avg_order_value"] = np.where(
            out["orders"] > 0, out["revenue"] / out["orders"].replace(0, 1), np.nan
        )
    out["mean_recency_days"] = grouped["recency_days"].mean().reindex(keys).to_numpy()
    return out
