"""AppTest of the AHP & objective weights page: pairwise judgements, consistency, judges,
applying AHP weights, entropy / CRITIC weights and the blend."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.analysis.sensitivity import filled_matrix
from core.ingest.read import read_table
from core.mapping.catalog import COST, factor_display_name
from core.mapping.columns import detect_mapping
from core.method.objective import entropy_weights
from core.method.ranking import rank_customers
from core.method.scenario_mapping import default_scenario
from tests.app.apptest_support import LANGS, ROOT, app

PAGE = "pages/ahp.py"
CHOSEN = ["revenue", "profit", "orders", "last_order_date", "tenure_years", "satisfaction"]


@pytest.fixture(autouse=True)
def _private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def ahp_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def metric(at: AppTest, label: str) -> float:
    return float(next(m.value for m in at.metric if m.label == label))


def judge(at: AppTest, x: str, y: str, value: float) -> AppTest:
    return at.select_slider(key=f"ahp_pair_{x}_{y}").set_value(value).run()


def weights(at: AppTest) -> dict[str, float]:
    return {f.column: f.weight for f in at.session_state["scenario"].factors}


@pytest.mark.parametrize("lang", LANGS)
def test_page_loads_with_the_six_largest_factors(lang: str) -> None:
    at = ahp_page(lang)
    assert at.title[0].value == (
        "层次分析与客观权重" if lang == "zh" else "AHP & objective weights"
    )
    assert len(at.select_slider) == 15  # 6 factors → 15 pairs
    assert metric(at, "CR") == 0.0 and metric(at, "λmax") == 6.0
    assert metric(at, "RI") == 1.24
    table = at.dataframe[0].value
    assert np.allclose(table.iloc[:, 2], 1 / 6)
    assert len(at.get("vega_lite_chart")) == 2


def test_a_judgement_changes_weights_and_cr() -> None:
    at = judge(ahp_page(), "revenue", "profit", 5.0)
    assert not at.exception
    table = at.dataframe[0].value.set_index("Factor")
    assert table.loc["Revenue", "AHP"] > table.loc["Frequency", "AHP"] > table.loc["Profit", "AHP"]
    assert 0 < metric(at, "CR") < 0.10
    assert "Revenue is 5× as important as Profit" in [c.value for c in at.caption]
    at = judge(at, "revenue", "profit", 1 / 3)
    assert "Profit is 3× as important as Revenue" in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", LANGS)
def test_inconsistent_judgements_warn_and_name_a_pair(lang: str) -> None:
    at = ahp_page(lang)
    x = ["销售额", "毛利", "订单数"] if lang == "zh" else CHOSEN[:3]
    shown = [factor_display_name(c, lang) for c in x]  # Revenue for revenue
    at = judge(at, x[0], x[1], 9.0)
    at = judge(at, x[1], x[2], 9.0)
    at = judge(at, x[0], x[2], 1 / 9)  # a > b > c but c ≫ a: a cycle
    assert metric(at, "CR") >= 0.10
    warning = at.warning[0].value
    if lang == "zh":
        assert "判断之间相互矛盾" in warning and "其他判断提示应为" in warning
        assert f"{x[2]}比{x[0]}重要 9 倍" in warning
    else:
        assert "contradict each other" in warning and "the other judgements suggest" in warning
        assert f"{shown[2]} is 9× as important as {shown[0]}" in warning
    # The worst pair comes with a button that applies its suggested value.
    before = metric(at, "CR")
    fix = next(b for b in at.button if b.key and b.key.startswith("ahp_fix_"))
    assert fix.label.endswith(
        f"{x[0]}与{x[1]}同等重要"
        if lang == "zh"
        else f"{shown[0]} and {shown[1]} are equally important"
    )
    at = fix.click().run()
    assert at.select_slider(key=f"ahp_pair_{x[0]}_{x[1]}").value == 1.0
    assert metric(at, "CR") < before


def test_apply_pushes_ahp_weights_into_the_scenario() -> None:
    at = judge(ahp_page(), "revenue", "profit", 5.0)
    ahp = at.dataframe[0].value.set_index("Factor")["AHP"]
    at = at.button(key="ahp_apply").click().run()
    assert not at.exception
    w = weights(at)
    total = sum(w.values())
    assert w["revenue"] == pytest.approx(100)  # the largest share fills the slider
    # The six chosen factors shared 6/11 of the weight; the others keep 1/11 each.
    for column in CHOSEN:
        assert w[column] / total == pytest.approx(6 / 11 * ahp[factor_display_name(column, "en")])
    assert w["nps"] / total == pytest.approx(1 / 11)
    assert at.sidebar.slider(key="w_sidebar_revenue").value == 100


def test_judges_combine_by_geometric_mean() -> None:
    at = judge(ahp_page(), "revenue", "profit", 9.0)
    at.text_input(key="ahp_new_judge").input("Ann")
    at = next(b for b in at.button if b.label == "Add").click().run()
    assert at.selectbox(key="ahp_judge_pick").value == "Ann"
    assert at.select_slider(key="ahp_pair_revenue_profit").value == 1.0  # Ann starts neutral
    headers = [h.value for h in at.subheader]
    assert "Combined result of 2 judges (geometric mean)" in headers
    at = judge(at, "revenue", "profit", 1.0)
    combined = at.dataframe[0].value.set_index("Factor")["AHP"]
    alone = judge(ahp_page(), "revenue", "profit", 3.0).dataframe[0].value
    # √(9 · 1) = 3: the combined matrix equals one judge saying 3.
    assert np.allclose(combined.to_numpy(), alone["AHP"].to_numpy())


def test_objective_weights_and_blend() -> None:
    at = ahp_page()
    table = at.dataframe[1].value.set_index("Factor")
    assert list(table.columns) == ["Current", "Entropy", "CRITIC", "Blended"]
    frame = read_table((ROOT / "data" / "sample_customers_en.csv").read_bytes(), name="s.csv").frame
    scenario = default_scenario(detect_mapping(frame))
    cost = np.array([f.direction == COST for f in scenario.factors])
    x = filled_matrix(frame, rank_customers(frame, scenario))
    expected = entropy_weights(x, cost, scenario.columns).weights
    assert np.allclose(table["Entropy"].to_numpy(), expected)
    assert table["CRITIC"].sum() == pytest.approx(1)
    assert np.allclose(table["Blended"], 0.5 * table["Current"] + 0.5 * table["Entropy"])
    at = at.slider(key="ahp_alpha").set_value(0.0).run()
    at = at.button(key="ahp_apply_blend").click().run()
    assert not at.exception
    w = np.array(list(weights(at).values()))
    assert np.allclose(w / w.sum(), expected)
