"""AppTest of the Scenarios page: save, list, restart, load, rename, duplicate, delete, pin as
the baseline, and the comparison of two scenarios (always on a private CIW_DATA_DIR)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import LANGS, app

PAGE = "pages/scenarios.py"


@pytest.fixture(autouse=True)
def _private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def scenarios_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def click(at: AppTest, label: str) -> AppTest:
    at = next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def save(at: AppTest, name: str) -> AppTest:
    at.text_input(key="scenarios_name").input(name)
    return click(at, "Save")


def listed(at: AppTest) -> list[str]:
    return at.dataframe[0].value["Name"].tolist()


def revenue_weight(at: AppTest) -> float:
    return next(f.weight for f in at.session_state["scenario"].factors if f.column == "revenue")


@pytest.mark.parametrize("lang", LANGS)
def test_empty_store_explains_how_to_save(lang: str) -> None:
    at = scenarios_page(lang)
    expected = "还没有保存的方案" if lang == "zh" else "No saved scenarios yet"
    assert at.info[0].value.startswith(expected)
    # The comparison still works: the current scenario against equal weights (the same here).
    assert [m.value for m in at.metric[:3]] == ["1.000", "1.000", "100%"]


def test_save_survives_a_restart_and_load_restores_the_weights() -> None:
    at = scenarios_page()
    at = at.sidebar.slider(key="w_sidebar_revenue").set_value(100).run()
    at = save(at, "  Value   first ")
    assert at.success[0].value == 'Saved "Value first".'
    assert listed(at) == ["Value first"]
    row = at.dataframe[0].value.iloc[0]
    assert (row["Method"], row["Factors"], row["Baseline"]) == ("Weighted sum", 11, "")

    fresh = scenarios_page()  # a new session on the same store
    assert listed(fresh) == ["Value first"]
    assert revenue_weight(fresh) == 50
    fresh = click(fresh, "Load")
    assert revenue_weight(fresh) == 100
    assert fresh.sidebar.slider(key="w_sidebar_revenue").value == 100


def test_duplicate_names_are_refused_with_an_error() -> None:
    at = save(scenarios_page(), "A")
    at = save(at, "A")
    assert "already named 'A'" in at.error[0].value
    at.checkbox(key="scenarios_overwrite").check()
    at = save(at, "A")
    assert at.success and listed(at) == ["A"]


def test_rename_duplicate_delete() -> None:
    at = save(scenarios_page(), "A")
    at.text_input(key="scenarios_new_name").input("B")
    at = click(at, "Rename")
    assert listed(at) == ["B"]
    at.text_input(key="scenarios_new_name").input("C")
    at = click(at, "Duplicate")
    assert listed(at) == ["B", "C"]
    at.selectbox(key="scenarios_pick").select("B")
    at = click(at.run(), "Delete")
    assert "cannot be undone" in at.warning[0].value
    at = click(at, "Cancel")
    assert listed(at) == ["B", "C"]
    at = click(click(at, "Delete"), "Yes, delete")
    assert listed(at) == ["C"]


def test_pin_sets_the_baseline_for_the_ranking_page() -> None:
    at = scenarios_page()
    at = at.sidebar.slider(key="w_sidebar_revenue").set_value(100).run()
    at = click(save(at, "Base"), "Pin as baseline")
    assert at.dataframe[0].value["Baseline"].tolist() == ["★"]
    baseline = at.session_state["baseline"]
    assert {f.column: f.weight for f in baseline.factors}["revenue"] == 100
    # Back to equal weights: the Ranking page now shows moves against the pinned baseline.
    at = at.sidebar.slider(key="w_sidebar_revenue").set_value(50).run()
    ranking = at.switch_page("pages/ranking.py").run()
    assert not ranking.exception
    assert set(ranking.dataframe[0].value["Change"]) != {"—"}
    # A new session restores the pinned baseline when the store is opened.
    fresh = scenarios_page()
    assert fresh.session_state["baseline"].name == "Base"
    fresh = click(fresh, "Unpin")
    assert fresh.session_state["baseline"] is None


def test_compare_a_scenario_with_itself_and_with_another() -> None:
    at = scenarios_page()
    at = at.sidebar.slider(key="w_sidebar_revenue").set_value(100).run()
    at = save(at, "Rev")
    at.selectbox(key="scenarios_a").select("Rev")
    at.selectbox(key="scenarios_b").select("Rev")
    at = at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Spearman ρ"] == "1.000" and metrics["Kendall τ"] == "1.000"
    assert metrics["Top 20 overlap"] == "100%" and metrics["Customers in both"] == "500"
    assert at.info[-1].value == "Both scenarios rank every customer alike."
    assert len(at.get("vega_lite_chart")) == 2  # migration heatmap and slope chart

    at.selectbox(key="scenarios_b").select("\x00equal")
    at.slider(key="scenarios_top_n").set_value(10)
    at = at.run()
    metrics = {m.label: m.value for m in at.metric}
    assert float(metrics["Spearman ρ"]) < 1
    assert "Top 10 overlap" in metrics
    movers = at.dataframe[1].value
    assert list(movers.columns) == [
        "Customer ID", "Customer", "Rank in A", "Rank in B", "Change", "Tier in A", "Tier in B"
    ]  # fmt: skip
    assert (movers["Rank in A"] != movers["Rank in B"]).all()


def test_comparison_in_chinese() -> None:
    at = scenarios_page("zh")
    labels = [m.label for m in at.metric]
    assert labels == ["Spearman ρ", "Kendall τ", "前 20 名重合", "共同客户"]
    assert at.selectbox(key="scenarios_b").value == "\x00equal"
    assert "等权重" in at.selectbox(key="scenarios_b").options
