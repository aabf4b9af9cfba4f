"""Damaged store files and unusable facilitator key files, on the CLI and in the app.

A damaged file (random bytes, a truncated SQLite store) in place of ``workbench.sqlite3`` or
``rooms.sqlite3``: every store names the file and says to move it away; the pages that need
it say so and stop, the other pages keep working. A key file with no key, or bytes that are
not text: one error line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.scenario import Scenario
from core.method.scenario_mapping import default_scenario
from core.workshop.rooms import RoomStore
from tests.app.apptest_support import ROOT, app
from tests.hostile.support import corpus_file, run_cli

DAMAGED = [corpus_file("stores_damaged.sqlite3"), corpus_file("stores_truncated.sqlite3")]
MOVE_IT_AWAY = {
    "en": "if the file is damaged, move it away (a new one is created)",
    "zh": "如果文件已损坏，请把它移走（会自动新建）",
}
CODE = "ABCD-2345"


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    frame = read_table(ROOT / "data" / "sample_customers_en.csv").frame
    path = tmp_path / "scenario.json"
    path.write_text(default_scenario(detect_mapping(frame), "en").to_json(), encoding="utf-8")
    return path


def damaged_folder(tmp_path: Path, damage: Path) -> Path:
    """A data folder whose every store file is ``damage``."""
    folder = tmp_path / "store"
    folder.mkdir()
    for name in ("workbench.sqlite3", "rooms.sqlite3"):
        shutil.copyfile(damage, folder / name)
    return folder


def shown(text: str) -> str:
    return text.replace("\\", "")  # as read on the page: Markdown escapes dropped


@pytest.mark.parametrize("damage", DAMAGED, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "argv",
    [
        ["create", "--scenario", "{scenario}"],
        ["submit", CODE, "--participant", "Ann", "--weights", '{"revenue": 1}'],
        ["summary", CODE],
        ["export", CODE, "--out", "{out}"],
    ],
    ids=lambda a: a[0],
)
def test_every_room_command_names_the_damaged_file(
    argv, damage, scenario_file, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("CIW_ROOM_KEY", "some-key")
    db = damaged_folder(tmp_path, damage) / "rooms.sqlite3"
    filled = [
        a.replace("{scenario}", str(scenario_file)).replace("{out}", str(tmp_path / "r.json"))
        for a in argv
    ]
    run = run_cli("room", *filled, "--db", db)
    assert run.rc == 2 and run.out == ""
    assert run.error_lines[0].startswith(f"error: room store {str(db)!r}: ")
    assert MOVE_IT_AWAY["en"] in run.error_lines[0]


@pytest.mark.parametrize(
    ("key_file", "message"),
    [
        (corpus_file("credentials_blank_key.txt"), "the file holds no key"),
        (corpus_file("credentials_binary_key.txt"), "the facilitator key is wrong"),
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_a_key_file_without_a_usable_key_is_one_error_line(
    key_file, message, scenario_file, tmp_path
) -> None:
    room = RoomStore(tmp_path).create_room(Scenario.from_json(scenario_file.read_text("utf-8")))
    run = run_cli("room", "summary", room.code, "--key-file", key_file, "--db", tmp_path)
    assert run.rc == 2 and message in run.error_lines[0]
    assert room.facilitator_key not in run.err


PAGES = ["pages/workshop.py", "pages/join.py", "pages/scenarios.py", "pages/review.py"]


@pytest.mark.parametrize("damage", DAMAGED, ids=lambda p: p.name)
@pytest.mark.parametrize("page", PAGES)
def test_a_page_that_needs_a_damaged_store_says_so_and_the_others_work(
    page, damage, tmp_path, monkeypatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(damaged_folder(tmp_path, damage)))
    at = app("en")
    at.query_params["room"] = CODE
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert [e for e in at.error if MOVE_IT_AWAY["en"] in shown(e.value)], at.error
    at.switch_page("pages/ranking.py").run()
    assert not at.exception and not at.error and at.dataframe  # the ranking is still there


@pytest.mark.parametrize("page", PAGES[:3])
def test_the_damaged_store_message_in_chinese(page, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(damaged_folder(tmp_path, DAMAGED[0])))
    at = app("zh")
    at.query_params["room"] = CODE
    at.switch_page(page).run()
    assert not at.exception
    assert MOVE_IT_AWAY["zh"] in shown(at.error[0].value)
    assert "其他页面照常可用" in at.error[0].value
