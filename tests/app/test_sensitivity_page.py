"""AppTest of the Sensitivity page: a small Monte Carlo run, its stale mark, the sweep."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import LANGS, app

PAGE = "pages/sensitivity.py"


@pytest.fixture(autouse=True)
def _private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def sensitivity_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def run(at: AppTest, draws: int = 50) -> AppTest:
    at.number_input(key="sens_draws").set_value(draws)
    at = next(b for b in at.button if b.label in ("Run", "运行模拟")).click().run()
    assert not at.exception
    return at


def table(at: AppTest, which: str):
    """The intervals table (first, once run) or the sweep's switches table (always last)."""
    tables = at.dataframe
    if which == "sens_intervals":
        assert len(tables) == 2, "no Monte Carlo result shown"
        return tables[0].value
    return tables[-1].value


@pytest.mark.parametrize("lang", LANGS)
def test_loads_without_running_and_shows_the_sweep(lang: str) -> None:
    at = sensitivity_page(lang)
    assert at.info[0].value.startswith("设置参数" if lang == "zh" else "Set the parameters")
    assert at.number_input(key="sens_draws").value == 1000
    assert at.number_input(key="sens_kappa").value == 100.0
    assert len(at.dataframe) == 1  # only the sweep
    switches = table(at, "sens_switches")
    assert len(switches) == 10
    assert switches.iloc[:, 0].tolist() == list(range(1, 11))
    assert len(at.get("vega_lite_chart")) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_run_gives_intervals_and_probabilities(lang: str) -> None:
    at = run(sensitivity_page(lang))
    intervals = table(at, "sens_intervals")
    assert len(intervals) == 20
    assert intervals.iloc[:, 0].tolist() == list(range(1, 21))
    p5, p95 = intervals["p5"], intervals["p95"]
    assert (p5 <= p95).all() and (p5 >= 1).all()
    for column in intervals.columns[-2:]:
        assert intervals[column].between(0, 1).all()
    assert at.session_state["sensitivity_result"]["draws"] == 50
    assert len(at.get("vega_lite_chart")) == 2


def test_result_is_kept_and_marked_stale_when_the_weights_change() -> None:
    at = run(sensitivity_page())
    first = table(at, "sens_intervals")
    at = at.run()  # a plain rerun does not simulate again
    assert table(at, "sens_intervals").equals(first)
    assert not at.warning
    at = at.sidebar.slider(key="w_sidebar_revenue").set_value(100).run()
    assert at.warning[0].value.startswith("The weights or the data changed")
    at = run(at)
    assert not at.warning


def test_same_seed_same_result_and_kappa_matters() -> None:
    a = table(run(sensitivity_page()), "sens_intervals")
    b = table(run(sensitivity_page()), "sens_intervals")
    assert a.equals(b)
    at = sensitivity_page()
    at.number_input(key="sens_kappa").set_value(5.0)
    wide = table(run(at), "sens_intervals")
    assert (wide["p95"] - wide["p5"]).sum() > (a["p95"] - a["p5"]).sum()


def test_sweep_follows_the_chosen_factor() -> None:
    at = sensitivity_page()
    at = at.selectbox(key="sens_factor").select("complaints").run()
    at = at.number_input(key="sens_sweep_n").set_value(5).run()
    assert not at.exception
    assert "complaints has 9.1% of the weight now." in [c.value for c in at.caption]
    switches = table(at, "sens_switches")
    assert len(switches) == 5
    assert list(switches.columns) == [
        "Rank", "Customer", "Tier", "Changes tier at (lower)", "Tier then (lower)",
        "Changes tier at (higher)", "Tier then (higher)",
    ]  # fmt: skip
    # Some top customer leaves the top tier when complaints weigh enough.
    higher = switches["Changes tier at (higher)"]
    assert (higher != "—").any() and higher.str.fullmatch(r"—|\d+%").all()
