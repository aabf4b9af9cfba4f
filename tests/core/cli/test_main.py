"""core.cli.main: ``python -m core validate|score`` in-process via main(argv), and in a subprocess
for what the process boundary decides (exit codes, UTF-8 streams, no traceback)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from core.cli.main import COMMANDS, build_parser, main
from core.cli.terminal import display_width, format_table
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario import Scenario
from core.method.scenario_mapping import default_scenario
from tests.core.cli_support import modules_loaded, run_main, run_module

ROOT = Path(__file__).resolve().parents[3]
ZH = ROOT / "data" / "sample_customers_zh.csv"
ZH_COLUMNS = [
    "客户编号", "客户名称", "行业", "区域", "销售额", "毛利", "订单数", "最近购买日期",
    "合作年限", "满意度", "NPS", "增长率", "市场影响力", "逾期天数", "投诉次数",
]  # fmt: skip
ZH_FACTORS = [c for c in ZH_COLUMNS if c not in ("客户编号", "客户名称", "行业", "区域")]
# The JSON contract example from core/method/scenario.py's docstring.
CONTRACT_SCENARIO = {
    "id_column": "客户编号",
    "method": "weighted_sum",
    "missing": "median",
    "as_of": "2024-12-31",
    "factors": [
        {"column": "销售额", "direction": "benefit", "weight": 40, "normalize": "minmax"},
        {"column": "最近购买日期", "direction": "cost", "weight": 20},
    ],
    "tiers": {
        "scheme": "share",
        "labels": ["关键客户", "重点客户", "普通客户"],
        "shares": [0.2, 0.3, 0.5],
    },
}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


@pytest.fixture(scope="module")
def expected():
    frame = read_table(ZH).frame
    return rank_customers(frame, default_scenario(detect_mapping(frame)))


def test_score_subprocess_writes_the_ranking(tmp_path, expected) -> None:
    out = tmp_path / "ranked.csv"
    result = run_module("score", "data/sample_customers_zh.csv", "--out", out)
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err.splitlines() == [
        "ranked: 500 customers, excluded: 0, warnings: 4, as of: 2024-12-31",
        "tiers: 关键客户 100, 重点客户 150, 普通客户 250",
        *(
            f"warning: column '{c}': 15 missing value(s) filled with the column median"
            for c in ("满意度", "NPS", "增长率", "市场影响力")
        ),
        f"wrote: {out}",
    ]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    ranked = pd.read_csv(out, encoding="utf-8-sig", dtype={"customer_id": str, "客户编号": str})
    assert list(ranked.columns) == [
        "rank", "customer_id", "score", "tier", *(f"contrib:{c}" for c in ZH_FACTORS), *ZH_COLUMNS
    ]  # fmt: skip
    assert len(ranked) == 500 - len(expected.excluded) == 500
    assert ranked["rank"].tolist() == list(range(1, 501))
    assert ranked["customer_id"].tolist() == expected.table["customer_id"].tolist()
    np.testing.assert_allclose(ranked["score"], expected.table["score"], rtol=1e-12)
    assert not (tmp_path / "ranked.excluded.csv").exists()


def test_score_in_process_matches_the_library(tmp_path, capsys, expected) -> None:
    out = tmp_path / "ranked.parquet"
    assert main(["score", str(ZH), "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    pd.testing.assert_frame_equal(pd.read_parquet(out), expected.table, check_dtype=False)


def test_score_xlsx_has_a_ranking_and_a_drivers_sheet(tmp_path, capsys) -> None:
    out = tmp_path / "ranked.xlsx"
    assert main(["score", str(ZH), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["ranking", "drivers"]
    header = next(book["ranking"].iter_rows(max_row=1, values_only=True))
    assert header[:5] == ("rank", "customer_id", "score", "tier", "contrib:销售额")
    header = next(book["drivers"].iter_rows(max_row=1, values_only=True))
    assert header[:6] == (
        "rank", "customer_id", "score", "score_vs_average", "main_drivers", "vs_average:销售额"
    )  # fmt: skip


def test_top_prints_an_aligned_table(capsys, expected) -> None:
    assert main(["score", str(ZH), "--top", "5"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == [
        "rank",
        "customer_id",
        "客户名称",
        "score",
        "tier",
        "main",
        "drivers",
    ]
    assert set(lines[1]) == {"-", " "}
    assert len(lines) == 2 + 5
    top = expected.table.head(5)
    for line, (_, row) in zip(lines[2:], top.iterrows(), strict=True):
        cells = line.split()
        name, score = row["客户名称"], f"{row['score']:.1f}"
        assert cells[:5] == [str(row["rank"]), row["customer_id"], name, score, row["tier"]]
    # CJK-aware: every score column ends at the same terminal cell
    ends = {display_width(line[: line.index(" 关键客户")]) for line in lines[2:]}
    assert len(ends) == 1
    assert captured.err.splitlines()[0] == (
        "ranked: 500 customers, excluded: 0, warnings: 4, as of: 2024-12-31"
    )


def test_default_top_is_20(capsys) -> None:
    assert main(["score", str(ZH)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 22


def test_scenario_contract_example(tmp_path, capsys) -> None:
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(CONTRACT_SCENARIO, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ranked.csv"
    assert main(["score", str(ZH), "--scenario", str(scenario), "--out", str(out)]) == 0
    ranked = pd.read_csv(out, encoding="utf-8-sig")
    contrib = ["contrib:销售额", "contrib:最近购买日期"]
    assert list(ranked.columns) == ["rank", "customer_id", "score", "tier", *contrib, *ZH_COLUMNS]
    assert len(ranked) == 500
    # weights 40:20 → the largest sales contribute 100·40/60, the most recent buyer 100·20/60
    assert ranked["contrib:销售额"].max() == pytest.approx(200 / 3)
    assert ranked["contrib:最近购买日期"].max() == pytest.approx(100 / 3)
    np.testing.assert_allclose(
        ranked["contrib:销售额"] + ranked["contrib:最近购买日期"], ranked["score"]
    )
    assert ranked["tier"].value_counts().to_dict() == {
        "普通客户": 250,
        "重点客户": 150,
        "关键客户": 100,
    }
    assert capsys.readouterr().err.splitlines()[:2] == [
        "ranked: 500 customers, excluded: 0, warnings: 0, as of: 2024-12-31",
        "tiers: 关键客户 100, 重点客户 150, 普通客户 250",
    ]


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (
            {"id_column": "客户编号", "factors": [{"column": "销售额", "weight": -5}]},
            "factor '销售额' has a negative or invalid weight (-5); weights must be numbers ≥ 0",
        ),
        (
            {"id_column": "客户编号", "factors": [{"column": "不存在", "weight": 5}]},
            "column '不存在' is not in the data; available columns: " + ", ".join(ZH_COLUMNS),
        ),
        (
            {"id_column": "客户编号", "factors": [{"column": "销售额", "direction": "up"}]},
            "unknown direction for factor '销售额': 'up'; use one of: benefit, cost",
        ),
    ],
)
def test_bad_scenario_is_one_error_line(tmp_path, scenario, message) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(scenario, ensure_ascii=False), encoding="utf-8")
    result = run_main("score", ZH, "--scenario", path, "--out", tmp_path / "r.csv")
    assert result.code == 2
    assert result.err.splitlines() == [f"error: scenario file '{path}': {message}"]
    assert not (tmp_path / "r.csv").exists()


def test_bad_input_in_a_process_exits_2_with_one_line_and_no_traceback(tmp_path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"id_column": "客户编号", "factors": [{"column": "不存在"}]}', "utf-8")
    result = run_module("score", ZH, "--scenario", path, "--out", tmp_path / "r.csv")
    assert result.code == 2 and result.out == ""
    assert result.err.splitlines() == [
        f"error: scenario file '{path}': column '不存在' is not in the data; available columns: "
        + ", ".join(ZH_COLUMNS)
    ]
    assert "Traceback" not in result.err
    assert not (tmp_path / "r.csv").exists()


def test_scenario_file_not_json_or_missing(tmp_path, capsys) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id_column": ', encoding="utf-8")
    assert main(["score", str(ZH), "--scenario", str(broken)]) == 2
    assert capsys.readouterr().err == (
        f"error: scenario file '{broken}': not valid JSON at line 1, column 15; check the file\n"
    )
    missing = tmp_path / "missing.json"
    assert main(["score", str(ZH), "--scenario", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"error: scenario file '{missing}': cannot read it (No such file or directory)\n"
    )


def test_unknown_output_type(tmp_path) -> None:
    out = tmp_path / "x.txt"
    result = run_main("score", ZH, "--out", out)
    assert result.code == 2
    assert result.err == (
        f"error: output '{out}': unknown file type '.txt'; use one of: .csv, .xlsx, .parquet\n"
    )
    assert not out.exists()


def test_unwritable_output(tmp_path, capsys) -> None:
    out = tmp_path / "no such folder" / "r.csv"
    assert main(["score", str(ZH), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: cannot write '{out}' (No such file or directory); check that the folder "
        "exists, that you may write there and that the file is not open in Excel\n"
    )


def test_missing_input(capsys) -> None:
    assert main(["validate", "no/such/file.csv"]) == 2
    assert capsys.readouterr().err == (
        "error: file.csv: file not found at no/such/file.csv; check the path\n"
    )


@pytest.mark.parametrize(
    ("argv", "usage_error"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["rank", "x.csv"], "argument COMMAND: invalid choice: 'rank'"),
        (["score", str(ZH), "--top", "0"], "argument --top: 0 must be 1 or more"),
        (["score", str(ZH), "--top", "many"], "argument --top: 'many' is not a whole number"),
        (["score"], "the following arguments are required: INPUT"),
    ],
)
def test_usage_errors_are_argparse_exit_2(argv, usage_error, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m core")
    assert usage_error in err


def test_help_exits_0(capsys) -> None:
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_excluded_rows_are_printed_and_written(tmp_path, capsys) -> None:
    data = tmp_path / "dup.csv"
    data.write_text(
        "客户编号,销售额,订单数\nA1,100,3\nA2,250,1\nA1,90,2\n,80,4\nA3,,\nA4,300,5\n",
        encoding="utf-8",
    )
    excluded = [
        "excluded rows: 3",
        "  row 4, id 'A1': duplicate customer ID 'A1' (first seen in row 2); "
        "only the first row is ranked",
        "  row 5, id (none): missing customer ID in column '客户编号'",
        "  row 6, id 'A3': no value for any factor",
    ]
    repeated = (
        "warning: 1 customer ID(s) appear more than once (A1 rows 2, 4): kept the first row "
        "of each; the other rows are excluded"
    )
    assert main(["score", str(data)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "ranked: 3 customers, excluded: 3, warnings: 1, as of: -"
    assert err[2:] == [repeated, *excluded]
    out = tmp_path / "ranked.csv"
    assert main(["score", str(data), "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[2:] == [
        repeated,
        *excluded,
        f"wrote: {out}; excluded rows: {tmp_path / 'ranked.excluded.csv'}",
    ]
    written = pd.read_csv(tmp_path / "ranked.excluded.csv", encoding="utf-8-sig")
    assert written["row"].tolist() == [4, 5, 6]
    assert written["reason"].tolist()[2] == "no value for any factor"
    assert pd.read_csv(out, encoding="utf-8-sig")["customer_id"].tolist() == ["A4", "A2", "A1"]


def test_validate_report(capsys) -> None:
    assert main(["validate", str(ZH)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:7] == [
        "file: sample_customers_zh.csv",
        "format: csv",
        "encoding: utf-8",
        "delimiter: ','",
        "rows: 500, columns: 15",
        "customer ID column: 客户编号, name column: 客户名称",
        "",
    ]
    rows = {line.split()[0]: line.split() for line in out[9:24]}
    assert rows["客户编号"] == ["客户编号", "text", "id", "500", "0", "0"]
    assert rows["区域"] == ["区域", "text", "attribute", "(region)", "500", "0", "0"]
    assert rows["最近购买日期"][:9] == [
        "最近购买日期",
        "date",
        "factor",
        "recency",
        "(cost:",
        "more",
        "recent",
        "is",
        "better),",
    ]
    assert rows["逾期天数"][4:8] == ["(cost:", "lower", "is", "better),"]
    assert rows["满意度"][-3:] == ["485", "0", "15"]
    assert "warnings: 4" in out
    assert "excluded rows: 0" in out
    assert out[-1] == (
        "ready: 500 customers can be ranked on 11 factor(s): " + ", ".join(ZH_FACTORS)
    )


def test_validate_unrankable_prints_report_then_error(tmp_path, capsys) -> None:
    data = tmp_path / "names.csv"
    data.write_text("客户编号,客户名称\nA1,甲\nA2,乙\n", encoding="utf-8")
    assert main(["validate", str(data)]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith("file: names.csv\n")
    assert captured.err == (
        "error: no factor columns found: the table needs at least one numeric or date column "
        "(for example 销售额 / revenue); add one to the file or name the factors in a scenario\n"
    )


def test_commands_table_builds_every_subcommand() -> None:
    assert list(COMMANDS)[:2] == ["validate", "score"]
    parser = build_parser()
    args = parser.parse_args(["score", "x.csv", "--sheet", "客户", "--top", "3"])
    assert (args.command, args.input, args.sheet, args.top, args.out) == (
        "score", "x.csv", "客户", 3, None
    )  # fmt: skip


# What a command does not use is never imported: the HTML report, its charts and their
# libraries, the workbook writers, the app.
UNUSED_BY_RFM = ("altair", "vl_convert", "streamlit", "openpyxl", "xlsxwriter", "ui",
                 "core.report.html", "core.report.charts", "core.report.figures",
                 "core.report.images")  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "exports"),
    [
        (["rfm", "--help"], False),
        (["rfm", "data/sample_orders.csv"], False),
        (["rfm", "data/sample_orders.csv", "--engine", "duckdb", "--json"], False),
        (["rfm", "data/sample_orders.csv", "--out", "{tmp}/rfm.csv"], True),
    ],
)
def test_rfm_imports_only_what_it_uses(tmp_path: Path, argv: list[str], exports: bool) -> None:
    argv = [a.format(tmp=tmp_path) for a in argv]
    code, loaded = modules_loaded(tmp_path / "modules.txt", *argv)
    assert code == 0
    assert "core.cli.orders" in loaded and "core.cli.report" not in loaded
    assert not {m for m in loaded for name in UNUSED_BY_RFM
                if m == name or m.startswith(f"{name}.")}  # fmt: skip
    # the exports only to write a file (and the CSV writer), no report module without one
    assert {m for m in loaded if m.startswith("core.report")} == (
        {"core.report", "core.report.export", "core.report.csv_writer"} if exports else set()
    )


def test_the_top_level_help_lists_every_command(tmp_path: Path) -> None:
    code, loaded = modules_loaded(tmp_path / "modules.txt", "--help")
    assert code == 0
    assert {module for module, *_ in COMMANDS.values()} <= loaded


def test_format_table_counts_wide_characters() -> None:
    text = format_table(
        [("关键客户", "1.0"), ("A", "22.5")], ["tier", "score"], right=[False, True]
    )
    assert text.splitlines() == [
        "tier      score",
        "--------  -----",
        "关键客户    1.0",
        "A          22.5",
    ]


def test_format_table_clips_long_names_and_control_characters() -> None:
    text = format_table([("x" * 40 + "\x1b[31m",)], ["name"], clip=[True])
    assert text.splitlines()[2] == "x" * 27 + "…"
    assert io.StringIO(text).read().count("\x1b") == 0


# --- --scenario goes through the one loader (core.method.scenario_io)
# ------------------------------

THREE = {
    "id_column": "客户编号",
    "name_column": "客户名称",
    "factors": [
        {"column": "销售额", "direction": "cost", "weight": 70, "normalize": "percentile"},
        {"column": "NPS", "weight": 20, "normalize": "zscore"},
        {"column": "逾期天数", "direction": "cost", "weight": 10},
    ],
    "tiers": {"scheme": "threshold", "labels": ["A", "B", "C"], "thresholds": [60, 30]},
}


def test_a_scenario_file_ranks_on_exactly_its_factors(tmp_path, capsys) -> None:
    path = tmp_path / "three.json"
    path.write_text(json.dumps(THREE, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ranked.csv"
    assert main(["score", str(ZH), "--scenario", str(path), "--out", str(out)]) == 0
    ranked = pd.read_csv(out, encoding="utf-8-sig")
    contrib = [c for c in ranked.columns if c.startswith("contrib:")]
    assert contrib == ["contrib:销售额", "contrib:NPS", "contrib:逾期天数"]
    frame = read_table(ZH).frame
    library = rank_customers(frame, Scenario.from_dict(THREE)).table
    assert ranked["customer_id"].astype(str).tolist() == library["customer_id"].tolist()
    # revenue is a cost here: the smallest sales get its whole contribution
    smallest = frame.loc[frame["销售额"].idxmin(), "客户编号"]
    by_id = ranked.set_index("customer_id")["contrib:销售额"]
    assert by_id[smallest] == by_id.max() > by_id.min()


@pytest.mark.parametrize(
    "argv",
    [
        ["score", str(ZH), "--scenario", "{f}"],
        ["report", str(ZH), "--scenario", "{f}", "--out", "{d}/r.html"],
        ["compare", str(ZH), "--scenario", "{f}", "--scenario", "{f}"],
        ["weights", "entropy", str(ZH), "--scenario", "{f}"],
        ["room", "create", "--scenario", "{f}", "--db", "{d}/rooms.sqlite"],
        [
            "review",
            str(ROOT / "data" / "sample_orders.csv"),
            "--period-days",
            "90",
            "--scenario",
            "{f}",
        ],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_every_scenario_option_goes_through_the_loader(tmp_path, capsys, monkeypatch, argv):
    from core.method import scenario_io

    path = tmp_path / "three.json"
    path.write_text(json.dumps(THREE, ensure_ascii=False), encoding="utf-8")
    calls = []
    real = scenario_io.load_scenario

    def spy(source, *args, **kwargs):
        calls.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(scenario_io, "load_scenario", spy)
    main([a.format(f=path, d=tmp_path) for a in argv])
    capsys.readouterr()
    assert calls and all(c == path for c in calls)


def test_score_honours_the_scenarios_allocation_and_key_account_rules(tmp_path, capsys) -> None:
    rules = {
        "rules": [{"name": "strategic", "scale": 90}, {"name": "transactional"}],
        "potential_column": "增长率",  # scale and influence: the columns the mapping suggests
    }
    allocation = {"budget": 100, "tier_shares": {"t1": 60, "t2": 30, "t3": 10}}
    data = {**CONTRACT_SCENARIO, "allocation": allocation, "key_account_rules": rules}
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ranked.csv"
    assert main(["score", str(ZH), "--scenario", str(scenario), "--out", str(out)]) == 0
    ranked = pd.read_csv(out, encoding="utf-8-sig")
    contrib = ["contrib:销售额", "contrib:最近购买日期"]
    assert list(ranked.columns) == [
        *("rank", "customer_id", "score", "tier", *contrib, *ZH_COLUMNS),
        *("account_type", "allocation"),  # after every documented column
    ]
    by_tier = ranked.groupby("tier")["allocation"].sum()
    assert by_tier.to_dict() == pytest.approx({"关键客户": 60, "重点客户": 30, "普通客户": 10})
    # strategic: the top 10 % by revenue (with no other minimum)
    assert (ranked["account_type"] == "strategic").sum() == 50
    assert set(ranked["account_type"]) == {"strategic", "transactional"}
    err = capsys.readouterr().err.splitlines()
    assert "allocation: budget 100 (money); 关键客户 60, 重点客户 30, 普通客户 10" in err


def test_score_without_rule_columns_says_so(tmp_path, capsys) -> None:
    rules = {"rules": [{"name": "strategic", "scale": 90}, {"name": "other"}]}
    frame = pd.DataFrame({"id": ["a", "b", "c"], "x": [1.0, 2.0, 3.0]})
    data = tmp_path / "plain.csv"
    frame.to_csv(data, index=False)
    scenario = tmp_path / "scenario.json"
    scenario.write_text(
        json.dumps({"id_column": "id", "factors": [{"column": "x"}], "key_account_rules": rules}),
        encoding="utf-8",
    )
    out = tmp_path / "ranked.csv"
    assert main(["score", str(data), "--scenario", str(scenario), "--out", str(out)]) == 0
    assert "account_type" not in pd.read_csv(out, encoding="utf-8-sig").columns
    assert (
        "warning: key-account rules: no column for scale, potential or influence; set "
        "'scale_column', 'potential_column' and 'influence_column' in the scenario"
    ) in capsys.readouterr().err.splitlines()


# ── repeated customer IDs ─────────────────────────────────────────────────────────────────

REPEATS = "客户编号,客户名称,销售额,订单数\nA1,甲,100,3\nA2,乙,250,1\nA1,丙,90,2\nA3,丁,300,5\n"


def test_the_scenarios_duplicate_policy_and_the_flag_that_overrides_it(tmp_path) -> None:
    data = tmp_path / "dup.csv"
    data.write_text(REPEATS, encoding="utf-8")
    scenario = tmp_path / "s.json"
    factors = [{"column": "销售额"}, {"column": "订单数"}]
    scenario.write_text(
        json.dumps(
            {
                "id_column": "客户编号",
                "name_column": "客户名称",
                "factors": factors,
                "duplicate_ids": "sum",
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "ranked.csv"

    def a1_sales(*flags: str) -> tuple[float, list[str]]:
        code, _, err = run_main("score", data, "--scenario", scenario, *flags, "--out", out)
        assert code == 0
        ranked = pd.read_csv(out, encoding="utf-8-sig").set_index("customer_id")
        return ranked.loc["A1", "销售额"], [w for w in err.splitlines() if "A1" in w]

    sales, lines = a1_sales()  # the scenario says sum
    assert sales == 190
    assert lines[0].startswith("warning: 1 customer ID(s) appear more than once (A1 rows 2, 4): ")
    assert "merged into one row per ID (summed: 销售额, 订单数;" in lines[0]
    assert lines[1] == (
        "warning: customer ID 'A1' has different names in rows 2, 4 (甲, 丙): likely a data "
        "problem; check the file"
    )
    assert lines[2] == "  row 4, id 'A1': duplicate customer ID 'A1': merged into row 2"
    sales, lines = a1_sales("--duplicates", "first")  # the flag wins
    assert sales == 100
    assert lines[0].endswith("kept the first row of each; the other rows are excluded")
    code, _, err = run_main("score", data, "--scenario", scenario, "--duplicates", "refuse")
    assert code == 2 and err.splitlines() == [
        "error: 1 customer ID(s) appear more than once (A1 rows 2, 4) and repeated IDs are "
        "refused: remove the repeated rows from the file, or choose another policy for "
        "repeated IDs (first: keep the first row; sum: merge the rows)"
    ]


def test_report_and_validate_take_the_duplicate_policy(tmp_path) -> None:
    data = tmp_path / "dup.csv"
    data.write_text(REPEATS, encoding="utf-8")
    code, _, err = run_main("report", data, "--duplicates", "sum", "--out", tmp_path / "r.html")
    assert code == 0
    assert err.splitlines()[0] == "ranked: 3 customers, excluded: 1, warnings: 2"
    assert "merged into one row per ID" in err.splitlines()[1]
    code, out, _ = run_main("validate", data, "--duplicates", "sum")
    assert code == 0 and "  row 4, id 'A1': duplicate customer ID 'A1': merged into row 2" in out
    code, out, err = run_main("validate", data, "--duplicates", "refuse")
    assert code == 2 and "file: dup.csv" in out
    assert err.startswith("error: 1 customer ID(s) appear more than once (A1 rows 2, 4)")
    code, _, err = run_main("score", data, "--duplicates", "last")
    assert code == 2 and "argument --duplicates: invalid choice: 'last'" in err
