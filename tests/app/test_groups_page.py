"""AppTest of the Groups & strategies page: schemes, tier summary, charts and the playbook."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import LANGS, ROOT, app

PAGE = "pages/groups.py"
SAMPLE = pd.read_csv(ROOT / "data" / "sample_customers_en.csv")


def groups_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def summary(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


@pytest.mark.parametrize("lang", LANGS)
def test_page_loads_with_scheme_summary_charts_and_cards(lang: str) -> None:
    at = groups_page(lang)
    assert at.segmented_control(key="groups_scheme").value == "share"
    first = "分组" if lang == "zh" else "Tier"
    labels = (
        ["关键客户", "重点客户", "普通客户"] if lang == "zh" else ["Key", "Important", "Ordinary"]
    )
    assert summary(at)[first].tolist() == labels
    assert summary(at).iloc[:, 1].tolist() == [100, 150, 250]
    assert len(at.get("vega_lite_chart")) == 3
    service = at.text_area(key=f"pb_{lang}_{labels[0]}_service_level").value
    assert ("VIP" in service) and (
        ("定制化" in service) if lang == "zh" else ("Customised" in service)
    )


def test_switching_to_abc_gives_a_b_c_with_totals_that_add_up() -> None:
    at = groups_page()
    at.segmented_control(key="groups_scheme").set_value("abc").run()
    assert not at.exception
    assert at.session_state["scenario"].tiers.labels == ("A", "B", "C")
    table = summary(at)
    assert table["Tier"].tolist() == ["A", "B", "C"]
    assert table["Customers"].sum() == len(SAMPLE)
    assert table["Revenue"].sum() == pytest.approx(SAMPLE["revenue"].sum())
    assert table["Profit"].sum() == pytest.approx(SAMPLE["profit"].sum())
    assert table["Share of revenue"].sum() == pytest.approx(1.0)
    # A is the few customers that make ~80 % of revenue.
    assert table["Share of revenue"].iloc[0] >= 0.8
    assert table["Customers"].iloc[0] < 0.5 * len(SAMPLE)


def test_abc_cut_offs_move_customers_between_classes() -> None:
    at = groups_page()
    at.segmented_control(key="groups_scheme").set_value("abc").run()
    before = summary(at)["Customers"].iloc[0]
    at.slider(key="groups_cuts").set_value((60, 90)).run()
    assert at.session_state["scenario"].tiers.cuts == (0.6, 0.9)
    assert summary(at)["Customers"].iloc[0] < before


def test_quadrant_scheme_uses_value_and_potential_columns() -> None:
    at = groups_page()
    at.segmented_control(key="groups_scheme").set_value("quadrant").run()
    tiers = at.session_state["scenario"].tiers
    assert tiers.labels == ("Strategic", "High potential", "Basic", "Low efficiency")
    assert (tiers.value_column, tiers.potential_column) == ("revenue", "growth_rate")
    assert summary(at)["Customers"].sum() == len(SAMPLE)
    assert "Invest resources first" in at.text_area(key="pb_en_High potential_service_level").value


def test_share_edits_apply_and_a_bad_total_is_refused() -> None:
    at = groups_page()
    prefix = "g_share_en_3"
    at.text_input(key=f"{prefix}_label_0").input("VIP")
    at.number_input(key=f"{prefix}_value_0").set_value(10.0)
    at.number_input(key=f"{prefix}_value_2").set_value(60.0)
    at.button(key=f"FormSubmitter:{prefix}-Apply").click().run()
    tiers = at.session_state["scenario"].tiers
    assert tiers.labels == ("VIP", "Important", "Ordinary")
    assert tiers.shares == pytest.approx((0.1, 0.3, 0.6))
    assert summary(at)["Customers"].tolist() == [50, 150, 300]
    at.number_input(key=f"{prefix}_value_0").set_value(30.0)
    at.button(key=f"FormSubmitter:{prefix}-Apply").click().run()
    assert not at.exception
    assert "add up to 120 %" in at.error[0].value
    assert at.session_state["scenario"].tiers.shares == pytest.approx((0.1, 0.3, 0.6))


def test_a_playbook_edit_persists_across_page_switches() -> None:
    at = groups_page()
    key = "pb_en_Key_marketing"
    at.text_area(key=key).input("Golf days with the board")
    at.button(key="pb_en_Key_save").click().run()
    # Saved under the tier's key (t1), not its label.
    assert at.session_state["scenario"].playbook["t1"]["marketing"] == "Golf days with the board"
    at.switch_page("pages/ranking.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.text_area(key=key).value == "Golf days with the board"
    assert at.session_state["scenario"].playbook["t1"]["marketing"] == "Golf days with the board"


def test_a_non_numeric_resource_share_is_refused() -> None:
    at = groups_page()
    at.text_area(key="pb_en_Key_resources").input("lots")
    at.button(key="pb_en_Key_save").click().run()
    assert not at.exception
    assert "'lots', not a number" in at.error[0].value
    assert at.session_state["scenario"].playbook == {}


def test_a_non_numeric_resource_share_is_refused_in_chinese() -> None:
    at = groups_page("zh")
    at.text_area(key="pb_zh_关键客户_resources").input("很多")
    at.button(key="pb_zh_关键客户_save").click().run()
    assert not at.exception
    assert (
        "各组策略：「关键客户」的资源占比「很多」不是数字；请填写百分比，例如 30"
        in at.error[0].value
    )
