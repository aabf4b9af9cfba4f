"""Working sessions in the SQLite store: kept, read back, forgotten, pruned; data once."""

from __future__ import annotations

import sqlite3

import pytest

from core.errors import InputError
from core.method.scenario import FactorSpec, Scenario
from core.storage.sessions import DataRef, SavedSession, SessionStore, new_token

SCENARIO = Scenario(
    "客户编号", (FactorSpec("销售额", weight=80.0), FactorSpec("毛利", weight=20.0))
)


def session(content: bytes | None = b"a,b\n1,2\n", digest: str = "d1", **data) -> SavedSession:
    ref = DataRef("clients.csv", digest, content, **data)
    return SavedSession(ref, SCENARIO, "zh", presentation=True)


def data_rows(store: SessionStore) -> int:
    with sqlite3.connect(store.path) as db:
        return db.execute("SELECT count(*) FROM session_data").fetchone()[0]


def test_a_kept_session_comes_back_whole(tmp_path) -> None:
    store = SessionStore(tmp_path)
    token = new_token()
    store.save(token, session(sheet="客户", header_row=3))
    back = SessionStore(tmp_path).load(token)
    assert back == session(sheet="客户", header_row=3)
    assert {f.column: f.weight for f in back.scenario.factors} == {"销售额": 80.0, "毛利": 20.0}


def test_saving_again_replaces_the_state_and_stores_the_bytes_once(tmp_path) -> None:
    store = SessionStore(tmp_path)
    store.save("t1", session())
    store.save("t2", session())
    moved = SavedSession(session().data, SCENARIO.with_weights({"毛利": 90.0}), "en", False)
    store.save("t1", moved)
    assert store.load("t1") == moved
    assert store.load("t2") == session()
    assert data_rows(store) == 1


def test_a_sample_is_named_not_copied(tmp_path) -> None:
    store = SessionStore(tmp_path)
    store.save("t", session(content=None, is_sample=True))
    assert store.load("t").data.is_sample
    assert store.load("t").data.content is None
    assert data_rows(store) == 0


def test_unknown_tokens_and_lost_data_give_nothing(tmp_path) -> None:
    store = SessionStore(tmp_path)
    assert store.load("never-saved-token-123") is None
    store.save("t", session())
    with sqlite3.connect(store.path) as db:
        db.execute("DELETE FROM session_data")
    assert store.load("t") is None


def test_forget_drops_the_session_and_data_no_one_else_uses(tmp_path) -> None:
    store = SessionStore(tmp_path)
    store.save("a", session(digest="shared"))
    store.save("b", session(digest="shared"))
    store.save("c", session(b"other", digest="own"))
    store.forget("c")
    assert store.load("c") is None
    assert data_rows(store) == 1
    store.forget("a")
    assert store.load("b") == session(digest="shared")
    store.forget("b")
    assert data_rows(store) == 0


def test_prune_drops_only_sessions_unused_for_the_given_days(tmp_path) -> None:
    store = SessionStore(tmp_path)
    store.save("old", session(b"old bytes", digest="old"))
    store.save("new", session())
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE sessions SET updated = '2020-01-01T00:00:00+00:00' WHERE token='old'")
    assert store.prune(keep_days=30) == 1
    assert store.load("old") is None
    assert store.load("new") == session()
    assert data_rows(store) == 1


def test_tokens_are_random_and_url_safe() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(t) >= 20 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)


def test_a_damaged_file_is_named_in_a_clear_error(tmp_path) -> None:
    (tmp_path / "workbench.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(InputError, match="session store") as caught:
        SessionStore(tmp_path)
    assert "workbench.sqlite3" in str(caught.value)
