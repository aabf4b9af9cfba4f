"""Regenerate the bad-input corpus beside this file: ``python tests/corpus/make_corpus.py``.

Each file is a small customer table (客户编号, 客户名称, 销售额, 毛利, 订单数, 最近购买日期,
满意度) with one thing wrong or unusual; the output is byte-for-byte deterministic.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

HERE = Path(__file__).resolve().parent
HEADER = ["客户编号", "客户名称", "销售额", "毛利", "订单数", "最近购买日期", "满意度"]
# id, name, sales (yuan), profit (yuan), orders, last purchase, satisfaction (%)
CUSTOMERS = [
    ("C001", "华东精密机械有限公司", 1234500, 256000, 42, dt.date(2024, 3, 1), 85),
    ("C002", "北京远航科技有限公司", 856000, 171200, 31, dt.date(2024, 2, 15), 78),
    ("C003", "广州南方贸易有限公司", 432100, 64800, 18, dt.date(2023, 12, 20), 92),
    ("C004", "成都天府食品有限公司", 98000, 12700, 7, dt.date(2023, 9, 5), 66),
    ("C005", "杭州西湖电子有限公司", 2150000, 387000, 55, dt.date(2024, 3, 10), 88),
    ("C006", "武汉光谷材料有限公司", 310500, 40300, 12, dt.date(2023, 11, 2), 71),
    ("C007", "西安古城物流有限公司", 57800, 6900, 4, dt.date(2023, 6, 30), 59),
    ("C008", "深圳前海咨询有限公司", 1020000, 214200, 26, dt.date(2024, 1, 8), 81),
]


def rows(money: str = "{:,}", chinese_dates: bool = False) -> list[list[str]]:
    """The customers as text cells: money formatted as asked, satisfaction as ``85%``."""

    def date(day: dt.date) -> str:
        return f"{day.year}年{day.month}月{day.day}日" if chinese_dates else day.isoformat()

    return [
        [cid, name, money.format(sales), str(profit), str(orders), date(day), f"{sat}%"]
        for cid, name, sales, profit, orders, day, sat in CUSTOMERS
    ]


def csv_text(cells: list[list[str]], sep: str = ",", header: list[str] = HEADER) -> str:
    """CSV with quotes only where a cell holds the separator or a quote (as Excel does)."""

    def cell(value: str) -> str:
        if sep in value or '"' in value:
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join(sep.join(map(cell, row)) + "\r\n" for row in [header, *cells])


def erp_export() -> str:
    """A Chinese ERP export as it comes: a title line, a blank line, the header, the customers
    (``￥1,234``, ``85%``, ``2024年3月1日``, one ``—``), a 合计 row and a 备注 line."""
    cells = rows(money="￥{:,}", chinese_dates=True)
    cells[2][HEADER.index("毛利")] = "—"  # C003's profit is not known
    profit = sum(c[3] for i, c in enumerate(CUSTOMERS) if i != 2)
    total = ["合计", "", f"￥{sum(c[2] for c in CUSTOMERS):,}", str(profit),
             str(sum(c[4] for c in CUSTOMERS)), "", ""]  # fmt: skip
    note = "备注：金额单位为元，数据截至2024年3月10日"
    table = csv_text([*cells, total])
    return "2024年度客户销售统计表\r\n\r\n" + table + note + "\r\n"


def png_bytes() -> bytes:
    """A valid 1×1 grey PNG: binary content under a .csv name."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80", 9)) + chunk(b"IEND", b"")
    )  # fmt: skip


def with_cell(column: str, row: int, value: str) -> list[list[str]]:
    """The default rows with one cell replaced (row = 0-based data row)."""
    cells = rows()
    cells[row][HEADER.index(column)] = value
    return cells


def xlsx_bytes() -> bytes:
    """Two sheets: a region summary first, the customer table on the second, named 客户."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": dt.datetime(2024, 3, 31, 9, 0, 0)})
    summary = book.add_worksheet("汇总")
    summary.write_row(0, 0, ["地区", "销售额"])
    for i, (region, sales) in enumerate([("华东", 3384500), ("华北", 856000), ("华南", 1452100)]):
        summary.write_row(i + 1, 0, [region, sales])
    sheet = book.add_worksheet("客户")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    for i, (cid, name, sales, profit, orders, day, sat) in enumerate(CUSTOMERS, start=1):
        sheet.write_row(i, 0, [cid, name, sales, profit, orders])
        sheet.write_datetime(i, 5, dt.datetime.combine(day, dt.time()), dates)
        sheet.write_number(i, 6, sat / 100)
    book.close()
    return buffer.getvalue()


def parquet_bytes() -> bytes:
    table = pa.table(
        {
            "客户编号": [c[0] for c in CUSTOMERS],
            "客户名称": [c[1] for c in CUSTOMERS],
            "销售额": pa.array([float(c[2]) for c in CUSTOMERS]),
            "毛利": pa.array([float(c[3]) for c in CUSTOMERS]),
            "订单数": pa.array([c[4] for c in CUSTOMERS], pa.int64()),
            "最近购买日期": pa.array([c[5] for c in CUSTOMERS], pa.date32()),
            "满意度": pa.array([c[6] / 100 for c in CUSTOMERS]),
        }
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="snappy")
    return buffer.getvalue()


def corpus() -> dict[str, bytes]:
    """File name → exact bytes."""
    utf8 = csv_text(rows()).encode("utf-8")
    duplicate = rows()
    duplicate[3][0] = "C003"  # rows 4 and 5 share an id
    formulas = rows()
    for i, name in enumerate(['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"]):
        formulas[i][1] = name
    missing = [[*row[:-1], ""] for row in rows()]
    return {
        "empty.csv": b"",
        "header_only.csv": csv_text([]).encode("utf-8"),
        "one_row.csv": csv_text(rows()[:1]).encode("utf-8"),
        # GBK has no half-width ¥ (U+00A5): Chinese Excel writes the full-width ￥.
        "gbk.csv": csv_text(rows(money="￥{:,}", chinese_dates=True)).encode("gbk"),
        "erp_export.csv": erp_export().encode("gbk"),
        "bom.csv": b"\xef\xbb\xbf" + utf8,
        "semicolon.csv": csv_text(rows(), sep=";").encode("utf-8"),
        "duplicate_ids.csv": csv_text(duplicate).encode("utf-8"),
        "all_missing_column.csv": csv_text(missing).encode("utf-8"),
        "text_in_numeric.csv": csv_text(with_cell("销售额", 2, "abc")).encode("utf-8"),
        "inf.csv": csv_text(with_cell("毛利", 4, "inf")).encode("utf-8"),
        "formula_names.csv": csv_text(formulas).encode("utf-8"),
        "binary.csv": png_bytes(),
        "sheets.xlsx": xlsx_bytes(),
        "sample.parquet": parquet_bytes(),
    }


def main() -> None:
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
