"""Workshop rooms: create, join, submit, close and open rounds, read and export.

Every operation is one transaction (core.workshop.db.run_transaction). Each write first locks
the room's row (``FOR UPDATE`` on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
writers), so the limits — room size, submissions per minute — are checked inside the same
transaction as the write they guard. Facilitator operations need the facilitator key.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from core.errors import InputError
from core.i18n import msg
from core.method.scenario import Scenario
from core.workshop import rules as rooms
from core.workshop.db import (
    database_url,
    identify,
    make_engine,
    meta,
    now_iso,
    people,
    pid_of_token,
    room_table,
    round_table,
    run_transaction,
    submit_log,
    subs,
)

MAX_DATA_ROWS = 5000
T = TypeVar("T")


@dataclass(frozen=True)
class NewRoom:
    """A created room: its join code and the facilitator key (shown once, never stored)."""

    code: str
    facilitator_key: str


@dataclass(frozen=True)
class Room:
    """What anyone holding the code may see of a room."""

    code: str
    scenario: Scenario
    show_data: bool
    round: int
    round_open: bool
    max_participants: int
    participants: int
    submitted: int  # in the current round
    created: str


@dataclass(frozen=True)
class Receipt:
    """A stored submission: the participant's token is returned only when first issued."""

    participant: str
    round: int
    revision: int
    token: str | None


class RoomStore:
    """Rooms, rounds, participants and their submissions."""

    def __init__(self, where: str | Path | None = None) -> None:
        self.url = database_url(where)
        self.engine = make_engine(self.url)
        self._run(lambda db: meta.create_all(db))

    def _run(self, work: Callable[[Connection], T]) -> T:
        return run_transaction(self.engine, work)

    # --- facilitator -------------------------------------------------------------------

    def create_room(
        self,
        scenario: Scenario,
        *,
        show_data: bool = False,
        data: pd.DataFrame | None = None,
        max_participants: int = rooms.MAX_PARTICIPANTS,
    ) -> NewRoom:
        """Open a room (round 1, open) for ``scenario``; ``data`` (already anonymised) is what
        participants may see when ``show_data``."""
        key = rooms.new_secret()
        data_csv = None
        if show_data and data is not None:
            data_csv = data.head(MAX_DATA_ROWS).to_csv(index=False)
        now = now_iso()

        def create(db: Connection) -> str:
            code = rooms.new_code()
            while db.execute(sa.select(room_table.c.code).where(room_table.c.code == code)).first():
                code = rooms.new_code()
            db.execute(
                room_table.insert().values(
                    code=code, key_hash=rooms.secret_hash(key), scenario=scenario.to_json(),
                    show_data=show_data, data_csv=data_csv, max_participants=max_participants,
                    round=1, round_open=True, created=now,
                )
            )  # fmt: skip
            db.execute(round_table.insert().values(code=code, number=1, opened=now))
            return code

        return NewRoom(self._run(create), key)

    def _locked_room(self, db: Connection, code: str) -> sa.Row:
        code = rooms.parse_code(code)
        query = sa.select(room_table).where(room_table.c.code == code).with_for_update()
        row = db.execute(query).first()
        if row is None:
            raise InputError(msg("rooms.no_room_with_code_check", code=rooms.format_code(code)))
        return row

    def _authorized(self, db: Connection, code: str, key: str) -> sa.Row:
        row = self._locked_room(db, code)
        if not rooms.secret_matches(key, row.key_hash):
            raise InputError(
                msg("rooms.facilitator_key_wrong_use_key", code=rooms.format_code(row.code))
            )
        return row

    def verify_key(self, code: str, key: str) -> None:
        """InputError unless ``key`` is the room's facilitator key."""
        self._run(lambda db: self._authorized(db, code, key))

    def close_round(self, code: str, key: str) -> None:
        """Stop accepting submissions for the current round."""

        def close(db: Connection) -> None:
            row = self._authorized(db, code, key)
            db.execute(
                room_table.update().where(room_table.c.code == row.code).values(round_open=False)
            )
            db.execute(
                round_table.update()
                .where(round_table.c.code == row.code, round_table.c.number == row.round)
                .values(closed=now_iso())
            )

        self._run(close)

    def next_round(self, code: str, key: str) -> int:
        """Close the current round (if open) and open the next one; returns its number."""

        def advance(db: Connection) -> int:
            row = self._authorized(db, code, key)
            now, number = now_iso(), row.round + 1
            db.execute(
                round_table.update()
                .where(round_table.c.code == row.code, round_table.c.number == row.round)
                .where(round_table.c.closed.is_(None))
                .values(closed=now)
            )
            db.execute(round_table.insert().values(code=row.code, number=number, opened=now))
            db.execute(
                room_table.update().where(room_table.c.code == row.code)
                .values(round=number, round_open=True)
            )  # fmt: skip
            return number

        return self._run(advance)

    def submissions(self, code: str, key: str, round: int | None = None) -> pd.DataFrame:
        """round, participant, submitted, revision, one column per factor (raw weights);
        every round unless ``round`` is given; by round then first submission."""

        def read(db: Connection) -> pd.DataFrame:
            row = self._authorized(db, code, key)
            query = (
                sa.select(
                    subs.c.round, people.c.name, subs.c.submitted, subs.c.revision, subs.c.weights
                )
                .join(people, (people.c.code == subs.c.code) & (people.c.pid == subs.c.pid))
                .where(subs.c.code == row.code)
                .order_by(subs.c.round, subs.c.pid)
            )
            if round is not None:
                query = query.where(subs.c.round == round)
            columns = Scenario.from_json(row.scenario).columns
            records = [
                {"round": r.round, "participant": r.name, "submitted": r.submitted,
                 "revision": r.revision, **json.loads(r.weights)}
                for r in db.execute(query)
            ]  # fmt: skip
            head = ["round", "participant", "submitted", "revision"]
            return pd.DataFrame(records, columns=[*head, *columns])

        return self._run(read)

    def participants(self, code: str, key: str) -> pd.DataFrame:
        """participant, joined, submitted (in the current round), by joining order."""

        def read(db: Connection) -> pd.DataFrame:
            row = self._authorized(db, code, key)
            done = sa.select(subs.c.pid).where(subs.c.code == row.code, subs.c.round == row.round)
            query = (
                sa.select(people.c.name, people.c.joined, people.c.pid.in_(done).label("submitted"))
                .where(people.c.code == row.code)
                .order_by(people.c.pid)
            )
            rows = [(r.name, r.joined, bool(r.submitted)) for r in db.execute(query)]
            return pd.DataFrame(rows, columns=["participant", "joined", "submitted"])

        return self._run(read)

    def export(self, code: str, key: str) -> dict[str, Any]:
        """The whole room as a JSON-ready dict: scenario, rounds, every submission."""
        room = self.room(code)
        table = self.submissions(code, key)
        query = (
            sa.select(round_table)
            .where(round_table.c.code == room.code)
            .order_by(round_table.c.number)
        )
        rounds = self._run(lambda db: db.execute(query).all())
        return rooms.room_export(room, [r._asdict() for r in rounds], table)

    # --- anyone with the code ----------------------------------------------------------

    def room(self, code: str) -> Room:
        """The room's public state; InputError for an unknown code."""

        def read(db: Connection) -> Room:
            row = self._locked_room(db, code)
            count = sa.select(sa.func.count()).select_from(people).where(people.c.code == row.code)
            done = (
                sa.select(sa.func.count())
                .select_from(subs)
                .where(subs.c.code == row.code, subs.c.round == row.round)
            )
            return Room(
                row.code, Scenario.from_json(row.scenario), bool(row.show_data), row.round,
                bool(row.round_open), row.max_participants, db.execute(count).scalar_one(),
                db.execute(done).scalar_one(), row.created,
            )  # fmt: skip

        return self._run(read)

    def room_data(self, code: str) -> pd.DataFrame | None:
        """The anonymised data participants may see, or None when the room does not show it."""
        row = self._run(lambda db: self._locked_room(db, code))
        if not row.show_data or row.data_csv is None:
            return None
        return pd.read_csv(StringIO(row.data_csv))

    def participant_name(self, code: str, token: str) -> str | None:
        """The name of the token holder in room ``code``, or None when ``token`` is not one of
        this room's (a token is matched by its hash, as on submitting)."""

        def read(db: Connection) -> str | None:
            row = self._locked_room(db, code)
            try:
                pid = pid_of_token(db, row.code, token)
            except InputError:
                return None
            query = sa.select(people.c.name).where(people.c.code == row.code, people.c.pid == pid)
            return db.execute(query).scalar_one()

        return self._run(read)

    def my_weights(self, code: str, token: str) -> dict[str, float] | None:
        """The token holder's weights in the current round, or None."""

        def read(db: Connection) -> dict[str, float] | None:
            row = self._locked_room(db, code)
            pid = pid_of_token(db, row.code, token)
            found = db.execute(
                sa.select(subs.c.weights).where(
                    subs.c.code == row.code, subs.c.round == row.round, subs.c.pid == pid
                )
            ).first()
            return json.loads(found.weights) if found else None

        return self._run(read)

    def submit(
        self,
        code: str,
        name: str | None,
        weights: Mapping[str, float],
        *,
        token: str | None = None,
        by_name: bool = False,
        now: float | None = None,
    ) -> Receipt:
        """Store (or replace) a participant's weights for the current round.

        Identity: ``token`` (issued at the first submission) if given; else ``by_name``
        (the CLI: the name alone identifies, created when new); else a new participant whose
        name must be free in the room, and a new token is returned.
        """
        at = time.time() if now is None else now

        def write(db: Connection) -> Receipt:
            row = self._locked_room(db, code)
            if not row.round_open:
                raise InputError(
                    msg(
                        "rooms.round_closed_wait_facilitator_open",
                        code=rooms.format_code(row.code),
                        n=row.round,
                    )
                )
            checked = rooms.check_weights(weights, Scenario.from_json(row.scenario).columns)
            pid, shown, issued = identify(db, row, name, token, by_name)
            recent = db.execute(
                sa.select(submit_log.c.at).where(
                    submit_log.c.code == row.code, submit_log.c.pid == pid,
                    submit_log.c.at > at - rooms.SUBMIT_WINDOW,
                )
            ).scalars().all()  # fmt: skip
            if not rooms.within_rate(recent, at, rooms.SUBMIT_LIMIT, rooms.SUBMIT_WINDOW):
                raise InputError(msg("rooms.too_many_submissions_most_per", n=rooms.SUBMIT_LIMIT))
            db.execute(submit_log.delete().where(submit_log.c.at <= at - rooms.SUBMIT_WINDOW))
            db.execute(submit_log.insert().values(code=row.code, pid=pid, at=at))
            key = (subs.c.code == row.code) & (subs.c.round == row.round) & (subs.c.pid == pid)
            old = db.execute(sa.select(subs.c.revision).where(key)).first()
            values = {"weights": json.dumps(checked, ensure_ascii=False), "submitted": now_iso()}
            if old is None:
                revision = 1
                db.execute(
                    subs.insert().values(
                        code=row.code, round=row.round, pid=pid, revision=1, **values
                    )
                )
            else:
                revision = old.revision + 1
                db.execute(subs.update().where(key).values(revision=revision, **values))
            return Receipt(shown, row.round, revision, issued)

        return self._run(write)
