"""The room store's two databases for the tests: SQLite in a temporary folder and PostgreSQL
at ``$CIW_TEST_DATABASE_URL`` (``.ci/run`` starts a throwaway server and sets it).

Without the URL the PostgreSQL variant is skipped with the reason shown in pytest's summary;
in CI (``CI=true``) it fails instead, so a CI run can never pass without having tested
PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.workshop.db import database_url, meta

ENV_URL = "CIW_TEST_DATABASE_URL"
BACKENDS = ("sqlite", "postgresql")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def postgres_url() -> str:
    """The PostgreSQL URL to test on; skips (fails in CI) when none is set."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    if in_ci():
        pytest.fail(f"{ENV_URL} is not set: CI must test the room store on PostgreSQL too")
    pytest.skip(f"PostgreSQL: set {ENV_URL} (postgresql://user@127.0.0.1:PORT/db) to run these")


def empty_postgres() -> str:
    """The PostgreSQL URL with the room tables dropped, so each test starts from nothing."""
    url = postgres_url()
    engine = sa.create_engine(database_url(url))
    try:
        meta.drop_all(engine)
    finally:
        engine.dispose()
    return url


def where(backend: str, tmp_path: Path) -> str:
    """What to give RoomStore / ``--db`` for ``backend``."""
    return str(tmp_path) if backend == "sqlite" else empty_postgres()
