"""Tests for core.ingest.non_data_rows through read_table: total, subtotal, note and repeated
header rows leave the frame for IngestResult.excluded with a kind and a reason; the sum rule;
rows that look alike but are customers stay."""

from __future__ import annotations

import pandas as pd

from core.i18n import localize
from core.ingest.non_data_rows import EXCLUDED_COLUMNS, find_non_data_rows, no_excluded
from core.ingest.read import IngestResult, read_table

HEADER = "客户编号,客户名称,销售额,订单数,满意度"
CUSTOMERS = ["C001,甲公司,100,2,80%", "C002,乙公司,200,3,90%", "C003,丙公司,300,5,70%"]


def read(*lines: str) -> IngestResult:
    return read_table(("\n".join(lines) + "\n").encode(), name="t.csv")


def excluded(result: IngestResult) -> list[tuple]:
    table = result.excluded
    reasons = map(str, table["reason"])
    return list(zip(table["row"], table["customer_id"], table["kind"], reasons, strict=True))


def test_total_word_in_the_id_column_and_a_note_below() -> None:
    result = read(HEADER, *CUSTOMERS, "合计,,600,10,", "", "备注：金额单位为元")
    assert result.frame["客户编号"].tolist() == ["C001", "C002", "C003"]
    assert excluded(result) == [
        (5, "合计", "total", "total row (合计): not a customer"),
        (7, "备注：金额单位为元", "note", "note row: not a customer"),
    ]
    assert localize(result.excluded["reason"][0], "zh") == "合计行（合计）：不是客户"
    assert result.warnings == ()  # the blank row before the note is not a skipped customer
    # The blank row 6 is a missing cell in each column; the total and the note count nowhere.
    assert [c.missing for c in result.conversions] == [1, 1, 1, 1, 1]
    assert list(result.excluded.columns) == list(EXCLUDED_COLUMNS)


def test_total_words_in_the_name_column_and_their_kinds() -> None:
    result = read(
        HEADER, CUSTOMERS[0], CUSTOMERS[1], ",小计：,300,5,", CUSTOMERS[2],
        ",Grand Total,600,10,", "C004,总计,1,1,50%",
    )  # fmt: skip
    assert [(r, label, kind) for r, label, kind, _ in excluded(result)] == [
        (4, "小计：", "subtotal"),
        (6, "Grand Total", "total"),
        (7, "总计", "total"),  # a total word in the name column, even with an ID
    ]
    assert str(result.excluded["reason"][0]) == "subtotal row (小计：): not a customer"


def test_total_word_in_a_numeric_id_column_is_its_first_cell() -> None:
    result = read("客户,名称,销售额", "1001,甲,100", "1002,乙,200", "合计,,300")
    assert result.frame["客户"].dtype == "float64" and result.frame["客户"].tolist() == [1001, 1002]
    assert excluded(result)[0][:3] == (4, "合计", "total")
    assert not [w for w in result.warnings if "could not be read" in w]


def test_repeated_header_rows_are_not_customers_and_do_not_spoil_the_types() -> None:
    result = read(HEADER, CUSTOMERS[0], HEADER, CUSTOMERS[1], CUSTOMERS[2])
    assert excluded(result) == [
        (3, "客户编号", "header_repeat", "header row repeated: not a customer")
    ]
    assert [c.kind for c in result.conversions] == ["text", "text", "number", "number", "percent"]
    assert all(c.failed == 0 for c in result.conversions)


def test_a_row_without_labels_summing_the_rows_above_is_a_total() -> None:
    result = read(HEADER, *CUSTOMERS, ",,600,10,")
    assert excluded(result) == [
        (5, None, "total", "total row (its numbers are the sums of rows 2–4): not a customer")
    ]


def test_sums_per_block_give_subtotals_then_a_grand_total() -> None:
    result = read(
        HEADER, CUSTOMERS[0], CUSTOMERS[1], ",,300,5,", CUSTOMERS[2], "C004,丁公司,50,1,60%",
        ",,350,6,", ",,650.0000001,11,",
    )  # fmt: skip
    assert [(r, kind) for r, _, kind, _ in excluded(result)] == [
        (4, "subtotal"),
        (7, "subtotal"),
        (8, "total"),
    ]
    assert str(result.excluded["reason"][1]).endswith("sums of rows 5–6): not a customer")


def test_rows_that_only_look_like_totals_stay() -> None:
    kept = read(
        HEADER, *CUSTOMERS,
        ",,601,10,",  # no label, but not the sum
        ",,,,",  # empty
        "C005,备注公司,1,1,50%",  # a customer whose name starts with a note word
        "Note,,5,5,5%",  # a note word with too many other cells filled
    )  # fmt: skip
    assert kept.excluded.empty
    assert kept.frame.index.tolist() == [2, 3, 4, 5, 7, 8]
    one = read(HEADER, CUSTOMERS[0], ",,100,2,")  # a single row above: no sum rule
    assert one.excluded.empty


def test_placeholders_in_a_total_row_do_not_matter_and_are_not_reported() -> None:
    result = read(HEADER, *CUSTOMERS, "合计,—,600,10,—")
    assert excluded(result)[0][2] == "total"
    assert all(c.placeholders == () for c in result.conversions)


def test_find_non_data_rows_on_frames() -> None:
    raw = pd.DataFrame({"id": ["a", "b", "Total"], "v": ["1", "2", "3"]}, index=[2, 3, 4])
    typed = pd.DataFrame({"id": ["a", "b", "Total"], "v": [1.0, 2.0, 3.0]}, index=[2, 3, 4])
    found = find_non_data_rows(raw, typed, {"id": "text", "v": "number"})
    assert found[["row", "customer_id", "kind"]].values.tolist() == [[4, "Total", "total"]]
    assert no_excluded().empty and list(no_excluded().columns) == list(EXCLUDED_COLUMNS)
