"""The Spark session behind the Spark order engine: one per process, reached by URL.

pyspark is optional (``requirements-spark.txt``); it is imported here, on first use, never by
the app's start or by commands that do not use Spark. The connection, in order of precedence:
``remote`` (Spark Connect, ``sc://host:15002``), the ``SPARK_REMOTE`` environment variable,
``master`` (``spark://host:7077``, ``yarn``, ``local[*]``), else the ``--master`` given to
``spark-submit`` when it runs us, else ``local[*]``. Every session gets the settings the
engine's SQL is written for (:data:`SETTINGS`): dates at UTC, no ANSI errors on a cell that does
not parse (the rules return NULL instead), Arrow transfers.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from core.errors import InputError
from core.i18n import msg

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

APP_NAME = "customer-importance-orders"
CONNECT_SECONDS = 10
SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}
# local mode: no web UI, and as many shuffle partitions as the machine runs at once (Spark's
# default of 200 costs seconds per query on a small machine; a cluster keeps its own)
LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": str(2 * (os.cpu_count() or 1)),
}


@dataclass(frozen=True)
class SparkTarget:
    """Where the Spark engine runs: a master URL or a Spark Connect URL, and extra settings
    (``--spark-conf KEY=VALUE``)."""

    master: str | None = None
    remote: str | None = None
    conf: Mapping[str, str] = field(default_factory=dict)

    def resolved(self) -> SparkTarget:
        """The target with ``SPARK_REMOTE`` applied when neither URL is given."""
        if self.remote or self.master:
            return self
        env = os.environ.get("SPARK_REMOTE", "").strip()
        return SparkTarget(None, env or None, self.conf)

    def label(self) -> str:
        """The URL the engine runs on (for the order report)."""
        target = self.resolved()
        return target.remote or target.master or "local[*]"


def parse_conf(items: list[str] | tuple[str, ...] | None) -> dict[str, str]:
    """``KEY=VALUE`` strings as a dict; InputError naming the first one without ``=``."""
    out: dict[str, str] = {}
    for item in items or ():
        key, sep, value = str(item).partition("=")
        if not sep or not key.strip():
            raise InputError(msg("orders.spark_conf_key_value", item=item))
        out[key.strip()] = value.strip()
    return out


def configured_target() -> SparkTarget | None:
    """The Spark connection the app offers, when one is configured and pyspark is installed:
    ``SPARK_REMOTE`` (Spark Connect) or ``SPARK_MASTER`` (a master URL, ``local[*]`` too)."""
    remote = os.environ.get("SPARK_REMOTE", "").strip()
    master = os.environ.get("SPARK_MASTER", "").strip()
    if not (remote or master) or not spark_available():
        return None
    return SparkTarget(None if remote else master, remote or None)


def spark_available() -> bool:
    """Whether pyspark can be imported (the Orders page offers Spark only then)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def spark_session(target: SparkTarget | None = None) -> SparkSession:
    """The process's Spark session for ``target`` (created on first use, then reused). An
    explicit master wins over ``SPARK_REMOTE``; a Spark Connect server that does not answer
    within :data:`CONNECT_SECONDS` is an error at once (the client would retry for minutes)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InputError(msg("orders.spark_not_installed")) from None
    target = (target or SparkTarget()).resolved()
    try:
        if target.remote or (target.master or "").startswith("spark://"):
            _check_reachable(target.remote or target.master)
        with _without_remote_env(bool(target.master)):
            session = _builder(SparkSession, target).getOrCreate()
    except InputError:
        raise
    except Exception as error:  # pyspark raises its own types, Py4J and gRPC ones
        raise InputError(
            msg("orders.spark_cannot_connect", target=target.label(), detail=_first_line(error))
        ) from None
    for key, value in SETTINGS.items():  # a reused session keeps the engine's settings
        session.conf.set(key, value)
    return session


def _builder(session_type, target: SparkTarget):
    builder = session_type.builder.appName(APP_NAME)
    if target.remote:
        builder = builder.remote(target.remote)
        settings = {**SETTINGS, **target.conf}
    else:
        if target.master:  # else spark-submit's --master, or pyspark's own local[*]
            builder = builder.master(target.master)
        submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this process
        local = (target.master or ("" if submitted else "local")).startswith("local")
        settings = {**(LOCAL_SETTINGS if local else {}), **SETTINGS, **target.conf}
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder


@contextmanager
def _without_remote_env(active: bool):
    """``SPARK_REMOTE`` hidden from pyspark while a session for an explicit master starts
    (pyspark refuses a master beside it)."""
    saved = os.environ.pop("SPARK_REMOTE", None) if active else None
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SPARK_REMOTE"] = saved


def _check_reachable(url: str) -> None:
    """InputError unless a ``sc://`` URL's server, or one master of a ``spark://`` URL (a
    standby list ``spark://a:7077,b:7077``), accepts a connection."""
    default = 15002 if url.startswith("sc://") else 7077
    detail = ""
    for place in url.split("://", 1)[1].split("/")[0].split(";")[0].split(","):
        parsed = urlparse(f"//{place}")
        try:
            address = (parsed.hostname or "localhost", parsed.port or default)
            socket.create_connection(address, timeout=CONNECT_SECONDS).close()
            return
        except (OSError, ValueError) as error:
            detail = getattr(error, "strerror", None) or type(error).__name__
    raise InputError(msg("orders.spark_cannot_connect", target=url, detail=detail))


def ship_core(session: SparkSession) -> None:
    """Make this project's ``core`` package importable on the session's executors (for Python
    code that runs there): zipped once per process and added to the session."""
    global _SHIPPED
    if _SHIPPED is not None:
        return
    folder = Path(tempfile.mkdtemp(prefix="ciw-spark-"))
    package = Path(__file__).resolve().parents[1]
    archive = shutil.make_archive(str(folder / "core"), "zip", package.parent, package.name)
    try:
        session.sparkContext.addPyFile(archive)
    except Exception:  # Spark Connect has no SparkContext: the archive is an artifact there
        session.addArtifacts(archive, pyfile=True)
    _SHIPPED = archive


_SHIPPED: str | None = None


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
