"""Resource allocation (资源配置): a limited budget across tiers and customers.

The budget is money, sales hours or account managers (whole people). Steps:

1. tier budgets: B_t = min_t + (B − Σ min) · s_t / Σ s, where min_t is the tier's minimum and
   s_t its share (``tier_shares``, e.g. the playbook's resource shares; without shares each
   tier's share is its customers' total weight, so the split is simply proportional);
   shares of tiers without customers go to the others;
2. within a tier, proportional to each customer's weight (the score or a value column;
   missing or negative counts 0; all 0 → equal) up to ``customer_cap``; what a cap cuts off
   goes to the tier's other customers, then to the other tiers' customers (water-filling);
3. account managers are rounded by largest remainder: first the tier totals, then the
   customers within each tier, so the whole numbers still add up to the budget.

The amounts add up to the budget (exactly for managers, to float precision otherwise).
The policy is saved with the scenario as ``Scenario.allocation`` (JSON ``"allocation"``, see
core.method.allocation_policy; older files kept it in ``extra``, which still reads);
:func:`scenario_policy` and :func:`with_policy` read and write it. Its tier shares and
minimums name tier *keys*; :func:`labelled` turns them into the ranking table's labels and
:func:`allocate_ranking` allocates a ranking under its scenario's policy.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core.errors import ScenarioError
from core.i18n import msg
from core.method.allocation_policy import BASES, UNITS, AllocationPolicy, _number
from core.method.explain import source_column
from core.method.normalize import scaled_down
from core.method.scenario import Scenario, TierSpec
from core.strategy.playbook import resource_total

if TYPE_CHECKING:
    from core.method.ranking import Ranking

EXTRA_KEY = "allocation"  # the older place of the policy: Scenario.extra["allocation"]


__all__ = [
    "BASES",
    "UNITS",
    "Allocation",
    "AllocationPolicy",
    "allocate",
    "allocate_ranking",
    "labelled",
    "playbook_shares",
    "scenario_policy",
    "with_policy",
]


def playbook_shares(playbook: Mapping[str, Mapping[str, str]]) -> dict[str, float]:
    """Tier → resource share (%) from a playbook's ``resources`` field (same keys)."""
    return {label: resource_total({label: entry}) for label, entry in playbook.items()}


def scenario_policy(scenario: Scenario) -> AllocationPolicy | None:
    """The allocation policy saved with ``scenario``, if any."""
    return scenario.allocation


def with_policy(scenario: Scenario, policy: AllocationPolicy | None) -> Scenario:
    """A copy of ``scenario`` carrying ``policy`` (None: without one)."""
    extra = {k: v for k, v in scenario.extra.items() if k != EXTRA_KEY}
    return replace(scenario, allocation=policy, extra=extra)


def labelled(policy: AllocationPolicy, tiers: TierSpec) -> AllocationPolicy:
    """``policy`` with its tier shares and minimums keyed by ``tiers``' labels (the ranking
    table's ``tier`` values) instead of tier keys; a name that is no tier stays as it is."""

    def by_label(values: Mapping[str, float]) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, value in values.items():
            key = tiers.tier_key(name)
            out[tiers.label_of(key) if key is not None else name] = value
        return out

    return replace(
        policy, tier_shares=by_label(policy.tier_shares), tier_minimum=by_label(policy.tier_minimum)
    )


def allocate_ranking(
    ranking: Ranking, policy: AllocationPolicy | None = None, budget: float | None = None
) -> Allocation | None:
    """Allocate ``budget`` (default: the policy's) across ``ranking`` by ``policy`` (default:
    its scenario's); None when there is no policy or no budget."""
    chosen = policy or ranking.scenario.allocation
    amount = budget if budget is not None else (chosen.budget if chosen else None)
    if chosen is None or amount is None:
        return None
    return allocate(ranking.table, amount, labelled(chosen, ranking.scenario.tiers))


@dataclass(frozen=True)
class Allocation:
    """Amounts per customer and per tier, and what they cover."""

    customers: pd.DataFrame  # rank, customer_id, tier, weight, amount, share
    tiers: pd.DataFrame  # tier, customers, funded, amount, share[, revenue_share, profit_share]
    budget: float
    policy: AllocationPolicy
    covered_revenue_share: float | None  # revenue of the customers who get something / total
    covered_profit_share: float | None
    warnings: tuple[str, ...] = ()


def _waterfill(weights: np.ndarray, budget: float, room: np.ndarray) -> np.ndarray:
    """Split ``budget`` ∝ ``weights`` (equal if all 0) without exceeding ``room``."""
    x = np.zeros(len(weights))
    remaining, open_ = budget, room > 0
    while remaining > 0 and open_.any():
        w = np.where(open_, weights, 0.0)
        w = w if w.sum() > 0 else open_.astype(float)
        give = remaining * w / w.sum()
        full = open_ & (give >= room - x)
        if not full.any():
            return x + give
        remaining -= float((room - x)[full].sum())
        x[full] = room[full]
        open_ &= ~full
    return x


def largest_remainder(values: np.ndarray, total: int) -> np.ndarray:
    """Whole numbers adding up to ``total``: floors, then +1 for the largest remainders (ties
    by position). Needs floor-sum ≤ total ≤ floor-sum + the count of fractional values."""
    floors = np.floor(values + 1e-9)
    extra = round(float(total - floors.sum()))
    order = np.argsort(-(values - floors), kind="stable")
    floors[order[:extra]] += 1
    return floors.astype(int)


def _weights(table: pd.DataFrame, policy: AllocationPolicy) -> np.ndarray:
    column = "score" if policy.basis == "score" else source_column(table, policy.value_column)
    if column not in table.columns:
        raise ScenarioError(msg("allocation.column_not_data", c=policy.value_column))
    values = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.clip(np.nan_to_num(values, nan=0.0), 0.0, None)


def _tier_budgets(
    tiers: np.ndarray, labels: list[str], w: np.ndarray, budget: float, policy: AllocationPolicy
) -> tuple[dict[str, float], list[str]]:
    absent = [t for t in {**policy.tier_shares, **policy.tier_minimum} if t not in labels]
    warnings = [msg("allocation.no_customer_tier_shared_out", tiers=", ".join(absent))]
    minimum = {t: policy.tier_minimum.get(t, 0.0) for t in labels}
    if sum(minimum.values()) > budget:
        raise ScenarioError(
            msg("allocation.tier_minimums_add_up_more", total=sum(minimum.values()), budget=budget)
        )
    if policy.tier_shares:
        shares = {t: policy.tier_shares.get(t, 0.0) for t in labels}
        if sum(shares.values()) <= 0:
            raise ScenarioError(msg("allocation.no_tier_with_customers_has"))
    else:
        basis = w if w.sum() > 0 else np.ones(len(w))
        shares = {t: float(basis[tiers == t].sum()) for t in labels}
    rest, total = budget - sum(minimum.values()), sum(shares.values())
    budgets = {t: minimum[t] + rest * shares[t] / total for t in labels}
    return budgets, warnings if absent else []


def _check_minimums_fit_caps(
    tiers: np.ndarray, labels: list[str], cap: float, policy: AllocationPolicy
) -> None:
    """A tier's minimum its customers cannot take under the cap is refused, not cut short."""
    for label in labels:
        least, count = policy.tier_minimum.get(label, 0.0), int((tiers == label).sum())
        if least > cap * count * (1 + 1e-12):
            raise ScenarioError(
                msg(
                    "allocation.minimum_above_caps",
                    tier=label, minimum=f"{least:g}", customers=count, cap=f"{cap:g}",
                    most=f"{cap * count:g}",
                )
            )  # fmt: skip


def allocate(table: pd.DataFrame, budget: float, policy: AllocationPolicy) -> Allocation:
    """Share ``budget`` across the customers of a ranking ``table`` (rank, customer_id, tier,
    score …) by ``policy``; ScenarioError when it cannot be done (caps or minimums too tight)."""
    whole = policy.unit == "managers"
    budget = _number(budget, msg("word.budget"), whole)
    if table.empty:
        raise ScenarioError(msg("allocation.there_no_ranked_customers_allocate"))
    w = _weights(table, policy)
    tiers = table["tier"].astype(str).to_numpy()
    labels = list(dict.fromkeys(tiers))
    cap = policy.customer_cap if policy.customer_cap is not None else math.inf
    if cap * len(table) < budget:
        raise ScenarioError(
            msg(
                "allocation.customers_cap_less_than_budget",
                m=len(table),
                cap=cap,
                total=cap * len(table),
                budget=budget,
            )
        )
    _check_minimums_fit_caps(tiers, labels, cap, policy)
    budgets, warnings = _tier_budgets(tiers, labels, w, budget, policy)
    room = np.full(len(table), cap)
    x = np.zeros(len(table))
    for label in labels:
        mask = tiers == label
        x[mask] = _waterfill(w[mask], budgets[label], room[mask])
    leftover = budget - x.sum()
    if leftover > 1e-9 * max(budget, 1.0):
        # Caps cut some tiers short: first to the tiers that were meant to get something.
        funded = np.isin(tiers, [t for t in labels if budgets[t] > 0])
        first = np.where(funded, room - x, 0.0)
        x += _waterfill(w, leftover, first if first.sum() >= leftover else room - x)
    if whole:
        x = _whole_amounts(x, tiers, labels, int(budget))
    elif (free := np.flatnonzero(x < room)).size:
        x[free[np.argmax(x[free])]] += budget - x.sum()  # float residue, ~1e-12
    return _result(table, w, x, budget, policy, tuple(warnings))


def _whole_amounts(x: np.ndarray, tiers: np.ndarray, labels: list[str], budget: int) -> np.ndarray:
    totals = np.array([x[tiers == t].sum() for t in labels])
    whole_totals = largest_remainder(totals, budget)
    out = np.zeros(len(x), dtype=int)
    for label, total in zip(labels, whole_totals, strict=True):
        mask = tiers == label
        out[mask] = largest_remainder(x[mask], int(total))
    return out


def _share(part: float, total: float) -> float:
    return part / total if total else 0.0


def _result(
    table: pd.DataFrame,
    w: np.ndarray,
    x: np.ndarray,
    budget: float,
    policy: AllocationPolicy,
    warnings: tuple[str, ...],
) -> Allocation:
    customers = pd.DataFrame(
        {
            "rank": table["rank"].to_numpy(),
            "customer_id": table["customer_id"].to_numpy(),
            "tier": table["tier"].astype(str).to_numpy(),
            "weight": w,
            "amount": x,
            "share": x / budget if budget else np.zeros(len(x)),
        }
    )
    grouped = customers.groupby("tier", sort=False)
    tiers = pd.DataFrame(
        {
            "customers": grouped.size(),
            "funded": grouped["amount"].apply(lambda a: int((a > 0).sum())),
            "amount": grouped["amount"].sum(),
        }
    )
    tiers["share"] = tiers["amount"] / budget if budget else 0.0
    covered: dict[str, float | None] = {"revenue": None, "profit": None}
    for name, column in (("revenue", policy.revenue_column), ("profit", policy.profit_column)):
        source = source_column(table, column) if column else None
        if source is None or source not in table.columns:
            continue
        values = pd.to_numeric(table[source], errors="coerce").fillna(0.0).to_numpy(dtype=float)
        values = scaled_down(values)[0]  # shares of values near 1e308 stay finite
        total = values.sum()
        tiers[f"{name}_share"] = [
            _share(values[customers["tier"] == t].sum(), total) for t in tiers.index
        ]
        covered[name] = _share(values[x > 0].sum(), total)
    return Allocation(
        customers,
        tiers.rename_axis("tier").reset_index(),
        budget,
        policy,
        covered["revenue"],
        covered["profit"],
        warnings,
    )
