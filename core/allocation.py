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
The policy is saved with the scenario as ``Scenario.extra["allocation"]`` (a JSON object, see
:meth:`AllocationPolicy.to_dict`); :func:`scenario_policy` and :func:`with_policy` read and
write it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from core.errors import ScenarioError
from core.explain import source_column
from core.i18n import msg
from core.playbook import resource_total
from core.scenario import Scenario

UNITS = ("money", "hours", "managers")
BASES = ("score", "value")
EXTRA_KEY = "allocation"


def _number(value: object, what: str, whole: bool = False) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = float("nan")
    if not math.isfinite(number) or number < 0 or (whole and not number.is_integer()):
        kind = "a whole number ≥ 0" if whole else "a number ≥ 0"
        raise ScenarioError(f"allocation: {what} is {value!r}; use {kind}")
    return number


@dataclass(frozen=True)
class AllocationPolicy:
    """How a budget is shared out (see the module docstring)."""

    unit: str = "money"  # money | hours | managers (whole numbers)
    label: str = ""  # the unit's name on screen, e.g. "万元" or "h"
    basis: str = "score"  # proportional to the score or to ``value_column``
    value_column: str | None = None
    tier_shares: dict[str, float] = field(default_factory=dict)  # relative, e.g. percent
    tier_minimum: dict[str, float] = field(default_factory=dict)
    customer_cap: float | None = None
    revenue_column: str | None = None  # for the share of revenue / profit covered
    profit_column: str | None = None

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ScenarioError(f"allocation: unknown unit {self.unit!r}; use one of: {UNITS}")
        if self.basis not in BASES:
            raise ScenarioError(f"allocation: unknown basis {self.basis!r}; use one of: {BASES}")
        if self.basis == "value" and not self.value_column:
            raise ScenarioError("allocation: basis 'value' needs a 'value_column'")
        whole = self.unit == "managers"
        shares = {
            str(k): _number(v, f"the share of tier {k!r}") for k, v in self.tier_shares.items()
        }
        minimum = {
            str(k): _number(v, f"the minimum of tier {k!r}", whole)
            for k, v in self.tier_minimum.items()
        }
        object.__setattr__(self, "tier_shares", shares)
        object.__setattr__(self, "tier_minimum", minimum)
        if self.customer_cap is not None:
            cap = _number(self.customer_cap, "the cap per customer", whole)
            if cap <= 0:
                raise ScenarioError("allocation: the cap per customer must be more than 0")
            object.__setattr__(self, "customer_cap", cap)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; empty and unset fields are left out."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", {})}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AllocationPolicy:
        """Build from parsed JSON; unknown fields are ignored, bad ones raise ScenarioError."""
        if not isinstance(data, Mapping):
            raise ScenarioError('allocation: expected a JSON object such as {"unit": "money"}')
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in ("tier_shares", "tier_minimum"):
            if not isinstance(known.get(name, {}), Mapping):
                raise ScenarioError(f"allocation: {name!r} must be an object: tier → number")
        return cls(**known)


def playbook_shares(playbook: Mapping[str, Mapping[str, str]]) -> dict[str, float]:
    """Tier → resource share (%) from a playbook's ``resources`` field."""
    return {label: resource_total({label: entry}) for label, entry in playbook.items()}


def scenario_policy(scenario: Scenario) -> AllocationPolicy | None:
    """The allocation policy saved with ``scenario``, if any."""
    raw = scenario.extra.get(EXTRA_KEY)
    return None if raw is None else AllocationPolicy.from_dict(raw)


def with_policy(scenario: Scenario, policy: AllocationPolicy) -> Scenario:
    """A copy of ``scenario`` carrying ``policy``."""
    return replace(scenario, extra={**scenario.extra, EXTRA_KEY: policy.to_dict()})


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
        raise ScenarioError(f"allocation: column {policy.value_column!r} is not in the data")
    values = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.clip(np.nan_to_num(values, nan=0.0), 0.0, None)


def _tier_budgets(
    tiers: np.ndarray, labels: list[str], w: np.ndarray, budget: float, policy: AllocationPolicy
) -> tuple[dict[str, float], list[str]]:
    absent = [t for t in {**policy.tier_shares, **policy.tier_minimum} if t not in labels]
    warnings = [f"allocation: no customer in tier(s) {', '.join(absent)}; shared out to the others"]
    minimum = {t: policy.tier_minimum.get(t, 0.0) for t in labels}
    if sum(minimum.values()) > budget:
        raise ScenarioError(
            f"allocation: the tier minimums add up to {sum(minimum.values()):g}, more than the "
            f"budget {budget:g}; lower them or raise the budget"
        )
    if policy.tier_shares:
        shares = {t: policy.tier_shares.get(t, 0.0) for t in labels}
        if sum(shares.values()) <= 0:
            raise ScenarioError("allocation: no tier with customers has a share above 0")
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
    budget = _number(budget, "the budget", whole)
    if table.empty:
        raise ScenarioError("allocation: there are no ranked customers to allocate to")
    w = _weights(table, policy)
    tiers = table["tier"].astype(str).to_numpy()
    labels = list(dict.fromkeys(tiers))
    cap = policy.customer_cap if policy.customer_cap is not None else math.inf
    if cap * len(table) < budget:
        raise ScenarioError(
            f"allocation: {len(table)} customers × cap {cap:g} = {cap * len(table):g} is less "
            f"than the budget {budget:g}; raise the cap or lower the budget"
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
