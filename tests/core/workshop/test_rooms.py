"""Workshop rooms: rules, store (create/submit/replace/rounds/limits/keys), summary, export,
30 concurrent participants (threads and processes) and a process killed mid-round."""

from __future__ import annotations

import json
import math
import multiprocessing
import signal
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

import tests.core.room_backends as room_backends
from core.errors import InputError
from core.i18n import localize
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.scenario import FactorSpec, Scenario
from core.method.scenario_mapping import default_scenario
from core.workshop import rules as rooms
from core.workshop.db import database_url
from core.workshop.rooms import RoomStore
from core.workshop.rules import (
    CODE_ALPHABET,
    clean_name,
    format_code,
    parse_code,
    round_history,
    secret_hash,
    secret_matches,
    summarize,
)
from tests.core.race_support import race
from tests.core.writer_support import KILL_ROOM_SIZE, run_and_kill

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample_customers_en.csv"
SCENARIO = Scenario("id", (FactorSpec("a"), FactorSpec("b"), FactorSpec("c", "cost")))


@pytest.fixture(params=room_backends.BACKENDS)
def where(request, tmp_path: Path) -> str:
    """A fresh room store on SQLite and on PostgreSQL (see tests/core/room_backends.py)."""
    return room_backends.where(request.param, tmp_path)


@pytest.fixture
def store(where: str) -> Iterator[RoomStore]:
    opened = RoomStore(where)
    yield opened
    opened.engine.dispose()


def weights(a: float, b: float, c: float) -> dict[str, float]:
    return {"a": a, "b": b, "c": c}


# --- rules ------------------------------------------------------------------------------


def test_codes_are_8_unambiguous_characters_and_parse_back() -> None:
    codes = {rooms.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 8 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01IO") & set(CODE_ALPHABET) and len(CODE_ALPHABET) == 32  # 40 bits
    assert format_code("ABCD2345") == "ABCD-2345"
    assert parse_code(" abcd-2345 ") == "ABCD2345"
    with pytest.raises(InputError, match="room code 'ABCD-0000': a code is 8 letters"):
        parse_code("ABCD-0000")


def test_secrets_are_hashed_and_compared_safely() -> None:
    key = rooms.new_secret()
    assert len(key) >= 43 and secret_hash(key) != key and len(secret_hash(key)) == 64
    assert secret_matches(key, secret_hash(key))
    assert not secret_matches(key + "x", secret_hash(key))
    assert not secret_matches(None, secret_hash(key))


def test_names_are_trimmed_and_bounded() -> None:
    assert clean_name("  Ann   Lee ") == "Ann Lee"
    for bad in ("", "   ", "x" * 41, "a\x00b", 7):
        with pytest.raises(InputError, match="give a name of 1 to 40 characters"):
            clean_name(bad)


def test_check_weights_requires_every_factor_as_a_number() -> None:
    assert rooms.check_weights({"a": 1, "b": 0, "c": 2.5}, ["a", "b", "c"]) == weights(1, 0, 2.5)
    with pytest.raises(
        InputError, match=r"unknown factor\(s\) \['z'\] and missing factor\(s\) \['c'\]"
    ):
        rooms.check_weights({"a": 1, "b": 1, "z": 1}, ["a", "b", "c"])
    with pytest.raises(InputError, match="'b' has '3'; use a number from 0 to 1,000,000"):
        rooms.check_weights({"a": 1, "b": "3", "c": 1}, ["a", "b", "c"])
    for extreme in (1e308, 1.7976931348623157e308, -1e308, math.inf, math.nan, 1_000_001):
        with pytest.raises(InputError, match="use a number from 0 to 1,000,000"):
            rooms.check_weights({"a": 1, "b": extreme, "c": 1}, ["a", "b", "c"])
    assert rooms.check_weights(weights(1_000_000, 0, 1), ["a", "b", "c"])["a"] == 1_000_000
    with pytest.raises(InputError, match="all weights are zero"):
        rooms.check_weights(weights(0, 0, 0), ["a", "b", "c"])


def test_store_location_follows_the_scenario_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path / "d"))
    assert database_url() == f"sqlite:///{tmp_path / 'd' / 'rooms.sqlite3'}"
    assert database_url(tmp_path / "x.sqlite3") == f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert database_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    monkeypatch.setenv("DATABASE_URL", "postgresql://h/db")
    assert database_url() == "postgresql+psycopg://h/db"


# --- store ------------------------------------------------------------------------------


def test_create_submit_replace_and_read(store: RoomStore) -> None:
    room = store.create_room(SCENARIO)
    info = store.room(format_code(room.code).lower())
    assert (info.round, info.round_open, info.participants, info.submitted) == (1, True, 0, 0)
    first = store.submit(room.code, "Ann", weights(1, 2, 3))
    assert first.token and (first.participant, first.round, first.revision) == ("Ann", 1, 1)
    again = store.submit(room.code, None, weights(3, 2, 1), token=first.token)
    assert (again.revision, again.token) == (2, None)
    store.submit(room.code, "Bob", weights(1, 1, 1))
    table = store.submissions(room.code, room.facilitator_key)
    assert table[["participant", "revision", "a", "b", "c"]].values.tolist() == [
        ["Ann", 2, 3.0, 2.0, 1.0],
        ["Bob", 1, 1.0, 1.0, 1.0],
    ]
    assert store.my_weights(room.code, first.token) == weights(3, 2, 1)
    assert store.room(room.code).submitted == 2


def test_only_the_token_holder_changes_a_submission(store: RoomStore) -> None:
    room = store.create_room(SCENARIO)
    store.submit(room.code, "Ann", weights(1, 2, 3))
    with pytest.raises(InputError, match="the name 'ann' is taken in this room"):
        store.submit(room.code, "ann", weights(9, 9, 9))
    with pytest.raises(InputError, match="participant token is not valid"):
        store.submit(room.code, "Ann", weights(9, 9, 9), token="forged")
    assert store.submissions(room.code, room.facilitator_key)["a"].tolist() == [1.0]


def test_a_token_gives_back_its_holder_in_its_room_only(store: RoomStore) -> None:
    room, other = store.create_room(SCENARIO), store.create_room(SCENARIO)
    token = store.submit(room.code, "Ann", weights(1, 2, 3)).token
    store.submit(room.code, "Bob", weights(1, 1, 1))
    elsewhere = store.submit(other.code, "Cy", weights(1, 1, 1)).token
    assert store.participant_name(format_code(room.code).lower(), token) == "Ann"
    for wrong in (elsewhere, token[:-1], "forged", "", None):
        assert store.participant_name(room.code, wrong) is None
    assert store.participant_name(other.code, token) is None
    with pytest.raises(InputError, match="no room with code"):
        store.participant_name("ABCD2345", token)


def test_rounds_close_and_open(store: RoomStore) -> None:
    room = store.create_room(SCENARIO)
    store.submit(room.code, "Ann", weights(1, 2, 3), by_name=True)
    store.close_round(room.code, room.facilitator_key)
    with pytest.raises(InputError, match=r"round 1 is closed; wait for the facilitator"):
        store.submit(room.code, "Ann", weights(1, 1, 1), by_name=True)
    assert store.next_round(room.code, room.facilitator_key) == 2
    store.submit(room.code, "Ann", weights(1, 1, 1), by_name=True)
    table = store.submissions(room.code, room.facilitator_key)
    assert table[["round", "participant", "revision"]].values.tolist() == [
        [1, "Ann", 1],
        [2, "Ann", 1],
    ]
    export = store.export(room.code, room.facilitator_key)
    assert [r["round"] for r in export["rounds"]] == [1, 2]
    assert export["rounds"][0]["closed"] is not None and export["rounds"][1]["closed"] is None
    assert export["rounds"][1]["submissions"][0]["weights"] == weights(1, 1, 1)
    assert "key_hash" not in json.dumps(export) and room.facilitator_key not in json.dumps(export)


def test_wrong_key_and_unknown_code(store: RoomStore) -> None:
    room = store.create_room(SCENARIO)
    for action in (store.verify_key, store.close_round, store.next_round, store.submissions):
        with pytest.raises(InputError, match="the facilitator key is wrong"):
            action(room.code, "not-the-key")
    with pytest.raises(InputError, match="no room with code 2222-2222"):
        store.room("22222222")


def test_rate_limit_per_participant(store: RoomStore) -> None:
    room = store.create_room(SCENARIO)
    token = store.submit(room.code, "Ann", weights(1, 1, 1), now=1000.0).token
    for k in range(1, rooms.SUBMIT_LIMIT):
        store.submit(room.code, None, weights(k, 1, 1), token=token, now=1000.0 + k)
    with pytest.raises(InputError, match="too many submissions: at most 10 per minute"):
        store.submit(room.code, None, weights(5, 5, 5), token=token, now=1030.0)
    store.submit(room.code, "Bob", weights(1, 1, 1), now=1030.0)  # others are not held up
    assert store.submit(room.code, None, weights(5, 5, 5), token=token, now=1061.0).revision == 11


def test_room_size_limit(store: RoomStore) -> None:
    room = store.create_room(SCENARIO, max_participants=2)
    store.submit(room.code, "A", weights(1, 1, 1))
    store.submit(room.code, "B", weights(1, 1, 1))
    with pytest.raises(InputError, match=r"is full \(2 participants\); ask the facilitator"):
        store.submit(room.code, "C", weights(1, 1, 1))


def test_names_are_stored_verbatim_for_escaping_at_display(store: RoomStore) -> None:
    room = store.create_room(SCENARIO)
    name = "<script>alert(1)</script>"
    store.submit(room.code, name, weights(1, 1, 1))
    assert store.participants(room.code, room.facilitator_key)["participant"].tolist() == [name]


def test_room_data_only_when_shown(store: RoomStore) -> None:
    data = pd.DataFrame({"customer": ["Customer A"], "a": [1.5]})
    shown = store.create_room(SCENARIO, show_data=True, data=data)
    hidden = store.create_room(SCENARIO, show_data=False, data=data)
    assert store.room_data(shown.code).equals(data)
    assert store.room_data(hidden.code) is None


def test_reopened_store_keeps_everything(where: str) -> None:
    room = RoomStore(where).create_room(SCENARIO)
    RoomStore(where).submit(room.code, "Ann", weights(1, 2, 3))
    assert len(RoomStore(where).submissions(room.code, room.facilitator_key)) == 1


# --- summary ----------------------------------------------------------------------------


def test_summary_without_data_uses_factor_rankings() -> None:
    table = pd.DataFrame(
        {"participant": ["A", "B"], "a": [3.0, 1.0], "b": [2.0, 2.0], "c": [1.0, 3.0]}
    )
    summary = summarize(table, SCENARIO)
    assert summary.w_basis == "factors" and summary.top is None
    assert summary.consensus == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    assert summary.kendall_w == 0.0  # opposite factor orders
    assert summary.distances["distance"].tolist() == pytest.approx([1 / 6, 1 / 6])


def test_summary_on_data_ranks_customers_per_participant() -> None:
    frame = read_table(SAMPLE).frame
    scenario = default_scenario(detect_mapping(frame), "en")
    columns = scenario.columns
    same = {c: 1.0 for c in columns}
    table = pd.DataFrame([{"participant": p, **same} for p in ("A", "B", "C")])
    summary = summarize(table, scenario, frame=frame, top_n=5)
    assert summary.w_basis == "customers" and summary.kendall_w == pytest.approx(1.0)
    assert summary.top.columns.tolist() == [
        "rank",
        "consensus",
        *(f"participant:{p}" for p in "ABC"),
    ]
    from core.method.ranking import rank_customers

    expected = rank_customers(frame, scenario).table["customer_id"].head(5).tolist()
    assert summary.top["consensus"].tolist() == expected
    assert summary.distances["tau"].tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_round_history_shows_the_spread_narrowing() -> None:
    rows = [(1, "A", 9, 1, 1), (1, "B", 1, 9, 1), (2, "A", 5, 4, 1), (2, "B", 4, 5, 1)]
    table = pd.DataFrame(rows, columns=["round", "participant", "a", "b", "c"])
    history = round_history(table, SCENARIO)
    assert history["round"].tolist() == [1, 2]
    assert history["spread"].iloc[1] < history["spread"].iloc[0]


# --- concurrency and faults ---------------------------------------------------------------


def _submit_many(args: tuple[str, str, list[str]]) -> list[int]:
    where, code, names = args
    store = RoomStore(where)
    return [store.submit(code, n, weights(1, 2, 3), by_name=True).revision for n in names]


def test_30_participants_at_once_threads_and_processes(store: RoomStore, where: str) -> None:
    room = store.create_room(SCENARIO)
    names = [f"p{i:02d}" for i in range(30)]
    with ThreadPoolExecutor(max_workers=15) as pool:
        list(pool.map(lambda n: store.submit(room.code, n, weights(1, 1, 1), by_name=True), names))
    chunks = [(where, room.code, names[i::6]) for i in range(6)]
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        revisions = [r for chunk in pool.map(_submit_many, chunks) for r in chunk]
    assert sorted(revisions) == [2] * 30  # each replaced its own thread-made submission once
    table = store.submissions(room.code, room.facilitator_key)
    assert sorted(table["participant"]) == names
    assert table[["a", "b", "c"]].drop_duplicates().values.tolist() == [[1.0, 2.0, 3.0]]
    assert store.room(room.code).participants == 30


def join_as_the_same_name(where_and_code: str, who: int, trial: int) -> str:
    where, code = where_and_code.rsplit("#", 1)
    store = RoomStore(where)
    try:
        receipt = store.submit(code, f"Ann {trial}", weights(1 + who, 1, 1))
    except InputError as exc:
        return f"taken: {exc}"
    finally:
        store.engine.dispose()
    return "saved" if receipt.token else "no token"


def test_two_browsers_joining_under_one_name_get_one_seat(store: RoomStore, where: str) -> None:
    room = store.create_room(SCENARIO)
    outcomes = race(join_as_the_same_name, f"{where}#{room.code}")
    table = store.submissions(room.code, room.facilitator_key).set_index("participant")
    for trial, told in enumerate(outcomes):
        assert sorted(told)[0] == "saved", told
        assert "is taken in this room" in sorted(told)[1], told
        assert table.loc[f"Ann {trial}", "a"] == 1 + told.index("saved")  # the seat's weights


@pytest.mark.parametrize(
    "damage", [b"not a database" * 300, b"SQLite format 3\x00" + b"\x01" * 900]
)
def test_a_damaged_file_gets_the_message_every_store_gives(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / "rooms.sqlite3").write_bytes(damage)
    with pytest.raises(InputError) as raised:
        RoomStore(tmp_path)
    text = str(raised.value)
    assert text.startswith(f"room store {str(tmp_path / 'rooms.sqlite3')!r}: ")
    assert text.endswith(
        "if the file is damaged, move it away (a new one is created) "
        "or set CIW_DATA_DIR to another folder"
    )
    assert "如果文件已损坏，请把它移走" in localize(raised.value, "zh")


def test_killed_writer_leaves_the_room_intact(tmp_path: Path) -> None:
    store = RoomStore(tmp_path)
    # Room for every participant the writer can add before it is killed (not the default 200,
    # which a fast writer can fill while the parent is still checking).
    room = store.create_room(SCENARIO, max_participants=KILL_ROOM_SIZE)
    # An in-process writer is what we kill: write in a loop with no pause between commits,
    # printing each participant's number after its submission has committed.
    writer = (
        "import sys\nfrom core.workshop.rooms import RoomStore\n"
        "s = RoomStore(sys.argv[2])\ni = 0\n"
        "while True:\n"
        "    i += 1\n"
        "    s.submit(sys.argv[1], f'p{i}', {'a': 1, 'b': 2, 'c': 3}, by_name=True)\n"
        "    print(i, flush=True)\n"
    )

    def names() -> set[str]:
        return set(RoomStore(tmp_path).submissions(room.code, room.facilitator_key)["participant"])

    def visible_before_the_kill(acked: int) -> None:
        # What the child acknowledged is committed: another connection sees it already.
        assert {f"p{i}" for i in range(1, acked + 1)} <= names()

    killed = run_and_kill(
        writer, [room.code, str(tmp_path)], 40, str.isdigit, visible_before_the_kill
    )
    assert killed.returncode == -signal.SIGKILL
    survived = names()
    assert {f"p{i}" for i in range(1, killed.total + 1)} <= survived  # every acknowledged commit
    assert len(survived) in (killed.total, killed.total + 1)  # at most the one in flight besides
    with sqlite3.connect(tmp_path / "rooms.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert RoomStore(tmp_path).submit(room.code, "after", weights(1, 1, 1)).revision == 1


def test_tokens_and_concurrent_threads(store: RoomStore) -> None:
    room = store.create_room(SCENARIO)
    token = store.submit(room.code, "Ann", weights(1, 2, 3)).token
    store.submit(room.code, None, weights(3, 2, 1), token=token)
    assert store.participant_name(room.code, token) == "Ann"
    assert store.participant_name(room.code, "forged") is None
    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(lambda n: store.submit(room.code, f"p{n}", weights(1, 1, 1)), range(20)))
    table = store.submissions(room.code, room.facilitator_key)
    assert len(table) == 21 and table.iloc[0][["a", "c"]].tolist() == [3.0, 1.0]
    assert np.isfinite(summarize(table, SCENARIO).kendall_w)


def test_the_store_is_on_the_backend_asked_for(store: RoomStore, where: str) -> None:
    dialect = "sqlite" if "://" not in where else "postgresql"
    assert store.engine.dialect.name == dialect
    with store.engine.connect() as db:
        assert set(sa.inspect(db).get_table_names()) >= {"rooms", "room_submissions"}


def test_secrets_never_start_with_a_dash_so_the_cli_reads_them_as_values(monkeypatch):
    from core.workshop import rules as rooms

    tokens = iter(["-starts-with-dash", "fine-token"])
    monkeypatch.setattr(rooms.secrets, "token_urlsafe", lambda n: next(tokens))
    assert rooms.new_secret() == "fine-token"


def test_without_a_url_postgresql_is_skipped_locally_and_fails_in_ci(monkeypatch) -> None:
    monkeypatch.delenv(room_backends.ENV_URL, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must test the room store on PostgreSQL"):
        room_backends.postgres_url()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match=room_backends.ENV_URL):
        room_backends.postgres_url()
    monkeypatch.setenv(room_backends.ENV_URL, "postgresql://u@127.0.0.1:1/db")
    assert room_backends.postgres_url() == "postgresql://u@127.0.0.1:1/db"
