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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.errors import InputError
from core.i18n import msg

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

APP_NAME = "customer-importance-orders"
SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}
LOCAL_SETTINGS = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}


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


def spark_available() -> bool:
    """Whether pyspark can be imported (the Orders page offers Spark only then)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def spark_session(target: SparkTarget | None = None) -> SparkSession:
    """The process's Spark session for ``target`` (created on first use, then reused)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InputError(msg("orders.spark_not_installed")) from None
    target = (target or SparkTarget()).resolved()
    builder = SparkSession.builder.appName(APP_NAME)
    if target.remote:
        builder = builder.remote(target.remote)
        settings = {**SETTINGS, **target.conf}
    else:
        if target.master:  # else spark-submit's --master, or pyspark's own local[*]
            builder = builder.master(target.master)
        settings = {**LOCAL_SETTINGS, **SETTINGS, **target.conf}
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # pyspark raises its own types, Py4J and gRPC ones
        raise InputError(
            msg("orders.spark_cannot_connect", target=target.label(), detail=_first_line(error))
        ) from None
    for key, value in SETTINGS.items():  # a reused session keeps the engine's settings
        session.conf.set(key, value)
    return session


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
