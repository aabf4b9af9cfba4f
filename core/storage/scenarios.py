"""Saved scenarios in a local SQLite file, one of them pinned as the baseline.

The file is ``workbench.sqlite3`` in the folder given to :class:`ScenarioStore`, else in
``$CIW_DATA_DIR``, else in ``store/`` beside the app (the repository root). Every operation
opens its own short-lived connection (safe from Streamlit's threads); the database runs in
WAL mode with a busy timeout so a reader never blocks a writer for long.

Schema changes are numbered migrations in :data:`MIGRATIONS`; ``schema_version`` records how
many have run, so a later feature adds a table by appending one migration here.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from core.errors import InputError
from core.i18n import msg
from core.method.scenario import Scenario

FILE_NAME = "workbench.sqlite3"
ENV_DIR = "CIW_DATA_DIR"
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "store"
BUSY_TIMEOUT_MS = 5000
MAX_NAME = 200

_LIST = "SELECT name, created, updated, method, factor_count, pinned FROM scenarios"

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE scenarios (
        name TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        method TEXT NOT NULL,
        factor_count INTEGER NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX one_baseline ON scenarios (pinned) WHERE pinned = 1;
    """,
)
"""Migration k (0-based) brings the schema from version k to k + 1."""


@dataclass(frozen=True)
class SavedScenario:
    """One row of the store's list (times are UTC, ISO 8601 to the second)."""

    name: str
    created: str
    updated: str
    method: str
    factor_count: int
    pinned: bool


def store_path(path: Path | str | None = None) -> Path:
    """The database file: ``path`` (a folder, or a file ending in .sqlite3), else
    ``$CIW_DATA_DIR/workbench.sqlite3``, else ``store/workbench.sqlite3`` at the app root."""
    chosen = Path(path) if path is not None else Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)
    return chosen if chosen.suffix == ".sqlite3" else chosen / FILE_NAME


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _clean_name(name: object) -> str:
    text = " ".join(str(name).split()) if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME:
        raise InputError(msg("store.scenario_name_give_name_characters", name=name, n=MAX_NAME))
    return text


def prepare_folder(path: Path, what: object) -> Path:
    """Create the store's folder; an unwritable one raises InputError naming ``what``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            msg(
                "store.cannot_create_folder_set_writable",
                what=what,
                path=str(path.parent),
                env=ENV_DIR,
                detail=exc.strerror,
            )
        ) from None
    return path


def damaged_store(what: object, path: Path | str, detail: object) -> InputError:
    """The one error every store (scenarios, snapshots, workshop rooms) gives for a file
    SQLite cannot read: which store, where, and what to do (move it away)."""
    return InputError(
        msg("store.damaged_file", what=what, path=str(path), env=ENV_DIR, detail=detail)
    )


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` says the SQLite file itself is unreadable (not a lock, not a
    constraint, not a missing folder)."""
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.IntegrityError):
        return False
    text = str(exc).lower()
    return not isinstance(exc, sqlite3.OperationalError) or "malformed" in text


@contextmanager
def transaction(path: Path, what: str) -> Iterator[sqlite3.Connection]:
    """One connection, one transaction (WAL, busy timeout): committed on success, rolled back
    on error; a damaged file raises InputError naming ``what`` (:func:`damaged_store`)."""
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            with db:
                yield db
    except sqlite3.DatabaseError as exc:
        raise damaged_store(what, path, exc) from None


@contextmanager
def unique_name(taken: InputError) -> Iterator[None]:
    """Inside a transaction: a write that breaks a unique name raises ``taken`` (the name is
    claimed by the database's constraint, so two writers can never both get it)."""
    try:
        yield
    except sqlite3.IntegrityError:
        raise taken from None


def _taken(name: str) -> InputError:
    return InputError(msg("store.saved_scenario_already_named_choose", name=name))


class ScenarioStore:
    """Save, list, load, duplicate, rename, delete and pin scenarios by name."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = prepare_folder(store_path(path), msg("word.scenario_store"))
        with self._connect() as db:
            self._migrate(db)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.path, msg("word.scenario_store"))

    def _migrate(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")  # two processes starting at once migrate one at a time
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = db.execute("SELECT version FROM schema_version").fetchone()
        version = row[0] if row else 0
        if row is None:
            db.execute("INSERT INTO schema_version (version) VALUES (0)")
        if version > len(MIGRATIONS):
            raise InputError(
                msg(
                    "store.scenario_store_was_written_newer",
                    path=str(self.path),
                    version=version,
                    known=len(MIGRATIONS),
                )
            )
        for step in MIGRATIONS[version:]:
            for statement in filter(str.strip, step.split(";")):
                db.execute(statement)
        db.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS),))

    def _exists(self, db: sqlite3.Connection, name: str) -> bool:
        return db.execute("SELECT 1 FROM scenarios WHERE name = ?", (name,)).fetchone() is not None

    def _require(self, db: sqlite3.Connection, name: str) -> None:
        if not self._exists(db, name):
            saved = [r[0] for r in db.execute("SELECT name FROM scenarios ORDER BY name")]
            listed = ", ".join(saved[:20]) or msg("word.none_yet")
            raise InputError(msg("store.no_saved_scenario_named_saved", name=name, names=listed))

    def save(self, name: str, scenario: Scenario, overwrite: bool = False) -> SavedScenario:
        """Save ``scenario`` under ``name`` (stored with that name); an existing name raises
        InputError unless ``overwrite`` (which keeps its created time and pin).

        One statement claims the name (the primary key), so of two saves at the same moment
        without ``overwrite`` exactly one succeeds and the other is told the name is taken."""
        name = _clean_name(name)
        text = replace(scenario, name=name).to_json()
        now = _now()
        insert = (
            "INSERT INTO scenarios (name, json, method, factor_count, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?)"
        )
        if overwrite:
            insert += (
                " ON CONFLICT (name) DO UPDATE SET json = excluded.json, "
                "method = excluded.method, factor_count = excluded.factor_count, "
                "updated = excluded.updated"
            )
        with self._connect() as db, unique_name(_taken(name)):
            db.execute(insert, (name, text, scenario.method, len(scenario.factors), now, now))
            row = db.execute(f"{_LIST} WHERE name = ?", (name,)).fetchone()
        return SavedScenario(*row[:5], bool(row[5]))

    def list_scenarios(self) -> list[SavedScenario]:
        """Every saved scenario, by name."""
        with self._connect() as db:
            rows = db.execute(f"{_LIST} ORDER BY name").fetchall()
        return [SavedScenario(*row[:5], bool(row[5])) for row in rows]

    def info(self, name: str) -> SavedScenario:
        """The list entry of one saved scenario."""
        name = _clean_name(name)
        with self._connect() as db:
            self._require(db, name)
            row = db.execute(f"{_LIST} WHERE name = ?", (name,)).fetchone()
        return SavedScenario(*row[:5], bool(row[5]))

    def load(self, name: str) -> Scenario:
        """The saved scenario ``name``."""
        name = _clean_name(name)
        with self._connect() as db:
            self._require(db, name)
            (text,) = db.execute("SELECT json FROM scenarios WHERE name = ?", (name,)).fetchone()
        return Scenario.from_json(text, source=msg("store.saved_scenario", name=name))

    def duplicate(self, name: str, new_name: str) -> SavedScenario:
        """Save a copy of ``name`` as ``new_name`` (not pinned)."""
        return self.save(new_name, self.load(name))

    def rename(self, name: str, new_name: str) -> SavedScenario:
        """Give a saved scenario a new (unused) name; created time and pin are kept."""
        name, new_name = _clean_name(name), _clean_name(new_name)
        with self._connect() as db, unique_name(_taken(new_name)):
            db.execute("BEGIN IMMEDIATE")  # read and rewrite the row with no writer between
            self._require(db, name)
            (text,) = db.execute("SELECT json FROM scenarios WHERE name = ?", (name,)).fetchone()
            source = msg("store.saved_scenario", name=name)
            scenario = replace(Scenario.from_json(text, source=source), name=new_name)
            db.execute(
                "UPDATE scenarios SET name = ?, json = ?, updated = ? WHERE name = ?",
                (new_name, scenario.to_json(), _now(), name),
            )
        return self.info(new_name)

    def delete(self, name: str) -> None:
        """Remove a saved scenario (a pinned one stops being the baseline)."""
        name = _clean_name(name)
        with self._connect() as db:
            self._require(db, name)
            db.execute("DELETE FROM scenarios WHERE name = ?", (name,))

    def pin(self, name: str) -> None:
        """Make ``name`` the baseline; the previous baseline is unpinned."""
        name = _clean_name(name)
        with self._connect() as db:
            self._require(db, name)
            db.execute("UPDATE scenarios SET pinned = 0 WHERE pinned = 1")
            db.execute("UPDATE scenarios SET pinned = 1 WHERE name = ?", (name,))

    def unpin(self) -> None:
        """Leave no scenario pinned."""
        with self._connect() as db:
            db.execute("UPDATE scenarios SET pinned = 0 WHERE pinned = 1")

    def baseline_name(self) -> str | None:
        """The pinned scenario's name, or None."""
        with self._connect() as db:
            row = db.execute("SELECT name FROM scenarios WHERE pinned = 1").fetchone()
        return row[0] if row else None

    def get_baseline(self) -> Scenario | None:
        """The pinned scenario, or None when none is pinned."""
        name = self.baseline_name()
        return None if name is None else self.load(name)
