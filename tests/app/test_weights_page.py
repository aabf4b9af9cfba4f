"""The Weights page: sliders re-rank, presets, reset, method, normalisers, missing values."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import ROOT, app

SAMPLE_EN = ROOT / "data" / "sample_customers_en.csv"
FACTORS = [
    "revenue",
    "profit",
    "orders",
    "last_order_date",
    "tenure_years",
    "satisfaction",
    "nps",
    "growth_rate",
    "market_influence",
    "overdue_days",
    "complaints",
]


def weights_page(lang: str = "en") -> AppTest:
    return app(lang).switch_page("pages/weights.py").run()


def top_ids(at: AppTest) -> list[str]:
    return at.dataframe[0].value["Customer ID"].tolist()


def weights(at: AppTest) -> dict[str, float]:
    return {f.column: f.weight for f in at.session_state["scenario"].factors}


def test_loads_with_sliders_top5_and_chart() -> None:
    at = weights_page()
    assert not at.exception
    assert at.title[0].value == "Weights"
    assert {f"w_page_{c}" for c in FACTORS} <= {s.key for s in at.slider}
    assert at.slider(key="w_page_revenue").label == "Revenue ↑ · 9%"
    assert len(at.dataframe[0].value) == 5
    assert len(at.get("vega_lite_chart")) == 1
    assert at.segmented_control(key="method").value == "weighted_sum"


def test_revenue_alone_ranks_by_revenue() -> None:
    at = weights_page()
    before = top_ids(at)
    at.slider(key="w_page_revenue").set_value(100).run()
    for column in FACTORS[1:]:
        at.slider(key=f"w_page_{column}").set_value(0).run()
    assert not at.exception
    expected = pd.read_csv(SAMPLE_EN).nlargest(5, "revenue")["customer_id"].tolist()
    assert top_ids(at) == expected
    assert top_ids(at) != before
    assert at.slider(key="w_page_revenue").label == "Revenue ↑ · 100%"
    assert at.sidebar.slider(key="w_sidebar_revenue").value == 100


def test_presets_change_the_weights() -> None:
    at = weights_page()
    at.button(key="preset_rfm").click().run()
    assert not at.exception
    w = weights(at)
    assert {c for c, v in w.items() if v > 0} == {"revenue", "orders", "last_order_date"}
    assert at.slider(key="w_page_profit").value == 0
    at.button(key="preset_value").click().run()
    w = weights(at)
    assert (w["revenue"], w["profit"], w["orders"], w["satisfaction"]) == (100, 100, 30, 10)
    at.button(key="reset_weights").click().run()
    assert set(weights(at).values()) == {50}


def test_a_preset_that_weighs_nothing_explains_itself() -> None:
    at = weights_page()
    text = "customer_id,satisfaction\nA,4.5\nB,3.0\n"
    upload = ("survey.csv", text.encode(), "text/csv")
    at.switch_page("pages/data.py").run().file_uploader(key="upload").set_value(upload).run()
    at.switch_page("pages/weights.py").run()
    at.button(key="preset_rfm").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("Cannot apply the preset: preset 'rfm' gives every")
    assert weights(at) == {"satisfaction": 50}


def test_method_switch_to_topsis() -> None:
    at = weights_page()
    scores = at.dataframe[0].value["Score"].tolist()
    at.segmented_control(key="method").set_value("topsis").run()
    assert not at.exception
    assert at.session_state["scenario"].method == "topsis"
    assert at.dataframe[0].value["Score"].tolist() != scores
    assert at.selectbox(key="normalize_all").disabled


def test_normaliser_for_all_and_per_factor() -> None:
    at = weights_page()
    assert at.selectbox(key="normalize_all").value == "minmax"
    at.selectbox(key="normalize_all").set_value("percentile").run()
    assert {f.normalize for f in at.session_state["scenario"].factors} == {"percentile"}
    at.selectbox(key="norm_revenue").set_value("log").run()
    assert not at.exception
    spec = at.session_state["scenario"].factors[0]
    assert (spec.column, spec.normalize) == ("revenue", "log")
    assert at.selectbox(key="normalize_all").value is None


def test_missing_value_policy() -> None:
    at = weights_page()
    at.radio(key="missing").set_value("skip").run()
    assert not at.exception
    assert at.session_state["scenario"].missing == "skip"
    assert at.radio(key="missing").value == "skip"


def test_language_switch_changes_the_labels() -> None:
    at = weights_page()
    at.sidebar.segmented_control(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "权重"
    assert at.button(key="preset_value").label == "价值优先"
    assert at.slider(key="w_page_revenue").label == "销售额 ↑ · 9%"  # revenue: its catalog name
    assert at.dataframe[0].value.columns.tolist()[:2] == ["排名", "客户编号"]


def test_chinese_sample() -> None:
    at = weights_page("zh")
    assert not at.exception
    assert at.slider(key="w_page_销售额").label == "销售额 ↑ · 9%"
    assert at.button(key="reset_weights").label == "重置为等权重"
