"""Scenario schema: stable tier keys, migration of label-named files, unknown-field warnings,
schema_version, and the typed allocation policy and key-account rules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from core.errors import ScenarioError
from core.i18n import Message, localize
from core.method.account_rules import AccountRule, KeyAccountRules
from core.method.allocation_policy import AllocationPolicy
from core.method.overrides import Override
from core.method.ranking import rank_customers
from core.method.scenario import SCHEMA_VERSION, FactorSpec, Scenario, TierSpec
from core.strategy.allocation import allocate_ranking, with_policy
from core.strategy.playbook import resolve_playbook

ROOT = Path(__file__).resolve().parents[3]
FRAME = pd.DataFrame(
    {"id": [f"C{i}" for i in range(1, 11)], "sales": [float(v) for v in range(10, 0, -1)]}
)
SHARES = (0.2, 0.3, 0.5)


def scenario(labels=("关键客户", "重点客户", "普通客户"), **changes) -> Scenario:
    tiers = TierSpec(labels=labels, shares=SHARES)
    return Scenario("id", (FactorSpec("sales"),), tiers=tiers, **changes)


def old_file(**fields) -> dict:
    """A scenario JSON as written before tier keys (no schema_version)."""
    return {
        "id_column": "id",
        "factors": [{"column": "sales"}],
        "tiers": {"scheme": "share", "labels": ["关键客户", "重点客户", "普通客户"]},
        **fields,
    }


# Keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tiers", "keys"),
    [
        (TierSpec(), ("t1", "t2", "t3")),
        (TierSpec("threshold", ("a", "b"), thresholds=(50.0,)), ("t1", "t2")),
        (TierSpec("abc", ("A", "B", "C")), ("A", "B", "C")),
        (
            TierSpec("quadrant", ("战略型", "高潜力型", "基础型", "低效型")),
            ("strategic", "high_potential", "basic", "low_efficiency"),
        ),
    ],
)
def test_every_scheme_has_stable_keys(tiers: TierSpec, keys: tuple[str, ...]) -> None:
    assert tiers.keys == keys
    assert [tiers.label_of(k) for k in keys] == list(tiers.labels)
    assert [tiers.key_of(label) for label in tiers.labels] == list(keys)


def test_relabelling_swaps_default_labels_only_and_keeps_the_keys() -> None:
    mixed = TierSpec(labels=("关键客户", "Silver", "普通客户"))
    english = mixed.relabelled("en")
    assert english.labels == ("Key", "Silver", "Ordinary")
    assert english.keys == mixed.keys
    more = TierSpec(labels=("Key", "Gold", "Ordinary", "Group 4"), shares=(0.25,) * 4)
    assert more.relabelled("zh").labels == ("关键客户", "Gold", "普通客户", "第 4 组")
    quadrant = TierSpec("quadrant", ("Strategic", "High potential", "Basic", "Low efficiency"))
    assert quadrant.relabelled("zh").labels == ("战略型", "高潜力型", "基础型", "低效型")


def test_override_playbook_and_allocation_survive_a_language_switch() -> None:
    chinese = scenario(
        overrides=(Override("C10", tier="t1", reason="partner"),),
        playbook={"t2": {"marketing": "Golf"}},
        allocation=AllocationPolicy(budget=100, tier_shares={"t1": 60, "t2": 30, "t3": 10}),
    )
    english = replace(chinese, tiers=chinese.tiers.relabelled("en"))
    for lang, current in (("zh", chinese), ("en", english)):
        ranking = rank_customers(FRAME, current)
        row = ranking.table.set_index("customer_id").loc["C10"]
        assert row["tier"] == current.tiers.labels[0] and row["computed_tier"] != row["tier"]
        book = resolve_playbook(current.playbook, current.tiers.labels, "share", lang)
        assert book[current.tiers.labels[1]]["marketing"] == "Golf"
        result = allocate_ranking(ranking)
        amounts = result.tiers.set_index("tier")["amount"]
        assert amounts.to_dict() == pytest.approx(
            dict(zip(current.tiers.labels, (60.0, 30.0, 10.0), strict=True))
        )
    assert english.to_dict()["overrides"] == chinese.to_dict()["overrides"]
    assert english.playbook == chinese.playbook and english.allocation == chinese.allocation


def test_an_override_to_no_tier_still_names_the_labels() -> None:
    with pytest.raises(
        ScenarioError, match="tier 'VIP', which is not a tier; use one of: 关键客户"
    ):
        rank_customers(FRAME, scenario(overrides=(Override("C1", tier="VIP", reason="r"),)))


# Migration -----------------------------------------------------------------------------------


def test_an_old_file_naming_labels_is_read_with_keys() -> None:
    data = old_file(
        overrides=[{"customer_id": "C10", "tier": "关键客户", "reason": "partner"}],
        playbook={"重点客户": {"marketing": "Golf"}, "战略型": {"kpis": "CLV"}},
        allocation={"budget": 50, "tier_shares": {"关键客户": 2, "Ordinary": 1}},
    )
    read = Scenario.from_dict(data)
    assert read.overrides[0].tier == "t1"
    # A quadrant default label (another scheme) becomes its quadrant key.
    assert read.playbook == {"t2": {"marketing": "Golf"}, "strategic": {"kpis": "CLV"}}
    assert read.allocation.tier_shares == {"t1": 2.0, "t3": 1.0}  # "Ordinary": the English default
    written = json.loads(read.to_json())
    assert written["schema_version"] == SCHEMA_VERSION
    assert written["tiers"]["keys"] == ["t1", "t2", "t3"]
    assert written["overrides"][0]["tier"] == "t1" and "t2" in written["playbook"]
    assert Scenario.from_json(read.to_json()) == read


def test_an_old_file_with_its_own_labels_migrates_by_its_labels() -> None:
    data = old_file(
        tiers={"scheme": "share", "labels": ["t2", "t1", "x"]},  # labels that look like keys
        overrides=[{"customer_id": "C1", "tier": "t1", "reason": "r"}],
    )
    assert Scenario.from_dict(data).overrides[0].tier == "t2"  # label 't1' is the 2nd tier
    # The same names in a current file are keys.
    assert Scenario.from_dict({**data, "schema_version": 2}).overrides[0].tier == "t1"


def test_the_old_extra_form_of_allocation_and_rules_still_reads() -> None:
    data = old_file(
        allocation={"unit": "managers", "budget": 7, "tier_minimum": {"普通客户": 1}},
        key_account_rules=[{"name": "战略型", "scale": 90}, {"name": "交易型"}],
    )
    read = Scenario.from_dict(data)
    assert read.extra == {}
    assert read.allocation == AllocationPolicy(unit="managers", budget=7, tier_minimum={"t3": 1})
    assert read.key_account_rules.rules == (
        AccountRule("strategic", scale=90),
        AccountRule("transactional"),
    )
    # A Scenario built with the old extra keys gets the typed fields too.
    built = Scenario("id", (FactorSpec("sales"),), extra={"allocation": {"budget": 3}})
    assert built.allocation == AllocationPolicy(budget=3) and built.extra == {}


# Unknown fields ------------------------------------------------------------------------------


def test_unknown_fields_warn_with_the_nearest_known_one() -> None:
    data = {
        "id_column": "id",
        "metod": "topsis",
        "factors": [{"column": "sales", "wieght": 3}],
        "tiers": {"sheme": "abc", "labels": ["A", "B", "C"]},
        "overrides": [{"customer_id": "C1", "rank": 1, "reason": "r", "reson": "x"}],
        "playbook": {"t1": {"marketting": "golf", "kpis": "CLV"}},
        "allocation": {"budjet": 10},
        "key_account_rules": {"rules": [{"name": "x", "scael": 1}], "colour": "red"},
        "owner": "销售部",
    }
    warnings: list[Message] = []
    read = Scenario.from_dict(data, warnings=warnings)
    assert [str(w) for w in warnings] == [
        "scenario: unknown field 'metod' is ignored; did you mean 'method'?",
        "scenario: unknown field 'owner' is ignored",
        "scenario: unknown field 'factors[1].wieght' is ignored; did you mean 'weight'?",
        "scenario: unknown field 'tiers.sheme' is ignored; did you mean 'scheme'?",
        "scenario: unknown field 'overrides[1].reson' is ignored; did you mean 'reason'?",
        "scenario: unknown field 'playbook.t1.marketting' is ignored; did you mean 'marketing'?",
        "scenario: unknown field 'allocation.budjet' is ignored; did you mean 'budget'?",
        "scenario: unknown field 'key_account_rules.colour' is ignored",
        "scenario: unknown field 'key_account_rules.rules[1].scael' is ignored; "
        "did you mean 'scale'?",
    ]
    assert localize(warnings[0], "zh") == "方案：未知字段 'metod'，已忽略；是否想写 'method'？"
    # Ignored, as before: the defaults apply and top-level unknowns stay in extra.
    assert read.method == "weighted_sum" and read.factors[0].weight == 1.0
    assert read.extra == {"metod": "topsis", "owner": "销售部"}
    assert Scenario.from_dict(data) == read  # without a list: the same scenario, no warnings


def test_json_and_token_pass_the_warnings_on() -> None:
    text = json.dumps({"id_column": "id", "factors": [{"column": "sales"}], "metod": "x"})
    from_json: list[Message] = []
    Scenario.from_json(text, warnings=from_json)
    from_token: list[Message] = []
    Scenario.from_token(Scenario.from_json(text).to_token(), warnings=from_token)
    assert [w.id for w in from_json] == ["scenario_schema.unknown_hint"]
    assert [w.id for w in from_token] == ["scenario_schema.unknown_hint"]  # kept in extra


def test_a_current_file_warns_about_nothing() -> None:
    full = scenario(
        overrides=(Override("C1", tier="t2", rank=1, reason="r", author="Li", at="2025"),),
        playbook={"t1": {"kpis": "CLV"}},
        allocation=AllocationPolicy(budget=5, customer_cap=3, revenue_column="sales"),
        key_account_rules=KeyAccountRules(scale_column="sales"),
    )
    warnings: list[Message] = []
    assert Scenario.from_json(full.to_json(), warnings=warnings) == full
    assert warnings == []


# schema_version ------------------------------------------------------------------------------


def test_schema_version_is_written_and_checked() -> None:
    data = scenario().to_dict()
    assert next(iter(data)) == "schema_version" and data["schema_version"] == 2
    assert Scenario.from_dict(data).schema_version == 2
    assert Scenario.from_dict(old_file()).schema_version == 2  # migrated on read
    with pytest.raises(ScenarioError, match="'schema_version' is 'two'"):
        Scenario.from_dict({**data, "schema_version": "two"})
    warnings: list[Message] = []
    Scenario.from_dict({**data, "schema_version": 3}, warnings=warnings)
    assert [w.id for w in warnings] == ["scenario_schema.newer_version"]


def test_written_tier_keys_must_match_the_tiers() -> None:
    data = scenario().to_dict()
    data["tiers"]["keys"] = ["t1", "t2", "gold"]
    with pytest.raises(ScenarioError, match=r"tier keys .* do not match the tiers"):
        Scenario.from_dict(data)


# Typed allocation and key-account rules -----------------------------------------------------


def test_typed_allocation_and_rules_round_trip() -> None:
    policy = AllocationPolicy(unit="hours", label="h", budget=40, tier_minimum={"t1": 5})
    rules = KeyAccountRules(
        rules=(AccountRule("Strategic", scale=80), AccountRule("other")),
        scale_column="sales",
        potential_column="sales",
        influence_column="sales",
    )
    full = scenario(allocation=policy, key_account_rules=rules)
    data = json.loads(full.to_json())
    assert data["allocation"] == {
        "unit": "hours",
        "label": "h",
        "basis": "score",
        "tier_minimum": {"t1": 5.0},
        "budget": 40.0,
    }
    assert data["key_account_rules"] == {
        "rules": [
            {"name": "strategic", "scale": 80.0, "potential": 0.0, "influence": 0.0},
            {"name": "other", "scale": 0.0, "potential": 0.0, "influence": 0.0},
        ],
        "scale_column": "sales",
        "potential_column": "sales",
        "influence_column": "sales",
    }
    assert Scenario.from_dict(data) == full
    assert with_policy(full, None).allocation is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("allocation", {"unit": "crates"}, "allocation: unknown unit 'crates'"),
        ("allocation", {"budget": -1}, "allocation: the budget is -1"),
        ("allocation", [1], "allocation: expected a JSON object"),
        ("key_account_rules", [], "key-account rules: the rule table is empty"),
        ("key_account_rules", {"rules": [{"name": "a"}, {"name": "a"}]}, "listed twice: a"),
        ("key_account_rules", {"rules": [{"name": "a", "scale": 120}]}, "use a percentile"),
        ("key_account_rules", {"scale_column": 3}, "'scale_column' must name a column"),
        ("key_account_rules", "strategic", "expected a list of rules or an object"),
    ],
)
def test_bad_typed_fields_are_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        Scenario.from_dict(old_file(**{field: value}))
