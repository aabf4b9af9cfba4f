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


def test_totals_notes_and_headers_come_first_with_the_customer_header():
    rows = [  # cust, oid, day, amt
        ("合计", None, None, 5.0),  # a total, whatever else is missing
        ("备注：含税", "o2", 10, 5.0),  # a note
        ("客户编号", "订单号", None, None),  # the header again
        ("ＴＯＴＡＬ：", "o4", 99, -5.0),  # a total after the as-of day
        ("c", "o5", 10, 5.0),  # purchase
    ]
    con = duckdb.connect()
    con.execute("CREATE TABLE v (cust VARCHAR, oid VARCHAR, day INTEGER, amt DOUBLE)")
    con.executemany("INSERT INTO v VALUES (?, ?, ?, ?)", rows)
    query = f"SELECT {status_sql(True, 50, '客户编号')} FROM v"
    assert [STATUS[c] for (c,) in con.sql(query).fetchall()] == [
        "total_row", "note_row", "header_row", "total_row", "purchase",
    ]  # fmt: skip
    without = [STATUS[c] for (c,) in con.sql(f"SELECT {status_sql(True, 50)} FROM v").fetchall()]
    assert without == ["bad_date", "purchase", "bad_date", "future", "purchase"]
