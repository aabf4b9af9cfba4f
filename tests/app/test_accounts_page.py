"""AppTest of the Key accounts & resources page: expert overrides, key-account types, resource
allocation and profitability by segment, in both languages."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.method.overrides import Override
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario
from core.strategy.key_accounts import AccountRule
from tests.app.apptest_support import LANGS, ROOT, app
from ui.accounts.key_accounts import saved_rules, stable_name, with_rules
from ui.accounts.overrides import customer_options, with_override, without_override

PAGE = "pages/accounts.py"
SAMPLES = {lang: pd.read_csv(ROOT / "data" / f"sample_customers_{lang}.csv") for lang in LANGS}
TEXT = {
    "en": {
        "save": "Save override",
        "key": "Key",
        "types": ["Strategic", "Partner", "Transactional"],
        "tier": "Tier",
        "revenue": "Revenue",
        "profit": "Profit",
        "allocate": "Allocate",
        "allocated": "Allocated (money)",
        "amount": "Amount (money)",
        "type": "Account type",
        "margin": "Margin",
    },
    "zh": {
        "save": "保存调整",
        "key": "关键客户",
        "types": ["战略型", "伙伴型", "交易型"],
        "tier": "分组",
        "revenue": "销售额",
        "profit": "利润",
        "allocate": "分配",
        "allocated": "已分配（万元）",
        "amount": "分配量（万元）",
        "type": "客户类型",
        "margin": "利润率",
    },
}


def accounts_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on screen that has ``column``."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def submit(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def last_customer(at: AppTest) -> str:
    ranking = rank_customers(at.session_state["ingest"].frame, at.session_state["scenario"])
    return str(ranking.table["customer_id"].iloc[-1])


def override(at: AppTest, lang: str, customer: str, reason: str, tier: str | None) -> AppTest:
    at.selectbox(key="ov_customer").set_value(customer)
    if tier is not None:
        at.selectbox(key="ov_tier").set_value(tier)
    at.text_area(key="ov_reason").input(reason)
    at.text_input(key="ov_author").input("Li Wei")
    return submit(at, TEXT[lang]["save"])


@pytest.mark.parametrize("lang", LANGS)
def test_an_override_with_a_reason_moves_the_customer_and_survives_rescoring(lang: str) -> None:
    at = accounts_page(lang)
    customer, key = last_customer(at), TEXT[lang]["key"]
    override(at, lang, customer, "strategic partner", "t1")  # picked by label, saved by key
    assert not at.error
    (saved,) = at.session_state["scenario"].overrides
    assert (saved.customer_id, saved.tier, saved.reason, saved.author) == (
        customer,
        "t1",
        "strategic partner",
        "Li Wei",
    )
    assert saved.at.endswith("+00:00") and saved.at[:2] == "20"
    frame = at.session_state["ingest"].frame
    table = rank_customers(frame, at.session_state["scenario"]).table.set_index("customer_id")
    assert table.loc[customer, "tier"] == key
    assert table.loc[customer, "computed_tier"] != key
    assert table.loc[customer, "override"] == "strategic partner"
    # On screen: the audit and the customers' table show the new tier.
    audit = frame_with(at, "From tier" if lang == "en" else "原分组")
    assert audit.iloc[0, 3] == key and audit.iloc[0, 5] == "strategic partner"
    listing = frame_with(at, TEXT[lang]["type"])
    assert (listing[TEXT[lang]["tier"]] == key).sum() == 101  # 100 computed + the override
    # The reason box is cleared, the author remembered.
    assert at.text_area(key="ov_reason").value == ""
    assert at.text_input(key="ov_author").value == "Li Wei"

    at.sidebar.slider(key="w_sidebar_" + frame.columns[4]).set_value(100).run()
    assert not at.exception
    scenario = at.session_state["scenario"]
    assert scenario.factors[0].weight == 100 and len(scenario.overrides) == 1
    table = rank_customers(frame, scenario).table.set_index("customer_id")
    assert table.loc[customer, "tier"] == key
    assert table.loc[customer, "override"] == "strategic partner"


@pytest.mark.parametrize("lang", LANGS)
def test_an_override_without_a_reason_is_refused_and_nothing_typed_is_lost(lang: str) -> None:
    at = accounts_page(lang)
    customer = last_customer(at)
    override(at, lang, customer, "   ", "t1")
    assert at.session_state["scenario"].overrides == ()
    why = {
        "en": f"the override for customer {customer!r} needs a reason; say why",
        "zh": f"方案：客户「{customer}」的专家调整需要写明理由",
    }
    assert why[lang] in at.error[0].value
    assert at.selectbox(key="ov_customer").value == customer
    assert at.selectbox(key="ov_tier").value == "t1"
    assert at.text_input(key="ov_author").value == "Li Wei"


def test_a_pinned_rank_and_the_remove_action() -> None:
    at = accounts_page()
    customer = last_customer(at)
    at.number_input(key="ov_rank").set_value(1)
    override(at, "en", customer, "board decision", None)
    frame = at.session_state["ingest"].frame
    table = rank_customers(frame, at.session_state["scenario"]).table
    assert table["customer_id"].iloc[0] == customer
    audit = frame_with(at, "From rank")
    assert (audit["From rank"].iloc[0], audit["To rank"].iloc[0]) == (500, 1)
    assert audit["Status"].iloc[0] == "applied"
    at.selectbox(key="ov_remove").set_value(customer)
    submit(at, "Remove")
    assert at.session_state["scenario"].overrides == ()


def test_overrides_for_ids_not_in_the_data_are_reported() -> None:
    at = accounts_page()
    scenario = at.session_state["scenario"]
    missing = Override("X999", tier="Key", reason="new contract")
    at.session_state["scenario"] = with_override(scenario, missing)
    at.run()
    assert not at.exception
    assert at.warning[0].value == (
        "Overrides for these customer IDs are not in the current data and are not applied: X999"
    )
    assert frame_with(at, "Status")["Status"].tolist() == ["ID not in the data"]


@pytest.mark.parametrize("lang", LANGS)
def test_key_account_types_and_the_value_matrix_are_shown(lang: str) -> None:
    at = accounts_page(lang)
    counts = [int(metric(at, name)) for name in TEXT[lang]["types"]]
    assert sum(counts) == 500 and all(c > 0 for c in counts)
    listing = frame_with(at, TEXT[lang]["type"])
    assert len(listing) == 500
    assert listing[TEXT[lang]["type"]].value_counts()[TEXT[lang]["types"][0]] == counts[0]
    sample = SAMPLES[lang]
    assert at.selectbox(key="ka_scale").value == sample.columns[4]  # revenue / 销售额
    assert at.selectbox(key="ka_potential").value == sample.columns[11]  # growth
    assert at.selectbox(key="ka_influence").value == sample.columns[12]  # influence
    assert len(at.get("vega_lite_chart")) == 3  # matrix, allocation, profitability


def test_saved_rules_change_the_types() -> None:
    at = accounts_page()
    before = int(metric(at, "Strategic"))
    strict = (AccountRule("strategic", 95, 0, 0), AccountRule("transactional"))
    at.session_state["scenario"] = with_rules(at.session_state["scenario"], strict)
    at.run()
    assert not at.exception
    assert int(metric(at, "Strategic")) == 25 < before  # the top 5 % by revenue
    assert int(metric(at, "Transactional")) == 475
    assert at.session_state["scenario"].key_account_rules.to_dict()["rules"][0] == {
        "name": "strategic",
        "scale": 95.0,
        "potential": 0.0,
        "influence": 0.0,
    }


@pytest.mark.parametrize("lang", LANGS)
def test_allocation_adds_up_to_the_budget_on_screen(lang: str) -> None:
    at = accounts_page(lang)
    assert metric(at, TEXT[lang]["allocated"]) == "100.00"
    labels = "|".join(at.session_state["scenario"].tiers.labels)
    prefix = f"al_{lang}_{labels}"
    at.number_input(key=f"{prefix}_budget").set_value(37.0)
    at.selectbox(key=f"{prefix}_unit").set_value("managers")
    submit(at, TEXT[lang]["allocate"])
    assert not at.error
    unit = "客户经理（人）" if lang == "zh" else "account managers"
    assert metric(at, TEXT[lang]["allocated"].replace("万元", unit).replace("money", unit)) == (
        "37.00"
    )
    amounts = frame_with(at, TEXT[lang]["amount"].replace("万元", unit).replace("money", unit))
    column = amounts.columns[3]
    assert amounts[column].sum() == 37 and (amounts[column] % 1 == 0).all()
    policy = at.session_state["scenario"].allocation
    assert policy.unit == "managers" and policy.budget == 37.0
    # The playbook's resource shares (50 / 35 / 15) split the tiers.
    assert amounts[column].tolist() == [18, 13, 6]


def test_an_impossible_allocation_is_refused() -> None:
    at = accounts_page()
    prefix = "al_en_Key|Important|Ordinary"
    at.number_input(key=f"{prefix}_budget").set_value(1000.0)
    at.number_input(key=f"{prefix}_cap").set_value(1.0)
    submit(at, "Allocate")
    assert at.error[0].value == (
        "This allocation cannot be made; the saved policy is kept. allocation: 500 customers × "
        "cap 1 = 500 is less than the budget 1000; raise the cap or lower the budget"
    )
    assert at.session_state["scenario"].allocation is None
    assert at.number_input(key=f"{prefix}_budget").value == 1000.0  # as typed
    assert metric(at, "Allocated (money)") == "100.00"


@pytest.mark.parametrize("lang", LANGS)
def test_profitability_totals_equal_the_overall_totals(lang: str) -> None:
    at = accounts_page(lang)
    sample = SAMPLES[lang]
    revenue, profit = TEXT[lang]["revenue"], TEXT[lang]["profit"]
    for segment in ("tier", sample.columns[3]):  # tier, then region / 区域
        at.segmented_control(key="pf_segment").set_value(segment).run()
        assert not at.exception
        table = frame_with(at, TEXT[lang]["margin"])
        assert table[revenue].sum() == pytest.approx(sample.iloc[:, 4].sum())
        assert table[profit].sum() == pytest.approx(sample.iloc[:, 5].sum())
        assert table.iloc[:, 1].sum() == 500
    losers = (sample.iloc[:, 5] < 0).sum()
    assert metric(at, "亏损客户" if lang == "zh" else "Loss-making customers") == str(losers)


def test_presentation_mode_hides_ids_in_the_customer_picker() -> None:
    at = accounts_page()
    at.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    assert not at.exception
    shown = at.selectbox(key="ov_customer").options
    assert len(shown) == 500 and all(s.startswith("Customer ") for s in shown), shown[:3]
    names = frame_with(at, "Account type")["Customer"]
    assert names.str.fullmatch(r"Customer [A-Z]+").all()


def test_customer_options_and_rule_helpers() -> None:
    ids, names = pd.Series(["C1", "C2"]), pd.Series(["Acme", ""])
    assert customer_options(ids, names, False) == {"C1": "C1 — Acme", "C2": "C2"}
    assert customer_options(ids, pd.Series(["客户 A", "客户 B"]), True) == {
        "C1": "客户 A",
        "C2": "客户 B",
    }
    assert stable_name("战略型") == "strategic" and stable_name(" Partner ") == "partner"
    assert stable_name("VIP") == "VIP"
    scenario = Scenario("id", (FactorSpec("x"),))
    assert saved_rules(scenario)[0].name == "strategic"
    broken = with_rules(scenario, (AccountRule("a"),))
    assert saved_rules(broken) == (AccountRule("a"),)
    one = with_override(scenario, Override("C1", tier="Key", reason="r"))
    two = with_override(one, Override("C1", rank=2, reason="s"))
    assert [(o.tier, o.rank) for o in two.overrides] == [(None, 2)]
    assert without_override(two, "C1").overrides == ()
