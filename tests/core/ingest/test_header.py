"""Tests for core.ingest.header and the header row in read_table: title rows, blank rows and
notes above the header in CSV (UTF-8, GBK) and XLSX (merged title cell), the override and its
errors."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from core.errors import IngestError
from core.i18n import localize
from core.ingest.header import find_header
from core.ingest.read import read_table

HEADER = ["客户编号", "客户名称", "销售额", "毛利", "最近购买日期", "满意度"]
CUSTOMERS = [
    ["C001", "华东精密", "￥1,234", "200", "2024年3月1日", "85%"],
    ["C002", "北京远航", "￥2,000", "300", "2024年2月1日", "78%"],
    ["C003", "广州南方", "500", "100", "2024-01-05", "92%"],
]
TITLE = "2024年度客户销售统计表"


def csv_bytes(lines: list[list[str]], encoding: str = "utf-8") -> bytes:
    return "".join(
        ",".join(f'"{c}"' if "," in c else c for c in row) + "\n" for row in lines
    ).encode(encoding)


def titled(*above: list[str]) -> list[list[str]]:
    return [*above, HEADER, *CUSTOMERS]


def error(data: bytes, name: str, header_row: int | None = None) -> str:
    with pytest.raises(IngestError) as caught:
        read_table(data, name=name, header_row=header_row)
    return str(caught.value)


# ── find_header ───────────────────────────────────────────────────────────────────────────


def test_the_first_row_is_the_header_of_a_plain_table() -> None:
    assert find_header([HEADER, *CUSTOMERS]) == 0


def test_title_blank_and_note_rows_above_the_header_are_skipped() -> None:
    rows = [[TITLE, "", "", ""], ["", "", "", ""], ["单位：元", "", "", ""], HEADER, *CUSTOMERS]
    assert find_header(rows) == 3


def test_a_wide_group_row_above_the_header_loses_to_the_header_over_typed_columns() -> None:
    groups = ["基本信息", "", "销售", "", "日期", "评价"]  # 4 of 6 cells filled, all text
    assert find_header([groups, HEADER, *CUSTOMERS]) == 1


def test_a_metadata_row_wider_than_the_table_is_not_the_header() -> None:
    meta = ["报表", "客户销售", "期间", "2024年", "制表人", "张三", "审核", "李四"]
    assert find_header([meta, HEADER, *CUSTOMERS]) == 1


def test_a_customer_row_of_text_only_does_not_replace_the_header() -> None:
    text_only = ["C000", "无名公司", "—", "—", "—", "—"]  # placeholders count as empty
    assert find_header([HEADER, text_only, *CUSTOMERS]) == 0


def test_a_table_of_text_only_keeps_its_first_row_as_header() -> None:
    assert find_header([["地区", "负责人"], ["华东", "张三"], ["华北", "李四"]]) == 0


def test_without_a_header_like_row_the_first_wide_row_is_taken() -> None:
    assert find_header([[TITLE], ["1", "2", "3"], ["4", "5", "6"]]) == 1


# ── CSV ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-8-sig"])
def test_one_field_title_and_blank_line_above_a_csv_header(encoding: str) -> None:
    data = csv_bytes(titled([TITLE], []), encoding)
    result = read_table(data, name="t.csv")
    assert result.header_row == 3
    assert list(result.frame.columns) == HEADER
    assert result.frame.index.tolist() == [4, 5, 6]
    assert result.frame.loc[4, "销售额"] == 1234.0
    assert result.frame.loc[6, "最近购买日期"] == pd.Timestamp("2024-01-05")
    assert result.delimiter == ","
    assert [str(n) for n in result.notes] == ["header on row 3; rows 1–2 are a title"]
    assert localize(result.notes[0], "zh") == "表头在第 3 行；第 1–2 行是标题"
    assert result.warnings == ()


def test_excel_style_title_with_empty_cells_and_a_single_title_row() -> None:
    result = read_table(csv_bytes(titled([TITLE, "", "", "", "", ""])), name="t.csv")
    assert (result.header_row, list(result.frame.columns)) == (2, HEADER)
    assert [str(n) for n in result.notes] == ["header on row 2; row 1 is a title"]


def test_a_semicolon_file_with_a_title_keeps_its_delimiter() -> None:
    lines = titled([TITLE])
    data = "".join(";".join(row) + "\n" for row in lines).encode()
    result = read_table(data, name="t.csv")
    assert (result.delimiter, result.header_row, list(result.frame.columns)) == (";", 2, HEADER)


def test_a_header_on_row_1_gives_no_note() -> None:
    result = read_table(csv_bytes(titled()), name="t.csv")
    assert (result.header_row, result.notes) == (1, ())


def test_ragged_lines_below_the_header_still_name_their_file_line() -> None:
    lines = titled([TITLE], [])
    lines[4] = [*lines[4], "extra"]  # line 5 of the file
    message = error(csv_bytes(lines), "t.csv")
    assert message.startswith("t.csv: line 5 has 7 fields but the header has 6")


def test_header_row_override_in_csv() -> None:
    data = csv_bytes(titled([TITLE], []))
    result = read_table(data, name="t.csv", header_row=3)
    assert (result.header_row, list(result.frame.columns)) == (3, HEADER)
    assert [str(n) for n in result.notes] == ["header on row 3, as chosen"]
    lower = read_table(data, name="t.csv", header_row=4)  # the first customer as the header
    assert list(lower.frame.columns) == CUSTOMERS[0]
    assert lower.frame.index.tolist() == [5, 6]


def test_bad_header_rows_say_why() -> None:
    data = csv_bytes(titled([TITLE], []))
    assert error(data, "t.csv", 9) == (
        "t.csv: header row 9 is beyond the data (the last row is 6); choose a row from 1 to 6"
    )
    assert error(data, "t.csv", 2) == (
        "t.csv: row 2 is empty, so it cannot be the header; choose the row with the column names"
    )
    assert error(data, "t.csv", 0) == "t.csv: header row 0 is not a row number; give 1 or more"
    assert error(data, "t.csv", 6) == (
        "t.csv has a header row but no data rows; add the customer rows below the header"
    )


# ── XLSX ─────────────────────────────────────────────────────────────────────────────────


def workbook(first_row: int = 1) -> bytes:
    """A merged title cell over the table, a blank row, then the header and typed cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "客户"
    top = first_row
    sheet.cell(top, 1, TITLE)
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(HEADER))
    for j, name in enumerate(HEADER, start=1):
        sheet.cell(top + 2, j, name)
    values = [
        ["C001", "华东精密", 1234.0, 200, dt.datetime(2024, 3, 1), 0.85],
        ["C002", "北京远航", 2000.0, "—", dt.datetime(2024, 2, 1), 0.78],
        ["C003", "广州南方", 500.0, 100, dt.datetime(2024, 1, 5), 0.92],
    ]
    for i, row in enumerate(values, start=top + 3):
        for j, value in enumerate(row, start=1):
            sheet.cell(i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_a_merged_title_cell() -> None:
    result = read_table(workbook(), name="t.xlsx")
    assert (result.header_row, list(result.frame.columns)) == (3, HEADER)
    assert result.frame.index.tolist() == [4, 5, 6]
    assert result.frame.loc[5, "毛利"] != result.frame.loc[5, "毛利"]  # '—' is missing
    assert [str(n) for n in result.notes] == ["header on row 3; rows 1–2 are a title"]
    assert [str(w) for w in result.warnings] == [
        "t.xlsx: column '毛利': 1 placeholder cell(s) read as missing: '—' (row 5)"
    ]


def test_xlsx_table_starting_lower_numbers_rows_as_the_sheet_does() -> None:
    result = read_table(workbook(first_row=4), name="t.xlsx")
    assert (result.header_row, result.frame.index.tolist()) == (6, [7, 8, 9])
    assert [str(n) for n in result.notes] == ["header on row 6; rows 4–5 are a title"]


def test_xlsx_header_row_override_and_errors() -> None:
    data = workbook()
    assert read_table(data, name="t.xlsx", header_row=3).header_row == 3
    assert error(data, "t.xlsx", 2) == (
        "t.xlsx, sheet '客户': row 2 is empty, so it cannot be the header; choose the row with "
        "the column names"
    )
    assert error(data, "t.xlsx", 40).startswith(
        "t.xlsx, sheet '客户': header row 40 is beyond the data (the last row is 6)"
    )
    lower = workbook(first_row=4)
    assert error(lower, "t.xlsx", 2).startswith("t.xlsx, sheet '客户': row 2 is empty")


def test_parquet_has_no_header_rows() -> None:
    buffer = io.BytesIO()
    pd.DataFrame({"id": ["a", "b"], "v": [1.0, 2.0]}).to_parquet(buffer, index=False)
    result = read_table(buffer.getvalue(), name="t.parquet", header_row=2)
    assert (result.header_row, result.notes, len(result.frame)) == (1, (), 2)
    assert [str(w) for w in result.warnings] == [
        "t.parquet is a Parquet file: its column names are the header; ignored header row 2"
    ]
