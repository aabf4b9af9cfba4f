"""Regenerate the order-log corpus beside this file:
``python tests/corpus/orders/make_orders_corpus.py``.

Each file is a small order log with one purpose (the docstring of the function that writes it),
run through every order engine by tests/core/orders/test_order_corpus.py (the cases and their
options are in tests/core/orders/order_corpus.py). Rows are numbered as the engines number them:
the header is row 1, so the first line is row 2. The output is byte-for-byte deterministic.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
Rows = list[list[str]]


def csv_text(header: list[str], rows: Rows) -> str:
    """CSV as Excel writes it: CRLF, quotes only where a cell holds a comma or a quote."""

    def cell(value: str) -> str:
        if "," in value or '"' in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(",".join(map(cell, row)) + "\r\n" for row in [header, *rows])


def amounts_zh() -> str:
    """Chinese headers with order IDs; every way of writing an amount the value rules read
    (currency signs, grouping, 万/亿, (…) for negative, full-width digits, ``%``, the minus sign
    U+2212, ideographic spaces) and four they refuse (a placeholder, ``1,23``, ``12abc``,
    ``inf``). ``85%`` is a number by the rules (0.85), so it is a purchase of 0.85. Profit is
    written as messily, with two gaps."""
    rows = [
        ["D001", "K01", "2024-03-01", "¥1,234.50", "100"],
        ["D002", "K01", "2024-03-02", "￥1,234.50", "100"],
        ["D003", "K01", "2024-03-03", "1.2万", "1,000"],
        ["D004", "K01", "2024-03-04", "(1,234)", "-100"],  # a return
        ["D005", "K02", "2024-03-05", "85%", "0"],  # 0.85
        ["D006", "K02", "2024-03-06", "１２３４", "１０"],  # full-width: 1234, profit 10
        ["D007", "K02", "2024-03-07", "RMB 500", "50"],
        ["D008", "K02", "2024-03-08", "1,234元", "20"],
        ["D009", "K03", "2024-03-09", "(2万)", "—"],  # a return of 20000 without profit
        ["D010", "K03", "2024-03-10", "3.5万", ""],  # 35000 without profit
        ["D011", "K03", "2024-03-11", "—", "5"],  # bad amount: a placeholder
        ["D012", "K03", "2024-03-12", "1,23", "5"],  # bad amount: not grouped in threes
        ["D013", "K04", "2024-03-13", "12abc", "5"],  # bad amount
        ["D014", "K04", "2024-03-14", "\u221256.5", "-5"],  # the minus sign: a return of 56.5
        ["D015", "K04", "2024-03-15", "$ 1 234", "5"],  # 1234
        ["D016", "K04", "2024-03-16", "1e3", "5"],  # 1000
        ["D017", "K04", "2024-03-17", "＋７", "1"],  # full-width plus: 7
        ["D018", "K05", "2024-03-18", "0.00", "0"],  # a zero line
        ["D019", "K05", "2024-03-19", "inf", "0"],  # bad amount
        ["D020", "K05", "2024-03-20", "\u300088\u3000", "8"],  # ideographic spaces: 88
        ["D021", "K05", "2024-03-21", "1,234,567.891", "9"],
        ["D022", "K05", "2024-03-22", "1.5亿", "3"],  # 150000000
    ]
    return csv_text(["订单号", "客户", "订单日期", "金额", "毛利"], rows)


def dates_en() -> str:
    """English headers, no order IDs, a UTF-8 byte-order mark (Excel's "CSV UTF-8"); dates in
    every form the rules read: 年月日, slashes, dots, Excel serials (one with a time of day),
    ISO with a time (space or T, with fractions), full-width digits, spaces around the
    separators; and five that are not dates (Feb 30, eight digits, a time zone, the year 1677,
    an empty cell). Most cells are dates, so ingest types the column as dates."""
    rows = [
        ["A1", "2024年3月1日", "10"],
        ["A1", "2024/3/2", "11"],
        ["A1", "2024.3.3", "12"],
        ["A1", "45355", "13"],  # Excel serial: 2024-03-04
        ["A1", "45356.75", "14"],  # 2024-03-05 18:00
        ["A2", "2024-03-06 23:59:59", "15"],
        ["A2", "2024-03-07T08:30", "16"],
        ["A2", "2024-03-08 00:00:00.250", "17"],
        ["A2", "２０２４－０３－０９", "18"],  # full-width
        ["A2", " 2024 年 3 月 10 日 ", "19"],
        ["A3", "2024-02-30", "20"],  # bad date: February has no 30th
        ["A3", "20240301", "21"],  # bad date: eight digits are a number, not a serial
        ["A3", "2024-03-01T08:00Z", "22"],  # bad date: a time zone
        ["A3", "1677-12-31", "23"],  # bad date: before the year range
        ["A3", "", "24"],  # bad date: empty
        ["A3", "2024-03-11", "25"],
        ["A4", "2024-3-12", "26"],
        ["A4", "2024/03/13 10:05", "27"],
        ["A4", "2024/03/13", "28"],  # the same day: one order day
        ["A5", "2024-01-31", "29"],
        ["A5", "2024-02-29", "30"],  # a leap day
        ["A5", "2023-12-31 23:59", "31"],
        ["A5", "45292", "32"],  # Excel serial: 2024-01-01
        ["A5", "2024-03-13", "33"],  # the latest day: the as-of date
        ["A5", "2024年2月1日", "34"],
        ["A5", "2024/2/2", "35"],
    ]
    return "\ufeff" + csv_text(["customer_id", "order_date", "amount"], rows)


def returns_zero() -> str:
    """Chinese headers, no order IDs, no profit: returns (negative amounts), zero lines, a
    customer with only returns (R2), one with only zero lines (R3), a zero line before the
    first purchase (R4) and a return before it (R5). Run by default and with ``ignore_zero``."""
    rows = [
        ["R1", "2024-01-10", "100"],
        ["R1", "2024-02-10", "-30"],
        ["R1", "2024-02-10", "0"],  # a zero line on the day of a return
        ["R1", "2024-03-10", "50"],
        ["R2", "2024-01-15", "-20"],  # R2: only returns
        ["R2", "2024-03-01", "-5"],
        ["R3", "2024-02-01", "0"],  # R3: only zero lines
        ["R3", "2024-02-20", "0"],
        ["R4", "2024-03-15", "0"],
        ["R4", "2024-03-20", "80"],  # the latest day: the as-of date
        ["R5", "2023-12-01", "-10"],
        ["R5", "2024-01-01", "40"],
        ["R5", "2024-01-01", "-0"],  # minus zero is zero
    ]
    return csv_text(["客户", "订单日期", "金额"], rows)


def copies_no_ids() -> str:
    """English headers, no order IDs, a product column: exact copies (of a purchase, twice; of
    a return; of a zero line) that may be real repeat purchases, and lines that differ from
    them in one column only (product, amount, date). Kept and reported by default, dropped
    with ``drop_copies``."""
    rows = [
        ["C1", "2024-01-05", "20", "CD"],
        ["C1", "2024-01-05", "20", "CD"],  # copy
        ["C1", "2024-01-05", "20", "CD"],  # copy
        ["C1", "2024-01-05", "20", "DVD"],  # another product: not a copy
        ["C1", "2024-01-05", "21", "CD"],  # another amount: not a copy
        ["C1", "2024-02-05", "20", "CD"],  # another day: not a copy
        ["C2", "2024-02-01", "-5", "CD"],
        ["C2", "2024-02-01", "-5", "CD"],  # copy of a return
        ["C2", "2024-02-02", "30", "CD"],
        ["C3", "2024-02-03", "0", "CD"],
        ["C3", "2024-02-03", "0", "CD"],  # copy of a zero line
        ["C4", "2024-03-01", "12.5", "Book"],
    ]
    return csv_text(["customer", "date", "amount", "product"], rows)


def copies_with_ids() -> str:
    """Chinese headers with order IDs: exact copies (dropped: the same order ID and content
    twice), one of a line without profit and one of a zero line; an order of two different
    lines (one order); a line without an order ID. Run by default and with ``ignore_zero``."""
    rows = [
        ["S1", "W01", "2024-04-01", "300", "30"],
        ["S1", "W01", "2024-04-01", "300", "30"],  # copy: dropped
        ["S2", "W01", "2024-04-02", "100", "10"],
        ["S2", "W01", "2024-04-02", "50", "5"],  # the same order, another line: kept
        ["S3", "W01", "2024-04-10", "-100", "-10"],
        ["S4", "W02", "2024-04-03", "80", ""],
        ["S4", "W02", "2024-04-03", "80", ""],  # copy of a line without profit: dropped
        ["S5", "W02", "2024-04-04", "0", "0"],
        ["S5", "W02", "2024-04-04", "0", "0"],  # copy of a zero line: dropped
        ["", "W02", "2024-04-05", "60", "6"],  # no order ID: excluded
        ["S6", "W03", "2024-04-06", "45", "4"],
        ["S7", "W03", "2024-04-20", "55", "5"],
    ]
    return csv_text(["订单号", "客户编号", "订单日期", "金额", "毛利"], rows)


def not_customers() -> str:
    """Chinese headers, no order IDs: what an ERP export mixes into the lines. Totals (合计,
    小计, ``Total:``, full-width ``ＴＯＴＡＬ：``, ``Grand total``), notes (``备注：…``,
    ``Note: …``, ``说明``), the header repeated twice, and lines without a customer (empty,
    ``—``, ``N/A``), with a bad date and with a bad amount. The totals' amounts are the sums
    above them; the lines without a customer carry amounts that are no sums."""
    header = ["客户", "日期", "金额", "毛利"]
    rows = [
        ["N1", "2024-05-01", "100", "10"],
        ["N1", "2024-05-02", "200", "20"],
        ["小计", "", "300", "30"],  # total row
        ["N2", "2024-05-03", "50", "5"],
        ["客户", "日期", "金额", "毛利"],  # header again
        ["N2", "2024-05-04", "abc", "1"],  # bad amount
        ["N2", "2024-05-05", "—", "1"],  # bad amount: a placeholder
        ["N3", "2024-13-01", "70", "7"],  # bad date: no 13th month
        ["N3", "soon", "71", "7"],  # bad date
        ["N3", "2024-05-06", "72", "7"],
        ["", "2024-05-07", "7.77", "0.01"],  # no customer
        ["—", "2024-05-07", "8.88", "0.02"],  # no customer: a placeholder
        ["N/A", "2024-05-07", "9.99", "0.03"],  # no customer
        ["合计", "", "422", "42"],  # total row
        ["Total:", "", "422", "42"],  # total row
        ["ＴＯＴＡＬ：", "2024-06-30", "422", "42"],  # total row: its later date is no as-of
        ["Grand total", "", "422", "42"],  # total row
        ["客户", "日期", "金额", "毛利"],  # header again
        ["N4", "2024-05-08", "15", "1.5"],
        ["备注：金额含税", "", "", ""],  # note
        ["Note: amounts in RMB", "", "", ""],  # note
        ["说明", "", "", ""],  # note
    ]
    return csv_text(header, rows)


def future_lines() -> str:
    """English headers with order IDs: lines dated after the as-of date the user gives
    (future lines), a customer with only future lines (F3), and lines in the current and the
    previous period. Run as of 2024-06-30 (90-day periods), as of 2024-03-31 (30-day periods)
    and with the default as-of date (the latest line)."""
    rows = [
        ["F1", "O01", "2023-12-15", "10"],
        ["F1", "O02", "2024-02-10", "20"],
        ["F1", "O03", "2024-04-15", "30"],
        ["F1", "O04", "2024-06-30", "40"],  # on the as-of date: counted
        ["F1", "O05", "2024-07-01", "50"],  # a day after: future
        ["F2", "O06", "2024-03-31", "60"],
        ["F2", "O07", "2024-05-20", "-15"],
        ["F2", "O08", "2024-09-01", "70"],  # future
        ["F3", "O09", "2024-08-01", "80"],  # F3: only future lines
        ["F3", "O10", "2024-12-24", "90"],  # the latest line
    ]
    return csv_text(["customer", "order_id", "order_date", "amount"], rows)


def mixed_ids() -> str:
    """Chinese headers with a name column: customer IDs in several scripts and cases, digits
    that sort as text (``10`` before ``9``), full-width letters, an emoji; so every engine
    must sort IDs the same way (code points). Names: a customer named differently over time
    (the latest name wins, a conflict is reported), a tie on the latest day, a placeholder
    name."""
    rows = [
        ["客户乙", "乙公司", "2024-03-01", "10"],
        ["客户甲", "甲公司", "2024-03-02", "20"],
        ["b7", "Bee", "2024-03-03", "30"],
        ["B7", "Big Bee", "2024-03-04", "40"],
        ["Zeta", "Zeta Ltd", "2024-03-05", "50"],
        ["émile", "Émile SA", "2024-03-06", "60"],
        ["10", "Ten", "2024-03-07", "70"],
        ["9", "Nine", "2024-03-08", "80"],
        ["ｆｕｌｌ", "全角", "2024-03-09", "90"],
        ["🙂", "Smile", "2024-03-10", "100"],
        ["Ärger", "Ärger AG", "2024-03-11", "110"],
        ["a", "Alpha", "2024-01-01", "5"],
        ["a", "Alpha Ltd", "2024-02-01", "5"],  # a later name: wins, a conflict
        ["b7", "Bee Co", "2024-03-03", "1"],  # the same latest day: the greater name wins
        ["Zeta", "—", "2024-03-20", "5"],  # a placeholder is no name
    ]
    return csv_text(["客户", "客户名称", "订单日期", "金额"], rows)


def profit_gaps_en() -> str:
    """English synonyms (invoice_no, customer, invoice_date, revenue, gross_profit): a profit
    column with gaps (empty, ``—``, ``N/A``, ``-``) on purchases, a return and a zero line,
    and on lines that are not counted (a future line, a bad amount), which are not gaps."""
    rows = [
        ["I01", "P1", "2024-02-01", "500", "50"],
        ["I02", "P1", "2024-02-02", "400", ""],  # gap
        ["I03", "P1", "2024-02-03", "-100", "—"],  # gap on a return
        ["I04", "P2", "2024-02-04", "0", "N/A"],  # gap on a zero line
        ["I05", "P2", "2024-02-05", "250", "-"],  # gap
        ["I06", "P2", "2024-02-06", "250", "25.5"],
        ["I07", "P3", "2024-02-07", "x", ""],  # bad amount: not a gap
        ["I08", "P3", "2024-02-08", "75", "7.5"],
        ["I09", "P3", "2024-12-31", "99", ""],  # future (as of 2024-02-29): not a gap
    ]
    return csv_text(["invoice_no", "customer", "invoice_date", "revenue", "gross_profit"], rows)


def columns_given() -> str:
    """Headers the detection does not know (买家, 成交时间, 实付) beside one it does (amount, a
    list price): run with the columns given, which win over the detected amount."""
    rows = [
        ["G1", "2024-06-01 09:15", "120", "99.5"],
        ["G1", "2024-06-03 18:40", "80", "80"],
        ["G2", "2024-06-02 12:00", "60", "45"],
        ["G2", "2024-06-02 13:00", "60", "-45"],  # refunded the same day
        ["G3", "2024-06-04 08:00", "10", "0"],
    ]
    return csv_text(["买家", "成交时间", "amount", "实付"], rows)


def numeric_ids() -> str:
    """Customer IDs under 客户 (a header ingest does not take for an identifier) written as
    numbers: ``1001``, ``1,002``, ``1003.0``, full-width ``１００４``. The value rules keep an
    ID's text; ingest's inference reads this column as numbers (a known gap: pandas on the
    file sees ``1002``, ``1003``, ``1004``)."""
    rows = [
        ["1001", "2024-07-01", "10"],
        ["1001", "2024-07-02", "11"],
        ["1,002", "2024-07-03", "12"],
        ["1003.0", "2024-07-04", "13"],
        ["１００４", "2024-07-05", "14"],
        ["1005", "2024-07-06", "15"],
    ]
    return csv_text(["客户", "订单日期", "金额"], rows)


def near_copies() -> str:
    """No order IDs: one line, then five that hold the same values written another way (a
    space after the ID, ``2024/1/5``, ``20.00``, ``¥20``, a space after the product): copies by
    value, not by text. Run by default and with ``drop_copies``."""
    rows = [
        ["C1", "2024-01-05", "20", "CD"],
        ["C1 ", "2024-01-05", "20", "CD"],
        ["C1", "2024/1/5", "20", "CD"],
        ["C1", "2024-01-05", "20.00", "CD"],
        ["C1", "2024-01-05", "¥20", "CD"],
        ["C1", "2024-01-05", "20", "CD "],
    ]
    return csv_text(["customer", "date", "amount", "product"], rows)


def note_line() -> str:
    """An ERP export's last line: a note in one cell, without the separators of the other
    lines (as tests/corpus/erp_export.csv ends)."""
    rows = [
        ["E1", "2024-06-01", "100"],
        ["E1", "2024-06-15", "250"],
        ["E2", "2024-06-20", "80"],
        ["备注：金额单位为元，数据截至2024年6月30日"],
    ]
    return csv_text(["客户编号", "订单日期", "金额"], rows)


def parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="snappy")
    return buffer.getvalue()


def typed_parquet() -> bytes:
    """A Parquet log whose amounts and profits are typed doubles (a return, a zero, a NaN and
    an infinity, which are bad amounts; profit nulls), dates typed date32 (one null, one in
    1600 outside the year range) and customer IDs typed int64 (one null)."""
    rows = [  # order_id, customer, order_date, amount, profit
        ("T01", 1001, dt.date(2024, 1, 5), 199.99, 20.0),
        ("T02", 1001, dt.date(2024, 2, 5), -49.99, -5.0),
        ("T03", 1001, dt.date(2024, 3, 5), 0.0, None),  # a zero line without profit
        ("T04", 1002, dt.date(2024, 1, 6), 1234.5, 123.45),
        ("T05", 1002, dt.date(2024, 1, 7), float("nan"), 1.0),  # bad amount
        ("T06", 1002, dt.date(2024, 1, 8), float("inf"), 1.0),  # bad amount
        ("T07", None, dt.date(2024, 1, 9), 10.0, 1.0),  # no customer
        ("T08", 1003, None, 10.0, 1.0),  # bad date: none
        ("T09", 1003, dt.date(1600, 1, 1), 10.0, 1.0),  # bad date: outside the years
        ("T10", 1003, dt.date(2024, 3, 31), 77.0, None),
        ("T11", 1004, dt.date(2024, 3, 30), -12.0, -1.0),  # 1004: only a return
    ]
    names = ["order_id", "customer", "order_date", "amount", "profit"]
    types = [pa.string(), pa.int64(), pa.date32(), pa.float64(), pa.float64()]
    columns = zip(names, types, strict=True)
    return parquet(
        pa.table({n: pa.array([r[i] for r in rows], t) for i, (n, t) in enumerate(columns)})
    )


def utc_parquet() -> bytes:
    """A Parquet log with a UTC timestamp column (times near midnight: the day is the UTC
    day; one null) and amounts stored as text (``¥1,234.50``, ``(50)``, ``1.2万``)."""
    utc = dt.timezone.utc
    rows = [  # customer, transaction_date (UTC), amount
        ("U1", dt.datetime(2024, 5, 1, 0, 0, 0, tzinfo=utc), "¥1,234.50"),
        ("U1", dt.datetime(2024, 5, 1, 23, 59, 59, 999000, tzinfo=utc), "(50)"),  # a return
        ("U1", dt.datetime(2024, 5, 2, 0, 0, 1, tzinfo=utc), "1.2万"),
        ("U2", dt.datetime(2024, 4, 30, 16, 0, tzinfo=utc), "300"),  # 00:00 in UTC+8
        ("U2", None, "10"),  # bad date
        ("U2", dt.datetime(2024, 5, 31, 15, 59, tzinfo=utc), "0"),
        ("U3", dt.datetime(2024, 5, 31, 23, 30, tzinfo=utc), "88.8"),  # the as-of date
    ]
    return parquet(
        pa.table(
            {
                "customer": pa.array([r[0] for r in rows], pa.string()),
                "transaction_date": pa.array([r[1] for r in rows], pa.timestamp("ms", "UTC")),
                "amount": pa.array([r[2] for r in rows], pa.string()),
            }
        )
    )


def corpus() -> dict[str, bytes]:
    """File name → exact bytes."""
    texts = {
        "amounts_zh.csv": amounts_zh(),
        "dates_en.csv": dates_en(),
        "returns_zero.csv": returns_zero(),
        "copies_no_ids.csv": copies_no_ids(),
        "copies_with_ids.csv": copies_with_ids(),
        "not_customers.csv": not_customers(),
        "future_lines.csv": future_lines(),
        "mixed_ids.csv": mixed_ids(),
        "profit_gaps_en.csv": profit_gaps_en(),
        "columns_given.csv": columns_given(),
        "numeric_ids.csv": numeric_ids(),
        "near_copies.csv": near_copies(),
        "note_line.csv": note_line(),
    }
    out = {name: text.encode("utf-8") for name, text in texts.items()}
    return out | {"typed.parquet": typed_parquet(), "utc_timestamps.parquet": utc_parquet()}


def main() -> None:
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
