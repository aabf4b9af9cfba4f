"""Spark for the tests: the run's one local session and the URLs of the cluster ``.ci/run``
starts (a standalone master with two workers at ``$CIW_SPARK_MASTER``, a Spark Connect server
at ``$CIW_SPARK_REMOTE``; see ``.ci/spark``).

Without pyspark, Java or a URL the tests that need them are skipped with the reason shown in
pytest's summary; in CI (``CI=true``) they fail instead, as the PostgreSQL tests do, so a CI run
can never pass without having run Spark.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from core.orders.spark_session import SparkTarget, spark_available
from tests.core.room_backends import in_ci

MASTER_URL = "CIW_SPARK_MASTER"
REMOTE_URL = "CIW_SPARK_REMOTE"
LOCAL = SparkTarget(
    master="local[2]",
    conf={"spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2"},
)
INSTALL = "python -m pip install -r requirements-spark.txt"


def skip_or_fail(reason: str) -> None:
    """Skip with ``reason``; in CI fail with it."""
    if in_ci():
        pytest.fail(f"{reason}: CI must run the Spark tests too")
    pytest.skip(reason)


def java_found() -> bool:
    home = os.environ.get("JAVA_HOME", "").strip()
    return bool(home and (Path(home) / "bin" / "java").is_file()) or bool(shutil.which("java"))


def require_spark(*, java: bool = True, connect: bool = False) -> None:
    """Skip (fail in CI) unless pyspark, Java and, for ``connect``, its gRPC client are there."""
    if not spark_available():
        skip_or_fail(f"Spark: pyspark is not installed ({INSTALL})")
    if connect and importlib.util.find_spec("grpc") is None:
        skip_or_fail(f"Spark Connect: its client (grpcio) is not installed ({INSTALL})")
    if java and not java_found():
        skip_or_fail("Spark: no java found (install Java 17, e.g. openjdk-17-jre-headless)")


def spark_url(name: str) -> str:
    """The URL in ``$name``; skips (fails in CI) when none is set."""
    url = os.environ.get(name, "").strip()
    if url:
        return url
    what, example = (
        ("a standalone cluster", "spark://127.0.0.1:7077")
        if name == MASTER_URL
        else ("a Spark Connect server", "sc://127.0.0.1:15002")
    )
    if in_ci():
        pytest.fail(f"{name} is not set: CI must test the Spark engine on {what} too")
    pytest.skip(f"Spark: set {name} ({example}) to run these; .ci/spark starts {what}")
