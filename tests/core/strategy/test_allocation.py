"""core.strategy.allocation: a budget across tiers and customers, caps, minimums, whole managers."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.errors import ScenarioError
from core.i18n import Message, localize
from core.method.scenario import FactorSpec, Scenario
from core.strategy.allocation import (
    Allocation,
    AllocationPolicy,
    allocate,
    largest_remainder,
    playbook_shares,
    scenario_policy,
    with_policy,
)
from core.strategy.playbook import default_playbook

TABLE = pd.DataFrame(
    {
        "rank": [1, 2, 3, 4, 5],
        "customer_id": ["a", "b", "c", "d", "e"],
        "score": [90.0, 80.0, 50.0, 20.0, 0.0],
        "tier": ["Key", "Key", "Important", "Ordinary", "Ordinary"],
        "revenue": [100.0, 50.0, 30.0, 10.0, 10.0],
        "profit": [20.0, 10.0, 5.0, 5.0, -10.0],
    }
)


def amounts(result: Allocation) -> list[float]:
    return result.customers["amount"].tolist()


def test_proportional_to_score_without_tier_shares() -> None:
    result = allocate(TABLE, 240.0, AllocationPolicy())
    assert amounts(result) == pytest.approx([90, 80, 50, 20, 0])
    assert result.tiers["tier"].tolist() == ["Key", "Important", "Ordinary"]
    assert result.tiers["amount"].tolist() == pytest.approx([170, 50, 20])


def test_tier_shares_minimum_and_value_basis() -> None:
    policy = AllocationPolicy(
        basis="value",
        value_column="revenue",
        tier_shares={"Key": 60, "Important": 30, "Ordinary": 10},
        tier_minimum={"Ordinary": 20},
        revenue_column="revenue",
        profit_column="profit",
    )
    result = allocate(TABLE, 120.0, policy)
    # Ordinary: 20 + 100·0.1 = 30, split 10:10; Key 60 split 100:50; Important 30.
    assert amounts(result) == pytest.approx([40, 20, 30, 15, 15])
    assert result.tiers["revenue_share"].tolist() == pytest.approx([0.75, 0.15, 0.1])
    assert result.covered_revenue_share == 1.0
    assert result.covered_profit_share == 1.0
    assert result.tiers["profit_share"].tolist() == pytest.approx([1.0, 5 / 30, -5 / 30])


def test_caps_are_redistributed_within_the_tier_then_across() -> None:
    policy = AllocationPolicy(
        tier_shares={"Key": 80, "Important": 10, "Ordinary": 10}, customer_cap=30
    )
    result = allocate(TABLE, 100.0, policy)
    # Key wants 80 but holds at most 2 × 30: the 20 cut off go to c and d by score (50:20).
    assert amounts(result) == pytest.approx([30, 30, 10 + 100 / 7, 10 + 40 / 7, 0])
    assert result.tiers["funded"].tolist() == [2, 1, 1]


def test_whole_managers_by_largest_remainder() -> None:
    policy = AllocationPolicy(
        unit="managers", tier_shares={"Key": 50, "Important": 35, "Ordinary": 15}
    )
    result = allocate(TABLE, 7, policy)
    assert amounts(result) == [2, 2, 2, 1, 0]
    assert result.customers["amount"].dtype.kind == "i"


def test_playbook_resource_shares_feed_the_tiers() -> None:
    book = default_playbook(("Key", "Important", "Ordinary"), "share", "en")
    assert playbook_shares(book) == {"Key": 50.0, "Important": 35.0, "Ordinary": 15.0}


def test_largest_remainder() -> None:
    assert largest_remainder(np.array([1.5, 1.5, 1.0]), 4).tolist() == [2, 1, 1]
    assert largest_remainder(np.array([0.2, 0.7, 0.1]), 1).tolist() == [0, 1, 0]


@pytest.mark.parametrize(
    ("budget", "policy", "message"),
    [
        (
            10,
            AllocationPolicy(customer_cap=1),
            "5 customers × cap 1 = 5 is less than the budget 10",
        ),
        (10, AllocationPolicy(tier_minimum={"Key": 8, "Ordinary": 5}), "minimums add up to 13"),
        (2.5, AllocationPolicy(unit="managers"), "the budget is 2.5; use a whole number ≥ 0"),
        (-1, AllocationPolicy(), "the budget is -1; use a number ≥ 0"),
        (10, AllocationPolicy(tier_shares={"Gold": 1}), "no tier with customers has a share"),
        (10, AllocationPolicy(basis="value", value_column="gm"), "column 'gm' is not in the data"),
    ],
)
def test_impossible_allocations_say_why(
    budget: float, policy: AllocationPolicy, message: str
) -> None:
    with pytest.raises(ScenarioError, match=message):
        allocate(TABLE, budget, policy)


def test_bad_policy_fields() -> None:
    with pytest.raises(ScenarioError, match="unknown unit 'people'"):
        AllocationPolicy(unit="people")
    with pytest.raises(ScenarioError, match="basis 'value' needs a 'value_column'"):
        AllocationPolicy(basis="value")
    with pytest.raises(ScenarioError, match=r"the minimum of tier 'Key' is 1\.5; use a whole"):
        AllocationPolicy(unit="managers", tier_minimum={"Key": 1.5})


def test_policy_is_saved_with_the_scenario() -> None:
    scenario = Scenario(id_column="id", factors=(FactorSpec("sales"),))
    assert scenario_policy(scenario) is None
    policy = AllocationPolicy(unit="hours", label="h", tier_shares={"t1": 70}, customer_cap=40)
    saved = Scenario.from_json(with_policy(scenario, policy).to_json())
    assert saved.to_dict()["allocation"] == {
        "unit": "hours",
        "label": "h",
        "basis": "score",
        "tier_shares": {"t1": 70.0},  # by tier key
        "customer_cap": 40.0,
    }
    assert scenario_policy(saved) == policy
    # A tier named by its label (either language) is stored by its key.
    by_label = replace(policy, tier_shares={"Key": 70})
    assert scenario_policy(with_policy(scenario, by_label)) == policy


def test_an_empty_tier_share_goes_to_the_others_with_a_warning() -> None:
    policy = AllocationPolicy(tier_shares={"Key": 50, "Important": 25, "Ordinary": 25, "Gold": 50})
    result = allocate(TABLE, 100.0, policy)
    assert result.tiers["amount"].tolist() == pytest.approx([50, 25, 25])
    assert result.warnings == ("allocation: no customer in tier(s) Gold; shared out to the others",)


tiers = st.sampled_from(["Key", "Important", "Ordinary"])
rows = st.lists(st.tuples(tiers, st.floats(0, 100)), min_size=1, max_size=30)


def frame(data: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": range(1, len(data) + 1),
            "customer_id": [f"c{i}" for i in range(len(data))],
            "tier": [t for t, _ in data],
            "score": [s for _, s in data],
        }
    )


@settings(max_examples=150)
@given(
    rows,
    st.floats(0, 1e6),
    st.one_of(st.none(), st.floats(1, 1e5)),
    st.dictionaries(tiers, st.floats(0, 100)),
)
def test_money_always_adds_up_to_the_budget(data, budget, cap, shares) -> None:
    table = frame(data)
    policy = AllocationPolicy(customer_cap=cap, tier_shares=shares)
    try:
        result = allocate(table, budget, policy)
    except ScenarioError:
        return  # caps too tight or no share for any present tier: refused, not mis-summed
    x = result.customers["amount"].to_numpy()
    assert math.isclose(x.sum(), budget, rel_tol=1e-9, abs_tol=1e-6)
    assert (x >= -1e-9).all()
    if cap is not None:
        assert (x <= cap * (1 + 1e-9)).all()


@settings(max_examples=150)
@given(
    rows,
    st.integers(0, 200),
    st.one_of(st.none(), st.integers(1, 50)),
    st.dictionaries(tiers, st.integers(0, 5)),
)
def test_managers_are_whole_and_add_up_exactly(data, budget, cap, minimum) -> None:
    table = frame(data)
    policy = AllocationPolicy(unit="managers", customer_cap=cap, tier_minimum=minimum)
    try:
        result = allocate(table, budget, policy)
    except ScenarioError:
        return
    x = result.customers["amount"].to_numpy()
    assert x.dtype.kind == "i"
    assert int(x.sum()) == budget
    assert (x >= 0).all()
    if cap is not None:
        assert (x <= cap).all()
    present = set(table["tier"])
    for tier, least in minimum.items():
        if tier in present:
            assert x[table["tier"] == tier].sum() >= least


# --- a tier minimum its customers cannot take under the cap --------------------------------


@settings(max_examples=150)
@example(  # what it found: the one Key customer capped at 1 got 1 of a minimum of 2, no warning
    data=[("Key", 1.0), ("Ordinary", 1.0)], budget=2, cap=1, minimum={"Key": 2}, whole=True
)
@given(  # small tables and budgets: where a tight cap meets a minimum
    data=st.lists(st.tuples(tiers, st.floats(0, 100)), min_size=1, max_size=8),
    budget=st.integers(0, 30),
    cap=st.one_of(st.none(), st.integers(1, 6)),
    minimum=st.dictionaries(tiers, st.integers(0, 8)),
    whole=st.booleans(),
)
def test_every_tier_gets_its_minimum_or_the_policy_is_refused(
    data, budget, cap, minimum, whole
) -> None:
    table = frame(data)
    policy = AllocationPolicy(
        unit="managers" if whole else "money", customer_cap=cap, tier_minimum=minimum
    )
    try:
        result = allocate(table, budget, policy)
    except ScenarioError:
        return  # refused with a reason: never a minimum silently cut short
    x = result.customers["amount"].to_numpy()
    for tier, least in minimum.items():
        if tier in set(table["tier"]):
            assert x[table["tier"] == tier].sum() >= least - 1e-9


@pytest.mark.parametrize("unit", ["managers", "money"])
def test_a_minimum_above_the_tier_caps_is_an_error_naming_the_tier(unit) -> None:
    table = frame([("Key", 5.0), ("Ordinary", 1.0), ("Ordinary", 1.0)])
    policy = AllocationPolicy(unit=unit, customer_cap=1, tier_minimum={"Key": 2})
    with pytest.raises(ScenarioError) as caught:
        allocate(table, 2, policy)
    message = caught.value.args[0]
    assert isinstance(message, Message) and message.id == "allocation.minimum_above_caps"
    assert str(caught.value) == (
        "allocation: tier 'Key' has a minimum of 2, but its 1 customer(s) × cap 1 can take "
        "only 1; lower the minimum or raise the cap"
    )
    assert localize(caught.value, "zh").startswith("资源配置：分组「Key」的保底为 2")
    # Two customers under the same cap can take the minimum: allowed, and it is met.
    policy = AllocationPolicy(unit=unit, customer_cap=1, tier_minimum={"Ordinary": 2})
    assert allocate(table, 2, policy).customers["amount"].tolist() == [0, 1, 1]


def test_revenue_shares_near_the_largest_float_stay_finite() -> None:
    huge = TABLE.assign(revenue=[1e308, 1e308, 1e308, 1e308, 1e308])
    policy = AllocationPolicy(revenue_column="revenue")
    result = allocate(huge, 240.0, policy)
    assert result.tiers["revenue_share"].tolist() == pytest.approx([0.4, 0.2, 0.4])
    assert result.covered_revenue_share == pytest.approx(0.8)  # the last customer scores 0
