"""The floor for ``python -m core rfm ORDERS --out FILE.csv``: one bare DuckDB query from the
order log to a per-customer CSV, no checks, no report, no scores.

    python benchmarks/bare_duckdb_rfm.py ORDERS.csv OUT.csv --as-of 2024-12-31

Reads the CSV with DuckDB's own sniffer and writes, per customer, lifetimes' CLV summary over
the customer's days (frequency = distinct order days - 1, recency = last - first day,
T = as-of - first day, monetary_value = mean of the repeat days' totals, 0 without a repeat
day), the recency in days and the total amount, sorted by customer ID. Columns ``customer_id``,
``order_date`` and ``amount`` (as in benchmarks/bench_cli.py's logs).
"""

from __future__ import annotations

import argparse

import duckdb

QUERY = """
COPY (
    WITH days AS (
        SELECT customer_id, order_date AS day, sum(amount) AS total
        FROM read_csv({source}) GROUP BY ALL
    )
    SELECT customer_id,
           count(*) - 1 AS frequency,
           max(day) - min(day) AS recency,
           DATE {as_of} - min(day) AS T,
           coalesce((sum(total) - arg_min(total, day)) / nullif(count(*) - 1, 0), 0)
               AS monetary_value,
           DATE {as_of} - max(day) AS recency_days,
           sum(total) AS total
    FROM days GROUP BY customer_id ORDER BY customer_id
) TO {out} (HEADER, DELIMITER ',')
"""


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("orders")
    parser.add_argument("out")
    parser.add_argument("--as-of", required=True, metavar="YYYY-MM-DD")
    args = parser.parse_args()
    con = duckdb.connect()
    con.sql("SET enable_progress_bar = false")
    names = {"source": args.orders, "out": args.out, "as_of": args.as_of}
    con.sql(QUERY.format(**{key: quoted(value) for key, value in names.items()}))


if __name__ == "__main__":
    main()
