from __future__ import annotations

from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.mapping.row_ids import ROW_ID, with_row_ids

NO_ID = b"revenue,profit\n100,20\n200,30\n\n300,10\n"


def test_a_table_without_an_id_column_gets_sheet_row_ids_and_a_warning():
    result = with_row_ids(read_table(NO_ID, "values.csv"))
    assert list(result.frame.columns) == [ROW_ID, "revenue", "profit"]
    assert result.frame[ROW_ID].tolist() == ["2", "3", "5"]  # row 4 is blank
    assert detect_mapping(result.frame).id_column == ROW_ID
    assert result.warnings[-1] == (
        "values.csv: no column looks like a customer ID (a header such as customer_id or "
        "客户编号, or text that differs in every row), so customers are numbered by their sheet "
        "row in a new column 'row_id'; add an ID column to the file to tell them apart across "
        "files"
    )
    assert result.warnings[-1].render("zh").startswith("values.csv：没有一列像客户编号")


def test_a_table_with_an_id_column_is_kept_as_it_is():
    result = read_table(b"customer_id,revenue\n1,100\n2,200\n", "ids.csv")
    assert with_row_ids(result) is result


def test_unique_names_are_an_id():
    result = read_table(b"company,revenue\nAcme,100\nBeta,200\n", "names.csv")
    assert with_row_ids(result) is result


def test_an_existing_row_id_column_is_not_replaced():
    result = with_row_ids(read_table(b"row_id,revenue\n7,100\n7,200\n", "rows.csv"))
    assert list(result.frame.columns) == ["row_id_2", "row_id", "revenue"]
