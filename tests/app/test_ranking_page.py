"""AppTest of the Ranking page on the bundled sample: table, baseline, filters, explanation."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import LANGS, app

PAGE = "pages/ranking.py"


def ranking_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def table(at: AppTest):
    return at.dataframe[0].value


@pytest.mark.parametrize("lang", LANGS)
def test_page_loads_with_its_widgets(lang: str) -> None:
    at = ranking_page(lang)
    headers = ("排名", "客户编号", "客户名称", "得分", "分组", "变化")
    if lang == "en":
        headers = ("Rank", "Customer ID", "Customer", "Score", "Tier", "Change")
    assert list(table(at).columns[:6]) == list(headers)
    assert len(table(at)) == 500
    for key in ("ranking_search", "ranking_tiers", "ranking_top", "ranking_customer"):
        assert at.get_by_key(key) is not None
    # The opening baseline is the equal-weights scenario itself: nobody moved.
    assert set(table(at)[headers[5]]) == {"—"}
    assert not at.get("vega_lite_chart")


def test_moving_a_sidebar_weight_reranks_and_shows_moves() -> None:
    at = ranking_page()
    before = table(at)["Customer ID"].tolist()
    at.sidebar.slider(key="w_sidebar_revenue").set_value(100).run()
    at.sidebar.slider(key="w_sidebar_complaints").set_value(0).run()
    assert not at.exception
    after = table(at)
    assert after["Customer ID"].tolist() != before
    assert after["Rank"].tolist() == list(range(1, 501))
    changes = set(after["Change"])
    assert any(c.startswith("▲ ") for c in changes)
    assert any(c.startswith("▼ ") for c in changes)
    # A customer's arrow is its equal-weights rank minus its new rank.
    moved = after[after["Change"] != "—"].iloc[0]
    old_rank = before.index(moved["Customer ID"]) + 1
    arrow = "▲" if old_rank > moved["Rank"] else "▼"
    assert moved["Change"] == f"{arrow} {abs(old_rank - moved['Rank'])}"


def test_pinning_the_baseline_and_clearing_it() -> None:
    at = ranking_page()
    at.sidebar.slider(key="w_sidebar_revenue").set_value(100).run()
    assert set(table(at)["Change"]) != {"—"}
    at.button[0].click().run()  # pin current as baseline
    assert set(table(at)["Change"]) == {"—"}
    assert "pinned" in at.caption[1].value
    at.sidebar.slider(key="w_sidebar_orders").set_value(0).run()
    assert set(table(at)["Change"]) != {"—"}
    at.button[1].click().run()  # clear: back to equal weights
    assert "equal-weights" in at.caption[1].value


def test_search_matches_id_or_name_case_insensitively() -> None:
    at = ranking_page()
    at.text_input(key="ranking_search").input("c0001").run()
    assert table(at)["Customer ID"].tolist() == ["C0001"]
    at.text_input(key="ranking_search").input("YINCHUAN").run()
    found = table(at)
    assert "C0001" in found["Customer ID"].tolist()
    assert found["Customer"].str.contains("Yinchuan").all()
    at.text_input(key="ranking_search").input("no such customer").run()
    assert table(at).empty
    assert "No customer matches" in at.info[0].value


def test_tier_and_attribute_filters_and_top_n() -> None:
    at = ranking_page()
    at.multiselect(key="ranking_tiers").set_value(["Important"]).run()
    shown = table(at)
    assert len(shown) == 150
    assert set(shown["Tier"]) == {"Important"}
    assert shown["Rank"].tolist() == list(range(101, 251))
    at.multiselect(key="ranking_attr_region").set_value(["East"]).run()
    assert set(table(at)["Region"]) == {"East"}
    at.selectbox(key="ranking_top").set_value(10).run()
    assert len(table(at)) == 10


def test_picking_a_customer_shows_what_lifts_or_pulls_its_score() -> None:
    at = ranking_page()
    at.selectbox(key="ranking_customer").set_value("C0001").run()
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    spec = json.loads(charts[0].proto.spec)
    bars = spec["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x"]["field"] == "relative"
    assert bars["encoding"]["x"]["title"] == "Points against the average customer"
    named = {d.name: d for d in charts[0].proto.datasets}
    data = pa.ipc.open_stream(named[bars["data"]["name"]].data.data).read_all().to_pandas()
    colors = bars["encoding"]["color"]["scale"]["range"]
    assert len(set(colors)) == len(colors)  # one colour per factor
    mean = table(at)["Score"].mean()
    row = table(at).set_index("Customer ID").loc["C0001"]
    gap = data["relative"].sum()
    assert gap == pytest.approx(row["Score"] - mean, abs=0.1)  # the table shows one decimal
    assert any("minus the average" in c.value for c in at.caption)
    assert at.metric[0].value == f"#{row['Rank']}"
    assert at.metric[1].value == f"{row['Score']:.1f}"
    assert at.metric[2].value == row["Tier"]


def test_presentation_mode_hides_ids_and_anonymises_names() -> None:
    at = ranking_page()
    at.sidebar.toggle[0].set_value(True).run()
    shown = table(at)
    assert "Customer ID" not in shown.columns
    assert "revenue" not in shown.columns
    assert shown["Customer"].str.match(r"^Customer [A-Z]+$").all()


def test_the_explanation_reads_in_chinese() -> None:
    at = ranking_page("zh")
    at.selectbox(key="ranking_customer").set_value("C0001").run()
    assert not at.exception
    assert any(m.value == "**哪些因素拉高或拉低得分**" for m in at.markdown)
    assert any("减去平均分" in c.value for c in at.caption)
