"""core.orders.spark_session: the targets, the ``--spark-conf`` pairs, the errors, the run's local
session, and real sessions on the CI cluster (a standalone master with two workers, a Spark
Connect server) and through ``spark-submit``, each in a process of its own."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import InputError
from core.orders.spark_session import (
    SETTINGS,
    SparkTarget,
    parse_conf,
    spark_available,
    spark_session,
)
from tests.core import spark_support
from tests.core.orders.spark_probe import expected_totals

ROOT = Path(__file__).resolve().parents[3]
PROBE = "tests.core.orders.spark_probe"
PROBE_TIMEOUT = 600  # only so that a broken cluster cannot hang the run


def run_probe(*command: str) -> dict:
    """A probe's JSON line; the process's stderr tail when it failed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SPARK_REMOTE", None)  # pyspark prefers it to any master URL
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=PROBE_TIMEOUT
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_parse_conf_reads_key_value_pairs_and_names_the_first_without_one() -> None:
    assert parse_conf(["spark.executor.memory=4g", " a.b = x=y "]) == {
        "spark.executor.memory": "4g",
        "a.b": "x=y",
    }
    assert parse_conf(None) == parse_conf([]) == {}
    with pytest.raises(InputError, match=r"^--spark-conf 'spark\.ui': write KEY=VALUE"):
        parse_conf(["a=1", "spark.ui", "b"])
    with pytest.raises(InputError, match="'=4g'"):
        parse_conf(["=4g"])


def test_spark_remote_applies_only_when_no_url_is_given(monkeypatch) -> None:
    monkeypatch.setenv("SPARK_REMOTE", " sc://spark.example:15002 ")
    conf = {"spark.executor.memory": "4g"}
    resolved = SparkTarget(conf=conf).resolved()
    assert resolved == SparkTarget(remote="sc://spark.example:15002", conf=conf)
    assert SparkTarget().label() == "sc://spark.example:15002"
    given = SparkTarget(remote="sc://other:15002")
    assert given.resolved() is given
    monkeypatch.setenv("SPARK_REMOTE", "  ")
    assert SparkTarget().resolved() == SparkTarget()
    monkeypatch.delenv("SPARK_REMOTE")
    assert SparkTarget().label() == "local[*]"
    assert SparkTarget(master="spark://h:7077").label() == "spark://h:7077"


def test_without_pyspark_the_session_asks_to_install_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark now raises ImportError
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    assert not spark_available()
    with pytest.raises(InputError, match=r"pyspark and Java 17: .*requirements-spark\.txt"):
        spark_session(SparkTarget(master="local[1]"))


def test_the_local_session_has_the_engines_settings(spark) -> None:
    assert spark.sparkContext.master == "local[2]"
    assert spark.conf.get("spark.sql.shuffle.partitions") == "4"
    for key, value in SETTINGS.items():
        assert spark.conf.get(key) == value
    row = spark.sql("SELECT current_timezone() AS zone, CAST('12x' AS INT) AS number").first()
    assert (row.zone, row.number) == ("UTC", None)  # no ANSI error: a bad cell is NULL


def test_a_reused_session_gets_the_engines_settings_back(spark) -> None:
    spark.conf.set("spark.sql.session.timeZone", "Asia/Shanghai")
    again = spark_session(spark_support.LOCAL)
    assert again.sparkContext is spark.sparkContext
    assert spark.conf.get("spark.sql.session.timeZone") == "UTC"


def test_an_unreachable_spark_connect_server_is_an_input_error_at_once() -> None:
    """The port is tried first (the Connect client itself retries for minutes)."""
    spark_support.require_spark(java=False, connect=True)
    url = f"sc://127.0.0.1:{closed_port()}"
    with pytest.raises(InputError) as caught:
        spark_session(SparkTarget(remote=url))
    assert str(caught.value).startswith(f"cannot start or reach Spark at {url} (")
    master = f"spark://127.0.0.1:{closed_port()}"
    with pytest.raises(InputError, match="cannot start or reach Spark at spark://127"):
        spark_session(SparkTarget(master=master))


@pytest.mark.spark
def test_an_explicit_master_wins_over_spark_remote(spark, monkeypatch) -> None:
    monkeypatch.setenv("SPARK_REMOTE", f"sc://127.0.0.1:{closed_port()}")
    assert spark_session(spark_support.LOCAL).sparkContext is spark.sparkContext


def test_a_session_on_the_standalone_cluster_runs_on_its_two_workers(spark_master_url) -> None:
    seen = run_probe(sys.executable, "-m", PROBE, "master", spark_master_url)
    assert seen["master"] == spark_master_url
    assert seen["executors"] >= 2
    assert seen["totals"] == expected_totals()
    assert seen["settings"] == SETTINGS


def test_spark_submit_runs_the_session_on_its_master(spark_master_url) -> None:
    import pyspark

    submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    probe = ROOT / Path(*PROBE.split(".")).with_suffix(".py")
    seen = run_probe(str(submit), "--master", spark_master_url, str(probe), "submit")
    assert seen == {"master": spark_master_url}  # not the builder's own local[*]


def test_a_spark_connect_session_runs_on_the_server(spark_remote_url) -> None:
    seen = run_probe(sys.executable, "-m", PROBE, "remote", spark_remote_url)
    assert seen["session"].startswith("pyspark.sql.connect")
    assert seen["totals"] == expected_totals()
    assert seen["settings"] == SETTINGS


def test_without_a_url_the_cluster_tests_are_skipped_locally_and_fail_in_ci(monkeypatch) -> None:
    for name in (spark_support.MASTER_URL, spark_support.REMOTE_URL):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("CI", "true")
        with pytest.raises(pytest.fail.Exception, match=f"{name} is not set: CI must test"):
            spark_support.spark_url(name)
        monkeypatch.setenv("CI", "false")
        with pytest.raises(pytest.skip.Exception, match=name):
            spark_support.spark_url(name)
        monkeypatch.setenv(name, " sc://127.0.0.1:1 ")
        assert spark_support.spark_url(name) == "sc://127.0.0.1:1"


def test_without_java_spark_tests_are_skipped_locally_and_fail_in_ci(monkeypatch) -> None:
    monkeypatch.setattr(spark_support, "java_found", lambda: False)
    monkeypatch.setattr(spark_support, "spark_available", lambda: True)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no java found.*CI must run"):
        spark_support.require_spark()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="Java 17"):
        spark_support.require_spark()
    spark_support.require_spark(java=False)  # Spark Connect's client needs no Java
