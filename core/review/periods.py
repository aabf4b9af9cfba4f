"""Periodic review (定期回顾, METHOD.md §6): rank two periods, who moved, who needs attention.

Two inputs are possible: an order log, cut into the last two periods of ``period_days`` ending
at the as-of date (period A ends ``period_days`` before it), or two customer snapshots. Both
periods are ranked with the same scenario (by default recency_days as a cost, orders_current
and spend_current as benefits, equal weights, for a log). A customer is *active* in a period
when it ordered in it (orders > 0, else spend > 0; a snapshot without either: present).
*New* = ranked in B, unknown in A; *lost* (churned) = active in A, not active in B; retention
rate = customers active in both / active in A. Early warnings: see :class:`WarningRules`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from core.analysis.compare import compare_rankings, migration_matrix
from core.errors import InputError
from core.i18n import Message, localize, msg
from core.ingest.parsing import as_text
from core.mapping.catalog import find_factor
from core.mapping.columns import column_kind, detect_mapping, factor_values
from core.method.ranking import Ranking, rank_customers
from core.method.scenario import Scenario
from core.method.scenario_mapping import default_scenario
from core.orders.log import DEFAULT_PERIOD_DAYS, OrdersReport, aggregate_orders
from core.orders.merge import order_scenario
from core.orders.names import NAME
from core.orders.spark_session import SparkTarget
from core.strategy.profitability import top_share

REVIEW_FACTORS = (("recency_days", "cost"), ("orders_current", "benefit"),
                  ("spend_current", "benefit"))  # fmt: skip
NEW, GONE = "(new)", "(not ranked)"


@dataclass(frozen=True)
class WarningRules:
    """Early-warning thresholds (each warning fires on its own)."""

    spend_drop: float = 0.30  # spend in B below (1 − x) · spend in A (A > 0)
    inactive_days: int = 90  # no order for longer than this …
    frequent_orders: int = 4  # … from a customer with at least this many orders in A
    satisfaction_drop: float = 0.5  # satisfaction A − B ≥ this (points)
    complaints_up: int = 1  # complaints B − A ≥ this
    key_downgrade: bool = True  # a top-tier customer in A that is lower (or gone) in B


@dataclass(frozen=True)
class ReviewColumns:
    """Which snapshot column holds each signal (None: not available)."""

    spend: str | None = None
    recency: str | None = None
    orders: str | None = None
    satisfaction: str | None = None
    complaints: str | None = None


ORDER_COLUMNS = ReviewColumns("spend_current", "recency_days", "orders_current")
_CATALOG_ROLES = {"monetary": "spend", "recency": "recency", "frequency": "orders",
                  "satisfaction": "satisfaction", "churn_risk": "complaints"}  # fmt: skip


@dataclass(frozen=True)
class Review:
    """Two rankings of the same customers and what changed between them."""

    a: Ranking
    b: Ranking
    movers: pd.DataFrame  # customer_id, rank_a, rank_b, change (+ moved up), tier_a, tier_b
    migration: pd.DataFrame  # counts, rows = tier in A (or "(new)"), columns = tier in B
    new_customers: tuple[str, ...]
    lost_customers: tuple[str, ...]
    warnings: pd.DataFrame  # customer_id, warning, reason (Message), reason_zh, tier_a, tier_b
    kpis: pd.DataFrame  # kpi, period_a, period_b, change
    reports: tuple[OrdersReport, ...] = field(default=())  # (A, B) for an order log


def detect_review_columns(frame: pd.DataFrame) -> ReviewColumns:
    """Signals found by the factor catalog's synonyms (销售额 → spend, 满意度 …)."""
    found: dict[str, str] = {}
    for column in frame.columns:
        factor = find_factor(str(column))
        role = _CATALOG_ROLES.get(factor.key) if factor else None
        if role and role not in found and column_kind(frame[column]) != "text":
            found[role] = column
    return ReviewColumns(**found)


def _signals(frame: pd.DataFrame, id_column: str, columns: ReviewColumns, as_of: date | None):
    ids = as_text(frame[id_column])
    out = pd.DataFrame(index=pd.Index(ids.to_numpy(), name="customer_id"))
    for role in ("spend", "recency", "orders", "satisfaction", "complaints"):
        column = getattr(columns, role)
        if column is not None:
            out[role] = factor_values(frame, [column], as_of)[:, 0]
    out = out[~out.index.isna() & ~out.index.duplicated()]
    active = (
        (out["orders"] > 0) if "orders" in out else (out["spend"] > 0) if "spend" in out else None
    )
    out["active"] = active if active is not None else True
    return out


def _warnings(joined: pd.DataFrame, rules: WarningRules, top: str) -> pd.DataFrame:
    """One row per warning; each reason is a Message (``reason``, its English as text) and,
    for the exported tables, its Chinese (``reason_zh``)."""
    rows = []

    def add(mask: pd.Series, key: str, reason: Callable[[Any], Message]) -> None:
        for cid, row in joined[mask.fillna(False).astype(bool)].iterrows():
            rows.append((cid, key, reason(row), row["tier_a"], row["tier_b"]))

    def has(name: str) -> bool:
        return f"{name}_a" in joined and f"{name}_b" in joined

    if has("spend"):
        joined = joined.assign(spend_b=joined["spend_b"].fillna(0.0))  # gone: spent nothing
        a, b = joined["spend_a"], joined["spend_b"]

        def spend(r: Any) -> Message:
            fell, limit = 100 * (1 - r.spend_b / r.spend_a), 100 * rules.spend_drop
            change = f"{r.spend_a:,.0f} → {r.spend_b:,.0f}"
            return msg("review.spend_fell", fell=fell, change=change, limit=limit)

        add((a > 0) & (b < a * (1 - rules.spend_drop)), "spend_drop", spend)
    if has("recency") and "orders_a" in joined:
        mask = (joined["recency_b"] > rules.inactive_days) & (
            joined["orders_a"] >= rules.frequent_orders
        )
        add(mask, "inactive", lambda r: msg(
            "review.inactive", days=r.recency_b, limit=rules.inactive_days, orders=r.orders_a
        ))  # fmt: skip
    if has("satisfaction"):
        drop = joined["satisfaction_a"] - joined["satisfaction_b"]
        add(drop >= rules.satisfaction_drop, "satisfaction_drop", lambda r: msg(
            "review.satisfaction_fell", a=r.satisfaction_a, b=r.satisfaction_b,
            limit=rules.satisfaction_drop,
        ))  # fmt: skip
    if has("complaints"):
        rise = joined["complaints_b"] - joined["complaints_a"]
        add(rise >= rules.complaints_up, "complaints_up", lambda r: msg(
            "review.complaints_rose", a=r.complaints_a, b=r.complaints_b
        ))  # fmt: skip
    if rules.key_downgrade:
        add((joined["tier_a"] == top) & (joined["tier_b"] != top), "key_downgrade", lambda r: msg(
            "review.key_downgraded", a=r.tier_a, b=r.tier_b
        ))  # fmt: skip
    table = pd.DataFrame(rows, columns=["customer_id", "warning", "reason", "tier_a", "tier_b"])
    table["reason"] = pd.Series([r[2] for r in rows], dtype=object)  # each stays a Message
    table.insert(3, "reason_zh", [localize(r, "zh") for r in table["reason"]])
    return table.sort_values(["customer_id", "warning"], kind="stable").reset_index(drop=True)


def _kpis(sig_a: pd.DataFrame, sig_b: pd.DataFrame, lost: int, retained: int) -> pd.DataFrame:
    def side(sig: pd.DataFrame) -> dict[str, float]:
        spend = sig["spend"].clip(lower=0).sort_values(ascending=False) if "spend" in sig else None
        revenue = float(sig["spend"].sum()) if spend is not None else np.nan
        share = top_share(spend) if spend is not None else np.nan
        return {"customers": len(sig), "active": int(sig["active"].sum()), "revenue": revenue,
                "top20_revenue_share": share}  # fmt: skip

    a, b = side(sig_a), side(sig_b)
    active_a = a["active"]
    b |= {"churned": lost, "retention_rate": retained / active_a if active_a else np.nan}
    a |= {"churned": np.nan, "retention_rate": np.nan}
    out = pd.DataFrame(
        {"kpi": list(b), "period_a": [a[k] for k in b], "period_b": list(b.values())}
    )
    out["change"] = out["period_b"] - out["period_a"]
    return out


def review_snapshots(
    a: pd.DataFrame,
    b: pd.DataFrame,
    scenario: Scenario | None = None,
    columns: ReviewColumns | None = None,
    rules: WarningRules = WarningRules(),
) -> Review:
    """Rank snapshots A (earlier) and B with one scenario and compare them."""
    scenario = scenario or default_scenario(detect_mapping(b))
    ranked_a, ranked_b = rank_customers(a, scenario), rank_customers(b, scenario)
    columns = columns or detect_review_columns(b)
    sig_a = _signals(a, scenario.id_column, columns, ranked_a.as_of)
    sig_b = _signals(b, scenario.id_column, columns, ranked_b.as_of)
    tiers = [r.table.assign(customer_id=as_text(r.table["customer_id"]))[["customer_id", "tier"]]
             .set_index("customer_id")["tier"] for r in (ranked_a, ranked_b)]  # fmt: skip
    joined = sig_a.add_suffix("_a").join(sig_b.add_suffix("_b"), how="outer")
    joined["tier_a"] = tiers[0].reindex(joined.index).fillna(NEW)
    joined["tier_b"] = tiers[1].reindex(joined.index).fillna(GONE)
    was, now = joined["active_a"].eq(True), joined["active_b"].eq(True)
    lost = tuple(sorted(joined.index[was & ~now]))
    new = tuple(sorted(joined.index[joined["active_a"].isna() & joined["tier_b"].ne(GONE)]))
    comparison = compare_rankings(ranked_a, ranked_b)
    side = joined.reset_index()[["customer_id", "tier_a", "tier_b"]]
    return Review(
        a=ranked_a, b=ranked_b, movers=comparison.movers,
        migration=migration_matrix(ranked_a, ranked_b, side),
        new_customers=new, lost_customers=lost,
        warnings=_warnings(joined, rules, scenario.tiers.labels[0]),
        kpis=_kpis(sig_a, sig_b, len(lost), int((was & now).sum())),
    )  # fmt: skip


def review_orders(
    source: pd.DataFrame | str | Path,
    period_days: int = DEFAULT_PERIOD_DAYS,
    *,
    as_of: date | str | None = None,
    scenario: Scenario | None = None,
    columns: dict[str, str | None] | None = None,
    engine: str = "auto",
    rules: WarningRules = WarningRules(),
    drop_copies: bool = False,
    ignore_zero: bool = False,
    excluded: pd.DataFrame | None = None,
    spark: SparkTarget | None = None,
) -> Review:
    """Review the last two periods of an order log (features of each period end, then
    :func:`review_snapshots` on them); ``drop_copies``, ``ignore_zero``, ``excluded`` and
    ``spark`` as in :func:`core.orders.log.aggregate_orders`."""
    options = {"columns": columns, "engine": engine, "drop_copies": drop_copies,
               "ignore_zero": ignore_zero, "excluded": excluded, "spark": spark}  # fmt: skip
    b = aggregate_orders(source, as_of=as_of, period_days=period_days, **options)
    end_a = b.report.as_of - timedelta(days=period_days)
    try:
        a = aggregate_orders(source, as_of=end_a, period_days=period_days, **options)
    except InputError:
        raise InputError(msg("review.log_too_short", end=end_a, n=period_days)) from None
    if scenario is None:
        scenario = order_scenario(b.features, REVIEW_FACTORS)
    if scenario.name_column is None and NAME in b.features.columns:
        scenario = replace(scenario, name_column=NAME)  # the log's own names
    scenario = replace(scenario, as_of=None)  # each period is ranked at its own end
    try:
        review = review_snapshots(a.features, b.features, scenario, ORDER_COLUMNS, rules)
    except InputError as exc:
        raise InputError(msg("review.of_period", f=b.report.source, error=exc.args[0])) from None
    if NAME in b.features.columns:
        review = _with_log_names(review, (a.features, b.features))
    return replace(review, reports=(a.report, b.report))


def _with_log_names(review: Review, features: tuple[pd.DataFrame, ...]) -> Review:
    """Movers and warnings with the log's ``customer_name`` after ``customer_id`` (the later
    period's name first, the earlier one's for a customer gone from it)."""
    names: dict[str, str] = {}
    for frame in features:
        named = frame[frame[NAME].notna()]
        names |= dict(zip(named["customer_id"].astype(str), named[NAME].astype(str), strict=True))

    def named(table: pd.DataFrame) -> pd.DataFrame:
        out = table.copy()
        out.insert(1, NAME, out["customer_id"].astype(str).map(names))
        return out

    return replace(review, movers=named(review.movers), warnings=named(review.warnings))
