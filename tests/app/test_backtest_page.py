"""AppTest of the Backtest page on the bundled sample log: the table, the gain chart and the
reading in both languages, and a cutoff that leaves nothing after it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.app.apptest_support import LANGS, app

PAGE = "pages/backtest.py"
HEADER = {"en": "Spearman ρ", "zh": "斯皮尔曼 ρ"}
CURRENT = {"en": "current scenario", "zh": "当前方案"}


@pytest.fixture(autouse=True)
def _private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


@pytest.mark.parametrize("lang", LANGS)
def test_the_sample_log_is_backtested(lang: str) -> None:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception and not at.error
    table = next(d.value for d in at.dataframe if HEADER[lang] in d.value.columns)
    names = list(table.iloc[:, 0])
    assert names[0] == CURRENT[lang] and len(names) >= 3
    assert table[HEADER[lang]].between(-1, 1).all()
    assert len(at.get("vega_lite_chart")) == 1
    assert at.info and ("ρ" in at.info[-1].value)
    one_holdout_before_the_last_date = date(2024, 12, 31) - timedelta(days=365)
    assert at.date_input(key="backtest_cutoff").value == one_holdout_before_the_last_date


def test_presets_can_be_compared() -> None:
    at = app("en").switch_page(PAGE).run()
    at.multiselect(key="backtest_compare").select("preset:value").run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if HEADER["en"] in d.value.columns)
    assert "preset value" in list(table["Scenario"])


def test_a_one_day_holdout_runs_in_chinese() -> None:
    at = app("zh").switch_page(PAGE).run()
    at.number_input(key="backtest_holdout").set_value(1).run()
    assert not at.exception and not at.error
    assert any("截止日" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", LANGS)
def test_the_realised_value_can_be_the_profit(lang: str) -> None:
    at = app(lang).switch_page(PAGE).run()
    header = {"en": "Top-tier profit share (%)", "zh": "最高层级利润占比（%）"}[lang]
    revenue = next(d.value for d in at.dataframe if HEADER[lang] in d.value.columns)
    at.radio(key="backtest_value").set_value("profit").run()
    assert not at.exception and not at.error
    profit = next(d.value for d in at.dataframe if HEADER[lang] in d.value.columns)
    assert header in profit.columns and not profit[HEADER[lang]].equals(revenue[HEADER[lang]])
    word = {"en": "realised profit", "zh": "实际利润"}[lang]
    assert any(word in c.value for c in at.caption)


def _suggest(at, cutoff: date = date(2023, 6, 1)):
    at.date_input(key="backtest_cutoff").set_value(cutoff).run()
    return at.button(key="backtest_suggest").click().run()


@pytest.mark.parametrize("lang", LANGS)
def test_weights_are_suggested_behind_a_button_with_the_warning(lang: str) -> None:
    at = app(lang).switch_page(PAGE).run()
    assert not any("overfitting" in w.value or "过拟合" in w.value for w in at.warning)
    at = _suggest(at)
    assert not at.exception and not at.error
    word = {"en": "overfitting", "zh": "过拟合"}[lang]
    assert any(word in w.value for w in at.warning)
    suggested = {"en": "Suggested weight (%)", "zh": "建议权重（%）"}[lang]
    weights = next(d.value for d in at.dataframe if suggested in d.value.columns)
    assert weights[suggested].sum() == pytest.approx(100.0)
    window = {"en": "Window", "zh": "时期"}[lang]
    rho = next(d.value for d in at.dataframe if window in d.value.columns)
    assert len(rho) == 2 and rho.iloc[:, 1:].abs().le(1).all().all()


def test_the_suggested_weights_can_be_applied_to_the_current_scenario() -> None:
    from core.method.scenario import FactorSpec, Scenario

    at = app("en")
    log_scenario = Scenario(  # columns of the customer sample and of the log's features
        id_column="customer_id",
        factors=(FactorSpec("orders", "benefit", 50.0), FactorSpec("profit", "benefit", 50.0)),
    )
    at.session_state["scenario"] = log_scenario
    at = _suggest(at.switch_page(PAGE).run())
    assert not at.exception and not at.error
    suggested = next(d.value for d in at.dataframe if "Suggested weight (%)" in d.value.columns)
    at.button(key="backtest_suggest_apply").click().run()
    assert not at.exception and any("now the current scenario's weights" in s.value
                                    for s in at.success)  # fmt: skip
    weights = {f.column: f.weight for f in at.session_state["scenario"].factors}
    names = {"Frequency": "orders", "Profit": "profit"}  # the factors' display names
    assert set(suggested["Factor"]) == set(names)
    expected = dict(zip(suggested["Factor"].map(names), suggested["Suggested weight (%)"],
                        strict=True))  # fmt: skip
    assert weights == pytest.approx(expected) and weights != {"orders": 50.0, "profit": 50.0}


def test_a_log_too_short_for_the_suggestion_says_so() -> None:
    at = _suggest(app("en").switch_page(PAGE).run(), date(2024, 3, 1))
    assert not at.exception
    assert any("too short for a calibration window" in e.value for e in at.error)
