"""The Data page's conversions table (ui.data.ingest_report), built from a real ingest."""

from __future__ import annotations

from core.ingest.read import read_table
from ui.data.ingest_report import conversions_table

CSV = b"id,revenue,since\nA,100,2024-01-31\nB,n/a,2023-12-01\nC,,not a date\n"


def test_conversions_table_one_row_per_converted_column() -> None:
    shown = conversions_table(read_table(CSV, name="t.csv"), "en")
    assert list(shown.columns) == [
        "Column",
        "Type",
        "Parsed",
        "Failed",
        "Empty",
        "Failed examples",
        "Note",
    ]
    assert shown["Column"].tolist() == ["id", "revenue", "since"]
    assert shown["Type"].tolist() == ["text", "number", "text"]
    revenue = shown.set_index("Column").loc["revenue"]
    assert (revenue["Parsed"], revenue["Failed"], revenue["Empty"]) == (1, 0, 2)


def test_conversions_table_speaks_chinese() -> None:
    shown = conversions_table(read_table(CSV, name="t.csv"), "zh")
    assert shown.columns[0] == "列" and shown["类型"].iloc[1] == "数值"


def test_conversion_notes_and_examples_speak_chinese() -> None:
    csv = b"id,revenue\nA,100\nB,200\nC,300\nD,400\nE,abc\n"
    shown = conversions_table(read_table(csv, name="t.csv"), "zh").set_index("列")
    assert shown.loc["id", "说明"] == "列名表明是编号：按文本保留"
    assert shown.loc["revenue", "失败示例"] == "第 6 行：「abc」"
