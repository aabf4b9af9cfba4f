"""Ranking snapshots (定期回顾) kept in the local SQLite store, and the top-customer watchlist.

A snapshot is the subset of one ranking a user keeps (customer_id, rank, score, tier, name,
tier_key) with the date it describes (as-of). ``tier`` is the label shown when it was kept;
``tier_key`` the tier's stable key (core.method.tiers.tier_keys), so snapshots taken in different
languages name the same tiers alike (empty for snapshots kept before keys, or without tiers).
Snapshots live in the SAME database file as saved scenarios
(:func:`core.storage.scenarios.store_path`: ``$CIW_DATA_DIR/workbench.sqlite3``) in two tables of
their own, created here with ``CREATE TABLE IF NOT EXISTS`` (they do not touch the scenario store's
``schema_version``)::

    snapshots(name TEXT PRIMARY KEY, as_of TEXT, created TEXT, customers INTEGER)
    snapshot_rows(snapshot TEXT, customer_id TEXT, rank INTEGER, score REAL, tier TEXT,
                  name TEXT, tier_key TEXT, PRIMARY KEY (snapshot, customer_id))

(``tier_key`` is added to an older file's table when it is opened.)

Like the scenario store, every operation opens its own short-lived connection in WAL mode with
a busy timeout. :func:`watchlist` follows the top N customers of the latest snapshot across
all snapshots (oldest first): their rank in each, and the change between the last two.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.method.scenario import TierSpec
from core.storage.scenarios import (
    MAX_NAME,
    prepare_folder,
    store_path,
    transaction,
    unique_name,
)

COLUMNS = ("customer_id", "rank", "score", "tier", "name", "tier_key")
DEFAULT_TOP_N = 10
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS snapshots (
        name TEXT PRIMARY KEY, as_of TEXT NOT NULL, created TEXT NOT NULL,
        customers INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS snapshot_rows (
        snapshot TEXT NOT NULL, customer_id TEXT NOT NULL, rank INTEGER NOT NULL,
        score REAL, tier TEXT, name TEXT, tier_key TEXT, PRIMARY KEY (snapshot, customer_id))""",
)
ADD_TIER_KEY = "ALTER TABLE snapshot_rows ADD COLUMN tier_key TEXT"


@dataclass(frozen=True)
class SavedSnapshot:
    """One entry of the snapshot list (created: UTC, ISO 8601 to the second)."""

    name: str
    as_of: date
    created: str
    customers: int


@dataclass(frozen=True)
class Snapshot:
    """A kept ranking: ``table`` has :data:`COLUMNS`, sorted by rank."""

    name: str
    as_of: date
    table: pd.DataFrame


def _tier_keys(table: pd.DataFrame, tiers: TierSpec | None) -> np.ndarray:
    if "tier_key" in table.columns and tiers is None:
        return table["tier_key"].astype("string").fillna("").astype(str).to_numpy()
    if tiers is None or "tier" not in table.columns:
        return np.full(len(table), "", dtype=object)
    keys = {label: tiers.tier_key(label) or "" for label in table["tier"].astype(str).unique()}
    return table["tier"].astype(str).map(keys).to_numpy()


def snapshot_frame(
    table: pd.DataFrame, name_column: str | None = None, tiers: TierSpec | None = None
) -> pd.DataFrame:
    """The kept subset of a ranking table (``rank``, ``customer_id``, ``score``, ``tier``);
    ``name`` comes from ``name_column``, else the customer ID; ``tier_key`` from ``tiers``
    (the ranking's scenario's), else the table's own ``tier_key`` column, else empty."""
    missing = [c for c in ("customer_id", "rank") if c not in table.columns]
    if missing:
        raise InputError(msg("snapshots.ranking_has_no_column", columns=", ".join(missing)))
    ids = table["customer_id"].astype(str)
    names = table[name_column] if name_column and name_column in table.columns else ids
    out = pd.DataFrame(
        {
            "customer_id": ids.to_numpy(),
            "rank": table["rank"].astype("int64").to_numpy(),
            "score": table["score"].astype(float).to_numpy() if "score" in table else float("nan"),
            "tier": table["tier"].astype(str).to_numpy() if "tier" in table else "",
            "name": names.astype("string").fillna(ids).astype(str).to_numpy(),
            "tier_key": _tier_keys(table, tiers),
        }
    )
    return out.sort_values("rank", kind="stable").reset_index(drop=True)


def _clean_name(name: object) -> str:
    text = " ".join(name.split()) if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME:
        raise InputError(msg("snapshots.name_give_name_characters", name=name, n=MAX_NAME))
    return text


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(msg("snapshots.date_write_yyyy_mm_dd", value=value)) from None


class SnapshotStore:
    """Save, list, load and delete ranking snapshots by name."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = prepare_folder(store_path(path), msg("word.snapshot_store"))
        with self._connect() as db:
            for statement in SCHEMA:
                db.execute(statement)
            columns = {row[1] for row in db.execute("PRAGMA table_info(snapshot_rows)")}
            if "tier_key" not in columns:
                db.execute(ADD_TIER_KEY)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.path, msg("word.snapshot_store"))

    def _require(self, db: sqlite3.Connection, name: str) -> tuple:
        row = db.execute(
            "SELECT name, as_of, created, customers FROM snapshots WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            kept = [r[0] for r in db.execute("SELECT name FROM snapshots ORDER BY name")]
            listed = ", ".join(kept[:20]) or msg("word.none_yet")
            raise InputError(
                msg("snapshots.no_snapshot_named_kept_snapshots", name=name, names=listed)
            )
        return row

    def save(
        self, name: str, as_of: date | str, table: pd.DataFrame, overwrite: bool = False
    ) -> SavedSnapshot:
        """Keep ``table`` (:func:`snapshot_frame` is applied) as ``name``; an existing name
        raises InputError unless ``overwrite``. The name is claimed by the insert itself, in
        the transaction that writes the rows, so a concurrent save is never silently lost."""
        name, day = _clean_name(name), _as_date(as_of)
        frame = snapshot_frame(table, "name" if "name" in table.columns else None)
        if frame["customer_id"].duplicated().any():
            twice = frame.loc[frame["customer_id"].duplicated(), "customer_id"].iloc[0]
            raise InputError(msg("snapshots.customer_appears_twice", name=name, id=twice))
        rows = [
            (name, r.customer_id, int(r.rank), None if pd.isna(r.score) else float(r.score),
             r.tier, r.name, r.tier_key)
            for r in frame.itertuples(index=False)
        ]  # fmt: skip
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        taken = InputError(msg("snapshots.already_named_choose_another_name", name=name))
        with self._connect() as db, unique_name(taken):
            if overwrite:
                db.execute("DELETE FROM snapshot_rows WHERE snapshot = ?", (name,))
                db.execute("DELETE FROM snapshots WHERE name = ?", (name,))
            db.execute(  # the name's primary key: of two savers without overwrite, one wins
                "INSERT INTO snapshots (name, as_of, created, customers) VALUES (?, ?, ?, ?)",
                (name, day.isoformat(), created, len(rows)),
            )
            db.executemany(
                "INSERT INTO snapshot_rows (snapshot, customer_id, rank, score, tier, name, "
                "tier_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return SavedSnapshot(name, day, created, len(rows))

    def list_snapshots(self) -> list[SavedSnapshot]:
        """Every snapshot, oldest as-of date first (then by creation time, then name)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT name, as_of, created, customers FROM snapshots "
                "ORDER BY as_of, created, name"
            ).fetchall()
        return [SavedSnapshot(n, date.fromisoformat(a), c, k) for n, a, c, k in rows]

    def load(self, name: str) -> Snapshot:
        """The snapshot ``name`` (InputError when there is none)."""
        name = _clean_name(name)
        with self._connect() as db:
            _, as_of, _, _ = self._require(db, name)
            rows = db.execute(
                "SELECT customer_id, rank, score, tier, name, COALESCE(tier_key, '') "
                "FROM snapshot_rows "
                "WHERE snapshot = ? ORDER BY rank, customer_id",
                (name,),
            ).fetchall()
        table = pd.DataFrame(rows, columns=list(COLUMNS)).astype(
            {"customer_id": str, "rank": "int64", "score": float, "tier": str, "name": str}
            | {"tier_key": str}
        )
        return Snapshot(name, date.fromisoformat(as_of), table)

    def load_all(self) -> list[Snapshot]:
        """Every snapshot, in :meth:`list_snapshots` order."""
        return [self.load(saved.name) for saved in self.list_snapshots()]

    def delete(self, name: str) -> None:
        """Remove a snapshot and its rows."""
        name = _clean_name(name)
        with self._connect() as db:
            self._require(db, name)
            db.execute("DELETE FROM snapshot_rows WHERE snapshot = ?", (name,))
            db.execute("DELETE FROM snapshots WHERE name = ?", (name,))


def _trend(change: object) -> str:
    if pd.isna(change):
        return ""
    return f"▲ {change}" if change > 0 else f"▼ {-change}" if change < 0 else "—"


def _chronological(snapshots: Sequence[Snapshot]) -> list[Snapshot]:
    return sorted(snapshots, key=lambda s: s.as_of)  # stable: equal dates keep their order


def watchlist(snapshots: Sequence[Snapshot], top_n: int = DEFAULT_TOP_N) -> pd.DataFrame:
    """The top ``top_n`` customers of the latest snapshot, one column of ranks per snapshot.

    Columns: customer_id, name (as in the latest), one per snapshot name, oldest first (rank,
    <NA> when not ranked there), change = rank in the previous snapshot − rank in the latest
    (+ moved up; <NA> when absent before or only one snapshot), trend ("▲ 3", "▼ 2", "—", "").
    Sorted by the latest rank.
    """
    if int(top_n) < 1:
        raise InputError(msg("snapshots.watchlist_top_n_must_more", n=top_n))
    ordered = _chronological(snapshots)
    if not ordered:
        return pd.DataFrame(columns=["customer_id", "name", "change", "trend"])
    latest = ordered[-1].table.sort_values("rank", kind="stable").head(int(top_n))
    out = latest[["customer_id", "name"]].reset_index(drop=True)
    for snap in ordered:
        ranks = snap.table.set_index("customer_id")["rank"]
        out[snap.name] = out["customer_id"].map(ranks).astype("Int64")
    if len(ordered) > 1:
        out["change"] = (out[ordered[-2].name] - out[ordered[-1].name]).astype("Int64")
    else:
        out["change"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out["trend"] = out["change"].map(_trend).astype(str)
    return out


def rank_history(snapshots: Sequence[Snapshot], customer_ids: Sequence[str]) -> pd.DataFrame:
    """One row per (snapshot, customer) where the customer is ranked: snapshot, as_of,
    customer_id, name, rank, score, tier; oldest snapshot first, then by rank."""
    wanted = [str(c) for c in customer_ids]
    parts = [
        snap.table[snap.table["customer_id"].isin(wanted)].assign(
            snapshot=snap.name, as_of=pd.Timestamp(snap.as_of), order=k
        )
        for k, snap in enumerate(_chronological(snapshots))
    ]
    columns = ["snapshot", "as_of", "customer_id", "name", "rank", "score", "tier"]
    if not parts:
        return pd.DataFrame(columns=columns)
    history = pd.concat(parts, ignore_index=True).sort_values(["order", "rank"], kind="stable")
    return history[columns].reset_index(drop=True)
