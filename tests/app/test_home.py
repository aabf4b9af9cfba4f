"""Home page: the sample ranked at a glance, live weight sliders, the language switch."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.app.apptest_support import app

ROOT = Path(__file__).resolve().parents[2]
TITLES = {"en": "Customer Importance Workbench", "zh": "客户重要性排序工作台"}
METRICS = {
    "en": ["Customers", "Excluded rows", "Revenue share of top 20 %", "Method"],
    "zh": ["客户数", "排除行", "前 20% 客户收入占比", "方法"],
}
TOP_COLUMNS = {
    "en": ["Rank", "Customer ID", "Customer", "Score", "Tier"],
    "zh": ["排名", "客户编号", "客户名称", "得分", "分组"],
}


def _top_ids(at) -> list[str]:
    return at.dataframe[0].value.iloc[:, 1].tolist()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_ranks_the_sample(lang):
    at = app(lang)
    assert not at.exception
    assert at.title[0].value == TITLES[lang]
    assert [m.label for m in at.metric] == METRICS[lang]
    assert at.metric[0].value == "500"
    top = at.dataframe[0].value
    assert top.columns.tolist() == TOP_COLUMNS[lang]
    assert len(top) == 10
    assert top.iloc[:, 0].tolist() == list(range(1, 11))
    assert top.iloc[:, 3].is_monotonic_decreasing


def test_moving_a_sidebar_slider_reorders_the_top_ten():
    at = app("en")
    before = _top_ids(at)
    at.sidebar.slider(key="w_sidebar_revenue").set_value(100).run()
    assert not at.exception
    assert _top_ids(at) != before
    assert at.session_state["scenario"].factors[0].weight == 100


def test_revenue_alone_ranks_by_revenue():
    at = app("en")
    for slider in at.sidebar.slider:
        slider.set_value(100 if slider.key == "w_sidebar_revenue" else 0)
    at.run()
    assert not at.exception
    sample = pd.read_csv(ROOT / "data" / "sample_customers_en.csv")
    expected = sample.sort_values("revenue", ascending=False, kind="stable")["customer_id"]
    assert _top_ids(at) == expected.head(10).tolist()
    assert at.dataframe[0].value.iloc[0, 3] == 100.0


def test_language_switch_changes_the_title_and_the_table():
    at = app("en")
    at.sidebar.segmented_control(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == TITLES["zh"]
    assert at.dataframe[0].value.columns.tolist() == TOP_COLUMNS["zh"]
    at.sidebar.segmented_control(key="lang_choice").set_value("en").run()
    assert at.title[0].value == TITLES["en"]
