"""The workshop rooms' database: schema, where it lives, engine set-up, retried transactions.

Where: ``where`` given as a URL (``postgresql://…``) or a path, else ``$DATABASE_URL``, else
SQLite ``rooms.sqlite3`` in the scenario store's folder (``$CIW_DATA_DIR``, else ``store/``;
see core.storage.scenarios.store_path); a path ending in ``.sqlite3`` is used as the file itself.

Several app processes share one SQLite file safely: WAL mode, a busy timeout, and every
transaction starts with ``BEGIN IMMEDIATE`` so writers queue for the lock instead of failing
on a lock upgrade; a transaction that still meets a lock (or loses an insert race) is
retried with jittered back-off. PostgreSQL goes through the same SQLAlchemy Core statements.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

from core.errors import InputError
from core.i18n import msg
from core.storage.scenarios import damaged_store, is_damage, prepare_folder, store_path
from core.workshop import rules as rooms

FILE_NAME = "rooms.sqlite3"
ENV_URL = "DATABASE_URL"
BUSY_TIMEOUT_MS = 10_000
RETRIES = 6
T = TypeVar("T")

meta = sa.MetaData()
room_table = sa.Table(
    "rooms", meta,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("scenario", sa.Text, nullable=False),
    sa.Column("show_data", sa.Boolean, nullable=False),
    sa.Column("data_csv", sa.Text),
    sa.Column("max_participants", sa.Integer, nullable=False),
    sa.Column("round", sa.Integer, nullable=False),
    sa.Column("round_open", sa.Boolean, nullable=False),
    sa.Column("created", sa.String(32), nullable=False),
)  # fmt: skip
round_table = sa.Table(
    "room_rounds", meta,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("opened", sa.String(32), nullable=False),
    sa.Column("closed", sa.String(32)),
)  # fmt: skip
people = sa.Table(
    "room_participants", meta,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("pid", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(rooms.MAX_NAME), nullable=False),
    sa.Column("name_key", sa.String(rooms.MAX_NAME), nullable=False),
    sa.Column("token_hash", sa.String(64)),
    sa.Column("joined", sa.String(32), nullable=False),
    sa.UniqueConstraint("code", "name_key"),
)  # fmt: skip
subs = sa.Table(
    "room_submissions", meta,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("round", sa.Integer, primary_key=True),
    sa.Column("pid", sa.Integer, primary_key=True),
    sa.Column("weights", sa.Text, nullable=False),
    sa.Column("submitted", sa.String(32), nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
)  # fmt: skip
submit_log = sa.Table(
    "room_submit_log", meta,
    sa.Column("code", sa.String(8), nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Index("room_submit_log_who", "code", "pid", "at"),
)  # fmt: skip


def now_iso() -> str:
    """The time now (UTC, ISO 8601 to the second)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def database_url(where: str | Path | None = None) -> str:
    """The SQLAlchemy URL for ``where`` (see the module docstring)."""
    chosen = where if where is not None else os.environ.get(ENV_URL) or None
    if chosen is not None and "://" in str(chosen):
        url = str(chosen)
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):  # the psycopg 3 driver, whatever the host wrote
                url = "postgresql+psycopg://" + url.removeprefix(prefix)
        return url
    if chosen is not None and Path(chosen).suffix == ".sqlite3":
        path = Path(chosen)
    else:
        path = store_path(chosen).with_name(FILE_NAME)
    prepare_folder(path, msg("word.room_store"))
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and BEGIN IMMEDIATE."""
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    timeout = {"timeout": BUSY_TIMEOUT_MS / 1000}
    # NullPool: a connection per transaction, safe across Streamlit's threads and forks.
    engine = sa.create_engine(url, poolclass=NullPool, connect_args=timeout)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _transient(exc: Exception) -> bool:
    text = str(exc).lower()
    return isinstance(exc, IntegrityError) or "locked" in text or "busy" in text


def store_error(engine: Engine, exc: Exception) -> InputError:
    """A database failure as an InputError naming the store (password hidden); an SQLite
    file that cannot be read gets the message every store gives (move it away)."""
    cause = getattr(exc, "orig", exc)
    reason = " ".join(str(cause).split())
    if engine.url.get_backend_name() == "sqlite" and is_damage(cause):
        return damaged_store(msg("word.room_store"), engine.url.database or "", reason)
    where = engine.url.render_as_string(hide_password=True)
    return InputError(msg("rooms.store_check_file_database_url", where=where, detail=reason))


def run_transaction(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in one transaction, retried while the database is busy or a concurrent
    insert won a race; other database failures become an InputError."""
    for attempt in range(RETRIES):
        try:
            with engine.begin() as db:
                return work(db)
        except (OperationalError, IntegrityError) as exc:
            if not _transient(exc) or attempt == RETRIES - 1:
                raise store_error(engine, exc) from None
            time.sleep(0.05 * (2**attempt) * (0.5 + random.random()))
        except DBAPIError as exc:
            raise store_error(engine, exc) from None
    raise AssertionError("unreachable")  # the loop returns or raises


def pid_of_token(db: Connection, code: str, token: str) -> int:
    if isinstance(token, str) and token:
        found = db.execute(
            sa.select(people.c.pid).where(
                people.c.code == code, people.c.token_hash == rooms.secret_hash(token)
            )
        ).first()
        if found is not None:
            return found.pid
    raise InputError(msg("rooms.this_browser_participant_token_not"))


def identify(
    db: Connection, row: sa.Row, name: str | None, token: str | None, by_name: bool
) -> tuple[int, str, str | None]:
    """(pid, name, newly issued token or None) of the submitting participant."""
    if token is not None:
        pid = pid_of_token(db, row.code, token)
        shown = db.execute(
            sa.select(people.c.name).where(people.c.code == row.code, people.c.pid == pid)
        ).scalar_one()
        return pid, shown, None
    shown = rooms.clean_name(name)
    existing = db.execute(
        sa.select(people.c.pid, people.c.name).where(
            people.c.code == row.code, people.c.name_key == rooms.name_key(shown)
        )
    ).first()
    if existing is not None:
        if by_name:
            return existing.pid, existing.name, None
        raise InputError(msg("rooms.name_taken_this_room_choose", name=shown))
    count = db.execute(
        sa.select(sa.func.count()).select_from(people).where(people.c.code == row.code)
    ).scalar_one()
    if count >= row.max_participants:
        raise InputError(
            msg(
                "rooms.full_participants_ask_facilitator",
                code=rooms.format_code(row.code),
                n=row.max_participants,
            )
        )
    top = db.execute(sa.select(sa.func.max(people.c.pid)).where(people.c.code == row.code)).scalar()
    pid = (top or 0) + 1
    token = None if by_name else rooms.new_secret()
    db.execute(
        people.insert().values(
            code=row.code, pid=pid, name=shown, name_key=rooms.name_key(shown),
            token_hash=None if token is None else rooms.secret_hash(token), joined=now_iso(),
        )
    )  # fmt: skip
    return pid, shown, token
