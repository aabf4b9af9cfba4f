"""The ``backtest`` command: table, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli.common import load_scenario
from core.review.backtest import GAIN_POINTS
from tests.core.cli_support import modules_loaded, run_main, run_module

ROOT = Path(__file__).resolve().parents[3]
ORDERS = ROOT / "data" / "sample_orders.csv"


def test_the_table_has_one_row_per_scenario() -> None:
    code, out, err = run_main("backtest", ORDERS, "--cutoff", "2023-12-31", "--preset", "value")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["scenario", "rho", "top-tier", "revenue", "share", "precision@20%",
                                "recall@20%", "note"]  # fmt: skip
    names = [line.split()[0] for line in lines[2:]]
    assert names == ["current", "baseline", "preset:value", "predicted_clv"]
    assert "note: backtest at 2023-12-31:" in err and "customers ranked" in err


def test_json_has_the_figures_and_the_gain_curves(tmp_path: Path) -> None:
    factor = {"column": "monetary_total", "direction": "benefit", "weight": 1}
    scenario = {"schema_version": 1, "id_column": "customer_id", "factors": [factor]}
    path = tmp_path / "spend.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    code, out, _ = run_main("backtest", ORDERS, "--cutoff", "2024-06-30", "--holdout-days", "90",
                            "--scenario", path, "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert (data["cutoff"], data["holdout_days"], data["window_days"]) == ("2024-06-30", 90, 90)
    rows = {r["scenario"]: r for r in data["scenarios"]}
    assert list(rows)[:2] == ["spend", "baseline"]
    assert all(len(r["gain"]) == GAIN_POINTS and -1 <= r["rho"] <= 1 for r in rows.values())
    assert rows["predicted_clv"]["label"] == "predicted CLV alone"


def test_a_window_past_the_log_warns() -> None:
    code, _, err = run_main("backtest", ORDERS, "--cutoff", "2024-06-30")
    assert code == 0
    assert "warning: the holdout window ends at the log's last order on 2024-12-31" in err


@pytest.mark.parametrize(
    ("argv", "text"),
    [
        (["--cutoff", "2021-01-01"], "is before the log's first order (2023-01-01)"),
        (["--cutoff", "2025-06-30"], "no order after the cutoff 2025-06-30"),
        (["--cutoff", "June"], "the cutoff 'June' is not a date"),
    ],
)
def test_bad_cutoffs_exit_2_with_one_error_line(argv: list[str], text: str) -> None:
    code, out, err = run_module("backtest", ORDERS, *argv)
    assert code == 2 and out == "" and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and text in errors[0]


def test_backtest_imports_no_app_or_report(tmp_path: Path) -> None:
    code, loaded = modules_loaded(tmp_path / "m.txt", "backtest", ORDERS, "--cutoff", "2023-12-31")
    assert code == 0 and "core.review.backtest" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"streamlit", "ui", "altair"}}
    assert not {m for m in loaded if m.startswith("core.report")}


def test_profit_is_measured_on_request_and_named(tmp_path: Path) -> None:
    code, out, err = run_main("backtest", ORDERS, "--cutoff", "2023-12-31", "--value", "profit",
                              "--json")  # fmt: skip
    assert code == 0 and "realised profit" in err
    data = json.loads(out)
    assert data["value"] == "profit" and data["realised_total"] > 0
    code, out, _ = run_main("backtest", ORDERS, "--cutoff", "2023-12-31", "--value", "profit")
    assert code == 0 and "top-tier profit share" in out.splitlines()[0]


def test_profit_without_a_profit_column_exits_2(tmp_path: Path) -> None:
    lines = ORDERS.read_text(encoding="utf-8").splitlines()
    no_profit = tmp_path / "no_profit.csv"
    no_profit.write_text(
        "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 4) for line in lines),
        encoding="utf-8",
    )
    code, out, err = run_module("backtest", no_profit, "--cutoff", "2023-12-31", "--value",
                                "profit")  # fmt: skip
    assert code == 2 and out == "" and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "needs a profit column" in errors[0] and "--profit-col" in errors[0]


def test_suggested_weights_in_json_and_as_a_scenario_file(tmp_path: Path) -> None:
    out_file = tmp_path / "suggested.json"
    code, out, err = run_main("backtest", ORDERS, "--cutoff", "2023-06-01", "--suggested-out",
                              out_file, "--json")  # fmt: skip
    assert code == 0 and "warning: These weights were fitted to one past period" in err
    data = json.loads(out)["suggestion"]
    assert (data["calibration_cutoff"], data["validation_cutoff"]) == ("2023-06-01", "2024-05-31")
    assert sum(w["suggested"] for w in data["weights"]) == pytest.approx(100.0)
    assert set(data["validation_rho"]) == {"current", "suggested"}
    saved = load_scenario(out_file)
    assert [f.weight for f in saved.factors] == [w["suggested"] for w in data["weights"]]
    code, out, _ = run_main("backtest", ORDERS, "--cutoff", "2023-06-01", "--scenario", out_file)
    assert code == 0 and out.splitlines()[2].split()[0] == "suggested"


def test_suggested_weights_in_the_text_output() -> None:
    code, out, _ = run_main("backtest", ORDERS, "--cutoff", "2023-06-01", "--suggest-weights")
    assert code == 0
    assert "suggested %" in out and "on the later validation window 2024-05-31" in out


def test_a_log_too_short_for_the_suggestion_exits_2() -> None:
    code, out, err = run_module("backtest", ORDERS, "--cutoff", "2024-03-01", "--suggest-weights")
    assert code == 2 and out == "" and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "too short for a calibration window" in errors[0]
