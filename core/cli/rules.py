"""What the scenario's typed rules add to the CLI's ``score`` output, as the app shows them.

- with ``key_account_rules``: an ``account_type`` column (the rule's stable name: strategic,
  partner, transactional, or the typed name); the dimensions' columns are the rules' own,
  else the ones the data's mapping suggests (revenue, growth, influence), as in the app;
- with an ``allocation`` policy that has a budget: an ``allocation`` column (the amount per
  customer, core.strategy.allocation) and one summary line per tier.

The columns go after every other column, so the documented ones keep their places.
"""

from __future__ import annotations

import pandas as pd

from core.i18n import Message, msg
from core.mapping.columns import Mapping
from core.method.ranking import Ranking
from core.strategy.allocation import Allocation, allocate_ranking
from core.strategy.key_accounts import DIMENSION_FACTORS, scenario_types

ACCOUNT_TYPE = "account_type"
ALLOCATION = "allocation"


def suggested_columns(mapping: Mapping) -> dict[str, str | None]:
    """Dimension → the data column the mapping gives its catalogue factor, if any."""
    by_factor = {r.factor_key: r.column for r in reversed(mapping.roles) if r.factor_key}
    return {d: by_factor.get(f) for d, f in DIMENSION_FACTORS.items()}


def _free(table: pd.DataFrame, name: str) -> str:
    return name if name not in table.columns else f"{name} (computed)"


def with_rule_columns(
    ranking: Ranking, mapping: Mapping
) -> tuple[pd.DataFrame, Allocation | None, list[Message]]:
    """The ranking table with the rules' columns, the allocation and notes for stderr."""
    table, scenario, notes = ranking.table, ranking.scenario, []
    if scenario.key_account_rules is not None:
        types = scenario_types(table, scenario.key_account_rules, suggested_columns(mapping))
        if types is None:
            notes.append(msg("scenario_rules.no_columns"))
        else:
            table = table.assign(**{_free(table, ACCOUNT_TYPE): types.to_numpy()})
    allocation = allocate_ranking(ranking)
    if allocation is not None:
        amounts = allocation.customers["amount"].to_numpy()
        table = table.assign(**{_free(table, ALLOCATION): amounts})
    return table, allocation, notes


def allocation_lines(allocation: Allocation) -> list[Message]:
    """'allocation: budget 100 (money); 关键客户 50, …' for stderr."""
    policy = allocation.policy
    unit = policy.label or policy.unit
    tiers = ", ".join(f"{r.tier} {r.amount:g}" for r in allocation.tiers.itertuples(index=False))
    return [msg("scenario_rules.allocation", budget=allocation.budget, unit=unit, tiers=tiers)]
