"""Expert overrides (专家评估): a person moves a customer to another tier or pins its rank.

Overrides live in ``Scenario.overrides``, keyed by customer ID (compared as text), so they
survive new weights and new data for the same IDs. :func:`apply_overrides` runs last in
``core.method.ranking.rank_customers``:

- a pinned rank r puts the customer at rank r; the others keep their order and shift, so the
  ranks stay 1..m. A rank beyond m becomes the last free place (with a warning). Pinning does
  not change any tier: give a tier too to move the customer to another group;
- a tier override names the tier's stable *key* (``t1`` …, core.method.tiers.tier_keys; a label of
  the scenario, or a default label of its position in either language, is read as that
  tier's key too) and replaces the row's tier with that tier's label;
- with any override the table gains ``computed_tier`` (the tier the score gave) and
  ``override`` (the reason; missing when none) right after ``tier``; without overrides the
  table is unchanged;
- an override whose ID is not in the data is kept but not applied: a warning names it and
  the audit marks it ``id missing``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core.errors import ScenarioError
from core.i18n import msg
from core.method.scoring import rank_order

if TYPE_CHECKING:  # core.method.scenario and core.method.ranking import this module
    from core.method.ranking import Ranking
    from core.method.scenario import Scenario, TierSpec

OVERRIDE_COLUMNS = ("computed_tier", "override")
APPLIED, ID_MISSING = "applied", "id missing"
AUDIT_COLUMNS = (
    "customer_id",
    *("from_tier", "from_rank", "to_tier", "to_rank"),
    *("reason", "author", "at", "status"),
)


@dataclass(frozen=True)
class Override:
    """One expert decision: another tier and/or a pinned rank, with why, who and when."""

    customer_id: str
    tier: str | None = None
    rank: int | None = None
    reason: str = ""
    author: str = ""
    at: str = ""

    def __post_init__(self) -> None:
        who = str(self.customer_id).strip()
        if not who:
            raise ScenarioError(msg("overrides.scenario_override_has_no_customer"))
        object.__setattr__(self, "customer_id", who)
        if not str(self.reason).strip():
            raise ScenarioError(msg("overrides.scenario_override_customer_needs_reason", id=who))
        if self.tier is None and self.rank is None:
            raise ScenarioError(msg("overrides.scenario_override_customer_sets_neither", id=who))
        if self.tier is not None:
            object.__setattr__(self, "tier", str(self.tier))
        if self.rank is not None:
            object.__setattr__(self, "rank", _whole_rank(self.rank, who))


def _whole_rank(rank: object, who: str) -> int:
    number = None if isinstance(rank, bool) else pd.to_numeric(pd.Series([rank]), errors="coerce")
    if number is None or not np.isfinite(v := float(number.iloc[0])) or v < 1 or v != int(v):
        raise ScenarioError(
            msg("overrides.scenario_override_customer_pins_rank", id=who, rank=rank)
        )
    return int(v)


def check_overrides(overrides: Sequence[Override]) -> None:
    """ScenarioError when a customer has two overrides or two customers pin the same rank."""
    ids = [o.customer_id for o in overrides]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ScenarioError(
            msg("overrides.scenario_more_than_one_override", ids=", ".join(map(repr, twice)))
        )
    pinned: dict[int, str] = {}
    for o in overrides:
        if o.rank is None:
            continue
        if o.rank in pinned:
            raise ScenarioError(
                msg(
                    "overrides.scenario_customers_both_pinned_rank",
                    a=pinned[o.rank],
                    b=o.customer_id,
                    rank=o.rank,
                )
            )
        pinned[o.rank] = o.customer_id


def id_codes(ids: pd.Series) -> np.ndarray:
    """Integer codes that sort like the IDs (numeric IDs numerically: 9 before 10), for ties."""
    try:
        return pd.factorize(ids, sort=True)[0]
    except TypeError:  # mixed types cannot be compared: fall back to text
        return pd.factorize(ids.astype("string"), sort=True)[0]


def _text_ids(table: pd.DataFrame) -> pd.Series:
    return table["customer_id"].astype(str).str.strip()


def _final_ranks(pins: list[tuple[int, int]], m: int, ids: pd.Series) -> tuple[dict, list[str]]:
    """Row position → rank for pinned rows; ranks beyond m take the largest free ranks."""
    final = {i: r for r, i in pins if r <= m}
    beyond = [(r, i) for r, i in pins if r > m]
    free = sorted(set(range(1, m + 1)) - set(final.values()))
    places = free[len(free) - len(beyond) :]
    warnings = []
    for (r, i), place in zip(beyond, places, strict=True):
        final[i] = place
        warnings.append(
            msg(
                "overrides.customer_rank_beyond_ranked_customers",
                id=ids.iloc[i],
                rank=r,
                m=m,
                place=place,
            )
        )
    return final, warnings


def apply_overrides(
    table: pd.DataFrame, scenario: Scenario
) -> tuple[pd.DataFrame, list[str], pd.DataFrame]:
    """The ranking table with ``scenario.overrides`` applied, the warnings and the audit."""
    if not scenario.overrides:
        return table, [], pd.DataFrame(columns=list(AUDIT_COLUMNS))
    spec = scenario.tiers
    labels = [str(label) for label in spec.labels]
    target: dict[str, str] = {}
    for o in scenario.overrides:
        if o.tier is None:
            continue
        key = spec.tier_key(o.tier)
        if key is None:
            raise ScenarioError(
                msg(
                    "overrides.scenario_override_customer_moves_tier",
                    id=o.customer_id,
                    tier=o.tier,
                    labels=", ".join(labels),
                )
            )
        target[o.customer_id] = spec.label_of(key)
    ids = _text_ids(table)
    position = {customer: i for i, customer in enumerate(ids)}
    present = [o for o in scenario.overrides if o.customer_id in position]
    missing = [o.customer_id for o in scenario.overrides if o.customer_id not in position]
    warnings = []
    if missing:
        warnings.append(
            msg("overrides.customer_not_data_not_applied", ids=", ".join(map(repr, missing)))
        )
    m = len(table)
    pins = sorted((o.rank, position[o.customer_id]) for o in present if o.rank is not None)
    final, beyond = _final_ranks(pins, m, ids)
    warnings += beyond
    slots = np.full(m, -1)
    for i, r in final.items():
        slots[r - 1] = i
    slots[slots < 0] = [i for i in range(m) if i not in final]
    out = table.iloc[slots].reset_index(drop=True)
    out["rank"] = np.arange(1, m + 1)
    out_ids = ids.iloc[slots].reset_index(drop=True)
    computed = out["tier"].copy()
    chosen = out_ids.map({o.customer_id: target[o.customer_id] for o in present if o.tier})
    out["tier"] = chosen.where(chosen.notna(), computed).astype(object)
    at = out.columns.get_loc("tier") + 1
    out.insert(at, "computed_tier", computed)
    reasons = out_ids.map({o.customer_id: o.reason for o in present}).astype("string")
    out.insert(at + 1, "override", reasons)
    audit = _audit(scenario, table, out, position)
    return out, warnings, audit


def _audit(
    scenario: Scenario, before: pd.DataFrame, after: pd.DataFrame, position: dict[str, int]
) -> pd.DataFrame:
    after_at = {customer: i for i, customer in enumerate(_text_ids(after))}
    rows = []
    for o in scenario.overrides:
        row = {"customer_id": o.customer_id, "reason": o.reason, "author": o.author, "at": o.at}
        if o.customer_id in position:
            old, new = before.iloc[position[o.customer_id]], after.iloc[after_at[o.customer_id]]
            row |= {"from_tier": old["tier"], "from_rank": old["rank"]}
            row |= {"to_tier": new["tier"], "to_rank": new["rank"], "status": APPLIED}
        else:
            key = scenario.tiers.tier_key(o.tier) if o.tier is not None else None
            to_tier = scenario.tiers.label_of(key) if key is not None else o.tier
            row |= {"from_tier": None, "from_rank": None, "to_tier": to_tier, "to_rank": o.rank}
            row["status"] = ID_MISSING
        rows.append(row)
    audit = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    return audit.astype({"from_rank": "Int64", "to_rank": "Int64"})


def computed_table(table: pd.DataFrame) -> pd.DataFrame:
    """A ranking table as the score left it: computed tiers, ordered by score then ID."""
    if "computed_tier" not in table.columns:
        return table
    base = table.drop(columns=list(OVERRIDE_COLUMNS))
    base["tier"] = table["computed_tier"]
    order = rank_order(table["score"].to_numpy(dtype=float), id_codes(table["customer_id"]))
    base = base.iloc[order].reset_index(drop=True)
    base["rank"] = np.arange(1, len(base) + 1)
    return base


def override_audit(scenario: Scenario, ranking: Ranking) -> pd.DataFrame:
    """One row per override of ``scenario`` against ``ranking``: customer_id, from_tier,
    from_rank (as computed), to_tier, to_rank (after the overrides), reason, author, at and
    status (``applied`` or ``id missing``)."""
    return apply_overrides(computed_table(ranking.table), scenario)[2]


def carry_overrides(
    overrides: Sequence[Override], before: TierSpec, after: TierSpec
) -> tuple[Override, ...]:
    """``overrides`` for new tiers (another scheme or number of groups): a tier override moves
    to the tier at the same position (the top tier stays the top tier; past the last tier,
    the last one); pinned ranks, reasons and authors are kept as they are."""
    old, new = before.keys, after.keys
    out = []
    for o in overrides:
        if o.tier is None or o.tier in new or o.tier not in old:
            out.append(o)
        else:
            out.append(replace(o, tier=new[min(old.index(o.tier), len(new) - 1)]))
    return tuple(out)
