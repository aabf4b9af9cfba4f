"""Settings for the whole suite: the Hypothesis profile (see tests/hypothesis_profiles.py) and
the Spark fixtures (see tests/core/spark_support.py). A test that uses a Spark fixture is
marked ``spark`` (``-m "not spark"`` leaves them out)."""

from __future__ import annotations

import pytest
from hypothesis import settings

from tests.hypothesis_profiles import hypothesis_profile

settings.load_profile(hypothesis_profile())

SPARK_FIXTURES = frozenset({"spark", "spark_master_url", "spark_remote_url"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SPARK_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.spark)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test's stores (scenarios, snapshots, sessions, rooms) in a folder of its own,
    never the app's ``store/``; a test may set ``CIW_DATA_DIR`` again."""
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(scope="session")
def spark():
    """The run's one local Spark session (``local[2]``, 4 shuffle partitions): its JVM starts
    once, on the first test that asks, and stops after the last."""
    from core.orders.spark_session import spark_session
    from tests.core import spark_support

    spark_support.require_spark()
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SPARK_REMOTE", raising=False)  # pyspark would go to Spark Connect instead
        session = spark_session(spark_support.LOCAL)
    yield session
    session.stop()


@pytest.fixture
def spark_master_url() -> str:
    """``$CIW_SPARK_MASTER``, a standalone cluster's ``spark://`` URL (skips without it)."""
    from tests.core import spark_support

    spark_support.require_spark()
    return spark_support.spark_url(spark_support.MASTER_URL)


@pytest.fixture
def spark_remote_url() -> str:
    """``$CIW_SPARK_REMOTE``, a Spark Connect server's ``sc://`` URL (skips without it)."""
    from tests.core import spark_support

    spark_support.require_spark(java=False, connect=True)
    return spark_support.spark_url(spark_support.REMOTE_URL)
