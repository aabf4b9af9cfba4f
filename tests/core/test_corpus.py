"""The bad-input corpus (tests/corpus/) through ``validate`` and ``score``: exact outcomes.

Every file in the corpus needs a case here, so a new file cannot slip in untested.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from core.cli.main import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AS_OF = "as of: 2024-03-10"
TIERS_8 = "tiers: 关键客户 2, 重点客户 2, 普通客户 4"
ORDER_8 = ["C005", "C001", "C008", "C002", "C003", "C006", "C004", "C007"]
FACTORS_5 = "销售额, 毛利, 订单数, 最近购买日期, 满意度"
DUPLICATES = "1 customer ID(s) appear more than once (C003 rows 4, 5): {}"
NAME_CONFLICT = (
    "customer ID 'C003' has different names in rows 4, 5 (广州南方贸易有限公司, "
    "成都天府食品有限公司): likely a data problem; check the file"
)
KEPT_FIRST = "kept the first row of each; the other rows are excluded"
SUMMED = (
    "merged into one row per ID (summed: 销售额, 毛利, 订单数; latest date: 最近购买日期; "
    "averaged: 满意度; other columns from the first row)"
)
ERP_PLACEHOLDER = (
    "erp_export.csv: column '毛利': 1 placeholder cell(s) read as missing: '—' (row 6)"
)
ERP_TOTAL = "total row (合计): not a customer"
ERP_NOTE = "备注：金额单位为元，数据截至2024年3月10日"
SAME_VALUE = (
    "column '{}' has the same value for every customer; it adds the same to everyone and does "
    "not change the order"
)


@dataclass(frozen=True)
class Case:
    """Expected outcome: validate's exit code and report lines, score's exact stderr."""

    validate_rc: int
    score_err: tuple[str, ...]  # "{out}" / "{excluded}" stand for the written files
    validate_lines: tuple[str, ...] = ()  # exact lines the validate report must contain
    args: tuple[str, ...] = ()
    order: tuple[str, ...] = ()  # expected customer_id order of the written ranking
    excluded_csv: tuple[str, ...] = field(default=())  # exact lines of <stem>.excluded.csv

    @property
    def score_rc(self) -> int:
        return 2 if self.score_err[0].startswith("error: ") else 0


def _clean(name: str, *validate_lines: str) -> Case:
    """A file that ranks the 8 corpus customers with no warning at all."""
    return Case(
        0,
        (f"ranked: 8 customers, excluded: 0, warnings: 0, {AS_OF}", TIERS_8, "wrote: {out}"),
        (*validate_lines, "warnings: 0", "excluded rows: 0", f"ready: 8 customers can be ranked "
         f"on 5 factor(s): {FACTORS_5}"),
        order=tuple(ORDER_8),
    )  # fmt: skip


def _error(message: str) -> Case:
    return Case(2, (f"error: {message}",))


CASES: dict[str, Case] = {
    "empty.csv": _error(
        "empty.csv is empty: no header and no rows; export the sheet again with a header row"
    ),
    "header_only.csv": _error(
        "header_only.csv has a header row but no data rows; add the customer rows below the header"
    ),
    "binary.csv": _error(
        "binary.csv does not look like a text table (binary content); upload a CSV, XLSX or "
        "Parquet file, or open it in Excel and save it as .xlsx or CSV"
    ),
    "one_row.csv": Case(
        0,
        (
            "ranked: 1 customer, excluded: 0, warnings: 5, as of: 2024-03-01",
            "tiers: 关键客户 0, 重点客户 0, 普通客户 1",
            *(f"warning: {SAME_VALUE.format(c)}" for c in FACTORS_5.split(", ")),
            "wrote: {out}",
        ),
        (
            "warnings: 5",
            *(f"  - {SAME_VALUE.format(c)}" for c in FACTORS_5.split(", ")),
            f"ready: 1 customer can be ranked on 5 factor(s): {FACTORS_5}",
        ),
        order=("C001",),
    ),
    "gbk.csv": _clean("gbk.csv", "encoding: gb18030", "delimiter: ','"),
    "bom.csv": _clean("bom.csv", "encoding: utf-8-sig", "delimiter: ','"),
    "semicolon.csv": _clean("semicolon.csv", "encoding: utf-8", "delimiter: ';'"),
    "sample.parquet": _clean("sample.parquet", "format: parquet", "rows: 8, columns: 7"),
    "sheets.xlsx": Case(
        0,
        (
            "ranked: 3 customers, excluded: 0, warnings: 0, as of: -",
            "sheet: 汇总 (of: 汇总, 客户; choose with --sheet NAME)",
            "tiers: 关键客户 1, 重点客户 1, 普通客户 1",
            "wrote: {out}",
        ),
        ("sheet: 汇总 (of: 汇总, 客户)", "customer ID column: 地区", "rows: 3, columns: 2"),
        order=("华东", "华南", "华北"),
    ),
    # C003 twice (rows 4 and 5, two different names): by default the first row is kept, with
    # a warning for the repeat and one for the names
    "duplicate_ids.csv": Case(
        0,
        (
            f"ranked: 7 customers, excluded: 1, warnings: 2, {AS_OF}",
            "tiers: 关键客户 1, 重点客户 3, 普通客户 3",
            f"warning: {DUPLICATES.format(KEPT_FIRST)}",
            f"warning: {NAME_CONFLICT}",
            "excluded rows: 1",
            "  row 5, id 'C003': duplicate customer ID 'C003' (first seen in row 4); "
            "only the first row is ranked",
            "wrote: {out}; excluded rows: {excluded}",
        ),
        (
            "warnings: 2",
            f"  - {NAME_CONFLICT}",
            "excluded rows: 1",
            "  row 5, id 'C003': duplicate customer ID 'C003' (first seen in row 4); "
            "only the first row is ranked",
        ),
        order=("C005", "C001", "C008", "C002", "C003", "C006", "C007"),
        excluded_csv=(
            "row,customer_id,reason",
            "5,C003,duplicate customer ID 'C003' (first seen in row 4); only the first row is "
            "ranked",
        ),
    ),
    "all_missing_column.csv": Case(
        0,
        (
            f"ranked: 8 customers, excluded: 0, warnings: 1, {AS_OF}",
            TIERS_8,
            "warning: all_missing_column.csv: column 满意度 has no values",
            "wrote: {out}",
        ),
        (
            "  - all_missing_column.csv: column 满意度 has no values",
            "ready: 8 customers can be ranked on 4 factor(s): 销售额, 毛利, 订单数, 最近购买日期",
        ),
    ),
    "text_in_numeric.csv": Case(
        0,
        (
            f"ranked: 8 customers, excluded: 0, warnings: 2, {AS_OF}",
            TIERS_8,
            "warning: text_in_numeric.csv: column 销售额: 1 value(s) could not be read as numbers "
            "and are now missing (row 4: 'abc')",
            "warning: column '销售额': 1 missing value(s) filled with the column median",
            "wrote: {out}",
        ),
        (
            "销售额        number   factor monetary (benefit: higher is better), included  "
            "         7       1        0  row 4: 'abc'",
        ),
    ),
    "inf.csv": Case(
        0,
        (
            f"ranked: 8 customers, excluded: 0, warnings: 2, {AS_OF}",
            TIERS_8,
            "warning: inf.csv: column 毛利: 1 value(s) could not be read as numbers and are now "
            "missing (row 6: 'inf')",
            "warning: column '毛利': 1 missing value(s) filled with the column median",
            "wrote: {out}",
        ),
        (
            "毛利          number   factor profit (benefit: higher is better), included    "
            "         7       1        0  row 6: 'inf'",
        ),
    ),
    "erp_export.csv": Case(
        0,
        (
            f"ranked: 8 customers, excluded: 2, warnings: 2, {AS_OF}",
            "note: header on row 3; rows 1–2 are a title",
            TIERS_8,
            f"warning: {ERP_PLACEHOLDER}",
            "warning: column '毛利': 1 missing value(s) filled with the column median",
            "excluded rows: 2",
            f"  row 12, id '合计': {ERP_TOTAL}",
            f"  row 13, id '{ERP_NOTE}': note row: not a customer",
            "wrote: {out}; excluded rows: {excluded}",
        ),
        (
            "note: header on row 3; rows 1–2 are a title",
            "rows: 8, columns: 7",
            "warnings: 2",
            f"  - {ERP_PLACEHOLDER}",
            "excluded rows: 2",
            f"  row 12, id '合计': {ERP_TOTAL}",
            f"ready: 8 customers can be ranked on 5 factor(s): {FACTORS_5}",
        ),
        order=tuple(ORDER_8),
        excluded_csv=(
            "row,customer_id,reason",
            f"12,合计,{ERP_TOTAL}",
            f"13,{ERP_NOTE},note row: not a customer",
        ),
    ),
    "formula_names.csv": Case(
        0,
        (
            f"ranked: 8 customers, excluded: 0, warnings: 1, {AS_OF}",
            TIERS_8,
            "warning: formula_names.csv: column 客户名称: 4 value(s) start with = + - or @ "
            "(row 2: '=HYPERLINK(\"x\")'; row 3: '+1'; row 4: '-2'); kept as plain text, "
            "never evaluated",
            "wrote: {out}",
        ),
        order=tuple(ORDER_8),
    ),
}
SHEET_CASE = Case(
    0,
    (f"ranked: 8 customers, excluded: 0, warnings: 0, {AS_OF}", TIERS_8, "wrote: {out}"),
    ("sheet: 客户 (of: 汇总, 客户)", "rows: 8, columns: 7", "warnings: 0"),
    args=("--sheet", "客户"),
    order=tuple(ORDER_8),
)
# --duplicates sum: C003's rows become one (432,100 + 98,000 = 530,100 …), listed as merged
SUM_CASE = Case(
    0,
    (
        f"ranked: 7 customers, excluded: 1, warnings: 2, {AS_OF}",
        "tiers: 关键客户 1, 重点客户 3, 普通客户 3",
        f"warning: {DUPLICATES.format(SUMMED)}",
        f"warning: {NAME_CONFLICT}",
        "excluded rows: 1",
        "  row 5, id 'C003': duplicate customer ID 'C003': merged into row 4",
        "wrote: {out}; excluded rows: {excluded}",
    ),
    ("warnings: 2", f"  - {DUPLICATES.format(SUMMED)}"),
    args=("--duplicates", "sum"),
    order=("C005", "C001", "C008", "C002", "C003", "C006", "C007"),
    excluded_csv=(
        "row,customer_id,reason",
        "5,C003,duplicate customer ID 'C003': merged into row 4",
    ),
)
REFUSED = (
    "error: 1 customer ID(s) appear more than once (C003 rows 4, 5) and repeated IDs are "
    "refused: remove the repeated rows from the file, or choose another policy for repeated "
    "IDs (first: keep the first row; sum: merge the rows)"
)
FILES = sorted(p.name for p in CORPUS.iterdir() if p.is_file() and p.name != "make_corpus.py")


def _params() -> list:
    params = [pytest.param(name, CASES.get(name), id=name) for name in FILES]
    return [
        *params,
        pytest.param("sheets.xlsx", SHEET_CASE, id="sheets.xlsx --sheet 客户"),
        pytest.param("duplicate_ids.csv", SUM_CASE, id="duplicate_ids.csv --duplicates sum"),
    ]


@pytest.mark.parametrize(("name", "case"), _params())
def test_corpus_file(name: str, case: Case | None, tmp_path, capsys) -> None:
    assert case is not None, f"tests/corpus/{name} has no expected outcome in CASES"
    source = str(CORPUS / name)

    assert main(["validate", source, *case.args]) == case.validate_rc
    report = capsys.readouterr()
    if case.validate_rc:
        assert report.out == ""
        assert report.err.splitlines() == list(case.score_err)
    else:
        assert report.err == ""
        lines = report.out.splitlines()
        assert lines[0] == f"file: {name}"
        missing = [line for line in case.validate_lines if line not in lines]
        assert missing == []

    out = tmp_path / "ranked.csv"
    excluded = tmp_path / "ranked.excluded.csv"
    assert main(["score", source, "--out", str(out), *case.args]) == case.score_rc
    err = capsys.readouterr().err
    assert err.splitlines() == [line.format(out=out, excluded=excluded) for line in case.score_err]
    assert out.exists() == (case.score_rc == 0)
    assert excluded.exists() == bool(case.excluded_csv)
    if case.excluded_csv:
        assert excluded.read_text(encoding="utf-8-sig").splitlines() == list(case.excluded_csv)
    if case.order:
        ranked = pd.read_csv(out, encoding="utf-8-sig")
        assert ranked["customer_id"].tolist() == list(case.order)


def test_formula_names_are_neutralised_in_the_output(tmp_path, capsys) -> None:
    out = tmp_path / "ranked.csv"
    assert main(["score", str(CORPUS / "formula_names.csv"), "--out", str(out)]) == 0
    ranked = pd.read_csv(out, encoding="utf-8-sig", dtype=str).set_index("customer_id")
    assert ranked.loc[["C001", "C002", "C003", "C004", "C005"], "客户名称"].tolist() == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "杭州西湖电子有限公司",
    ]


def test_summed_duplicate_ids_add_up_in_the_output(tmp_path, capsys) -> None:
    out = tmp_path / "ranked.csv"
    source = str(CORPUS / "duplicate_ids.csv")
    assert main(["score", source, "--duplicates", "sum", "--out", str(out)]) == 0
    ranked = pd.read_csv(out, encoding="utf-8-sig").set_index("customer_id")
    c003 = ranked.loc["C003"]
    assert (c003["销售额"], c003["毛利"], c003["订单数"]) == (530100, 77500, 25)
    assert c003["满意度"] == pytest.approx(0.79)  # (92 % + 66 %) / 2
    assert c003["最近购买日期"] == "2023-12-20"  # the later of 2023-12-20 and 2023-09-05
    assert c003["客户名称"] == "广州南方贸易有限公司"  # text from the first row
    assert main(["score", source, "--out", str(out)]) == 0  # by default: the first row
    first = pd.read_csv(out, encoding="utf-8-sig").set_index("customer_id")
    assert first.loc["C003", "销售额"] == 432100
    capsys.readouterr()


def test_refused_duplicate_ids_exit_2_with_one_error_line(tmp_path, capsys) -> None:
    source = str(CORPUS / "duplicate_ids.csv")
    assert main(["score", source, "--duplicates", "refuse"]) == 2
    report = capsys.readouterr()
    assert (report.out, report.err.splitlines()) == ("", [REFUSED])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "core",
            "report",
            source,
            "--duplicates",
            "refuse",
            "--out",
            str(tmp_path / "x.html"),
        ],
        cwd=CORPUS.parents[1],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (2, "", [REFUSED])


@pytest.mark.parametrize("name", [n for n in FILES if CASES[n].score_rc == 2])
def test_unreadable_files_exit_2_without_traceback(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "core", "score", str(CORPUS / name)],
        cwd=CORPUS.parents[1],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == list(CASES[name].score_err)
