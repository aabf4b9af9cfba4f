"""The order corpus on a Spark cluster, in a process of its own (a process holds one Spark
context; the test run's is the local one).

``python -m tests.core.orders.spark_corpus_probe master|remote URL CASE …`` runs the cases of
:data:`tests.core.orders.order_corpus.CASES` named (every case without a name) with the Spark
engine on the cluster at URL and compares each with the reference engine's result on this
machine; prints one JSON object: case id → "same", or the first line of how they differ.
"""

from __future__ import annotations

import json
import sys

from core.orders.spark_session import SparkTarget
from tests.core.orders.order_corpus import CASES, REFERENCE, aggregate, assert_same
from tests.core.orders.spark_probe import target_for


def compare(target: SparkTarget, cases: list[str]) -> dict[str, str]:
    seen = {}
    for case_id in cases or CASES:
        try:
            assert_same(aggregate(case_id, REFERENCE), aggregate(case_id, "spark", spark=target))
            seen[case_id] = "same"
        except AssertionError as error:
            seen[case_id] = (str(error).strip().splitlines() or ["differs"])[0][:300]
    return seen


if __name__ == "__main__":
    print(json.dumps(compare(target_for(sys.argv[1], sys.argv[2]), sys.argv[3:])))
