"""``python -m core room …``: JSON keys, exit codes, one ``error:`` line, kill mid-loop."""

from __future__ import annotations

import io
import json
import signal
import sqlite3
from pathlib import Path

import pytest

import tests.core.room_backends as room_backends
from core.cli.rooms import ENV_KEY
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.scenario import Scenario
from core.method.scenario_mapping import default_scenario
from core.workshop.rooms import RoomStore
from tests.core.cli_support import run_main
from tests.core.writer_support import KILL_ROOM_SIZE, run_and_kill

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "data" / "sample_customers_en.csv"


@pytest.fixture(params=room_backends.BACKENDS)
def db(request, tmp_path: Path) -> str:
    """``--db`` for a fresh room store on SQLite and on PostgreSQL."""
    return room_backends.where(request.param, tmp_path)


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    scenario = default_scenario(detect_mapping(read_table(SAMPLE).frame), "en")
    path = tmp_path / "scenario.json"
    path.write_text(scenario.to_json(), encoding="utf-8")
    return path


def created(scenario_file: Path, db: Path | str) -> dict:
    code, out, _ = run_main(
        "room", "create", "--scenario", str(scenario_file), "--json", "--db", str(db)
    )
    assert code == 0
    return json.loads(out)


def test_create_submit_summary_export(
    scenario_file: Path, tmp_path: Path, db: str, monkeypatch
) -> None:
    room = created(scenario_file, db)
    monkeypatch.setenv(ENV_KEY, room["facilitator_key"])
    assert set(room) == {"code", "facilitator_key"} and len(room["code"]) == 8
    columns = json.loads(scenario_file.read_text())["factors"]
    names = [f["column"] for f in columns]
    for who, top in (("Ann", "revenue"), ("Bob", "profit"), ("Ann", "profit")):
        w = json.dumps({c: 3 if c == top else 1 for c in names})
        code, out, _ = run_main(
            "room",
            "submit",
            room["code"],
            "--participant",
            who,
            "--weights",
            w,
            "--db",
            db,
        )
        assert code == 0 and out.startswith(f"stored: {who}, round 1")
    code, out, _ = run_main("room", "summary", room["code"], "--json", "--db", db)
    summary = json.loads(out)
    assert code == 0 and summary["participants"] == 2  # Ann's second submit replaced her first
    assert {"participants", "consensus", "kendall_w"} <= set(summary)
    assert summary["w_basis"] == "factors" and summary["kendall_w"] == pytest.approx(1.0)
    assert summary["consensus"]["profit"] == pytest.approx(3 / 13, abs=1e-6)
    assert sum(summary["consensus"].values()) == pytest.approx(1.0, abs=1e-5)
    key_file = tmp_path / "key.txt"
    key_file.write_text(f"\n  {room['facilitator_key']}  \n", encoding="utf-8")
    monkeypatch.delenv(ENV_KEY)
    code, out, _ = run_main(
        "room",
        "summary",
        room["code"],
        "--key-file",
        key_file,
        "--json",
        "--data",
        str(SAMPLE),
        "--db",
        db,
    )
    assert json.loads(out)["w_basis"] == "customers" and json.loads(out)[
        "kendall_w"
    ] == pytest.approx(1.0)
    for name in ("room.json", "room.csv"):
        monkeypatch.setattr("sys.stdin", io.StringIO(room["facilitator_key"] + "\n"))
        code, out, _ = run_main(
            "room",
            "export",
            room["code"],
            "--key-file",
            "-",
            "--out",
            str(tmp_path / name),
            "--db",
            db,
        )
        assert code == 0 and out.strip() == f"wrote: {tmp_path / name}"
    exported = json.loads((tmp_path / "room.json").read_text(encoding="utf-8"))
    assert [s["participant"] for s in exported["rounds"][0]["submissions"]] == ["Ann", "Bob"]
    lines = (tmp_path / "room.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("round,participant,submitted,revision,revenue") and len(lines) == 3


@pytest.mark.parametrize(
    ("argv", "key", "message"),
    [
        (["summary", "{code}"], "wrong", "the facilitator key is wrong"),
        (["export", "{code}", "--out", "x.json"], "wrong", "the facilitator key is wrong"),
        (["summary", "{code}"], "", "no facilitator key: set CIW_ROOM_KEY or give --key-file"),
        (["submit", "{code}", "--participant", "A", "--weights", "[1]"], "", "give a JSON object"),
        (["submit", "{code}", "--participant", "A", "--weights", "{"], "", "not valid JSON"),
        (
            ["submit", "{code}", "--participant", "A", "--weights", '{"x": 1}'],
            "",
            "unknown factor(s) ['x']",
        ),
        (
            ["submit", "ZZZZ-ZZZZ", "--participant", "A", "--weights", "{}"],
            "",
            "no room with code ZZZZ-ZZZZ",
        ),
        (["export", "{code}", "--out", "x.txt"], "{key}", "ending in .json or .csv"),
        (["summary", "{code}"], "{key}", "nobody has submitted weights"),
    ],
)
def test_bad_input_exits_2_with_one_error_line(
    scenario_file, tmp_path, argv, key, message, monkeypatch
) -> None:
    room = created(scenario_file, tmp_path)
    filled = [a.replace("{code}", room["code"]) for a in argv]
    monkeypatch.setenv(ENV_KEY, key.replace("{key}", room["facilitator_key"]))
    code, out, err = run_main("room", *filled, "--db", str(tmp_path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert room["facilitator_key"] not in err


def test_a_key_on_the_command_line_still_works_with_a_warning(scenario_file, tmp_path) -> None:
    room = created(scenario_file, tmp_path)
    code, _, err = run_main(
        "room", "summary", room["code"], "--key", room["facilitator_key"], "--db", tmp_path
    )
    assert code == 2 and "nobody has submitted weights" in err  # the key was accepted
    assert err.startswith(
        "warning: --key shows the facilitator key to every user of this computer (ps, shell "
        "history); set CIW_ROOM_KEY or use --key-file instead\n"
    )
    assert room["facilitator_key"] not in err


@pytest.mark.parametrize("content", ["", "\n   \n"])
def test_an_empty_key_file_is_one_error_line(scenario_file, tmp_path, content) -> None:
    room = created(scenario_file, tmp_path)
    (tmp_path / "key.txt").write_text(content, encoding="utf-8")
    argv = ("room", "summary", room["code"], "--key-file", tmp_path / "key.txt", "--db", tmp_path)
    code, _, err = run_main(*argv)
    assert (
        code == 2
        and err == f"error: --key-file {str(tmp_path / 'key.txt')!r}: the file holds no key\n"
    )


def test_the_key_option_is_documented_as_unsafe() -> None:
    code, out, _ = run_main("room", "summary", "--help")
    assert code == 0 and "UNSAFE" in out and "--key-file" in out and "CIW_ROOM_KEY" in out


def test_missing_scenario_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run_main(
        "room", "create", "--scenario", str(tmp_path / "no.json"), "--db", str(tmp_path)
    )
    assert code == 2 and err.startswith("error: scenario file") and "cannot read it" in err


def test_killed_cli_loop_leaves_the_room_intact(tmp_path: Path, scenario_file: Path) -> None:
    """A loop of ``room submit`` through the CLI's main() killed with SIGKILL mid-round."""
    store = RoomStore(tmp_path)
    room = store.create_room(
        Scenario.from_json(scenario_file.read_text()), max_participants=KILL_ROOM_SIZE
    )
    columns = store.room(room.code).scenario.columns
    w = json.dumps({c: 1 for c in columns})
    loop = (
        "import sys\nimport core.cli.main as cli\n"
        "i = 0\nwhile True:\n    i += 1\n"
        "    assert cli.main(['room', 'submit', sys.argv[1], '--participant', f'p{i}',"
        " '--weights', sys.argv[3], '--db', sys.argv[2]]) == 0\n"
        "    sys.stdout.flush()\n"
    )

    def names() -> set[str]:
        return set(RoomStore(tmp_path).submissions(room.code, room.facilitator_key)["participant"])

    def visible_before_the_kill(acked: int) -> None:
        assert {f"p{i}" for i in range(1, acked + 1)} <= names()

    killed = run_and_kill(
        loop,
        [room.code, str(tmp_path), w],
        15,
        lambda line: line.startswith("stored: "),
        visible_before_the_kill,
    )
    assert killed.returncode == -signal.SIGKILL
    survived = names()
    assert {f"p{i}" for i in range(1, killed.total + 1)} <= survived
    assert len(survived) in (killed.total, killed.total + 1)
    with sqlite3.connect(tmp_path / "rooms.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
