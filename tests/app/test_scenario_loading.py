"""A scenario loaded from outside (Export page JSON upload, share link, saved scenario,
workshop consensus) owns the factors: the Data page's mapping editor then shows exactly its
factors and directions, and an edit there changes only what was edited (issue 12)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from core.method.scenario import FactorSpec, Override, Scenario, TierSpec
from core.storage.scenarios import ScenarioStore
from core.workshop.rooms import RoomStore
from tests.app.apptest_support import ENTRYPOINT, app

DATA = "pages/data.py"
EDIT = {"added_rows": [], "deleted_rows": []}


@pytest.fixture(autouse=True)
def private_stores(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def three_factors() -> Scenario:
    """Three of the English sample's eleven factors, revenue's direction flipped, and other
    facts away from their defaults (weights within the sliders' range, so kept as they are)."""
    return Scenario(
        id_column="customer_id",
        name_column="customer_name",
        factors=(
            FactorSpec("revenue", "cost", 70, "percentile"),
            FactorSpec("nps", "benefit", 20, "zscore"),
            FactorSpec("overdue_days", "cost", 10),
        ),
        missing="worst",
        tiers=TierSpec(scheme="threshold", labels=("A", "B", "C"), thresholds=(60, 30)),
        overrides=(Override("C0002", tier="A", reason="strategic partner", author="Li"),),
    )


def editor_factors(at: AppTest) -> dict[str, str]:
    """The included rows of the Data page's factor table: column → direction."""
    table = at.data_editor[0].value
    included = table[table["include"]]
    return dict(zip(included["column"], included["direction"], strict=True))


def edit_row(at: AppTest, column: str, **cells: object) -> AppTest:
    table = at.data_editor[0].value
    row = table["column"].tolist().index(column)
    at.session_state[at.data_editor[0].key] = {"edited_rows": {row: cells}, **EDIT}
    at.run()
    assert not at.exception and not at.error
    return at


def check_the_data_page_keeps(at: AppTest, scenario: Scenario) -> None:
    """On the Data page: the editor shows the scenario's factors; flipping a factor's
    direction, adding one and removing one each change only that in the scenario."""
    at.switch_page(DATA).run()
    assert not at.exception
    assert editor_factors(at) == {f.column: f.direction for f in scenario.factors}
    at = edit_row(at, "nps", direction="cost")
    flipped = (scenario.factors[0], replace(scenario.factors[1], direction="cost"))
    assert at.session_state["scenario"] == replace(
        scenario, factors=(*flipped, *scenario.factors[2:])
    )
    assert editor_factors(at) == {"revenue": "cost", "nps": "cost", "overdue_days": "cost"}
    at = edit_row(at, "profit", include=True)
    assert at.session_state["scenario"].factors == (
        *flipped,
        *scenario.factors[2:],
        FactorSpec("profit", "benefit", 50),
    )
    at = edit_row(at, "overdue_days", include=False)
    assert at.session_state["scenario"] == replace(
        scenario, factors=(*flipped, FactorSpec("profit", "benefit", 50))
    )
    sliders = [s.key for s in at.sidebar.slider]
    assert sliders == ["w_sidebar_revenue", "w_sidebar_nps", "w_sidebar_profit"]


def test_json_upload_on_the_export_page_then_a_mapping_edit() -> None:
    at = app("en").switch_page("pages/export.py").run()
    scenario = three_factors()
    at.file_uploader(key="scenario_upload").upload(
        "three.json", scenario.to_json().encode(), "application/json"
    ).run()
    assert not at.exception and not at.error
    assert at.session_state["scenario"] == scenario
    check_the_data_page_keeps(at, scenario)


def test_a_share_link_then_a_mapping_edit() -> None:
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["lang"] = "en"
    at.query_params["s"] = three_factors().to_token()
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["scenario"] == three_factors()
    check_the_data_page_keeps(at, three_factors())


def test_a_share_link_without_a_name_column_takes_the_datas() -> None:
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["lang"] = "en"
    at.query_params["s"] = replace(three_factors(), name_column=None).to_token()
    at.run()
    assert at.session_state["scenario"] == three_factors()


def test_a_saved_scenario_then_a_mapping_edit() -> None:
    ScenarioStore().save("three", three_factors())
    at = app("en").switch_page("pages/scenarios.py").run()
    next(b for b in at.button if b.label == "Load").click().run()
    assert not at.exception
    assert at.session_state["scenario"] == replace(three_factors(), name="three")
    check_the_data_page_keeps(at, replace(three_factors(), name="three"))


def test_the_workshop_consensus_then_a_mapping_edit() -> None:
    at = app("en").switch_page("pages/export.py").run()
    at.file_uploader(key="scenario_upload").upload(
        "three.json", three_factors().to_json().encode(), "application/json"
    ).run()
    at.switch_page("pages/workshop.py").run()
    at.button(key="workshop_create").click().run()
    assert not at.exception
    code = at.session_state["workshop_room_code"]
    RoomStore().submit(code, "A", {"revenue": 60, "nps": 30, "overdue_days": 10})
    at.run().button(key="workshop_adopt").click().run()
    assert not at.exception
    adopted = at.session_state["scenario"]
    assert [f.weight for f in adopted.factors] == pytest.approx([100, 50, 100 / 6])
    assert adopted.with_weights({f.column: f.weight for f in three_factors().factors}) == (
        three_factors()
    )
    check_the_data_page_keeps(at, adopted)


def test_a_new_id_column_keeps_the_factors() -> None:
    at = app("en").switch_page("pages/export.py").run()
    at.file_uploader(key="scenario_upload").upload(
        "three.json", three_factors().to_json().encode(), "application/json"
    ).run()
    at.switch_page(DATA).run()
    at.selectbox(key="id_column").set_value("customer_name").run()
    assert not at.exception
    assert at.session_state["scenario"] == replace(
        three_factors(), id_column="customer_name", name_column=None
    )
    assert editor_factors(at) == {"revenue": "cost", "nps": "benefit", "overdue_days": "cost"}


def test_the_loaders_warnings_are_shown_once(monkeypatch) -> None:
    from core.method import scenario_io

    real = scenario_io.parse_scenario

    def noticing(source, *, warnings, **kwargs):
        warnings.append("scenario: unknown field 'colour' is ignored")
        return real(source, warnings=warnings, **kwargs)

    monkeypatch.setattr(scenario_io, "parse_scenario", noticing)
    at = app("en").switch_page("pages/export.py").run()
    at.file_uploader(key="scenario_upload").upload(
        "three.json", three_factors().to_json().encode(), "application/json"
    ).run()
    assert not at.exception
    assert [w.value for w in at.warning] == ["scenario: unknown field 'colour' is ignored"]
    assert at.session_state["scenario"] == three_factors()
    at.run()
    assert not at.warning
