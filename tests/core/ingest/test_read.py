"""Tests for core.ingest.read: every corpus file's outcome, formats, encodings and error
messages."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import xlsxwriter

from core.errors import IngestError
from core.i18n import localize
from core.ingest.parsing import ColumnConversion
from core.ingest.read import IngestResult, list_sheets, read_table

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
HEADER = ["客户编号", "客户名称", "销售额", "毛利", "订单数", "最近购买日期", "满意度"]
KINDS = ["text", "text", "number", "number", "number", "date", "percent"]
BINARY = (
    "{} does not look like a text table (binary content); upload a CSV, XLSX or Parquet file, "
    "or open it in Excel and save it as .xlsx or CSV"
)


def corpus(name: str) -> IngestResult:
    return read_table(CORPUS / name)


def error(source: object, name: str | None = None, sheet: str | None = None) -> str:
    with pytest.raises(IngestError) as caught:
        read_table(source, name, sheet)  # type: ignore[arg-type]
    return str(caught.value)


def test_corpus_files_match_their_generator() -> None:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    for name, data in module.corpus().items():
        assert (CORPUS / name).read_bytes() == data, f"{name}: run make_corpus.py"
        assert len(data) < 8000


def assert_clean_customer_table(result: IngestResult, rows: int = 8) -> None:
    assert list(result.frame.columns) == HEADER
    assert [c.kind for c in result.conversions] == KINDS
    assert all(c.failed == 0 for c in result.conversions)
    assert result.frame.shape == (rows, 7)
    first = result.frame.iloc[0]
    assert first["客户编号"] == "C001" and first["客户名称"] == "华东精密机械有限公司"
    assert (first["销售额"], first["毛利"], first["订单数"]) == (1234500.0, 256000.0, 42.0)
    assert first["最近购买日期"] == pd.Timestamp("2024-03-01")
    assert first["满意度"] == pytest.approx(0.85)
    assert result.frame["销售额"].dtype == np.float64
    assert result.frame["最近购买日期"].dtype == "datetime64[ns]"
    assert pd.api.types.is_string_dtype(result.frame["客户编号"])
    assert result.warnings == ()


def test_empty_file() -> None:
    assert error(CORPUS / "empty.csv") == (
        "empty.csv is empty: no header and no rows; export the sheet again with a header row"
    )


def test_header_only() -> None:
    assert error(CORPUS / "header_only.csv") == (
        "header_only.csv has a header row but no data rows; add the customer rows below the header"
    )


def test_one_row() -> None:
    assert_clean_customer_table(corpus("one_row.csv"), rows=1)


def test_gbk() -> None:
    result = corpus("gbk.csv")
    assert (result.encoding, result.delimiter, result.file_format) == ("gb18030", ",", "csv")
    assert_clean_customer_table(result)
    assert result.frame["最近购买日期"].iloc[1] == pd.Timestamp("2024-02-15")


def test_bom() -> None:
    result = corpus("bom.csv")
    assert result.encoding == "utf-8-sig"
    assert_clean_customer_table(result)


def test_semicolon() -> None:
    result = corpus("semicolon.csv")
    assert (result.encoding, result.delimiter) == ("utf-8", ";")
    assert_clean_customer_table(result)


def test_duplicate_ids_ingest_cleanly() -> None:
    result = corpus("duplicate_ids.csv")
    assert_clean_customer_table(result)
    assert result.frame["客户编号"].tolist()[2:4] == ["C003", "C003"]


def test_all_missing_column() -> None:
    result = corpus("all_missing_column.csv")
    assert result.conversions[-1] == ColumnConversion("满意度", "number", 0, 0, 8, (), "no values")
    assert result.frame["满意度"].isna().all()
    assert result.warnings == ("all_missing_column.csv: column 满意度 has no values",)


def test_text_in_numeric() -> None:
    result = corpus("text_in_numeric.csv")
    assert result.conversions[2] == ColumnConversion("销售额", "number", 7, 1, 0, ("row 4: 'abc'",))
    assert np.isnan(result.frame["销售额"].iloc[2])
    assert result.warnings == (
        "text_in_numeric.csv: column 销售额: 1 value(s) could not be read as numbers and are "
        "now missing (row 4: 'abc')",
    )


def test_inf_is_reported_not_kept() -> None:
    result = corpus("inf.csv")
    assert result.conversions[3] == ColumnConversion("毛利", "number", 7, 1, 0, ("row 6: 'inf'",))
    assert (
        np.isfinite(result.frame["毛利"].dropna()).all() and result.frame["毛利"].isna().sum() == 1
    )
    assert result.warnings == (
        "inf.csv: column 毛利: 1 value(s) could not be read as numbers and are now missing "
        "(row 6: 'inf')",
    )


def test_formula_names_stay_verbatim_text() -> None:
    result = corpus("formula_names.csv")
    names = result.frame["客户名称"].tolist()
    assert names[:4] == ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)"]
    assert result.conversions[1].kind == "text"
    assert result.warnings == (
        "formula_names.csv: column 客户名称: 4 value(s) start with = + - or @ "
        "(row 2: '=HYPERLINK(\"x\")'; row 3: '+1'; row 4: '-2'); kept as plain text, "
        "never evaluated",
    )


def test_binary_renamed_csv() -> None:
    assert error(CORPUS / "binary.csv") == BINARY.format("binary.csv")


def test_sheets_xlsx() -> None:
    path = CORPUS / "sheets.xlsx"
    assert list_sheets(path) == ["汇总", "客户"]
    first = read_table(path)
    assert (first.sheet, first.sheets, first.file_format) == ("汇总", ("汇总", "客户"), "xlsx")
    assert list(first.frame.columns) == ["地区", "销售额"]
    customers = read_table(path, sheet="客户")
    assert customers.sheet == "客户" and customers.encoding is None
    assert list(customers.frame.columns) == HEADER
    assert customers.frame["满意度"].iloc[0] == pytest.approx(0.85)
    assert customers.frame["最近购买日期"].iloc[7] == pd.Timestamp("2024-01-08")
    assert error(path, sheet="Customers") == (
        "sheets.xlsx: no sheet named 'Customers'; available sheets: '汇总', '客户'"
    )


def test_sample_parquet() -> None:
    result = corpus("sample.parquet")
    assert (result.file_format, result.encoding, result.delimiter) == ("parquet", None, None)
    assert list(result.frame.columns) == HEADER
    assert [c.kind for c in result.conversions] == [*KINDS[:-1], "number"]
    assert result.frame["订单数"].tolist()[:2] == [42.0, 31.0]
    assert result.frame["最近购买日期"].iloc[0] == pd.Timestamp("2024-03-01")


def test_bytes_source_uses_the_given_name_and_magic_bytes() -> None:
    data = (CORPUS / "sheets.xlsx").read_bytes()
    assert read_table(data, "上传.xlsx").source == "上传.xlsx"
    assert read_table(data).file_format == "xlsx"  # no name: sniffed from PK
    assert read_table((CORPUS / "sample.parquet").read_bytes(), "blob").file_format == "parquet"
    assert list_sheets(data, "book.xlsx") == ["汇总", "客户"]
    assert list_sheets((CORPUS / "inf.csv").read_bytes(), "inf.csv") == []
    renamed = read_table(data, "book.csv")
    assert renamed.file_format == "xlsx"
    assert renamed.warnings == ("book.csv is really a xlsx file; read it as xlsx",)


def test_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "missing.csv"
    assert error(path) == f"missing.csv: file not found at {path}; check the path"


def test_duplicate_column_names() -> None:
    assert error(b"id,sales,id,sales,x\n1,2,3,4,5\n", "dup.csv") == (
        "dup.csv: duplicate column names: id (columns 1 and 3); sales (columns 2 and 4); "
        "rename them so every header is unique"
    )


def test_header_cells_are_stripped_and_empty_ones_named() -> None:
    result = read_table(b"\xef\xbb\xbf name , ,sales,,\na,1,2,,\nb,3,4,,\n", "h.csv")
    assert list(result.frame.columns) == ["name", "column_2", "sales"]
    assert result.warnings == (
        "h.csv: columns without a header were named column_2",
        "h.csv: dropped 2 empty column(s) without a header",
    )


def test_single_column_warns() -> None:
    result = read_table("名称\n华为\n中兴\n".encode(), "names.csv")
    assert result.delimiter is None and result.frame["名称"].tolist() == ["华为", "中兴"]
    assert result.warnings == (
        "names.csv: found only one column (no comma, semicolon, tab or | between values); "
        "if the file should have several columns, export it again as CSV",
    )


@pytest.mark.parametrize(("sep", "name"), [("\t", "t.tsv"), ("|", "p.txt"), (";", "s.csv")])
def test_delimiters(sep: str, name: str) -> None:
    text = sep.join(["客户", "销售额"]) + "\n" + sep.join(["甲", '"1,234"']) + "\n"
    result = read_table(text.encode(), name)
    assert result.delimiter == sep and result.frame["销售额"].tolist() == [1234.0]


def test_utf16_with_bom() -> None:
    result = read_table("客户\t销售额\n甲\t5\n".encode("utf-16"), "unicode.txt")
    assert (result.encoding, result.delimiter) == ("utf-16", "\t")
    assert result.frame["客户"].tolist() == ["甲"]


def test_gbk_short_file_is_not_taken_for_big5() -> None:
    result = read_table("客户,金额\n华为,1\n".encode("gbk"), "short.csv")
    assert result.encoding == "gb18030" and result.frame["客户"].tolist() == ["华为"]


def test_ragged_row() -> None:
    assert error(b"a,b\n1,2\n3,4,5\n", "r.csv") == (
        "r.csv: line 3 has 3 fields but the header has 2; a value probably contains an "
        "unquoted comma: put quotes around it or export the file again"
    )


def test_blank_and_binary_text() -> None:
    assert error(b" \r\n\r\n", "blank.csv").startswith("blank.csv is empty: no header")
    assert error(bytes(range(256)) * 4, "noise.csv") == BINARY.format("noise.csv")
    assert error(b"\x01\x02\x03\x04\x05a,b\x06\x07\x08\n", "ctl.csv") == BINARY.format("ctl.csv")


def test_empty_rows_inside_are_skipped_with_their_row_numbers() -> None:
    result = read_table(b"a,b\n1,2\n,\n3,4\n\n,\n", "gaps.csv")
    assert result.frame["a"].tolist() == [1.0, 3.0]
    assert result.warnings == ("gaps.csv: skipped 1 empty row(s) (row 3)",)
    assert error(b"a,b\n,\n,\n", "blank_rows.csv").startswith("blank_rows.csv has a header row")


def test_corrupt_xlsx_and_parquet() -> None:
    assert error(b"PK\x03\x04broken", "bad.xlsx") == (
        "bad.xlsx: cannot open the workbook (Cannot detect file format); open it in Excel and "
        "save it again as .xlsx"
    )
    message = error(b"PAR1 not really parquet", "bad.parquet")
    assert message.startswith("bad.parquet: cannot read the Parquet file (")
    assert message.endswith("); export it again")


def workbook(write: object) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    write(book)  # type: ignore[operator]
    book.close()
    return buffer.getvalue()


def test_xlsx_row_numbers_follow_the_sheet_and_serials() -> None:
    def write(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("数据")
        sheet.write_row(2, 1, ["客户编号", "销售额", "下单日期"])  # table starts at B3
        for i, (cid, sales, serial) in enumerate([(1001, 5, 45352), (1002, "abc", 45353)]):
            sheet.write_row(3 + i, 1, [cid, sales, serial])
        for i in range(2, 10):
            sheet.write_row(3 + i, 1, [1001 + i, i, 45352 + i])

    result = read_table(workbook(write), "b.xlsx")
    assert result.frame["客户编号"].tolist()[:2] == ["1001", "1002"]
    assert result.conversions[1].failed_examples == ("row 5: 'abc'",)
    assert result.frame["下单日期"].iloc[0] == pd.Timestamp("2024-03-01")
    assert result.conversions[2].note == "10 Excel serial number(s) read as dates"


def test_empty_and_header_only_sheets() -> None:
    def write(book: xlsxwriter.Workbook) -> None:
        book.add_worksheet("空")
        book.add_worksheet("头").write_row(0, 0, ["a", "b"])

    data = workbook(write)
    assert error(data, "e.xlsx") == (
        "e.xlsx, sheet '空' is empty: no header and no rows; export the sheet again with a "
        "header row"
    )
    assert error(data, "e.xlsx", sheet="头").startswith("e.xlsx has a header row but no data")


def test_sheet_argument_is_ignored_for_csv() -> None:
    result = read_table(b"a,b\n1,2\n", "x.csv", sheet="Sheet1")
    assert result.sheet is None
    assert result.warnings == ("x.csv has no sheets; ignored sheet 'Sheet1'",)


def test_parquet_header_only() -> None:
    buffer = io.BytesIO()
    pq.write_table(pa.table({"a": pa.array([], pa.int64())}), buffer)
    assert error(buffer.getvalue(), "h.parquet").startswith("h.parquet has a header row")


def test_hundred_thousand_rows_convert_every_column() -> None:
    # Speed belongs in a benchmark, never a timed test; here only the result at that size.
    rng = np.random.default_rng(7)
    n = 100_000
    columns = {
        "客户编号": [f"C{i:06d}" for i in range(n)],
        "客户名称": [f"客户{i}" for i in range(n)],
    }
    for j in range(9):
        columns[f"金额{j}"] = np.round(rng.uniform(0, 1e6, n), 2)
    columns["毛利"] = [f"¥{v:,.2f}" for v in rng.uniform(0, 1e5, n)]
    columns["满意度"] = [f"{v}%" for v in rng.integers(0, 100, n)]
    months, days = rng.integers(1, 13, n), rng.integers(1, 29, n)
    columns["最近购买日期"] = [f"2024-{m}-{d}" for m, d in zip(months, days, strict=True)]
    columns["地区"] = rng.choice(["华东", "华北", "华南"], n)
    data = pd.DataFrame(columns).to_csv(index=False).encode()
    result = read_table(data, "big.csv")
    assert result.frame.shape == (n, 15)
    assert sum(c.kind in ("number", "percent") for c in result.conversions) == 11
    assert all(c.failed == 0 for c in result.conversions)
    assert result.frame["毛利"].notna().all()


def test_placeholders_give_one_warning_per_column_with_their_rows() -> None:
    lines = ["id,毛利,名称", *(f"C{i},{v},n{i}" for i, v in enumerate(
        ["1", "2", "—", "3", "4", "5", "6", "—", "7", "8", "N/A", "9"]))]  # fmt: skip
    lines[5] = "C4,4,暂无"
    result = read_table(("\n".join(lines) + "\n").encode(), name="t.csv")
    warnings = [str(w) for w in result.warnings]
    assert warnings == [
        "t.csv: column '毛利': 3 placeholder cell(s) read as missing: '—' (rows 4, 9), "
        "'N/A' (row 12)",
        "t.csv: column '名称': 1 placeholder cell(s) read as missing: '暂无' (row 6)",
    ]
    assert localize(result.warnings[0], "zh") == (
        "t.csv：列「毛利」有 3 个占位符按缺失处理：「—」（第 4、9 行）、「N/A」（第 12 行）"
    )


@pytest.mark.parametrize("day", ["0001-01-01", "1677-09-21", "2262-04-12", "9999-12-31"])
def test_a_date_outside_the_years_is_missing_with_the_rule_and_row_named(
    tmp_path: Path, day: str
) -> None:
    path = tmp_path / "dates.csv"
    good = "".join(f"{c},2024-0{k}-0{k}\n" for k, c in enumerate("ACDEF", start=1))
    path.write_text(f"id,last_order_date\nB,{day}\n{good}", encoding="utf-8")
    result = read_table(path)
    assert result.frame["last_order_date"].isna().tolist() == [True] + [False] * 5
    (warning,) = result.warnings
    assert warning == (
        "dates.csv: column last_order_date: 1 value(s) are not real days of the years "
        f"1678–2261 and are now missing (row 2: '{day}')"
    )
    assert localize(warning, "zh").startswith("dates.csv：列「last_order_date」有 1 个值不是")


def test_progress_hears_each_stage_in_order() -> None:
    heard: list[tuple[str, float]] = []
    read_table(b"id,revenue\nA,1\nB,2\n", name="p.csv", progress=lambda *s: heard.append(s))
    assert heard == [("reading", 0.0), ("parsing", 0.5), ("done", 1.0)]
