"""Why a customer ranks where it does: per-factor contributions, percentiles and rank changes.

All functions read a ranking table (``core.method.ranking.Ranking.table``: rank, customer_id, score,
tier, ``contrib:<col>`` …, then the input columns) and return new DataFrames or Series.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.errors import InputError
from core.i18n import msg
from core.mapping.catalog import COST
from core.mapping.columns import factor_values
from core.method.ranking import CONTRIB_PREFIX

INPUT_SUFFIX = " (input)"


def source_column(table: pd.DataFrame, column: str) -> str:
    """The table column holding input column ``column``.

    The ranking renames an input column that collides with a computed one (an input called
    ``customer_id`` becomes ``customer_id (input)``), so look for the renamed one first.
    """
    renamed = column + INPUT_SUFFIX
    return renamed if renamed in table.columns else column


def customer_row(table: pd.DataFrame, customer_id: object) -> int:
    """The position of ``customer_id`` in ``table`` (IDs compared as text)."""
    hits = np.flatnonzero(table["customer_id"].astype(str).to_numpy() == str(customer_id))
    if len(hits) == 0:
        raise InputError(msg("explain.customer_not_ranking_pick_another", id=customer_id))
    return int(hits[0])


def contributions(table: pd.DataFrame, customer_id: object, columns: Sequence[str]) -> pd.DataFrame:
    """One row per factor: ``factor``, ``contribution`` (score points), ``share`` of the score
    and ``relative`` (points above or below the average customer, :func:`relative_contributions`).

    The contributions add up to the customer's score (the ranking guarantees it), so
    ``share = contribution / score`` (0 when the score is 0).
    """
    position = customer_row(table, customer_id)
    row = table.iloc[position]
    points = np.array([float(row[CONTRIB_PREFIX + c]) for c in columns])
    score = float(row["score"])
    share = points / score if score else np.zeros_like(points)
    relative = relative_contributions(table, columns).iloc[position].to_numpy(dtype=float)
    return pd.DataFrame(
        {"factor": list(columns), "contribution": points, "share": share, "relative": relative}
    )


SPREAD_TOLERANCE = 1e-9  # points: a factor whose contributions differ less explains nothing


def relative_contributions(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Every customer's points per factor relative to the average customer (one column per
    factor, table order): contribution − the mean contribution over the ranked customers.

    A row adds up to the customer's score − the mean score, so a positive value lifts the
    customer above the average and a negative one pulls it below; a factor on which every
    customer is equal is 0 for everyone.
    """
    points = table[[CONTRIB_PREFIX + c for c in columns]].to_numpy(dtype=float)
    relative = points - points.mean(axis=0) if len(points) else points
    return pd.DataFrame(relative, columns=list(columns), index=table.index)


def spread_factors(table: pd.DataFrame, columns: Sequence[str]) -> list[str]:
    """The factors whose contributions differ between customers (the others explain nothing)."""
    points = table[[CONTRIB_PREFIX + c for c in columns]].to_numpy(dtype=float)
    if not len(points):
        return []
    spread = np.nanmax(points, axis=0) - np.nanmin(points, axis=0)
    return [c for c, s in zip(columns, spread, strict=True) if s > SPREAD_TOLERANCE]


def drivers(
    table: pd.DataFrame, customer_id: object, columns: Sequence[str], n: int = 3
) -> pd.DataFrame:
    """The ``n`` factors that move ``customer_id`` most from the average customer, largest
    first: ``factor``, ``relative`` (points above + or below − the average) and
    ``contribution`` (its own points). Factors on which every customer is equal and factors
    that leave this customer exactly at the average are left out."""
    position = customer_row(table, customer_id)
    relative = relative_contributions(table, spread_factors(table, columns)).iloc[position]
    top = strongest(relative, n)
    row = table.iloc[position]
    return pd.DataFrame(
        {
            "factor": list(top.index),
            "relative": top.to_numpy(dtype=float),
            "contribution": [float(row[CONTRIB_PREFIX + c]) for c in top.index],
        }
    )


def strongest(relative: pd.Series, n: int) -> pd.Series:
    """The ``n`` entries of one customer's relative points (factor → points) largest in size,
    largest first (ties in factor order); entries of 0 are left out."""
    moving = relative[relative.abs() > SPREAD_TOLERANCE]
    order = moving.abs().sort_values(ascending=False, kind="stable").index
    return moving.loc[order].head(n)


RELATIVE_PREFIX = "vs_average:"


def driver_text(relative: pd.Series, n: int = 3) -> str:
    """One customer's :func:`strongest` factors as text, "销售额 +12.3 · 逾期天数 −4.1" (points
    against the average customer); "—" when nothing moves it from the average."""
    top = strongest(relative, n)
    return " · ".join(f"{f} {'+' if v > 0 else '−'}{abs(v):.1f}" for f, v in top.items()) or "—"


def _driver_texts(relative: pd.DataFrame, n: int) -> list[str]:
    """:func:`driver_text` of every row, sorted in numpy (a long table is not walked row by row)."""
    values = relative.to_numpy(dtype=float)
    names = list(relative.columns)
    order = np.argsort(-np.abs(values), axis=1, kind="stable")[:, :n]
    texts = []
    for row, picks in zip(values, order, strict=True):
        parts = [
            f"{names[j]} {'+' if row[j] > 0 else '−'}{abs(row[j]):.1f}"
            for j in picks
            if abs(row[j]) > SPREAD_TOLERANCE
        ]
        texts.append(" · ".join(parts) or "—")
    return texts


def drivers_table(table: pd.DataFrame, columns: Sequence[str], n: int = 3) -> pd.DataFrame:
    """Every customer against the average customer: ``rank``, ``customer_id``, ``score``,
    ``score_vs_average`` (score − mean score), ``main_drivers`` (:func:`driver_text`) and one
    ``vs_average:<factor>`` column per factor that differs between customers."""
    varying = spread_factors(table, columns)
    relative = relative_contributions(table, varying)
    out = table[["rank", "customer_id", "score"]].copy()
    out["score_vs_average"] = table["score"] - table["score"].mean()
    out["main_drivers"] = _driver_texts(relative, n)
    for column in varying:
        out[RELATIVE_PREFIX + column] = relative[column]
    return out


def percentiles(
    table: pd.DataFrame,
    columns: Sequence[str],
    directions: Sequence[str],
    as_of: date | None = None,
) -> pd.DataFrame:
    """Every customer's standing on every factor, 0–100 (one column per factor, table order).

    standing = 100 · (r − 1) / (n − 1), where r is the customer's average rank (1 = worst,
    ties share their mean rank) among the n customers with a value, ranked by "better":
    higher for benefit factors, lower for cost factors. So it is the share of the others this
    customer beats, ties counting half. Missing values stay NaN; with n = 1 the standing is 50.
    Date factors are compared as days since ``as_of`` (as the score does).
    """
    sources = [source_column(table, c) for c in columns]
    raw = factor_values(table[sources].set_axis(list(columns), axis=1), list(columns), as_of)
    out = {}
    for j, column in enumerate(columns):
        better = -raw[:, j] if directions[j] == COST else raw[:, j]
        values = pd.Series(better)
        n = values.notna().sum()
        ranks = values.rank(method="average").to_numpy()
        # A lone value (rank 1) beats nobody and loses to nobody: the middle, 50.
        out[column] = 100.0 * (ranks - 1) / (n - 1) if n > 1 else ranks * 50.0
    return pd.DataFrame(out, index=table.index)


def customer_profile(
    table: pd.DataFrame,
    customer_id: object,
    columns: Sequence[str],
    directions: Sequence[str],
    as_of: date | None = None,
) -> pd.DataFrame:
    """One row per factor for one customer: ``factor``, ``value`` (the raw cell as text),
    ``percentile`` (its standing, see :func:`percentiles`) and ``direction``."""
    position = customer_row(table, customer_id)
    standing = percentiles(table, columns, directions, as_of).iloc[position]
    row = table.iloc[position]
    return pd.DataFrame(
        {
            "factor": list(columns),
            "value": [_as_text(row[source_column(table, c)]) for c in columns],
            "percentile": standing.to_numpy(dtype=float),
            "direction": list(directions),
        }
    )


def _as_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, (int, np.integer)):
        return f"{value:,}"
    return str(value)


def rank_change(current: pd.DataFrame, baseline: pd.DataFrame) -> pd.Series:
    """Places moved per customer of ``current``: baseline rank − current rank.

    Positive = moved up (▲), negative = moved down (▼), 0 = same place; <NA> when the
    customer is not in the baseline. Customers are matched by ID as text; the result is
    aligned with ``current``'s rows (nullable Int64).
    """
    where = pc.index_in(_text_ids(current), value_set=_text_ids(baseline))
    where = where.fill_null(-1).to_numpy().astype(np.int64)
    ranks = baseline["rank"].to_numpy(dtype=np.int64)
    previous = ranks[np.maximum(where, 0)] if len(ranks) else np.zeros(len(where), np.int64)
    change = previous - current["rank"].to_numpy(dtype=np.int64)
    return pd.Series(pd.arrays.IntegerArray(change, where < 0), index=current.index, name="change")


def _text_ids(table: pd.DataFrame) -> pa.Array:
    return pa.array(table["customer_id"].astype(str), type=pa.large_string())
