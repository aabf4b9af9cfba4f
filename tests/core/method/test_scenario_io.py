"""core.method.scenario_io.load_scenario: the one loader. Every source round-trips (JSON text,
bytes, parsed object, share token, file, saved store, workshop consensus), the mapping it
returns is the scenario's, and a mapping edit afterwards keeps exactly the scenario's factors,
directions and every other fact."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from core.errors import InputError, ScenarioError
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping, with_edits, with_id_column
from core.method.scenario import FactorSpec, Override, Scenario, TierSpec
from core.method.scenario_io import LoadedScenario, load_scenario
from core.method.scenario_mapping import scenario_after_edit
from core.storage.scenarios import ScenarioStore
from core.workshop.rooms import RoomStore
from core.workshop.rules import summarize
from tests.core.mapping.test_edits import editor

ROOT = Path(__file__).resolve().parents[3]
FRAME = read_table(ROOT / "data" / "sample_customers_en.csv").frame


def three_factors() -> Scenario:
    """Three of the sample's eleven factors, revenue's direction flipped, and every other fact
    away from its default."""
    return Scenario(
        id_column="customer_id",
        name_column="customer_name",
        factors=(
            FactorSpec("revenue", "cost", 70, "percentile"),
            FactorSpec("nps", "benefit", 20, "zscore"),
            FactorSpec("overdue_days", "cost", 10),
        ),
        method="topsis",
        missing="worst",
        as_of="2024-12-31",
        tiers=TierSpec(scheme="threshold", labels=("A", "B", "C"), thresholds=(60, 30)),
        overrides=(Override("C0002", tier="A", reason="strategic partner", author="Li"),),
        playbook={"A": {"service_level": "grow"}},
        name="three",
        duplicate_ids="sum",
    )


def edit(loaded: LoadedScenario, column: str, **cells: object) -> Scenario:
    """One cell edit of the factor table, applied as the app applies it."""
    before = editor(loaded.mapping)
    after = before.copy()
    row = before["column"].tolist().index(column)
    for key, value in cells.items():
        after.loc[row, key] = value
    changed = with_edits(loaded.mapping, before, after)
    return scenario_after_edit(loaded.scenario, loaded.mapping, changed, weight=50)


def assert_scenario_kept(loaded: LoadedScenario, expected: Scenario) -> None:
    """The mapping shows exactly the scenario's factors and directions, and an unrelated edit
    (a candidate's direction) changes nothing in the scenario."""
    assert loaded.scenario == expected
    included = {r.column: r.direction for r in loaded.mapping.factors if r.include}
    assert included == {f.column: f.direction for f in expected.factors}
    assert (loaded.mapping.id_column, loaded.mapping.name_column) == (
        expected.id_column,
        expected.name_column,
    )
    assert edit(loaded, "profit", direction="cost") == expected


def test_json_text_round_trip_then_edits_keep_the_scenario() -> None:
    scenario = three_factors()
    loaded = load_scenario(scenario.to_json(), FRAME)
    assert loaded.warnings == []
    assert_scenario_kept(loaded, scenario)
    # Adding a factor keeps the three (their weights, normalisers, directions) and every
    # other fact; it comes last, at the weight given.
    added = edit(loaded, "profit", include=True)
    assert added.factors == (*scenario.factors, FactorSpec("profit", "benefit", 50))
    assert replace(added, factors=scenario.factors) == scenario
    # Flipping a direction changes that factor only; removing one keeps the other two.
    flipped = edit(loaded, "nps", direction="cost")
    assert flipped.factors[1] == FactorSpec("nps", "cost", 20, "zscore")
    assert replace(flipped, factors=scenario.factors) == scenario
    removed = edit(loaded, "revenue", include=False)
    assert removed.factors == scenario.factors[1:]
    assert replace(removed, factors=scenario.factors) == scenario


@pytest.mark.parametrize(
    "as_source",
    [
        lambda s: s.to_json().encode("utf-8"),
        lambda s: json.loads(s.to_json()),
        lambda s: s,
    ],
    ids=["bytes", "object", "scenario"],
)
def test_every_in_memory_source_round_trips(as_source) -> None:
    assert_scenario_kept(load_scenario(as_source(three_factors()), FRAME), three_factors())


def test_share_token_round_trip() -> None:
    loaded = load_scenario(three_factors().to_token(), FRAME, token=True)
    assert_scenario_kept(loaded, three_factors())


def test_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "three.json"
    path.write_text(three_factors().to_json(), encoding="utf-8")
    assert_scenario_kept(load_scenario(path, FRAME), three_factors())


def test_saved_store_round_trip(tmp_path: Path) -> None:
    store = ScenarioStore(tmp_path / "scenarios.sqlite")
    store.save("three", three_factors())
    assert_scenario_kept(load_scenario(store.load("three"), FRAME), three_factors())


def test_workshop_consensus_round_trip(tmp_path: Path) -> None:
    rooms = RoomStore(tmp_path / "rooms.sqlite")
    room = rooms.create_room(three_factors())
    rooms.submit(room.code, "A", {"revenue": 60, "nps": 30, "overdue_days": 10})
    rooms.submit(room.code, "B", {"revenue": 20, "nps": 40, "overdue_days": 40})
    table = rooms.submissions(room.code, room.facilitator_key)
    consensus = summarize(table, rooms.room(room.code).scenario, "mean").consensus
    adopted = three_factors().with_weights(consensus)
    loaded = load_scenario(adopted, FRAME, trial=True)
    assert_scenario_kept(loaded, adopted)
    assert [f.weight for f in loaded.scenario.factors] == pytest.approx([0.4, 0.35, 0.25])


def test_the_mapping_follows_the_scenarios_id_and_name_columns() -> None:
    scenario = replace(three_factors(), id_column="customer_name", name_column=None)
    loaded = load_scenario(scenario, FRAME)
    assert (loaded.mapping.id_column, loaded.mapping.name_column) == ("customer_name", None)
    assert loaded.mapping.role_of("customer_id").role == "ignored"
    # A new ID column through the mapping editor is a scenario edit too.
    changed = with_id_column(loaded.mapping, "customer_id")
    moved = scenario_after_edit(loaded.scenario, loaded.mapping, changed)
    assert moved == replace(scenario, id_column="customer_id")


def test_a_candidate_keeps_its_suggested_direction_until_it_is_added() -> None:
    scenario = three_factors()
    loaded = load_scenario(scenario, FRAME)
    complaints = loaded.mapping.role_of("complaints")
    assert (complaints.include, complaints.direction) == (False, "cost")
    added = edit(loaded, "complaints", include=True)
    assert added.factors[-1] == FactorSpec("complaints", "cost", 50)


def test_removing_the_last_factor_is_refused() -> None:
    one = replace(three_factors(), factors=(FactorSpec("revenue"),))
    loaded = load_scenario(one, FRAME)
    with pytest.raises(InputError, match=r"^no factor columns found"):
        edit(loaded, "revenue", include=False)


def test_name_from_data_fills_a_missing_name_column_only() -> None:
    unnamed = replace(three_factors(), name_column=None)
    assert load_scenario(unnamed, FRAME).scenario.name_column is None
    filled = load_scenario(unnamed, FRAME, name_from_data=True)
    assert filled.scenario == three_factors()
    assert filled.mapping.name_column == "customer_name"


def test_the_mapping_given_is_used_instead_of_detecting_one() -> None:
    detected = detect_mapping(FRAME)
    mine = replace(detected, roles=tuple(replace(r, factor_key="custom") for r in detected.roles))
    loaded = load_scenario(three_factors(), FRAME, mapping=mine)
    assert {r.factor_key for r in loaded.mapping.factors} == {"custom"}


def test_column_names_only_check_and_give_no_mapping() -> None:
    loaded = load_scenario(three_factors(), list(FRAME.columns))
    assert loaded.mapping is None and loaded.scenario == three_factors()
    assert load_scenario(three_factors()).scenario == three_factors()


def test_an_unknown_column_is_refused() -> None:
    text = json.dumps({"id_column": "customer_id", "factors": [{"column": "销售额"}]})
    with pytest.raises(ScenarioError, match=r"^scenario: column '销售额' is not in the data"):
        load_scenario(text, FRAME)


def test_bad_json_names_its_origin() -> None:
    with pytest.raises(ScenarioError, match=r"^s\.json: not valid JSON at line 1, column 2;"):
        load_scenario(b"{oops", FRAME, origin="s.json")


def test_a_damaged_token_is_refused() -> None:
    with pytest.raises(ScenarioError, match="the scenario in the link is damaged"):
        load_scenario("not-a-token", FRAME, token=True)


def test_a_trial_ranking_refuses_a_text_factor() -> None:
    text = json.dumps({"id_column": "customer_id", "factors": [{"column": "region"}]})
    assert load_scenario(text, FRAME).scenario.columns == ["region"]
    with pytest.raises(InputError, match="region"):
        load_scenario(text, FRAME, trial=True)


def test_file_problems_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    with pytest.raises(ScenarioError, match=rf"^scenario file '{missing}': cannot read it"):
        load_scenario(missing, FRAME)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id_column": "customer_id", "factors": [{"column": "x"}]}))
    with pytest.raises(ScenarioError, match=rf"^scenario file '{bad}': column 'x' is not in"):
        load_scenario(bad, FRAME)


def test_file_problems_read_in_chinese(tmp_path: Path) -> None:
    from core.i18n import localize

    missing = tmp_path / "none.json"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(missing, FRAME)
    assert localize(caught.value, "zh").startswith(f"方案文件「{missing}」：无法读取（")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id_column": "customer_id", "factors": [{"column": "x"}]}))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(bad, FRAME)
    assert localize(caught.value, "zh").startswith(f"方案文件「{bad}」：")
