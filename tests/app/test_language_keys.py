"""AppTest: an expert override, a custom strategy and an allocation name tiers by key, so
switching the language on every page keeps them (labels follow the language; nothing raises)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core.method.ranking import rank_customers
from tests.app.apptest_support import app

PAGES = (
    "streamlit_app.py",
    *(
        f"pages/{name}.py"
        for name in (
            "data",
            "weights",
            "ahp",
            "ranking",
            "groups",
            "accounts",
            "scenarios",
            "sensitivity",
            "orders",
            "review",
            "workshop",
            "export",
        )
    ),
)
KEY_LABEL = {"en": "Key", "zh": "关键客户"}
SECOND = {"en": "Important", "zh": "重点客户"}
STRATEGY = "Golf days with the board"


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(e.value for e in at.error)
    assert "not a tier" not in shown and "不是" not in shown, shown


def _set_everything(at: AppTest) -> str:
    """An override (last customer → t1), a strategy for t2 and tier shares 60 / 30 / 10."""
    at.switch_page("pages/accounts.py").run()
    _ok(at)
    ranking = rank_customers(at.session_state["ingest"].frame, at.session_state["scenario"])
    customer = str(ranking.table["customer_id"].iloc[-1])
    at.selectbox(key="ov_customer").set_value(customer)
    at.selectbox(key="ov_tier").set_value("t1")
    at.text_area(key="ov_reason").input("strategic partner")
    next(b for b in at.button if b.label == "Save override").click().run()
    _ok(at)
    prefix = "al_en_Key|Important|Ordinary"
    for i, share in enumerate((60.0, 30.0, 10.0)):
        at.number_input(key=f"{prefix}_share_{i}").set_value(share)
    next(b for b in at.button if b.label == "Allocate").click().run()
    _ok(at)
    at.switch_page("pages/groups.py").run()
    at.text_area(key="pb_en_Important_marketing").input(STRATEGY)
    at.button(key="pb_en_Important_save").click().run()
    _ok(at)
    return customer


def _check_kept(at: AppTest, customer: str, lang: str) -> None:
    scenario = at.session_state["scenario"]
    assert scenario.tiers.labels[0] == KEY_LABEL[lang]
    (override,) = scenario.overrides
    assert (override.customer_id, override.tier) == (customer, "t1")
    assert scenario.playbook["t2"]["marketing"] == STRATEGY
    assert scenario.allocation.tier_shares == {"t1": 60.0, "t2": 30.0, "t3": 10.0}
    table = rank_customers(at.session_state["ingest"].frame, scenario).table
    row = table.set_index(table["customer_id"].astype(str)).loc[customer]
    assert row["tier"] == KEY_LABEL[lang] and row["override"] == "strategic partner"


def test_switching_the_language_on_every_page_keeps_overrides_strategies_and_allocation():
    at = app("en")
    customer = _set_everything(at)
    lang = "en"
    for page in PAGES:
        at.switch_page(page).run()
        _ok(at)
        titles = []
        for other in ("zh", "en"):  # zh ⇄ en on this page
            at.sidebar.segmented_control(key="lang_choice").set_value(other).run()
            _ok(at)
            _check_kept(at, customer, other)
            titles.append(at.title[0].value)
            lang = other
        assert titles[0] != titles[1], page  # the page was drawn in each language
    # On screen, in the last language: the strategy card and the allocation form.
    at.switch_page("pages/groups.py").run()
    assert at.text_area(key=f"pb_{lang}_{SECOND[lang]}_marketing").value == STRATEGY
    at.switch_page("pages/accounts.py").run()
    prefix = f"al_{lang}_{'|'.join(at.session_state['scenario'].tiers.labels)}"
    assert at.number_input(key=f"{prefix}_share_0").value == 60.0
    _ok(at)


def test_changing_the_tier_scheme_keeps_an_override_on_its_tier_position():
    at = app(lang="en")
    customer = _set_everything(at)
    at.switch_page("pages/groups.py").run()
    for scheme, top in (("abc", "A"), ("quadrant", "strategic"), ("share", "t1")):
        at.segmented_control(key="groups_scheme").set_value(scheme).run()
        _ok(at)
        (override,) = at.session_state["scenario"].overrides
        assert (override.customer_id, override.tier) == (customer, top)
        for page in ("pages/ranking.py", "pages/accounts.py", "pages/groups.py"):
            at.switch_page(page).run()
            _ok(at)
        table = rank_customers(at.session_state["ingest"].frame, at.session_state["scenario"])
        row = table.table.set_index(table.table["customer_id"].astype(str)).loc[customer]
        assert row["tier"] == at.session_state["scenario"].tiers.labels[0]
        assert row["override"] == "strategic partner"
