"""core.report.export: formula neutralisation, CSV with BOM, XLSX and Parquet round trips."""

from __future__ import annotations

import codecs
import io

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InputError
from core.report.export import (
    FORMULA_PREFIXES,
    neutralize_formulas,
    output_format,
    to_csv_bytes,
    to_xlsx_bytes,
    write_table,
    write_xlsx,
)


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "客户名称": ['=HYPERLINK("http://x")', "+86 123", "-abc", "@SUM(A1)", "正常公司"],
            "score": [-12.5, 0.0, 3.25, -1.0, 99.0],
            "orders": [-3, 1, 2, 3, 4],
        }
    )


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_each_prefix_gets_a_quote(prefix: str) -> None:
    frame = pd.DataFrame({"name": [f"{prefix}cmd", "safe"]})
    assert neutralize_formulas(frame)["name"].tolist() == [f"'{prefix}cmd", "safe"]


def test_numbers_stay_numbers_and_input_is_not_modified() -> None:
    frame = _table()
    before = frame.copy()
    out = neutralize_formulas(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert out["score"].tolist() == [-12.5, 0.0, 3.25, -1.0, 99.0]
    assert out["orders"].dtype == np.int64
    assert out["客户名称"].tolist() == [
        '\'=HYPERLINK("http://x")',
        "'+86 123",
        "'-abc",
        "'@SUM(A1)",
        "正常公司",
    ]


def test_object_column_with_mixed_cells_touches_only_text() -> None:
    frame = pd.DataFrame({"mixed": pd.Series([-5, "-5", None, "=1", 2.5], dtype=object)})
    assert neutralize_formulas(frame)["mixed"].tolist() == [-5, "'-5", None, "'=1", 2.5]


def test_headers_and_categories_are_neutralised() -> None:
    frame = pd.DataFrame({"=cmd": pd.Categorical(["=a", "b", "=a"]), "ok": [1, 2, 3]})
    out = neutralize_formulas(frame)
    assert list(out.columns) == ["'=cmd", "ok"]
    assert out["'=cmd"].tolist() == ["'=a", "b", "'=a"]


def test_missing_text_stays_missing() -> None:
    frame = pd.DataFrame({"name": pd.Series(["=x", None, "y"], dtype="str")})
    out = neutralize_formulas(frame)["name"]
    assert out.iloc[0] == "'=x"
    assert pd.isna(out.iloc[1])


@given(st.lists(st.text(max_size=8), min_size=1, max_size=20))
def test_only_risky_text_changes_and_only_by_one_quote(values: list[str]) -> None:
    out = neutralize_formulas(pd.DataFrame({"t": pd.Series(values, dtype=object)}))["t"]
    for before, after in zip(values, out, strict=True):
        expected = "'" + before if before.startswith(FORMULA_PREFIXES) else before
        assert after == expected


def test_csv_has_bom_and_round_trips() -> None:
    data = to_csv_bytes(_table())
    assert data.startswith(codecs.BOM_UTF8)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["客户名称", "score", "orders"]
    assert back["客户名称"].tolist()[0] == '\'=HYPERLINK("http://x")'
    assert back["score"].tolist() == [-12.5, 0.0, 3.25, -1.0, 99.0]
    assert back["orders"].tolist() == [-3, 1, 2, 3, 4]


def test_xlsx_round_trip_keeps_numbers_and_quotes_text() -> None:
    extra = pd.DataFrame({"tier": ["关键客户"], "customers": [1]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"ranking": _table(), "tiers": extra})))
    assert book.sheetnames == ["ranking", "tiers"]
    rows = [[cell.value for cell in row] for row in book["ranking"].iter_rows()]
    assert rows[0] == ["客户名称", "score", "orders"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', -12.5, -3]
    assert rows[3] == ["'-abc", 3.25, 2]
    assert all(cell.data_type != "f" for row in book["ranking"].iter_rows() for cell in row)
    assert [[c.value for c in r] for r in book["tiers"].iter_rows()] == [
        ["tier", "customers"],
        ["关键客户", 1],
    ]


def test_xlsx_sheet_names_are_made_valid_and_unique() -> None:
    sheets = {"a/b:c" * 10: pd.DataFrame({"x": [1]}), "A/B:C" * 10: pd.DataFrame({"x": [2]})}
    names = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(sheets))).sheetnames
    assert names == ["a_b_ca_b_ca_b_ca_b_ca_b_ca_b_ca", "A_B_CA_B_CA_B_CA_B_CA_B_CA_ (2)"]


def test_write_xlsx_needs_a_sheet() -> None:
    with pytest.raises(InputError, match="nothing to write"):
        write_xlsx(io.BytesIO(), {})


def test_write_table_by_extension(tmp_path) -> None:
    frame = _table()
    write_table(frame, tmp_path / "r.csv")
    write_table(frame, tmp_path / "r.XLSX", {"scenario": pd.DataFrame({"k": ["v"]})})
    write_table(frame, tmp_path / "r.parquet")
    assert (tmp_path / "r.csv").read_bytes() == to_csv_bytes(frame)
    assert openpyxl.load_workbook(tmp_path / "r.XLSX").sheetnames == ["ranking", "scenario"]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "r.parquet"), frame)


def test_parquet_mixed_object_column_becomes_text(tmp_path) -> None:
    frame = pd.DataFrame({"customer_id": pd.Series([1, "C2", None], dtype=object)})
    write_table(frame, tmp_path / "m.parquet")
    assert pd.read_parquet(tmp_path / "m.parquet")["customer_id"].tolist()[:2] == ["1", "C2"]


def test_unknown_extension_names_the_allowed_ones(tmp_path) -> None:
    with pytest.raises(InputError) as error:
        write_table(_table(), tmp_path / "x.txt")
    assert str(error.value) == (
        f"output {str(tmp_path / 'x.txt')!r}: unknown file type '.txt'; "
        "use one of: .csv, .xlsx, .parquet"
    )
    assert not (tmp_path / "x.txt").exists()
    with pytest.raises(InputError, match="unknown file type '\\(none\\)'"):
        output_format("ranked")
