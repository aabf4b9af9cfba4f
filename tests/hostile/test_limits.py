"""Input limits on the CLI and in the app: deep JSON (scenario files, room weights, share
links), wide files, long headers, booleans as weights, tables without an ID column and
numbers the reader does not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.ingest.width import MAX_COLUMNS
from core.method.json_limits import MAX_JSON_DEPTH
from tests.app.apptest_support import ENTRYPOINT, app
from tests.hostile.support import corpus_file, run_cli, upload, upload_keeps_the_data

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_customers_en.csv"
DEEP = f"the JSON nests lists or objects more than {MAX_JSON_DEPTH} levels deep (the limit)"
DEEP_ZH = f"JSON 中的列表或对象嵌套超过 {MAX_JSON_DEPTH} 层（上限）"
WIDE = f"the table has 20,001 columns, more than the {MAX_COLUMNS:,} the workbench reads"
WIDE_ZH = f"表格有 20,001 列，超过可读取的上限 {MAX_COLUMNS:,} 列"
NO_ID = "no column looks like a customer ID"
UNITS = "column 'revenue' (for example '1200kg')"
DEEP_SCENARIO = corpus_file("limits_deep_scenario.json")
DEEP_SHARE_TOKEN = corpus_file("limits_deep_share_token.txt")
DEEP_WEIGHTS = corpus_file("limits_deep_weights.json")
LONG_HEADER = corpus_file("limits_long_header.csv")
NO_ID_COLUMN = corpus_file("limits_no_id_column.csv")
NUMBERS_WITH_UNITS = corpus_file("limits_numbers_with_units.csv")
REVENUE_SCENARIO = corpus_file("limits_revenue_scenario.json")
WEIGHT_TRUE = corpus_file("limits_weight_true.json")
WIDE_20000_COLUMNS = corpus_file("limits_wide_20000_columns.csv")


def test_a_deeply_nested_scenario_file_is_refused_naming_the_limit(tmp_path):
    scenario = DEEP_SCENARIO
    for args in (("score", SAMPLE), ("room", "create", "--db", tmp_path / "rooms.sqlite3")):
        run = run_cli(*args, "--scenario", scenario)
        assert run.rc == 2
        assert DEEP in run.error_lines[0]


def test_deeply_nested_room_weights_are_refused_naming_the_limit(tmp_path):
    db = tmp_path / "rooms.sqlite3"
    created = run_cli(
        "room", "create", "--scenario", REVENUE_SCENARIO,
        "--db", db, "--json",
    )  # fmt: skip
    code = created.out.split('"code": "')[1].split('"')[0]
    weights = DEEP_WEIGHTS.read_text(encoding="utf-8")
    run = run_cli("room", "submit", code, "--participant", "A", "--weights", weights, "--db", db)
    assert run.rc == 2
    assert run.error_lines == [f"error: --weights: {DEEP}; check that it is the right file"]


@pytest.mark.parametrize(("lang", "expected"), [("en", DEEP), ("zh", DEEP_ZH)])
def test_a_deeply_nested_share_link_keeps_the_weights(lang, expected):
    token = DEEP_SHARE_TOKEN.read_text(encoding="ascii").strip()
    assert len(token) < 1_000
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["lang"] = lang
    at.query_params["s"] = token
    at.run()
    assert not at.exception, at.exception
    assert any(expected in e.value for e in at.error), [e.value for e in at.error]
    assert at.session_state["scenario"] is not None


def test_a_file_wider_than_the_column_limit_is_refused_in_one_short_line():
    wide = WIDE_20000_COLUMNS
    scenario = REVENUE_SCENARIO
    for args in (("validate", wide), ("score", wide, "--scenario", scenario)):
        run = run_cli(*args)
        assert run.rc == 2
        assert WIDE in run.error_lines[0]
        assert len(run.err) < 500


@pytest.mark.parametrize(("lang", "expected"), [("en", WIDE), ("zh", WIDE_ZH)])
def test_uploading_a_too_wide_file_keeps_the_data(lang, expected):
    content = WIDE_20000_COLUMNS.read_bytes()
    at = upload_keeps_the_data("limits_wide_20000_columns.csv", content, lang)
    assert any(expected in e.value for e in at.error)


def test_a_very_long_header_line_gives_a_short_error():
    header = LONG_HEADER
    run = run_cli("score", header, "--scenario", REVENUE_SCENARIO)
    assert run.rc == 2
    assert len(run.err) < 500, len(run.err)


def test_a_boolean_weight_is_refused():
    run = run_cli("score", SAMPLE, "--scenario", WEIGHT_TRUE)
    assert run.rc == 2
    assert "factor 'revenue' has a weight that is not a number (True)" in run.error_lines[0]


def test_a_table_without_an_id_column_is_ranked_by_row_number_with_a_warning():
    run = run_cli("score", NO_ID_COLUMN)
    assert run.rc == 0
    assert NO_ID in run.err
    ids = [line.split()[1] for line in run.out.splitlines()[2:] if line.strip()]
    assert sorted(ids) == ["2", "3", "5"]  # sheet rows, not revenue values


@pytest.mark.parametrize(("lang", "expected"), [("en", NO_ID), ("zh", "没有一列像客户编号")])
def test_uploading_a_table_without_an_id_column_warns(lang, expected):
    content = NO_ID_COLUMN.read_bytes()
    at = upload(app(lang), "limits_no_id_column.csv", content)
    assert not at.exception, at.exception
    assert at.session_state["mapping"].id_column == "row_id"
    shown = [w.value for w in at.warning] + [w.value for w in at.caption]
    assert any(expected in text for text in shown), shown


def test_numbers_with_units_are_named_with_an_example():
    run = run_cli("score", NUMBERS_WITH_UNITS)
    assert run.rc == 2
    assert UNITS in run.error_lines[0]


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", UNITS), ("zh", "列「revenue」（例如“1200kg”）")]
)
def test_uploading_numbers_with_units_keeps_the_data(lang, expected):
    content = NUMBERS_WITH_UNITS.read_bytes()
    at = upload_keeps_the_data("limits_numbers_with_units.csv", content, lang)
    assert any(expected in e.value for e in at.error), [e.value for e in at.error]
