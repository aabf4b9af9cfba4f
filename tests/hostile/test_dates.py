"""Hostile dates (issue 15, items 2 and 4): days outside the years 1678–2261 in a data column or
as a scenario's ``as_of`` (file and share link), a day far after today, and period lengths far
over the limit — on the CLI and in the app, in English and Chinese."""

from __future__ import annotations

import base64
import zlib

import pytest

from core.ingest.read import read_table
from tests.app.apptest_support import ROOT, app
from tests.hostile.support import corpus_file, run_cli, upload

YEARS = ("0001", "1677", "2262", "9999")
DAYS = {"0001": "0001-01-01", "1677": "1677-09-21", "2262": "2262-04-12", "9999": "9999-12-31"}
TABLES = {year: corpus_file(f"dates_year_{year}.csv") for year in YEARS}
SCENARIOS = {year: corpus_file(f"dates_as_of_{year}.json") for year in YEARS}
AFTER_TODAY = corpus_file("dates_after_today.csv")
ORDERS = ROOT / "data" / "sample_orders.csv"
PAGES = ("data", "weights", "ahp", "ranking", "groups", "accounts", "scenarios", "sensitivity",
         "orders", "review", "workshop", "export")  # fmt: skip


def outside_warning(year: str) -> str:
    return (
        f"column last_order_date: 1 value(s) are not real days of the years 1678–2261 and are "
        f"now missing (row 5: '{DAYS[year]}')"
    )


def as_of_error(year: str) -> str:
    return (
        f"as-of date {DAYS[year]} is outside the years 1678–2261 a date can take; give a day "
        "from 1678-01-01 to 2261-12-31"
    )


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("command", ["score", "validate"])
def test_a_day_outside_the_years_is_missing_with_a_warning_naming_column_and_row(
    command: str, year: str
) -> None:
    run = run_cli(command, TABLES[year])
    assert run.rc == 0
    assert outside_warning(year) in run.err + run.out


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("method", ["entropy", "critic"])
def test_objective_weights_of_a_table_with_a_day_outside_the_years(method: str, year: str) -> None:
    run = run_cli("weights", method, TABLES[year], "--json")
    assert run.rc == 0 and "NaN" not in run.out and "Infinity" not in run.out


@pytest.mark.parametrize("year", YEARS)
def test_a_scenario_as_of_outside_the_years_is_refused(year: str) -> None:
    run = run_cli("score", TABLES["0001"], "--scenario", SCENARIOS[year])
    assert run.rc == 2
    assert run.error_lines[0].endswith(as_of_error(year))


def test_a_day_after_today_is_flagged_and_never_the_as_of_date() -> None:
    run = run_cli("score", AFTER_TODAY)
    assert run.rc == 0
    assert "as of: 2024-12-22" in run.err + run.out  # the latest real day, not 2099-06-01
    assert "warning: column 'last_order_date': 1 date(s) after the as-of date 2024-12-" in run.err
    assert "(row(s) 5) treated as missing" in run.err


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
@pytest.mark.parametrize("command", ["review", "rfm"])
def test_a_period_far_over_the_limit_is_refused_naming_it(command: str, engine: str) -> None:
    run = run_cli(command, ORDERS, "--period-days", "99999999", "--engine", engine)
    assert run.rc == 2
    assert run.error_lines == [
        "error: period length 99999999 days is over the limit of 3650 days (ten years); "
        "give a shorter period"
    ]


@pytest.mark.parametrize("year", ["0001", "9999"])
def test_an_as_of_outside_the_years_is_refused_for_an_order_log(year: str) -> None:
    run = run_cli("review", ORDERS, "--period-days", "90", "--as-of", DAYS[year])
    assert run.rc == 2 and run.error_lines == [f"error: {as_of_error(year)}"]


# ── the app ─────────────────────────────────────────────────────────────────────────────


def test_a_year_0001_upload_is_read_with_a_warning_and_every_page_still_works() -> None:
    at = upload(app("en"), "dates_year_0001.csv", TABLES["0001"].read_bytes())
    assert not at.exception, at.exception
    assert any(outside_warning("0001") in w.value for w in at.warning)
    assert at.session_state["ingest"].source == "dates_year_0001.csv"
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
    at.switch_page("streamlit_app.py").run()
    assert not at.exception


def test_the_warning_reads_in_chinese() -> None:
    at = upload(app("zh"), "dates_year_9999.csv", TABLES["9999"].read_bytes())
    assert not at.exception, at.exception
    assert any(
        "列「last_order_date」有 1 个值不是 1678–2261 年间的真实日期，已按缺失处理" in w.value
        for w in at.warning
    )


def _token(path) -> str:
    """A share-link token of a scenario file as written (Scenario itself refuses the as_of)."""
    raw = zlib.compress(path.read_text(encoding="utf-8").encode("utf-8"), 9)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@pytest.mark.parametrize(("year", "lang"), [("0001", "en"), ("9999", "zh")])
def test_a_share_link_with_an_as_of_outside_the_years_is_refused_on_the_page(
    year: str, lang: str
) -> None:
    at = app(lang)
    at.query_params["s"] = _token(SCENARIOS[year])
    at.run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    expected = as_of_error(year) if lang == "en" else f"截止日期 {DAYS[year]} 超出日期可用的年份"
    assert expected in errors
    for page in ("ranking", "data"):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, at.exception)
    sample = read_table(ROOT / "data" / f"sample_customers_{lang}.csv")
    assert len(at.session_state["ingest"].frame) == len(sample.frame)  # the data is kept
