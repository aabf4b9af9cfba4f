"""core.cli.orders: ``rfm`` and ``review`` through core.cli.main.main."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import core.cli.main as cli
from core.cli.orders import FIRST_COLUMNS
from core.report.export import CSV_ENCODING

ROOT = Path(__file__).resolve().parents[3]
ORDERS = ROOT / "data" / "sample_orders.csv"


def test_rfm_writes_one_row_per_customer(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "rfm.csv"
    assert cli.main(["rfm", str(ORDERS), "--engine", "duckdb", "--out", str(out)]) == 0
    table = pd.read_csv(out, encoding=CSV_ENCODING, dtype={"rfm_cell": str})
    unnamed = [c for c in FIRST_COLUMNS if c != "customer_name"]  # the sample log has no names
    assert list(table.columns[: len(unnamed)]) == unnamed
    assert len(table) == 500 and table["customer_id"].is_unique
    assert table["rfm_cell"].str.fullmatch("[1-5]{3}").all()
    err = capsys.readouterr().err
    assert "orders: 14995 line(s), 14986 purchase(s), 500 customer(s), as of 2024-12-31" in err
    assert "note: 3 line(s), amount " in err
    assert ": copy of an earlier line (identical in every column, same order ID if any)" in err


def test_rfm_xlsx_has_rfm_segments_and_report_sheets(tmp_path: Path) -> None:
    out = tmp_path / "rfm.xlsx"
    assert cli.main(["rfm", str(ORDERS), "--out", str(out)]) == 0
    sheets = pd.read_excel(out, sheet_name=None, engine="calamine")
    assert list(sheets) == ["rfm", "segments", "report"]
    assert sheets["report"][["category", "lines", "example_rows"]].values.tolist() == [
        ["duplicate", 3, "8426, 10476, 10716"], ["return", 6, "8869, 9902, 11392, 12392, 13273"],
    ]  # fmt: skip
    assert sheets["segments"]["customers"].sum() == len(sheets["rfm"]) == 500


def test_rfm_json_and_printed_overview(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["rfm", str(ORDERS), "--as-of", "2024-06-30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2024-06-30"
    assert sum(s["customers"] for s in data["segments"]) == data["customers"]
    assert cli.main(["rfm", str(ORDERS)]) == 0
    assert "重要价值客户" in capsys.readouterr().out


def test_rfm_column_overrides(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text("who,when,paid\nA,2024-01-01,5\nA,2024-02-01,7\nB,2024-02-01,1\n", "utf-8")
    out = tmp_path / "r.csv"
    args = ["rfm", str(log), "--customer-col", "who", "--date-col", "when", "--amount-col",
            "paid", "--out", str(out)]  # fmt: skip
    assert cli.main(args) == 0
    table = pd.read_csv(out, encoding=CSV_ENCODING)
    assert table[["customer_id", "orders", "monetary_total", "clv_frequency"]].values.tolist() == [
        ["A", 2, 12.0, 1.0], ["B", 1, 1.0, 0.0],
    ]  # fmt: skip


NAMED_LOG = (
    "who,when,paid,buyer name\nA,2024-01-01,5,Acme\nA,2024-02-01,7,Acme Ltd\n"
    "B,2024-02-01,1,Beta\nB,2023-01-01,3,Beta\nA,2023-02-01,2,Acme\n"
)


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_rfm_out_has_the_logs_customer_names(
    tmp_path: Path, capsys: pytest.CaptureFixture, engine: str
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(NAMED_LOG, "utf-8")
    out = tmp_path / "r.xlsx"
    args = ["rfm", str(log), "--customer-col", "who", "--date-col", "when", "--amount-col",
            "paid", "--name-col", "buyer name", "--engine", engine, "--out", str(out)]  # fmt: skip
    assert cli.main(args) == 0
    sheets = pd.read_excel(out, sheet_name=None, engine="calamine")
    assert list(sheets["rfm"].columns[:2]) == ["customer_id", "customer_name"]
    assert sheets["rfm"]["customer_name"].tolist() == ["Acme Ltd", "Beta"]
    conflict = sheets["report"].set_index("category").loc["name_conflict"]
    assert (conflict["lines"], conflict["example_rows"]) == (1, "A")
    assert "note: 1 customer ID(s) carry more than one name" in capsys.readouterr().err


def test_review_out_names_the_movers_from_the_log(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(NAMED_LOG.replace("buyer name", "客户名称"), "utf-8")
    out = tmp_path / "review.csv"
    args = ["review", str(log), "--customer-col", "who", "--date-col", "when", "--amount-col",
            "paid", "--period-days", "200", "--out", str(out)]  # fmt: skip
    assert cli.main(args) == 0
    movers = pd.read_csv(out, encoding=CSV_ENCODING)
    assert list(movers.columns[:2]) == ["customer_id", "customer_name"]
    assert dict(zip(movers["customer_id"], movers["customer_name"], strict=True)) == {
        "A": "Acme Ltd", "B": "Beta",
    }  # fmt: skip


def _copies_log(tmp_path: Path) -> Path:
    """No order IDs: an identical pair on 2024-01-05 and a zero line for B."""
    log = tmp_path / "log.csv"
    log.write_text("customer,date,amount\nA,2024-01-01,10\nA,2024-01-05,20\nA,2024-01-05,20\n"
                   "B,2024-01-03,0\nB,2024-01-02,5\n", "utf-8")  # fmt: skip
    return log


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_rfm_keeps_identical_lines_unless_told_and_counts_zero_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture, engine: str
) -> None:
    log, out = _copies_log(tmp_path), tmp_path / "r.csv"
    columns = ["customer_id", "orders", "monetary_total", "clv_frequency", "clv_monetary_value"]
    runs = {(): [["A", 2, 50.0, 1.0, 40.0], ["B", 2, 5.0, 1.0, 0.0]],
            ("--drop-copies",): [["A", 2, 30.0, 1.0, 20.0], ["B", 2, 5.0, 1.0, 0.0]],
            ("--ignore-zero",): [["A", 2, 50.0, 1.0, 40.0], ["B", 1, 5.0, 0.0, 0.0]]}  # fmt: skip
    notes = {(): "note: 1 line(s), amount 20.00: identical to an earlier line in every column: "
                 "kept and counted",
             ("--drop-copies",): "note: 1 line(s), amount 20.00: copy of an earlier line",
             ("--ignore-zero",): "note: 1 line(s): zero amount: ignored"}  # fmt: skip
    for flags, expected in runs.items():
        args = ["rfm", str(log), "--engine", engine, "--out", str(out), *flags]
        assert cli.main(args) == 0
        table = pd.read_csv(out, encoding=CSV_ENCODING)
        assert table[columns].values.tolist() == expected, flags
        assert notes[flags] in capsys.readouterr().err, flags


def test_review_takes_the_line_flags(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    log = _copies_log(tmp_path)
    for flags, note in (((), "kept and counted"), (("--drop-copies",), "copy of an earlier")):
        args = ["review", str(log), "--period-days", "2", "--json", *flags]
        assert cli.main(args) == 0
        assert note in capsys.readouterr().err


def test_review_writes_xlsx_sheets_and_csv_pair(tmp_path: Path) -> None:
    xlsx = tmp_path / "review.xlsx"
    assert cli.main(["review", str(ORDERS), "--period-days", "180", "--out", str(xlsx)]) == 0
    sheets = pd.read_excel(xlsx, sheet_name=None, engine="calamine")
    assert list(sheets) == ["movers", "warnings", "migration", "kpis"]
    assert set(sheets["warnings"]["kind"]) == {"spend_drop", "inactive", "key_downgrade"}
    csv = tmp_path / "review.csv"
    assert cli.main(["review", str(ORDERS), "--period-days", "180", "--out", str(csv)]) == 0
    movers = pd.read_csv(csv, encoding=CSV_ENCODING)
    warnings = pd.read_csv(tmp_path / "review.warnings.csv", encoding=CSV_ENCODING)
    assert list(movers.columns[:4]) == ["customer_id", "rank_a", "rank_b", "change"]
    assert len(warnings) == len(sheets["warnings"])


def test_review_json(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["review", str(ORDERS), "--period-days", "180", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["kpi"] for row in data["kpis"]} == {
        "customers", "active", "revenue", "top20_revenue_share", "churned", "retention_rate",
    }  # fmt: skip
    assert all(row["reason"] for row in data["warnings"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rfm", "missing.csv"], "error: missing.csv: file not found"),
        (["rfm", str(ORDERS), "--amount-col", "x"], "error: order log: column 'x' (given for"),
        (["rfm", str(ORDERS), "--as-of", "yesterday"], "error: as-of date 'yesterday' is not"),
        (["rfm", str(ORDERS), "--out", "x.txt"], "error: output 'x.txt': unknown file type"),
        (["review", str(ORDERS), "--period-days", "900"], "error: review: no purchase up to"),
        (["review", str(ORDERS), "--period-days", "30", "--out", "r.parquet"],
         "error: output 'r.parquet': review writes .csv or .xlsx"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_one_error_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture
) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(message) and sum(e.startswith("error:") for e in err) == 1


def test_review_needs_period_days(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["review", str(ORDERS)]) == 2
    assert "--period-days" in capsys.readouterr().err


def test_rfm_predict_days_adds_the_forecast(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "rfm.csv"
    argv = ["rfm", str(ORDERS), "--predict-days", "90", "--discount-rate", "0.1", "--out"]
    assert cli.main([*argv, str(out)]) == 0
    table = pd.read_csv(out, encoding=CSV_ENCODING)
    added = ["p_alive", "expected_purchases_90d", "expected_purchase_value", "predicted_clv",
             "expected_buyer"]  # fmt: skip
    assert list(table.columns[-5:]) == added
    assert table["p_alive"].between(0, 1).all() and (table["predicted_clv"] >= 0).all()
    assert table["expected_buyer"].equals(table["expected_purchases_90d"] >= 1)
    note = [line for line in capsys.readouterr().err.splitlines() if "forecast" in line]
    assert len(note) == 1 and note[0].startswith("note: forecast: BG/NBD r ")
    buyers = int(table["expected_buyer"].sum())
    assert note[0].endswith(f"; {buyers} of 500 customers expected to buy in the next 90 days")
    assert cli.main(["rfm", str(ORDERS), "--predict-days", "90", "--json"]) == 0
    forecast = json.loads(capsys.readouterr().out)["forecast"]
    assert forecast["horizon_days"] == 90 and forecast["expected_buyers"] == buyers
    assert set(forecast["bg_nbd"]) == {"r", "alpha", "a", "b", "customers", "repeat_buyers"}


def test_rfm_predict_days_refuses_a_log_too_short_for_the_models(
    capsys: pytest.CaptureFixture,
) -> None:
    log = ROOT / "tests" / "corpus" / "orders" / "amounts_zh.csv"
    assert cli.main(["rfm", str(log), "--predict-days", "30"]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: the purchase model needs customers who came back: 5 of 5 customers bought on "
        "more than one day; at least 10 repeat buyers among at least 20 customers are needed "
        "(use a longer order history)"
    ]
    assert cli.main(["rfm", str(ORDERS), "--predict-days", "4000"]) == 2
    assert "from 1 to 3650" in capsys.readouterr().err


def test_review_warnings_export_is_ranked_like_the_app(tmp_path: Path) -> None:
    from core.review.periods import review_orders
    from core.review.priority import SEVERITY, ranked_warnings

    csv = tmp_path / "review.csv"
    assert cli.main(["review", str(ORDERS), "--period-days", "180", "--out", str(csv)]) == 0
    warnings = pd.read_csv(tmp_path / "review.warnings.csv", encoding=CSV_ENCODING)
    assert warnings.columns.tolist() == [
        "priority", "kind", "severity", "customer_id", "reason", "reason_zh", "tier_a", "tier_b",
        "score", "rank",
    ]  # fmt: skip
    assert warnings["priority"].tolist() == list(range(1, len(warnings) + 1))
    # Independently: severity never rises down the list, and within one severity the
    # customer's score (its importance) never rises either.
    level = warnings["kind"].map(SEVERITY)
    assert level.is_monotonic_decreasing
    for _, group in warnings.groupby(level, sort=False):
        assert group["score"].fillna(-1).is_monotonic_decreasing
    assert set(warnings["severity"]) <= {"high", "medium", "low"}
    assert warnings["reason_zh"].str.contains("[\u4e00-\u9fff]").all()
    app = ranked_warnings(review_orders(ORDERS, 180))
    assert warnings["customer_id"].astype(str).tolist() == app["customer_id"].astype(str).tolist()
    assert warnings["kind"].tolist() == app["warning"].tolist()

    xlsx = tmp_path / "review.xlsx"
    assert cli.main(["review", str(ORDERS), "--period-days", "180", "--out", str(xlsx)]) == 0
    sheet = pd.read_excel(xlsx, sheet_name="warnings", engine="calamine")
    assert sheet["kind"].tolist() == warnings["kind"].tolist()
    assert sheet["severity"].tolist() == warnings["severity"].tolist()


def test_review_prints_the_most_urgent_warnings_first(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["review", str(ORDERS), "--period-days", "180"]) == 0
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(out) if line.startswith("warnings: "))
    assert out[start + 1].split()[:3] == ["severity", "customer", "warning"]
    assert out[start + 3].split()[0] == "high"
