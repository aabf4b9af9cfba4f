"""core.storage.scenarios: saved scenarios in SQLite — CRUD, reopening, unique names, baseline,
schema."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest

import core.storage.scenarios as store_module
from core.errors import InputError
from core.method.scenario import FactorSpec, Scenario
from core.storage.scenarios import FILE_NAME, MIGRATIONS, SavedScenario, ScenarioStore, store_path
from tests.core.race_support import race

ROOT = Path(__file__).resolve().parents[3]
VALUE = Scenario("客户编号", (FactorSpec("销售额", weight=40), FactorSpec("毛利", weight=20)))
GROWTH = Scenario("客户编号", (FactorSpec("增长率"),), method="topsis")


@pytest.fixture
def store(tmp_path):
    return ScenarioStore(tmp_path)


def test_save_list_load(store):
    entry = store.save("价值导向", VALUE)
    assert (entry.name, entry.method, entry.factor_count, entry.pinned) == (
        "价值导向", "weighted_sum", 2, False
    )  # fmt: skip
    assert entry.created == entry.updated and entry.created.endswith("+00:00")
    store.save("growth", GROWTH)
    assert [e.name for e in store.list_scenarios()] == ["growth", "价值导向"]
    loaded = store.load("价值导向")
    assert loaded.name == "价值导向"
    assert loaded.to_dict() | {"name": ""} == VALUE.to_dict() | {"name": ""}
    assert store.load("growth").method == "topsis"


def test_saved_scenarios_survive_reopening(tmp_path):
    ScenarioStore(tmp_path).save("keep", VALUE)
    ScenarioStore(tmp_path).pin("keep")
    reopened = ScenarioStore(tmp_path)
    assert [e.name for e in reopened.list_scenarios()] == ["keep"]
    assert reopened.get_baseline().columns == ["销售额", "毛利"]
    assert (tmp_path / FILE_NAME).is_file()


def test_names_are_unique_unless_overwriting(store):
    store.save("a", VALUE)
    store.pin("a")
    with pytest.raises(InputError) as caught:
        store.save("a", GROWTH)
    assert str(caught.value) == (
        "a saved scenario is already named 'a'; choose another name or overwrite it"
    )
    first = store.info("a")
    entry = store.save("a", GROWTH, overwrite=True)
    assert (entry.method, entry.factor_count, entry.created, entry.pinned) == (
        "topsis", 1, first.created, True
    )  # fmt: skip
    assert store.load("a").columns == ["增长率"]


def test_duplicate_rename_delete(store):
    store.save("a", VALUE)
    store.pin("a")
    copy = store.duplicate("a", "b")
    assert (copy.name, copy.pinned) == ("b", False)
    assert store.load("b").columns == VALUE.columns and store.load("b").name == "b"
    renamed = store.rename("a", "c")
    assert (renamed.name, renamed.pinned) == ("c", True)
    assert store.load("c").name == "c"
    assert [e.name for e in store.list_scenarios()] == ["b", "c"]
    with pytest.raises(InputError, match="already named 'b'"):
        store.rename("c", "b")
    with pytest.raises(InputError, match="already named 'c'"):
        store.duplicate("b", "c")
    store.delete("b")
    assert [e.name for e in store.list_scenarios()] == ["c"]


def test_unknown_name(store):
    store.save("one", VALUE)
    for action in (store.load, store.delete, store.pin, store.info):
        with pytest.raises(InputError) as caught:
            action("two")
        assert str(caught.value) == "no saved scenario named 'two'; saved scenarios: one"
    with pytest.raises(InputError, match="saved scenarios: none yet"):
        ScenarioStore(store.path.parent / "other").load("x")


@pytest.mark.parametrize("name", ["", "   ", None, "x" * 201])
def test_bad_names(store, name):
    with pytest.raises(InputError, match="give a name of 1 to 200 characters"):
        store.save(name, VALUE)


def test_names_are_trimmed(store):
    assert store.save("  my   plan ", VALUE).name == "my plan"
    assert store.load("my plan").name == "my plan"


def test_one_baseline_at_most(store):
    assert store.get_baseline() is None and store.baseline_name() is None
    store.save("a", VALUE)
    store.save("b", GROWTH)
    store.pin("a")
    store.pin("b")
    assert store.baseline_name() == "b"
    assert store.get_baseline().method == "topsis"
    assert [e.pinned for e in store.list_scenarios()] == [False, True]
    store.unpin()
    assert store.get_baseline() is None
    store.pin("a")
    store.delete("a")
    assert store.get_baseline() is None
    store.save("c", VALUE)
    with closing(sqlite3.connect(store.path)) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE scenarios SET pinned = 1")  # the index refuses two baselines


def test_location(tmp_path, monkeypatch):
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path / "env"))
    assert store_path() == tmp_path / "env" / FILE_NAME
    assert ScenarioStore().path == tmp_path / "env" / FILE_NAME
    assert store_path(tmp_path / "x.sqlite3") == tmp_path / "x.sqlite3"
    assert store_path(tmp_path) == tmp_path / FILE_NAME
    monkeypatch.delenv("CIW_DATA_DIR")
    assert store_path() == ROOT / "store" / FILE_NAME


def test_schema_version_and_wal(store):
    with closing(sqlite3.connect(store.path)) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(len(MIGRATIONS),)]
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_later_migrations_run_once(tmp_path, monkeypatch):
    ScenarioStore(tmp_path).save("a", VALUE)
    extra = "CREATE TABLE snapshots (id INTEGER PRIMARY KEY, scenario TEXT)"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, extra))
    ScenarioStore(tmp_path)
    ScenarioStore(tmp_path)  # a second open must not create the table again
    with closing(sqlite3.connect(tmp_path / FILE_NAME)) as db, db:
        assert db.execute("SELECT version FROM schema_version").fetchone() == (2,)
        assert db.execute("SELECT count(*) FROM snapshots").fetchone() == (0,)
    assert ScenarioStore(tmp_path).load("a").columns == VALUE.columns


def test_newer_schema_is_refused(tmp_path):
    ScenarioStore(tmp_path)
    with closing(sqlite3.connect(tmp_path / FILE_NAME)) as db, db:
        db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(InputError, match=r"written by a newer version \(schema 99"):
        ScenarioStore(tmp_path)


def test_damaged_file(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="file is not a database; if the file is damaged"):
        ScenarioStore(tmp_path)


def test_a_rename_onto_a_taken_name_is_refused_and_changes_nothing(store):
    store.save("a", VALUE)
    store.save("b", GROWTH)
    with pytest.raises(InputError, match="a saved scenario is already named 'b'"):
        store.rename("a", "b")
    assert store.load("a").method == "weighted_sum" and store.load("b").method == "topsis"


def _saved_by(who: int) -> Scenario:
    """Contender ``who``'s scenario: its weight tells whose save the store kept."""
    return Scenario("id", (FactorSpec("x", weight=10 + who),))


def _save(where: str, who: int, trial: int, overwrite: bool) -> str:
    try:
        ScenarioStore(where).save(f"plan {trial}", _saved_by(who), overwrite=overwrite)
    except InputError as exc:
        return f"taken: {exc}"
    return "saved"


def save_fresh(where: str, who: int, trial: int) -> str:
    return _save(where, who, trial, overwrite=False)


def save_or_overwrite(where: str, who: int, trial: int) -> str:
    return _save(where, who, trial, overwrite=who == 1)  # contender 1 means to overwrite


def _kept_weight(store: ScenarioStore, trial: int) -> float:
    return store.load(f"plan {trial}").factors[0].weight


def test_two_processes_saving_one_name_never_both_hear_saved(tmp_path):
    store = ScenarioStore(tmp_path)
    for trial, told in enumerate(race(save_fresh, str(tmp_path))):
        assert sorted(told)[0] == "saved", told
        assert sorted(told)[1].startswith("taken: a saved scenario is already named"), told
        assert _kept_weight(store, trial) == 10 + told.index("saved")  # the winner's save


def test_a_deliberate_overwrite_wins_and_the_other_is_saved_first_or_told(tmp_path):
    store = ScenarioStore(tmp_path)
    for trial, (plain, overwriting) in enumerate(race(save_or_overwrite, str(tmp_path))):
        assert overwriting == "saved"
        assert plain == "saved" or plain.startswith("taken: "), plain
        assert _kept_weight(store, trial) == 11  # saved last whatever the order


def test_unwritable_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="cannot create the folder"):
        ScenarioStore(tmp_path / "file" / "sub")


def test_threads_share_one_store(store):
    names = [f"s{i:02d}" for i in range(20)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda n: store.save(n, VALUE), names))
    assert [e.name for e in store.list_scenarios()] == names
    assert isinstance(store.list_scenarios()[0], SavedScenario)
