"""Hostile numbers (issue 15, item 3): factor values at the edge of floating point (1e308, the
largest float, −1e308) and a workshop weight of 1e308 — scores and weights finite for every
customer, JSON without NaN or Infinity, the submission refused naming the bound."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.errors import InputError
from core.i18n import localize
from core.workshop.rooms import RoomStore
from tests.app.apptest_support import app
from tests.hostile.support import corpus_file, run_cli, upload

TABLES = [corpus_file(f"numbers_{name}.csv") for name in ("1e308", "max_float", "minus_1e308")]
ROOM_WEIGHTS = corpus_file("numbers_room_weights.json")
PAGES = ("weights", "ranking", "groups", "accounts", "sensitivity", "export")
SCENARIO = {
    "id_column": "customer_id",
    "name_column": "customer_name",
    "factors": [{"column": "revenue"}, {"column": "orders"}, {"column": "satisfaction"}],
}
BOUND = "use a number from 0 to 1,000,000"


def _finite_json(text: str) -> object:
    return json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("method", ["weighted_sum", "topsis"])
def test_every_customer_gets_a_finite_score(table: Path, method: str, tmp_path: Path) -> None:
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps({**SCENARIO, "method": method}), encoding="utf-8")
    out = tmp_path / "ranking.csv"
    run = run_cli("score", table, "--scenario", scenario, "--out", out)
    assert run.rc == 0
    ranking = pd.read_csv(out)
    assert len(ranking) == 20
    assert np.isfinite(ranking["score"]).all()
    contributions = ranking[[c for c in ranking.columns if c.startswith("contrib:")]]
    assert np.isfinite(contributions.to_numpy()).all()
    assert contributions["contrib:revenue"].std() > 0  # the factor still tells customers apart


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("method", ["entropy", "critic"])
def test_objective_weights_are_finite_and_the_json_has_no_nan(table: Path, method: str) -> None:
    run = run_cli("weights", method, table, "--json")
    assert run.rc == 0
    weights = _finite_json(run.out)["weights"]
    assert all(math.isfinite(w) and w >= 0 for w in weights.values())
    assert sum(weights.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("table", TABLES, ids=lambda p: p.stem)
def test_validate_reads_the_extreme_numbers(table: Path) -> None:
    assert run_cli("validate", table).rc == 0


def test_a_room_weight_of_1e308_is_refused_naming_the_bound(tmp_path: Path) -> None:
    scenario, db = tmp_path / "s.json", tmp_path / "rooms.sqlite3"
    scenario.write_text(json.dumps(SCENARIO), encoding="utf-8")
    room = _finite_json(run_cli("room", "create", "--scenario", scenario, "--json", "--db", db).out)
    weights = ROOM_WEIGHTS.read_text(encoding="utf-8").strip()
    run = run_cli("room", "submit", room["code"], "--participant", "Eve", "--weights", weights,
                  "--db", db)  # fmt: skip
    assert run.rc == 2
    assert run.error_lines == [f"error: weights: 'revenue' has 1e+308; {BOUND}"]
    fair = json.dumps({"revenue": 3, "orders": 1, "satisfaction": 1})
    run = run_cli("room", "submit", room["code"], "--participant", "Ann", "--weights", fair,
                  "--db", db)  # fmt: skip
    assert run.rc == 0
    summary = run_cli("room", "summary", room["code"], "--key", room["facilitator_key"],
                      "--json", "--db", db)  # fmt: skip
    assert summary.rc == 0 and _finite_json(summary.out)["participants"] == 1
    with pytest.raises(InputError) as refused:
        RoomStore(f"sqlite:///{db}").submit(room["code"], "Bob", json.loads(weights))
    assert localize(refused.value, "zh") == (
        "权重：「revenue」的值为 1e+308；请使用 0 到 1,000,000 之间的数"
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_upload_of_extreme_numbers_ranks_finitely_on_every_page(lang: str) -> None:
    at = upload(app(lang), "numbers_max_float.csv", TABLES[1].read_bytes())
    assert not at.exception, at.exception
    assert at.session_state["ingest"].source == "numbers_max_float.csv"
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
