"""The allocation policy (资源配置方案): how a budget is shared out, as a typed scenario field.

It lives in ``Scenario.allocation`` (JSON ``"allocation"``, see :meth:`AllocationPolicy.to_dict`);
core.strategy.allocation does the sharing out. Tier shares and minimums are keyed by tier *keys*
(core.method.tiers.tier_keys), so they survive a change of the labels' language. Kept apart from
core.strategy.allocation so that core.method.scenario can hold a policy without importing the
ranking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from core.errors import ScenarioError
from core.i18n import msg
from core.method.numbers import as_number

UNITS = ("money", "hours", "managers")
BASES = ("score", "value")


def _number(value: object, what: object, whole: bool = False) -> float:
    number = as_number(value)
    if not math.isfinite(number) or number < 0 or (whole and not number.is_integer()):
        kind = msg("word.whole_number_ge_0") if whole else msg("word.number_ge_0")
        raise ScenarioError(msg("allocation.not_a_number", what=what, value=value, kind=kind))
    return number


@dataclass(frozen=True)
class AllocationPolicy:
    """How a budget is shared out (see core.strategy.allocation)."""

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
            raise ScenarioError(msg("allocation.unknown_unit_use_one", unit=self.unit, units=UNITS))
        if self.basis not in BASES:
            raise ScenarioError(
                msg("allocation.unknown_basis_use_one", basis=self.basis, bases=BASES)
            )
        if self.basis == "value" and not self.value_column:
            raise ScenarioError(msg("allocation.basis_value_needs_value_column"))
        for name in ("tier_shares", "tier_minimum"):
            if not isinstance(getattr(self, name), Mapping):
                raise ScenarioError(msg("allocation.must_object_tier_number", name=name))
        whole = self.unit == "managers"
        shares = {
            str(k): _number(v, msg("allocation.share_of_tier", tier=k))
            for k, v in self.tier_shares.items()
        }
        minimum = {
            str(k): _number(v, msg("allocation.minimum_of_tier", tier=k), whole)
            for k, v in self.tier_minimum.items()
        }
        object.__setattr__(self, "tier_shares", shares)
        object.__setattr__(self, "tier_minimum", minimum)
        if self.customer_cap is not None:
            cap = _number(self.customer_cap, msg("word.cap_per_customer"), whole)
            if cap <= 0:
                raise ScenarioError(msg("allocation.cap_per_customer_must_more"))
            object.__setattr__(self, "customer_cap", cap)
        if self.budget is not None:
            object.__setattr__(self, "budget", _number(self.budget, msg("word.budget"), whole))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; empty and unset fields are left out."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "", {})}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AllocationPolicy:
        """Build from parsed JSON; unknown fields are ignored, bad ones raise ScenarioError."""
        if not isinstance(data, Mapping):
            raise ScenarioError(msg("allocation.expected_json_object_such_unit"))
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError as exc:
            raise ScenarioError(msg("allocation_policy.wrong_type", detail=str(exc))) from None
