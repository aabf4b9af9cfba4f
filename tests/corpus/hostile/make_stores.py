"""Regenerate the damaged stores and key files beside this file:
``PYTHONPATH=. python tests/corpus/hostile/make_stores.py`` (from the repository root).

- ``stores_damaged.sqlite3``: 8 KiB of (seeded) random bytes where a store file should be;
- ``stores_truncated.sqlite3``: a real store (every table of the scenario, snapshot and room
  stores, a few hundred rows) cut off after its first pages: SQLite opens it and reads its
  schema, then finds the tables' pages missing;
- ``credentials_blank_key.txt``: a facilitator key file holding only blank lines;
- ``credentials_binary_key.txt``: a key file of bytes that are not text.

Deterministic: the same bytes on every run (for one SQLite version).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa

from core.storage.scenarios import MIGRATIONS
from core.storage.snapshots import SCHEMA
from core.workshop.db import meta

HERE = Path(__file__).resolve().parent
SEED = 15
PAGES_KEPT = 3


def _full_store(path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    meta.create_all(engine)
    engine.dispose()
    with closing(sqlite3.connect(path)) as db, db:
        for statement in filter(str.strip, MIGRATIONS[0].split(";")):
            db.execute(statement)
        for statement in SCHEMA:
            db.execute(statement)
        day = "2024-06-30T00:00:00+00:00"
        db.executemany(
            "INSERT INTO scenarios VALUES (?, ?, 'weighted_sum', 1, ?, ?, 0)",
            [(f"plan {k}", '{"id_column": "id"}' * 20, day, day) for k in range(300)],
        )
        db.executemany(
            "INSERT INTO snapshot_rows VALUES ('Q2', ?, ?, 1.0, 'key', ?, 'key')",
            [(f"C{k:04d}", k, f"customer {k}") for k in range(300)],
        )
    with closing(sqlite3.connect(path)) as db:
        db.execute("VACUUM")


def truncated_store() -> bytes:
    """A real store's first :data:`PAGES_KEPT` pages."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.sqlite3"
        _full_store(path)
        with closing(sqlite3.connect(path)) as db:
            (page_size,) = db.execute("PRAGMA page_size").fetchone()
        return path.read_bytes()[: PAGES_KEPT * page_size]


def main() -> None:
    rng = random.Random(SEED)
    (HERE / "stores_damaged.sqlite3").write_bytes(rng.randbytes(8192))
    (HERE / "stores_truncated.sqlite3").write_bytes(truncated_store())
    (HERE / "credentials_blank_key.txt").write_bytes(b"\n   \n\t\n")
    (HERE / "credentials_binary_key.txt").write_bytes(b"\xff\xfe\x00" + rng.randbytes(61))


if __name__ == "__main__":
    main()
