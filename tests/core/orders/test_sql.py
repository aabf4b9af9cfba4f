"""The SQL builders of the DuckDB order engine, run on a tiny in-memory table."""

import duckdb

from core.orders.sql import STATUS, literal, quote, status_sql


def test_names_and_texts_are_quoted_safely():
    assert quote('a"b') == '"a""b"'
    assert literal("O'Brien") == "'O''Brien'"


def test_status_codes_follow_the_first_rule_that_applies():
    rows = [  # cust, oid, day, amt
        (None, "o1", 10, 5.0),  # missing customer
        ("c", "o2", None, 5.0),  # bad date
        ("c", "o3", 10, None),  # bad amount
        ("c", None, 10, 5.0),  # missing order id
        ("c", "o5", 99, 5.0),  # after the as-of day (50)
        ("c", "o6", 10, -5.0),  # return
        ("c", "o7", 10, 0.0),  # zero amount
        ("c", "o8", 10, 5.0),  # purchase
    ]
    con = duckdb.connect()
    con.execute("CREATE TABLE v (cust VARCHAR, oid VARCHAR, day INTEGER, amt DOUBLE)")
    con.executemany("INSERT INTO v VALUES (?, ?, ?, ?)", rows)
    codes = [r[0] for r in con.sql(f"SELECT {status_sql(True, 50)} FROM v").fetchall()]
    assert [STATUS[c] for c in codes] == [
        "missing_customer", "bad_date", "bad_amount", "missing_order_id",
        "future", "return", "zero_amount", "purchase",
    ]  # fmt: skip
