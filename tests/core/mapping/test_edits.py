"""Mapping edits made on the Data page: picking the ID / name column and the factor editor,
and how they become edits of the scenario (which owns the factors and their directions)."""

from __future__ import annotations

import pandas as pd
import pytest

from core.errors import InputError
from core.mapping.columns import (
    ColumnRole,
    claim_column,
    detect_mapping,
    release_column,
    with_edits,
    with_id_column,
    with_name_column,
)
from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.method.scenario_mapping import mapping_for, scenario_after_edit


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3"],
            "customer_name": ["Ann", "Bob", "Cy"],
            "region": ["East", "West", "East"],
            "code": ["x1", "x2", "x3"],
            "revenue": [100.0, 250.0, 40.0],
            "nps": [10.0, -5.0, 30.0],
            "score_2023": [1.0, 2.0, 3.0],
        }
    )


def editor(mapping) -> pd.DataFrame:
    """The Data page's factor table for ``mapping`` (ui.data.mapping_editor.factor_rows' fields)."""
    factors = mapping.factors
    return pd.DataFrame(
        {
            "column": [r.column for r in factors],
            "factor": [r.factor_key for r in factors],
            "direction": [r.direction for r in factors],
            "include": [r.include for r in factors],
        }
    )


MAPPING = detect_mapping(frame())


def test_the_fixture_detects_id_name_attribute_and_factors() -> None:
    assert (MAPPING.id_column, MAPPING.name_column) == ("customer_id", "customer_name")
    assert MAPPING.role_of("region").role == "attribute"
    assert [r.column for r in MAPPING.factors] == ["revenue", "nps", "score_2023"]


def test_release_of_a_number_column_makes_an_excluded_custom_factor() -> None:
    claimed = claim_column(MAPPING, "revenue", "id")
    released = release_column(claimed, "revenue")
    assert released.role_of("revenue") == ColumnRole(
        "revenue", "factor", "number", "custom", "benefit", "custom", include=False
    )


def test_release_of_a_text_column_gives_an_attribute_or_ignored() -> None:
    assert release_column(MAPPING, "customer_name").role_of("customer_name").role == "ignored"
    region = release_column(claim_column(MAPPING, "region", "name"), "region").role_of("region")
    assert (region.role, region.attribute) == ("attribute", "region")


def test_claim_clears_factor_and_attribute_fields() -> None:
    assert claim_column(MAPPING, "revenue", "name").role_of("revenue") == ColumnRole(
        "revenue", "name", "number"
    )
    assert claim_column(MAPPING, "region", "id").role_of("region").attribute is None


def test_a_new_id_column_releases_the_old_one() -> None:
    changed = with_id_column(MAPPING, "code")
    assert changed.id_column == "code"
    assert changed.name_column == "customer_name"
    assert changed.role_of("code").role == "id"
    assert changed.role_of("customer_id").role == "ignored"


def test_the_name_column_as_id_drops_the_name() -> None:
    changed = with_id_column(MAPPING, "customer_name")
    assert (changed.id_column, changed.name_column) == ("customer_name", None)
    assert changed.role_of("customer_name").role == "id"


def test_name_column_none_and_back() -> None:
    none = with_name_column(MAPPING, None)
    assert none.name_column is None
    assert none.role_of("customer_name").role == "ignored"
    back = with_name_column(none, "code")
    assert back.name_column == "code"
    assert back.role_of("code").role == "name"


def test_editor_without_changes_keeps_the_mapping() -> None:
    table = editor(MAPPING)
    assert with_edits(MAPPING, table, table.copy()) == MAPPING


def test_editor_include_and_direction_cells() -> None:
    before = editor(MAPPING)
    after = before.assign(include=[False, True, True], direction=["benefit", "cost", "benefit"])
    changed = with_edits(MAPPING, before, after)
    assert not changed.role_of("revenue").include
    assert changed.role_of("nps").direction == "cost"
    assert changed.role_of("score_2023").include


def test_a_catalog_factor_brings_its_dimension_and_direction() -> None:
    before = editor(MAPPING)
    after = before.assign(factor=["monetary", "credit_risk", "custom"])
    role = with_edits(MAPPING, before, after).role_of("nps")
    assert (role.factor_key, role.dimension, role.direction) == ("credit_risk", "risk", "cost")


def test_a_direction_changed_with_the_factor_wins() -> None:
    before = editor(MAPPING)
    after = before.assign(factor=["monetary", "monetary", "custom"])
    after.loc[1, "direction"] = "cost"  # monetary alone would bring "benefit"
    assert with_edits(MAPPING, before, after).role_of("nps").direction == "cost"


@pytest.mark.parametrize("key", ["custom", "no_such_factor"])
def test_an_unknown_factor_key_becomes_custom(key: str) -> None:
    before = editor(MAPPING)
    after = before.assign(factor=[key, "nps", "custom"])
    role = with_edits(MAPPING, before, after).role_of("revenue")
    assert (role.factor_key, role.dimension, role.direction) == ("custom", "custom", "benefit")


# --- the scenario owns the factors: mapping_for and scenario_after_edit -------------------

SCENARIO = Scenario(
    id_column="customer_id",
    name_column="customer_name",
    factors=(FactorSpec("nps", "cost", 7, "percentile"),),
    tiers=TierSpec(labels=("A", "B"), shares=(0.5, 0.5)),
    method="topsis",
)


def test_the_fixture_suggests_revenue_and_nps() -> None:
    assert [r.column for r in MAPPING.factors if r.include] == ["revenue", "nps"]
    assert MAPPING.role_of("nps").direction == "benefit"


def test_mapping_for_includes_exactly_the_scenarios_factors_and_directions() -> None:
    derived = mapping_for(MAPPING, SCENARIO)
    assert [(r.column, r.include, r.direction) for r in derived.factors] == [
        ("revenue", False, "benefit"),
        ("nps", True, "cost"),
        ("score_2023", False, "benefit"),
    ]
    assert mapping_for(derived, SCENARIO) == derived


def test_mapping_for_follows_the_scenarios_id_and_name() -> None:
    scenario = Scenario(id_column="code", name_column=None, factors=(FactorSpec("revenue"),))
    derived = mapping_for(MAPPING, scenario)
    assert (derived.id_column, derived.name_column) == ("code", None)
    assert derived.role_of("customer_id").role == "ignored"
    assert derived.role_of("customer_name").role == "ignored"


def edited(**cells: list) -> tuple:
    before = mapping_for(MAPPING, SCENARIO)
    table = editor(before)
    return before, with_edits(before, table, table.assign(**cells))


def test_adding_a_factor_keeps_every_other_fact() -> None:
    before, after = edited(include=[True, True, False])
    changed = scenario_after_edit(SCENARIO, before, after, weight=50)
    assert changed.factors == (*SCENARIO.factors, FactorSpec("revenue", "benefit", 50))
    assert (changed.method, changed.tiers) == (SCENARIO.method, SCENARIO.tiers)


def test_flipping_a_direction_keeps_weight_and_normaliser() -> None:
    before, after = edited(direction=["benefit", "benefit", "benefit"])
    changed = scenario_after_edit(SCENARIO, before, after)
    assert changed.factors == (FactorSpec("nps", "benefit", 7, "percentile"),)


def test_a_candidates_direction_is_a_suggestion_only() -> None:
    before, after = edited(direction=["cost", "cost", "benefit"])
    assert scenario_after_edit(SCENARIO, before, after) == SCENARIO
    assert after.role_of("revenue").direction == "cost"


def test_a_factor_taken_as_the_id_or_name_leaves_the_scenario() -> None:
    two = Scenario(
        id_column="customer_id",
        factors=(FactorSpec("nps", "cost", 7), FactorSpec("revenue", weight=3)),
    )
    before = mapping_for(MAPPING, two)
    changed = scenario_after_edit(two, before, with_name_column(before, "revenue"))
    assert changed.factors == (FactorSpec("nps", "cost", 7),)
    assert changed.name_column == "revenue"
    moved = scenario_after_edit(two, before, with_id_column(before, "nps"))
    assert (moved.id_column, moved.factors) == ("nps", (FactorSpec("revenue", weight=3),))


def test_leaving_no_factor_is_refused() -> None:
    before, after = edited(include=[False, False, False])
    with pytest.raises(InputError, match=r"^no factor columns found"):
        scenario_after_edit(SCENARIO, before, after)
