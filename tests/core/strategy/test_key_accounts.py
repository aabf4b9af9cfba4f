"""core.strategy.key_accounts: key-account types by rule table and the CLV × profit matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.errors import ScenarioError
from core.strategy.key_accounts import (
    DEFAULT_RULES,
    AccountRule,
    clv_profit_matrix,
    key_account_types,
    rules_frame,
    rules_from_frame,
)

# Standings 0, 25, 50, 75, 100 on each column (5 customers, no ties).
TABLE = pd.DataFrame(
    {
        "customer_id": ["a", "b", "c", "d", "e"],
        "revenue": [500.0, 400.0, 300.0, 200.0, 100.0],
        "growth": [0.3, 0.1, 0.5, 0.4, 0.2],
        "influence": [5.0, 4.0, 1.0, np.nan, 3.0],
    }
)


def test_default_rules_first_match_wins() -> None:
    kinds = key_account_types(TABLE, "revenue", "growth", "influence")
    # a: 100/50/100 → strategic; b: 75/0/66.7 → no (potential); c: 50/100/0 → partner;
    # d: 25/75/missing → transactional (scale < 40); e: 0/25/33 → transactional.
    assert kinds.tolist() == [
        "strategic",
        "transactional",
        "partner",
        "transactional",
        "transactional",
    ]
    assert kinds.name == "account_type"
    assert kinds.index.equals(TABLE.index)


def test_edited_rules_from_a_table() -> None:
    frame = rules_frame(DEFAULT_RULES)
    assert frame.columns.tolist() == ["name", "scale", "potential", "influence"]
    frame.loc[1, "potential"] = None  # a blank threshold means 0
    frame.loc[1, "scale"] = 60
    rules = rules_from_frame(frame)
    assert rules[1] == AccountRule("partner", 60, 0, 0)
    kinds = key_account_types(TABLE, "revenue", "growth", "influence", rules)
    assert kinds.tolist() == [
        "strategic",
        "partner",
        "transactional",
        "transactional",
        "transactional",
    ]


def test_missing_values_count_as_standing_zero() -> None:
    rules = (AccountRule("influential", influence=1), AccountRule("rest"))
    kinds = key_account_types(TABLE, "revenue", "growth", "influence", rules)
    assert kinds.tolist() == ["influential", "influential", "rest", "rest", "influential"]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ((), "the rule table is empty"),
        ((AccountRule("x"), AccountRule("x")), "type\\(s\\) listed twice: x"),
    ],
)
def test_rule_table_problems(rules: tuple, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        key_account_types(TABLE, "revenue", "growth", "influence", rules)


def test_threshold_must_be_a_percentile() -> None:
    with pytest.raises(
        ScenarioError, match="'big' has scale 120; use a percentile between 0 and 100"
    ):
        AccountRule("big", scale=120)
    with pytest.raises(ScenarioError, match="column 'size' is not in the data"):
        key_account_types(TABLE, "size", "growth", "influence")


def test_clv_profit_matrix_reuses_the_quadrants() -> None:
    table = pd.DataFrame({"clv": [10.0, 10.0, 1.0, 1.0], "profit": [5.0, 1.0, 5.0, 1.0]})
    matrix = clv_profit_matrix(table, "clv", "profit")
    assert matrix.tolist() == ["战略型", "高潜力型", "基础型", "低效型"]
    english = clv_profit_matrix(
        table, "clv", "profit", ("S", "H", "B", "L"), clv_cut=11.0, profit_cut=0.0
    )
    assert english.tolist() == ["B", "B", "B", "B"]
