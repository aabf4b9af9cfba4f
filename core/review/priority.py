"""Early warnings to act on: the review's warnings (core.review.periods) ranked by severity and
the customer's importance, and counted per kind.

Severity is the kind's: losing a key customer or a regular one going silent (``high``) comes
before a fall in spend or a rise in complaints (``medium``), and a dip in satisfaction
(``low``). Within a severity the more important customer comes first: its score in period A
(what it was worth before the change; a customer new in B is placed by its score in B).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from core.i18n import localize
from core.ingest.parsing import as_text
from core.review.periods import Review

SEVERITY = {"key_downgrade": 3, "inactive": 3, "spend_drop": 2, "complaints_up": 2,
            "satisfaction_drop": 1}  # fmt: skip
SEVERITY_NAMES = {3: "high", 2: "medium", 1: "low"}


def _scores(review: Review) -> tuple[pd.Series, pd.Series]:
    """Score and rank per customer ID (as text): period A's, else period B's."""
    frames = [
        r.table.assign(customer_id=as_text(r.table["customer_id"])) for r in (review.b, review.a)
    ]
    both = pd.concat([f[["customer_id", "score", "rank"]] for f in frames], ignore_index=True)
    latest = both.drop_duplicates("customer_id", keep="last").set_index("customer_id")
    return latest["score"], latest["rank"]


def ranked_warnings(review: Review) -> pd.DataFrame:
    """The review's warnings, most urgent first, with ``severity`` (high / medium / low),
    ``score`` and ``rank`` (period A's, else B's; NaN when ranked in neither)."""
    table = review.warnings.copy()
    ids = as_text(table["customer_id"])
    score, rank = _scores(review)
    level = table["warning"].map(SEVERITY).fillna(1).astype(int)
    table["severity"] = level.map(SEVERITY_NAMES)
    table["score"] = ids.map(score).to_numpy(dtype=float)
    table["rank"] = ids.map(rank).to_numpy(dtype=float)
    order = np.lexsort(
        (table["warning"].to_numpy(), ids.to_numpy(), -np.nan_to_num(table["score"], nan=-1.0),
         -level.to_numpy())
    )  # fmt: skip
    return table.iloc[order].reset_index(drop=True)


def warning_counts(ranked: pd.DataFrame) -> pd.DataFrame:
    """``warning`` (the kind), ``severity`` and ``count``: the most severe kinds first, then the
    most frequent."""
    counts = ranked.groupby("warning", sort=False).size().rename("count").reset_index()
    counts["level"] = counts["warning"].map(SEVERITY).fillna(1).astype(int)
    counts["severity"] = counts["level"].map(SEVERITY_NAMES)
    counts = counts.sort_values(["level", "count", "warning"], ascending=[False, False, True])
    return counts[["warning", "severity", "count"]].reset_index(drop=True)


def warnings_export(
    ranked: pd.DataFrame,
    lang: str,
    names: Mapping[str, str] | None = None,
    anonymize: bool = False,
) -> pd.DataFrame:
    """Every warning of :func:`ranked_warnings` as a table to write, most urgent first:
    ``priority`` (1 = act first), ``kind``, ``severity``, ``customer_id``, ``customer`` (when
    ``names`` are given; with ``anonymize`` the ID column holds the name too, i.e. the alias),
    ``reason`` in ``lang``, ``tier_a``, ``tier_b`` and the customer's ``score`` and ``rank``."""
    ids = as_text(ranked["customer_id"]).astype(str)
    shown = ids.map(names).fillna(ids) if names is not None else ids
    table = {
        "priority": range(1, len(ranked) + 1),
        "kind": ranked["warning"].to_numpy(),
        "severity": ranked["severity"].to_numpy(),
        "customer_id": (shown if anonymize else ids).to_numpy(),
        **({"customer": shown.to_numpy()} if names is not None else {}),
        "reason": [localize(r, lang) for r in ranked["reason"]],
        "tier_a": ranked["tier_a"].to_numpy(),
        "tier_b": ranked["tier_b"].to_numpy(),
        "score": ranked["score"].round(2).to_numpy(),
        "rank": ranked["rank"].astype("Int64").to_numpy(),
    }
    return pd.DataFrame(table)
