"""AppTest of the workshop: the facilitator page and the participant page, both languages."""

from __future__ import annotations

import pytest
from conftest import LANGS, app
from streamlit.testing.v1 import AppTest

from core.rooms_store import RoomStore

WORKSHOP = "pages/workshop.py"
JOIN = "pages/join.py"
TITLES = {
    "workshop": {"zh": "研讨会：共同确定权重", "en": "Workshop: agree on the weights together"},
    "join": {"zh": "加入研讨会", "en": "Join the workshop"},
}
NASTY = "<script>x</script> **Ann** [l](http://e)"


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def facilitator(lang: str) -> AppTest:
    at = app(lang).switch_page(WORKSHOP).run()
    assert not at.exception and at.title[0].value == TITLES["workshop"][lang]
    at.button(key="workshop_create").click().run()
    assert not at.exception
    return at


def participant(lang: str, code: str) -> AppTest:
    at = app(lang)
    at.query_params["room"] = code
    at.switch_page(JOIN).run()
    assert not at.exception and at.title[0].value == TITLES["join"][lang]
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_a_submission_reaches_the_facilitator(lang: str) -> None:
    host = facilitator(lang)
    code = host.session_state["workshop_room_code"]
    assert any(code[:4] in m.value for m in host.markdown)
    assert host.get("image")  # the QR code
    guest = participant(lang, code)
    assert not guest.sidebar.slider  # no facilitator sliders, no navigation
    assert not guest.get("page_link")
    guest.text_input(key="join_name").input(NASTY).run()
    guest.slider[0].set_value(100).run()
    guest.button(key="join_submit").click().run()
    assert not guest.exception and not guest.error
    shown = guest.success[0].value
    assert "<script>" not in shown and r"\<script\>" in shown and r"\*\*Ann\*\*" in shown
    assert guest.button(key="join_submit").label == (
        "更新我的权重" if lang == "zh" else "Update my weights"
    )
    host.run()
    assert not host.exception
    people = host.dataframe[1].value
    assert people.iloc[0, 0] == NASTY and bool(people.iloc[0, 2]) is True
    assert [m.value for m in host.metric][:2] == ["1", "1"]


def test_revising_keeps_one_submission_and_rounds_close() -> None:
    host = facilitator("en")
    code, key = host.session_state["workshop_room_code"], host.session_state["workshop_room_key"]
    guest = participant("en", code)
    guest.text_input(key="join_name").input("Ann").run()
    guest.button(key="join_submit").click().run()
    guest.slider[1].set_value(90).run()
    guest.button(key="join_submit").click().run()
    assert guest.info[-1].value == "Saved (submission number 2)."
    table = RoomStore().submissions(code, key)
    assert len(table) == 1 and table.iloc[0, 5] == 90
    host.button(key="workshop_close").click().run()
    guest.run()
    assert guest.button(key="join_submit").disabled
    assert "round is closed" in guest.warning[0].value
    host.button(key="workshop_next").click().run()
    guest.run()
    assert not guest.button(key="join_submit").disabled
    assert guest.button(key="join_submit").label == "Submit weights"


def test_adopting_the_consensus_sets_the_sidebar_weights() -> None:
    host = facilitator("en")
    code = host.session_state["workshop_room_code"]
    store = RoomStore()
    columns = store.room(code).scenario.columns
    store.submit(code, "A", {c: 100 if c == "revenue" else 10 for c in columns})
    store.submit(code, "B", {c: 100 if c == "revenue" else 30 for c in columns})
    host.run().button(key="workshop_adopt").click().run()
    assert not host.exception
    assert host.sidebar.slider(key="w_sidebar_revenue").value == 100
    # mean shares: revenue (.5 + .25) / 2 = .375, profit (.05 + .075) / 2 = .0625 → 100 : 17
    assert host.sidebar.slider(key="w_sidebar_profit").value == 17


def test_wrong_code_and_wrong_key_are_explained() -> None:
    guest = participant("en", "ABCD2345")
    assert "That room was not found" in guest.error[0].value
    host = app("en").switch_page(WORKSHOP).run()
    host.text_input(key="workshop_open_code").input("ABCD2345")
    host.text_input(key="workshop_open_key").input("nope").run()
    host.button(key="workshop_reopen").click().run()
    assert "no room with code ABCD\\-2345" in host.info[0].value
