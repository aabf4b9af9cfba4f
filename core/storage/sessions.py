"""Working sessions kept on this machine, so a reload or a reopened link loses nothing.

A session is the app's state a user would expect back after F5: the data (its bytes, stored
once per content digest; a bundled sample is named, not copied), how it was read (sheet,
header row), the scenario, the language and presentation mode. It is keyed by a random token
the app keeps in its URL. Sessions live in the same SQLite file as the saved scenarios
(:func:`core.storage.scenarios.store_path`); ones unused for :data:`KEEP_DAYS` days are
dropped, with the data no session needs any more.
"""

from __future__ import annotations

import secrets
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from core.i18n import msg
from core.method.scenario import Scenario
from core.storage.scenarios import prepare_folder, store_path, transaction

KEEP_DAYS = 30
TOKEN_BYTES = 16

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS session_data (
        digest TEXT PRIMARY KEY, content BLOB NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sessions (
        token TEXT PRIMARY KEY,
        data_name TEXT NOT NULL,
        digest TEXT NOT NULL,
        sheet TEXT,
        header_row INTEGER,
        is_sample INTEGER NOT NULL,
        scenario TEXT NOT NULL,
        lang TEXT NOT NULL,
        presentation INTEGER NOT NULL,
        updated TEXT NOT NULL)""",
)


def new_token() -> str:
    """A fresh session token: random, URL-safe, not guessable."""
    return secrets.token_urlsafe(TOKEN_BYTES)


@dataclass(frozen=True)
class DataRef:
    """The data of a session: a file's name and bytes (digest-keyed) and how it was read."""

    name: str
    digest: str
    content: bytes | None  # None for a bundled sample: it is read from the app again
    sheet: str | None = None
    header_row: int | None = None
    is_sample: bool = False


@dataclass(frozen=True)
class SavedSession:
    """A session as stored: its data, scenario, language and presentation mode."""

    data: DataRef
    scenario: Scenario
    lang: str
    presentation: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


class SessionStore:
    """Save, load and forget working sessions by token."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = prepare_folder(store_path(path), msg("word.session_store"))
        with self._connect() as db:
            for statement in SCHEMA:
                db.execute(statement)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.path, msg("word.session_store"))

    def save(self, token: str, session: SavedSession) -> None:
        """Keep ``session`` under ``token`` (replacing what it held); the data's bytes are
        written once per digest."""
        data = session.data
        with self._connect() as db:
            # a kept session is a convenience: the last change may be lost on a power cut,
            # so a commit does not wait for the disk (WAL with synchronous=NORMAL)
            db.execute("PRAGMA synchronous = NORMAL")
            if data.content is not None:
                db.execute(
                    "INSERT OR IGNORE INTO session_data (digest, content) VALUES (?, ?)",
                    (data.digest, data.content),
                )
            db.execute(
                "INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    token, data.name, data.digest, data.sheet, data.header_row,
                    int(data.is_sample), session.scenario.to_json(indent=None), session.lang,
                    int(session.presentation), _now().isoformat(timespec="seconds"),
                ),
            )  # fmt: skip

    def load(self, token: str) -> SavedSession | None:
        """The session kept under ``token``, or None (never saved, forgotten or expired)."""
        with self._connect() as db:
            row = db.execute(
                "SELECT data_name, s.digest, content, sheet, header_row, is_sample, scenario, "
                "lang, presentation FROM sessions s LEFT JOIN session_data d USING (digest) "
                "WHERE token = ?",
                (token,),
            ).fetchone()
        if row is None:
            return None
        name, digest, content, sheet, header_row, is_sample, scenario, lang, presentation = row
        if content is None and not is_sample:
            return None  # the data is gone: nothing worth restoring
        data = DataRef(name, digest, content, sheet, header_row, bool(is_sample))
        return SavedSession(data, Scenario.from_json(scenario), lang, bool(presentation))

    def forget(self, token: str) -> None:
        """Drop the session ``token`` and data no other session uses ("start over")."""
        with self._connect() as db:
            db.execute("DELETE FROM sessions WHERE token = ?", (token,))
            self._drop_unused_data(db)

    def prune(self, keep_days: int = KEEP_DAYS) -> int:
        """Drop sessions unused for ``keep_days`` days and data none uses; returns how many
        sessions were dropped."""
        cutoff = (_now() - timedelta(days=keep_days)).isoformat(timespec="seconds")
        with self._connect() as db:
            dropped = db.execute("DELETE FROM sessions WHERE updated < ?", (cutoff,)).rowcount
            self._drop_unused_data(db)
        return dropped

    @staticmethod
    def _drop_unused_data(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM session_data WHERE digest NOT IN (SELECT digest FROM sessions)")
