"""The shared input options of core.cli.common: --header-row on every command that reads a
customer table, the header note, and the rows ingest takes out in every report."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from core.cli.common import json_text
from tests.core.cli_support import run_main

TABLE = (
    "客户销售统计\n"
    "\n"
    "客户编号,客户名称,销售额,订单数\n"
    "A1,甲,100,3\n"
    "A2,乙,250,1\n"
    "A3,丙,300,5\n"
    "合计,,650,9\n"
)


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def test_score_finds_the_header_and_writes_the_total_row_as_excluded(table, tmp_path) -> None:
    out = tmp_path / "ranked.csv"
    code, _, err = run_main("score", table, "--out", out)
    assert code == 0
    lines = err.splitlines()
    assert lines[0] == "ranked: 3 customers, excluded: 1, warnings: 0, as of: -"
    assert lines[1] == "note: header on row 3; rows 1–2 are a title"
    assert "  row 7, id '合计': total row (合计): not a customer" in lines
    assert pd.read_csv(out, encoding="utf-8-sig")["customer_id"].tolist() == ["A3", "A2", "A1"]
    written = pd.read_csv(tmp_path / "ranked.excluded.csv", encoding="utf-8-sig")
    assert written.values.tolist() == [[7, "合计", "total row (合计): not a customer"]]


def test_header_row_option_on_validate_and_score(table, tmp_path) -> None:
    code, out, _ = run_main("validate", table, "--header-row", 3)
    assert code == 0
    assert "note: header on row 3, as chosen" in out.splitlines()
    assert "  row 7, id '合计': total row (合计): not a customer" in out.splitlines()
    code, _, err = run_main("score", table, "--header-row", 3)
    assert code == 0
    assert err.splitlines()[:2] == [
        "ranked: 3 customers, excluded: 1, warnings: 0, as of: -",
        "note: header on row 3, as chosen",
    ]
    code, _, err = run_main("score", table, "--header-row", 4)  # A1's row: no factor names
    assert code == 2 and err.startswith("error: no factor columns found")


def test_a_bad_header_row_is_one_error_line(table) -> None:
    code, out, err = run_main("score", table, "--header-row", 2)
    assert (code, out) == (2, "")
    assert err == (
        "error: export.csv: row 2 is empty, so it cannot be the header; choose the row with the "
        "column names\n"
    )
    code, _, err = run_main("validate", table, "--header-row", 99)
    assert code == 2
    assert err.startswith("error: export.csv: header row 99 is beyond the data (the last row is 7)")


@pytest.mark.parametrize(
    ("value", "problem"),
    [("0", "argument --header-row: 0 must be 1 or more"),
     ("three", "argument --header-row: 'three' is not a whole number")],
)  # fmt: skip
def test_header_row_must_be_a_whole_number_from_1(table, value, problem) -> None:
    code, _, err = run_main("validate", table, "--header-row", value)
    assert code == 2
    assert err.startswith("usage: python -m core validate") and problem in err


def test_report_and_weights_read_with_the_header_row(table, tmp_path) -> None:
    report = tmp_path / "report.html"
    code, _, err = run_main("report", table, "--header-row", 3, "--out", report)
    assert code == 0
    assert err.splitlines()[0] == "ranked: 3 customers, excluded: 1, warnings: 0"
    code, out, _ = run_main("weights", "entropy", table, "--header-row", 3, "--json")
    assert code == 0 and "销售额" in out


def test_validate_lists_what_ingest_took_out_even_when_nothing_can_be_ranked(tmp_path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("客户编号,客户名称\nA1,甲\nA2,乙\n合计,\n", encoding="utf-8")
    code, out, _ = run_main("validate", path)
    assert code == 2
    assert "  row 4, id '合计': total row (合计): not a customer" in out.splitlines()


def test_json_text_never_writes_nan_or_infinity() -> None:
    data = {"w": [np.float64("nan"), float("inf"), -np.inf, np.float32(0.5)], "n": np.int64(3)}
    text = json_text(data)
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text) == {"w": [None, None, None, 0.5], "n": 3}
    assert json_text({"名": "值"}, indent=2) == '{\n  "名": "值"\n}'
