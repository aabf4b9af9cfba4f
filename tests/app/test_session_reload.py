"""Nothing lost on reload: a new browser session on the same ``?sid=`` link gets the data,
weights, language and presentation mode back; "Start over" forgets them."""

from __future__ import annotations

import sqlite3

from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import ENTRYPOINT, ROOT, app
from ui.session import flush_writes

SAMPLE_ZH = ROOT / "data" / "sample_customers_zh.csv"


def reopened(sid: str, lang: str | None = None, page: str | None = None) -> AppTest:
    """A fresh browser session opening the link with ``sid`` (as F5 or a reopened tab does)."""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["sid"] = sid
    if lang:
        at.query_params["lang"] = lang
    at.run()
    return at.switch_page(page).run() if page else at


def weights(at: AppTest) -> dict[str, float]:
    return {f.column: f.weight for f in at.session_state["scenario"].factors}


def worked_session() -> AppTest:
    """Upload the Chinese sample as a file, move a weight, turn presentation mode on."""
    at = app("en").switch_page("pages/data.py").run()
    content = SAMPLE_ZH.read_bytes()
    at.file_uploader(key="upload").set_value(("clients.csv", content, "text/csv")).run()
    at.sidebar.slider(key="w_sidebar_销售额").set_value(95).run()
    at.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    assert not at.exception
    return at


def test_every_session_gets_a_token_in_its_url() -> None:
    first, second = app("en"), app("en")
    assert len(first.query_params["sid"]) >= 20
    assert first.query_params["sid"] != second.query_params["sid"]


def test_a_reload_brings_back_the_data_weights_and_presentation_mode() -> None:
    at = worked_session()
    sid = at.query_params["sid"]
    back = reopened(sid, "en", "pages/ranking.py")
    assert not back.exception and not back.warning
    assert back.session_state["ingest"].source == "clients.csv"
    assert weights(back) == weights(at)
    assert weights(back)["销售额"] == 95
    assert back.session_state["presentation"] is True
    assert back.query_params["sid"] == sid
    ranked = back.session_state["ingest"].frame
    assert len(ranked) == len(at.session_state["ingest"].frame)


def test_a_link_without_a_language_takes_the_session_language() -> None:
    at = app("zh")
    at.sidebar.slider(key="w_sidebar_销售额").set_value(10).run()
    back = reopened(at.query_params["sid"])
    assert back.title[0].value == at.title[0].value
    assert back.query_params["lang"] == "zh"
    assert weights(back)["销售额"] == 10
    assert back.session_state["dataset"].is_sample


def test_start_over_forgets_the_session_and_opens_the_sample() -> None:
    at = worked_session()
    sid = at.query_params["sid"]
    at.sidebar.button(key="start_over").click().run()
    assert not at.exception
    assert at.session_state["dataset"].is_sample
    assert "presentation" not in at.session_state or not at.session_state["presentation"]
    assert at.query_params["sid"] != sid
    gone = reopened(sid, "en")
    assert gone.session_state["dataset"].is_sample
    assert [w.value for w in gone.warning] == [
        "The session in this link is no longer kept on this machine (unused for 30 days, or "
        "started over); the sample data is open."
    ]


def test_an_unknown_session_says_so_in_chinese() -> None:
    at = reopened("NoSuchSessionToken1234", "zh")
    assert not at.exception
    assert at.warning[0].value.startswith("此链接中的会话已不在本机保存")


def test_a_damaged_store_is_said_once_and_the_app_works_on(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))
    (tmp_path / "workbench.sqlite3").write_bytes(b"garbage" * 1000)
    at = reopened("SomeSessionToken123456", "en")
    assert not at.exception
    assert "Your work cannot be kept for a reload on this machine" in at.warning[0].value
    assert "session store" in at.warning[0].value
    at.sidebar.slider(key="w_sidebar_revenue").set_value(80).run()
    assert not at.exception and not at.warning


def test_sessions_unused_for_30_days_are_dropped_when_the_app_opens() -> None:
    at = worked_session()
    sid = at.query_params["sid"]
    store = at.session_state["session_store"]
    flush_writes()
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE sessions SET updated = '2020-01-01T00:00:00+00:00'")
    app("en")  # another browser session opens the store
    assert store.load(sid) is None
