"""A Spark session in a process of its own, for the cluster tests (a process holds one Spark
context, and the test run's is the local one).

``python -m tests.core.orders.spark_probe KIND [URL]`` opens a session through
:func:`core.orders.spark_session.spark_session`, sums :data:`ORDERS` per customer there and
prints what it saw as one JSON line (an InputError as ``{"error": …}``). KIND is ``master``
(URL ``spark://…``), ``remote`` (``sc://…``), ``submit`` (no URL and no job: run by
``spark-submit --master …``, it reports the master it got).
"""

from __future__ import annotations

import json
import sys
import time

from core.errors import InputError
from core.orders.spark_session import SETTINGS, SparkTarget, spark_session

ORDERS = [("c1", 10.0), ("c2", 5.0), ("c1", 2.5), ("c3", 1.0), ("c2", 4.0), ("c1", 0.5)]
SHUFFLE = {"spark.sql.shuffle.partitions": "4"}
CLUSTER_CONF = {
    **SHUFFLE,
    "spark.driver.host": "127.0.0.1",
    "spark.executor.memory": "512m",
    "spark.cores.max": "2",  # both workers' cores; the first job waits until both joined
    "spark.scheduler.minRegisteredResourcesRatio": "1.0",
}
EXECUTOR_WAIT_SECONDS = 60


def expected_totals() -> dict[str, list[float | int]]:
    """``customer -> [sum of amounts, lines]`` of :data:`ORDERS`, as the probe reports it."""
    totals: dict[str, list[float | int]] = {}
    for customer, amount in ORDERS:
        total, lines = totals.get(customer, [0.0, 0])
        totals[customer] = [total + amount, lines + 1]
    return totals


def target_for(kind: str, url: str | None) -> SparkTarget:
    if kind == "master":
        return SparkTarget(master=url, conf=CLUSTER_CONF)
    if kind == "submit":
        return SparkTarget(conf={"spark.driver.host": "127.0.0.1"})
    return SparkTarget(remote=url, conf=SHUFFLE)


def probe(kind: str, url: str | None = None) -> dict:
    try:
        spark = spark_session(target_for(kind, url))
    except InputError as error:
        return {"error": str(error)}
    if kind == "submit":
        master = spark.sparkContext.master
        spark.stop()
        return {"master": master}
    from pyspark.sql import functions as F

    rows = (
        spark.createDataFrame(ORDERS, "customer string, amount double")
        .groupBy("customer")
        .agg(F.sum("amount").alias("total"), F.count("*").alias("lines"))
        .collect()
    )
    seen = {
        "totals": {row.customer: [row.total, row.lines] for row in rows},
        "settings": {key: spark.conf.get(key) for key in SETTINGS},
        "session": type(spark).__module__,
    }
    if kind == "master":
        seen["master"] = spark.sparkContext.master
        seen["executors"] = _executors(spark.sparkContext, 2)
    spark.stop()
    return seen


def _executors(sc, wanted: int) -> int:
    """How many executors (the driver not counted) joined, waiting a while for ``wanted``."""
    deadline = time.monotonic() + EXECUTOR_WAIT_SECONDS
    while True:
        count = sc._jsc.sc().getExecutorIds().size()
        if count >= wanted or time.monotonic() > deadline:
            return count
        time.sleep(0.5)


if __name__ == "__main__":
    print(json.dumps(probe(*sys.argv[1:3])))
