"""AppTest of the workshop: the facilitator page and the participant page (sliders or AHP, the
seat kept in the address), both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.workshop.rooms import RoomStore
from tests.app.apptest_support import LANGS, app
from tests.core.i18n.markdown_render import markup
from ui.workshop.state import TOKEN_PREFIX

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
    assert r"\<script>" in shown and r"\*\*Ann\*\*" in shown
    assert markup(shown) & {"html", "link"} == set()  # shown as its characters
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
    assert "no room with code ABCD-2345" in host.info[0].value


def _sent(node) -> list[str]:
    """Every element the page sent to the browser, as text (the whole delta stream)."""
    proto = getattr(node, "proto", None)
    sent = [] if proto is None else [str(proto)]
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else ():
        sent += _sent(child)
    return sent


@pytest.mark.parametrize("lang", LANGS)
def test_the_facilitator_key_reaches_the_page_only_once_revealed(lang: str) -> None:
    host = facilitator(lang)
    key = host.session_state["workshop_room_key"]
    assert not any(key in text for text in _sent(host._tree))
    host.toggle(key="workshop_key_shown").set_value(True).run()
    assert not host.exception and key in [c.value for c in host.code]
    host.toggle(key="workshop_key_shown").set_value(False).run()
    assert not any(key in text for text in _sent(host._tree))


DAMAGED = {
    "en": "if the file is damaged, move it away (a new one is created)",
    "zh": "如果文件已损坏，请把它移走（会自动新建）",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", [WORKSHOP, JOIN])
def test_a_damaged_room_store_is_explained_and_the_other_pages_work(
    page: str, lang: str, tmp_path
) -> None:
    (tmp_path / "rooms.sqlite3").write_bytes(b"not a database" * 300)
    at = app(lang)
    at.query_params["room"] = "ABCD2345"
    at.switch_page(page).run()
    assert not at.exception
    assert at.title[0].value == TITLES["workshop" if page == WORKSHOP else "join"][lang]
    shown = at.error[0].value.replace("\\", "")  # as read: Markdown escapes dropped
    assert len(at.error) == 1 and DAMAGED[lang] in shown and "rooms.sqlite3" in shown
    if page == WORKSHOP:  # the facilitator's other pages still work
        at.switch_page("pages/ranking.py").run()
        assert not at.exception and not at.error


def test_a_room_store_damaged_while_the_room_is_open_is_explained(tmp_path) -> None:
    host = facilitator("en")
    host.session_state["workshop_room_code"] = "ABCD2345"  # a room the store no longer has
    host.run()
    assert not host.exception and "no room with code ABCD-2345" in host.error[0].value


# --- the seat kept in the address (pairwise weighting: test_join_pairwise.py) ----------


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_with_the_seat_restores_the_participant(lang: str) -> None:
    code = facilitator(lang).session_state["workshop_room_code"]
    store = RoomStore()
    columns = store.room(code).scenario.columns
    mine = {c: 10 * k for k, c in enumerate(columns)}  # 0, 10, 20 …
    token = store.submit(code, "Ann", mine).token
    guest = app(lang)
    guest.query_params["room"] = code
    guest.query_params["me"] = token
    guest.switch_page(JOIN).run()
    assert not guest.exception and not guest.text_input  # no name asked: the seat is known
    assert "Ann" in guest.success[0].value
    personal = "此链接仅供你本人使用" if lang == "zh" else "The link is personal"
    assert any(personal in c.value for c in guest.caption)
    assert [s.value for s in guest.slider] == [mine[c] for c in columns]
    assert guest.button(key="join_submit").label == (
        "更新我的权重" if lang == "zh" else "Update my weights"
    )
    guest.slider[0].set_value(100).run()
    guest.button(key="join_submit").click().run()
    assert guest.query_params["me"] == token and guest.query_params["room"] == code
    assert store.my_weights(code, token)[columns[0]] == 100
    # AHP starts from the stored weights: 100 against 10 snaps to "9× as important".
    guest.segmented_control(key="join_mode").set_value("ahp").run()
    assert guest.select_slider(key=f"join_pair_{code}_0_1").value == 9.0
    assert store.room(code).participants == 1  # the same participant, not a new one


def test_a_bogus_or_foreign_seat_is_ignored_with_a_note() -> None:
    code = facilitator("en").session_state["workshop_room_code"]
    other = facilitator("en").session_state["workshop_room_code"]
    store = RoomStore()
    columns = store.room(other).scenario.columns
    foreign = store.submit(other, "Cy", dict.fromkeys(columns, 1)).token
    for bogus in ("forged-token", foreign):
        guest = app("en")
        guest.query_params["room"] = code
        guest.query_params["me"] = bogus
        guest.switch_page(JOIN).run()
        assert not guest.exception and not guest.error and not guest.success
        assert "does not belong to this room" in guest.info[0].value
        assert "me" not in guest.query_params and guest.text_input(key="join_name")
        assert bogus not in "".join(m.value for m in [*guest.markdown, *guest.caption])


def test_a_seat_lost_mid_session_is_dropped_with_a_note() -> None:
    """The session holds a token the store no longer knows (the store was wiped or moved)."""
    code = facilitator("en").session_state["workshop_room_code"]
    store = RoomStore()
    token = store.submit(code, "Ann", dict.fromkeys(store.room(code).scenario.columns, 1)).token
    guest = app("en")
    guest.query_params["room"] = code
    guest.query_params["me"] = token
    guest.switch_page(JOIN).run()
    assert "Ann" in guest.success[0].value
    guest.session_state[TOKEN_PREFIX + code] = "no-longer-valid"
    guest.run()
    assert not guest.exception and not guest.success
    assert "does not belong to this room" in guest.info[0].value
    assert "me" not in guest.query_params and guest.text_input(key="join_name")


@pytest.mark.parametrize(
    ("lang", "date", "days"),
    [
        ("en", "Recency ↓ more recent is better", "Credit risk ↓ lower is better"),
        ("zh", "最近购买日期 ↓ 越近越好", "逾期天数 ↓ 越低越好"),
    ],
)
def test_the_join_sliders_speak_each_factors_direction(lang: str, date: str, days: str) -> None:
    code = facilitator(lang).session_state["workshop_room_code"]
    labels = [s.label for s in participant(lang, code).slider]
    assert date in labels and days in labels, labels
