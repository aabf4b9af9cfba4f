"""Key-account types (大客户类型) and the CLV × profit matrix (METHOD.md §4).

Key-account types come from three dimensions: business scale (e.g. revenue), cooperation
potential (e.g. growth rate or tenure) and industry influence (e.g. market influence). Each is
turned into a standing 0–100 among the customers (:func:`core.method.explain.percentiles`); a small
editable rule table then decides: a customer gets the first rule whose three minimum standings
it meets; the last rule catches everyone else. Missing values count as standing 0.

The rules (and, optionally, the three columns) are saved with the scenario as
``Scenario.key_account_rules`` (core.method.account_rules.KeyAccountRules); :func:`scenario_types`
applies them to a ranking as the app does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.errors import ScenarioError
from core.i18n import msg
from core.mapping.catalog import BENEFIT
from core.method.account_rules import (
    DEFAULT_RULES,
    DIMENSIONS,
    KEY_ACCOUNT_LABELS,
    AccountRule,
    KeyAccountRules,
    check_rules,
    stable_name,
)
from core.method.explain import percentiles, source_column
from core.method.tiers import QUADRANT_LABELS, quadrant_tiers

__all__ = [
    "DEFAULT_RULES",
    "DIMENSIONS",
    "KEY_ACCOUNT_LABELS",
    "AccountRule",
    "KeyAccountRules",
    "check_rules",
    "clv_profit_matrix",
    "key_account_types",
    "rules_frame",
    "rules_from_frame",
    "scenario_types",
    "stable_name",
]
# The catalogue factors a dimension's column is taken from when the rules name none.
DIMENSION_FACTORS = {"scale": "monetary", "potential": "growth", "influence": "influence"}


def rules_frame(rules: Sequence[AccountRule] = DEFAULT_RULES) -> pd.DataFrame:
    """The rule table for editing: name, scale, potential, influence (one row per rule)."""
    return pd.DataFrame([vars(r) for r in rules], columns=["name", *DIMENSIONS])


def rules_from_frame(frame: pd.DataFrame) -> tuple[AccountRule, ...]:
    """Rules from an edited rule table (blank thresholds mean 0); checked by :func:`check_rules`."""
    rows = frame.dropna(subset=["name"]).fillna({d: 0.0 for d in DIMENSIONS})
    rules = tuple(
        AccountRule(str(row["name"]), *(row[d] for d in DIMENSIONS)) for _, row in rows.iterrows()
    )
    check_rules(rules)
    return rules


def key_account_types(
    table: pd.DataFrame,
    scale: str,
    potential: str,
    influence: str,
    rules: Sequence[AccountRule] = DEFAULT_RULES,
) -> pd.Series:
    """The key-account type (a rule name) per row of ``table``, aligned with it.

    A row gets the first rule with standing_scale ≥ rule.scale, standing_potential ≥
    rule.potential and standing_influence ≥ rule.influence; the last rule is the catch-all.
    """
    check_rules(rules)
    for column in (scale, potential, influence):
        if source_column(table, column) not in table.columns:
            raise ScenarioError(msg("key_accounts.account_types_column_not_data", c=column))
    unique = list(dict.fromkeys((scale, potential, influence)))
    standing = percentiles(table, unique, [BENEFIT] * len(unique)).fillna(0.0)
    values = np.column_stack([standing[c].to_numpy() for c in (scale, potential, influence)])
    kinds = np.full(len(table), rules[-1].name, dtype=object)
    decided = np.zeros(len(table), dtype=bool)
    for rule in rules[:-1]:
        limits = np.array([rule.scale, rule.potential, rule.influence])
        match = (values >= limits).all(axis=1) & ~decided
        kinds[match] = rule.name
        decided |= match
    return pd.Series(kinds, index=table.index, name="account_type")


def clv_profit_matrix(
    table: pd.DataFrame,
    clv: str,
    profit: str,
    labels: Sequence[str] = QUADRANT_LABELS["zh"],
    clv_cut: float | None = None,
    profit_cut: float | None = None,
) -> pd.Series:
    """Strategic / high-potential / basic / low-efficiency per row, aligned with ``table``.

    Profit contribution is today's value and CLV the potential (core.method.tiers.quadrant_tiers):
    high profit & high CLV → labels[0], low profit & high CLV → labels[1], high profit & low
    CLV → labels[2], else labels[3]. Cuts default to the medians; missing counts as low.
    """
    numbers = {}
    for column in (clv, profit):
        source = source_column(table, column)
        if source not in table.columns:
            raise ScenarioError(msg("key_accounts.value_matrix_column_not_data", c=column))
        numbers[column] = pd.to_numeric(table[source], errors="coerce").to_numpy(dtype=float)
    quadrant = quadrant_tiers(numbers[profit], numbers[clv], labels, profit_cut, clv_cut)
    return pd.Series(quadrant, index=table.index, name="value_matrix")


def rule_columns(rules: KeyAccountRules, suggested: dict[str, str | None]) -> dict[str, str] | None:
    """Dimension → column: the rules' own, else ``suggested`` (by dimension); None when a
    dimension has neither."""
    columns = {d: c or suggested.get(d) for d, c in rules.columns.items()}
    return None if any(c is None for c in columns.values()) else columns  # type: ignore[return-value]


def scenario_types(
    table: pd.DataFrame, rules: KeyAccountRules, suggested: dict[str, str | None]
) -> pd.Series | None:
    """The key-account type (stable name) per row of a ranking ``table`` under ``rules``;
    None when a dimension has no column (neither in the rules nor ``suggested``)."""
    columns = rule_columns(rules, suggested)
    if columns is None:
        return None
    return key_account_types(
        table, columns["scale"], columns["potential"], columns["influence"], rules.rules
    )
