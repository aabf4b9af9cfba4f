"""The Scenario: the JSON contract, round trips, and every validation message."""

from __future__ import annotations

import base64
import json
import zlib

import numpy as np
import pytest

import core.method.scenario
from core.errors import InputError, ScenarioError
from core.method.scenario import FactorSpec, Scenario, TierSpec


def contract_text() -> str:
    """The JSON example in core/method/scenario.py's docstring (between '::' and the next
    paragraph)."""
    doc = core.method.scenario.__doc__
    return doc.split("::", 1)[1].split("\n\n")[1]


def minimal(**changes) -> dict:
    data = {"id_column": "客户编号", "factors": [{"column": "销售额"}]}
    data.update(changes)
    return data


def error_of(data) -> str:
    with pytest.raises(ScenarioError) as info:
        Scenario.from_dict(data)
    return str(info.value)


# ── the contract ──────────────────────────────────────────────────────────────────────────


def test_docstring_contract_parses():
    scenario = Scenario.from_json(contract_text())
    assert scenario.id_column == "客户编号"
    assert scenario.method == "weighted_sum"
    assert scenario.missing == "median"
    assert scenario.as_of == "2024-12-31"
    assert scenario.duplicate_ids == "first"
    assert scenario.factors == (
        FactorSpec("销售额", "benefit", 40.0, "minmax"),
        FactorSpec("最近购买日期", "cost", 20.0, "minmax"),
    )
    assert scenario.columns == ["销售额", "最近购买日期"]
    np.testing.assert_allclose(scenario.weights, [2 / 3, 1 / 3], rtol=0, atol=1e-15)
    labels = ("关键客户", "重点客户", "普通客户")
    assert scenario.tiers == TierSpec("share", labels, (0.2, 0.3, 0.5))


def test_defaults():
    scenario = Scenario.from_dict(minimal())
    assert (scenario.method, scenario.missing, scenario.as_of) == ("weighted_sum", "median", None)
    assert scenario.factors[0] == FactorSpec("销售额", "benefit", 1.0, "minmax")
    assert scenario.tiers.scheme == "share"
    assert scenario.tiers.shares == (0.2, 0.3, 0.5)
    assert scenario.extra == {}
    assert scenario.duplicate_ids == "first"  # an absent field keeps each ID's first row


def test_duplicate_policy_is_read_and_written() -> None:
    warnings: list = []
    scenario = Scenario.from_dict(minimal(duplicate_ids="sum"), warnings)
    assert (scenario.duplicate_ids, warnings) == ("sum", [])  # a known field, no warning
    assert json.loads(scenario.to_json())["duplicate_ids"] == "sum"
    assert json.loads(Scenario.from_dict(minimal()).to_json())["duplicate_ids"] == "first"
    assert Scenario.from_token(scenario.to_token()).duplicate_ids == "sum"
    refusing = Scenario.from_json(scenario.to_json().replace('"sum"', '"refuse"'))
    assert refusing.duplicate_ids == "refuse"


def test_json_round_trip():
    scenario = Scenario.from_json(contract_text())
    assert Scenario.from_json(scenario.to_json()) == scenario
    assert Scenario.from_json(scenario.to_json(indent=None)) == scenario
    assert "关键客户" in scenario.to_json()  # Chinese kept readable


def test_round_trip_of_every_field():
    scenario = Scenario(
        id_column="id",
        factors=(FactorSpec("a", "cost", 3, "log"), FactorSpec("b", weight=0)),
        method="topsis",
        missing="skip",
        as_of="2025-01-31",
        name_column="name",
        tiers=TierSpec(
            "quadrant",
            ("S", "H", "B", "L"),
            value_column="a",
            potential_column="b",
            value_cut=1.5,
        ),
        name="季度复盘",
        playbook={"S": {"service": "VIP"}},
        extra={"note": "kept"},
        duplicate_ids="refuse",
    )
    assert Scenario.from_dict(json.loads(scenario.to_json())) == scenario
    assert Scenario.from_token(scenario.to_token()) == scenario


def test_token_round_trip_is_url_safe():
    scenario = Scenario.from_json(contract_text())
    token = scenario.to_token()
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert Scenario.from_token(token) == scenario


def test_unknown_fields_survive_in_extra():
    data = {**json.loads(contract_text()), "owner": "销售部", "version": 3}
    scenario = Scenario.from_dict(data)
    assert scenario.extra == {"owner": "销售部", "version": 3}
    again = Scenario.from_json(scenario.to_json())
    assert again.extra == {"owner": "销售部", "version": 3}
    assert again == scenario


def test_unknown_fields_inside_factors_and_tiers_are_ignored():
    factors = [{"column": "销售额", "colour": "red"}]
    data = minimal(factors=factors, tiers={"scheme": "share", "x": 1})
    assert Scenario.from_dict(data) == Scenario.from_dict(minimal())


def test_weights_and_with_weights():
    scenario = Scenario.from_json(contract_text())
    changed = scenario.with_weights({"最近购买日期": 60})
    np.testing.assert_allclose(changed.weights, [0.4, 0.6], rtol=0, atol=1e-15)
    assert scenario.factors[1].weight == 20.0  # the original is unchanged


def test_as_of_stored_as_iso_date():
    assert Scenario.from_dict(minimal(as_of=20241231)).as_of == "2024-12-31"


# ── validation messages ───────────────────────────────────────────────────────────────────


def test_validate_unknown_column():
    scenario = Scenario.from_dict(minimal())
    scenario.validate(["客户编号", "销售额"])
    with pytest.raises(ScenarioError) as info:
        scenario.validate(["客户编号", "revenue"])
    assert str(info.value) == (
        "scenario: column '销售额' is not in the data; available columns: 客户编号, revenue"
    )


def test_validate_names_tier_columns_too():
    scenario = Scenario.from_dict(minimal(tiers={"scheme": "abc", "value_column": "利润"}))
    with pytest.raises(ScenarioError, match="column '利润' is not in the data"):
        scenario.validate(["客户编号", "销售额"])


def test_scenario_error_is_an_input_error():
    assert issubclass(ScenarioError, InputError)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            minimal(factors=[{"column": "销售额", "weight": -1}]),
            "scenario: factor '销售额' has a negative or invalid weight (-1); "
            "weights must be numbers ≥ 0",
        ),
        (
            minimal(factors=[{"column": "销售额", "weight": "heavy"}]),
            "scenario: factor '销售额' has a weight that is not a number ('heavy'); "
            "use a number ≥ 0",
        ),
        (
            minimal(factors=[{"column": "a", "weight": 0}, {"column": "b", "weight": 0}]),
            "scenario: all factor weights are zero; give at least one factor a positive weight",
        ),
        (
            minimal(method="ahp"),
            "scenario: unknown method 'ahp'; use one of: weighted_sum, topsis",
        ),
        (
            minimal(missing="zero"),
            "scenario: unknown missing-value policy 'zero'; use one of: median, worst, skip",
        ),
        (
            minimal(duplicate_ids="merge"),
            "scenario: unknown policy for repeated customer IDs 'merge'; "
            "use one of: first, sum, refuse",
        ),
        (
            minimal(factors=[{"column": "销售额", "normalize": "rank"}]),
            "scenario: unknown normaliser for factor '销售额': 'rank'; "
            "use one of: minmax, percentile, zscore, log",
        ),
        (
            minimal(factors=[{"column": "销售额", "direction": "up"}]),
            "scenario: unknown direction for factor '销售额': 'up'; use one of: benefit, cost",
        ),
        (
            minimal(tiers={"shares": [0.2, 0.3, 0.4]}),
            "scenario: tier shares [0.2, 0.3, 0.4] must be ≥ 0 and add up to 1",
        ),
        (
            minimal(tiers={"shares": [0.5, 0.5]}),
            "scenario: 3 tier labels but 2 shares; give one share per tier",
        ),
        (
            minimal(tiers={"scheme": "threshold", "thresholds": [50]}),
            "scenario: 3 tier labels need 2 score thresholds, got 1",
        ),
        (
            minimal(tiers={"scheme": "abc", "labels": ["A", "B"], "cuts": [0.8, 0.95]}),
            "scenario: 2 ABC classes need 1 cut-offs, got 2",
        ),
        (
            minimal(tiers={"scheme": "pyramid"}),
            "scenario: unknown tier scheme 'pyramid'; use one of: share, threshold, abc, quadrant",
        ),
        (
            minimal(tiers={"labels": ["A", "A", "B"]}),
            "scenario: tier labels repeat: ['A', 'A', 'B']; make each unique",
        ),
        (
            minimal(tiers={"labels": ["A", " ", "B"]}),
            "scenario: tier labels must be non-empty names",
        ),
        (
            minimal(as_of="2024-13-01"),
            "scenario: 'as_of' '2024-13-01' is not a date; write it as YYYY-MM-DD",
        ),
        *(
            (
                minimal(as_of=day),
                f"as-of date {day} is outside the years 1678–2261 a date can take; "
                "give a day from 1678-01-01 to 2261-12-31",
            )
            for day in ("0001-01-01", "1677-09-21", "2262-04-12", "9999-12-31")
        ),
        ({"factors": [{"column": "a"}]}, "scenario: missing required field 'id_column'"),
        ({"id_column": "id"}, "scenario: missing required field 'factors'"),
        (minimal(factors=[]), "scenario: 'factors' is empty; include at least one factor"),
        (
            minimal(factors=["销售额"]),
            "scenario: 'factors' must be a list of objects with a 'column'",
        ),
        (
            minimal(factors=[{"weight": 1}]),
            "scenario: every factor needs a non-empty 'column' name",
        ),
        (
            minimal(factors=[{"column": "a"}, {"column": "a"}]),
            "scenario: factor column(s) listed twice: a",
        ),
        (minimal(id_column=""), "scenario: 'id_column' must name the customer-ID column"),
        (
            minimal(tiers=["share"]),
            'scenario: \'tiers\' must be an object such as {"scheme": "share"}',
        ),
        ([1, 2], "scenario: expected a JSON object with 'id_column' and 'factors'"),
    ],
)
def test_validation_messages(data, message):
    assert error_of(data) == message


@pytest.mark.parametrize(
    "tiers",
    [{"labels": 5}, {"thresholds": None, "scheme": "threshold"}],
)
def test_wrong_types_raise_scenario_error(tiers):
    assert error_of(minimal(tiers=tiers)).startswith("scenario: a field has the wrong type (")


@pytest.mark.parametrize(
    ("tiers", "field", "value"),
    [
        ({"shares": ["a", "b", "c"]}, "shares", "'a'"),
        ({"shares": [True, False, False]}, "shares", "True"),
        ({"scheme": "threshold", "thresholds": [70, True]}, "thresholds", "True"),
        ({"scheme": "abc", "labels": ["A", "B", "C"], "cuts": [0.8, False]}, "cuts", "False"),
        (
            {"scheme": "quadrant", "labels": ["a", "b", "c", "d"], "value_cut": True},
            "value_cut",
            "True",
        ),
    ],
)
def test_tier_numbers_must_be_numbers_not_booleans(tiers, field, value):
    assert error_of(minimal(tiers=tiers)) == (
        f"scenario: tiers.{field} holds {value}, which is not a number; "
        "use numbers such as 0.2 or 70"
    )


@pytest.mark.parametrize("weight", [True, False])
def test_a_boolean_is_no_weight(weight):
    data = minimal(factors=[{"column": "销售额", "weight": weight}])
    assert error_of(data) == (
        f"scenario: factor '销售额' has a weight that is not a number ({weight}); use a number ≥ 0"
    )


def test_invalid_json_names_line_and_column():
    text = '{\n  "id_column": "客户编号",\n  "factors": [}\n}'
    with pytest.raises(ScenarioError) as info:
        Scenario.from_json(text, source="weights.json")
    assert str(info.value) == "weights.json: not valid JSON at line 3, column 15; check the file"


def test_invalid_json_default_source():
    with pytest.raises(ScenarioError, match=r"^scenario: not valid JSON at line 1, column 1;"):
        Scenario.from_json("")


@pytest.mark.parametrize("token", ["not a token", "AAAA", "eJzLSM3JyVcozy_KSQEAGgQEXQ"[:-3]])
def test_damaged_token(token):
    with pytest.raises(ScenarioError) as info:
        Scenario.from_token(token)
    assert str(info.value) == "share link: the scenario in the link is damaged; copy it again"


def test_token_with_valid_compression_but_bad_json():
    token = base64.urlsafe_b64encode(zlib.compress(b"{oops")).decode().rstrip("=")
    with pytest.raises(ScenarioError, match=r"^share link: not valid JSON at line 1, column 2;"):
        Scenario.from_token(token)


def test_huge_weights_keep_their_ratios_instead_of_summing_to_infinity() -> None:
    huge = Scenario("id", (FactorSpec("x", weight=1e308), FactorSpec("y", weight=5e307)))
    assert huge.weights.tolist() == pytest.approx([2 / 3, 1 / 3])
