from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from core.errors import IngestError
from core.ingest.read import read_table
from core.ingest.text import SNIFF_CHARS
from core.ingest.width import MAX_COLUMNS


def wide_csv(factors: int, rows: int = 5, name: str = "f") -> bytes:
    header = ",".join(["customer_id", *(f"{name}{i}" for i in range(factors))])
    body = [",".join([f"C{r}", *(str(r + i) for i in range(factors))]) for r in range(rows)]
    return "\n".join([header, *body, ""]).encode()


def too_wide(label: str) -> str:
    return (
        f"{label}: the table has {MAX_COLUMNS + 1:,} columns, more than the {MAX_COLUMNS:,} "
        "the workbench reads; keep the columns you rank on (the customer ID, names and "
        "factors) and save it again"
    )


def test_a_file_with_lines_longer_than_the_sniffing_sample_is_split_into_its_columns():
    data = wide_csv(MAX_COLUMNS - 1, rows=3, name="a_factor_with_a_rather_long_header_")
    assert data.index(b"\n") > SNIFF_CHARS  # the header alone is longer than the sample
    result = read_table(data, "w.csv")
    assert result.frame.shape == (3, MAX_COLUMNS)
    assert result.delimiter == ","
    assert not result.warnings


def test_a_csv_over_the_column_limit_is_refused_naming_limit_and_count():
    with pytest.raises(IngestError) as info:
        read_table(wide_csv(MAX_COLUMNS), "w.csv")
    assert str(info.value) == too_wide("w.csv")
    zh = info.value.args[0].render("zh")
    assert f"{MAX_COLUMNS + 1:,} 列" in zh and f"上限 {MAX_COLUMNS:,} 列" in zh


def test_a_workbook_over_the_column_limit_is_refused():
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet("data")
    sheet.write_row(0, 0, ["customer_id", *(f"f{i}" for i in range(MAX_COLUMNS))])
    sheet.write_row(1, 0, ["C1", *range(MAX_COLUMNS)])
    book.close()
    with pytest.raises(IngestError) as info:
        read_table(buffer.getvalue(), "w.xlsx")
    assert str(info.value) == too_wide("w.xlsx, sheet 'data'")


def test_a_parquet_file_over_the_column_limit_is_refused():
    table = pa.table({f"f{i}": [1.0] for i in range(MAX_COLUMNS + 1)})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    with pytest.raises(IngestError) as info:
        read_table(buffer.getvalue(), "w.parquet")
    assert str(info.value) == too_wide("w.parquet")
