"""The allocation policy (资源配置方案): how a budget is shared out, as a typed scenario field.

It lives in ``Scenario.allocation`` (JSON ``"allocation"``, see :meth:`AllocationPolicy.to_dict`);
core.allocation does the sharing out. Tier shares and minimums are keyed by tier *keys*
(core.tiers.tier_keys), so they survive a change of the labels' language. Kept apart from
core.allocation so that core.scenario can hold a policy without importing the ranking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from core.errors import ScenarioError
from core.i18n import msg

UNITS = ("money", "hours", "managers")
BASES = ("score", "value")


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
    """How a budget is shared out (see core.allocation)."""

    unit: str = "money"  # money | hours | managers (whole numbers)
    label: str = ""  # the unit's name on screen, e.g. "万元" or "h"
    basis: str = "score"  # proportional to the score or to ``value_column``
    value_column: str | None = None
    tier_shares: dict[str, float] = field(default_factory=dict)  # tier key → relative share
    tier_minimum: dict[str, float] = field(default_factory=dict)  # tier key → minimum
    customer_cap: float | None = None
    revenue_column: str | None = None  # for the share of revenue / profit covered
    profit_column: str | None = None
    budget: float | None = None  # the budget to share out (the app's and the CLI's)

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ScenarioError(f"allocation: unknown unit {self.unit!r}; use one of: {UNITS}")
        if self.basis not in BASES:
            raise ScenarioError(f"allocation: unknown basis {self.basis!r}; use one of: {BASES}")
        if self.basis == "value" and not self.value_column:
            raise ScenarioError("allocation: basis 'value' needs a 'value_column'")
        for name in ("tier_shares", "tier_minimum"):
            if not isinstance(getattr(self, name), Mapping):
                raise ScenarioError(f"allocation: {name!r} must be an object: tier → number")
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
        if self.budget is not None:
            object.__setattr__(self, "budget", _number(self.budget, "the budget", whole))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; empty and unset fields are left out."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", {})}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AllocationPolicy:
        """Build from parsed JSON; unknown fields are ignored, bad ones raise ScenarioError."""
        if not isinstance(data, Mapping):
            raise ScenarioError('allocation: expected a JSON object such as {"unit": "money"}')
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError as exc:
            raise ScenarioError(msg("allocation_policy.wrong_type", detail=str(exc))) from None
