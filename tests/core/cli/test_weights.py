"""core.cli.weights: ``weights ahp|entropy|critic`` and ``compare``, run through
core.cli.main.main."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.analysis.compare import compare_rankings
from core.analysis.sensitivity import filled_matrix
from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.ahp import ahp_weights, read_pairwise_csv
from core.method.objective import critic_weights, entropy_weights
from core.method.ranking import rank_customers
from core.method.scenario import Scenario
from core.method.scenario_mapping import default_scenario
from tests.core.cli_support import run_main

ROOT = Path(__file__).resolve().parents[3]
ZH = ROOT / "data" / "sample_customers_zh.csv"
CONSISTENT = ",销售额,毛利,满意度\n销售额,1,2,4\n毛利,,1,2\n满意度,,,1\n"
INCONSISTENT = ",a,b,c\na,1,3,1/5\nb,,1,7\nc,,,1\n"
SCENARIO_A = {
    "id_column": "客户编号",
    "factors": [
        {"column": "销售额", "weight": 40},
        {"column": "最近购买日期", "direction": "cost", "weight": 20},
    ],
}
SCENARIO_B = {
    "id_column": "客户编号",
    "factors": [{"column": "毛利", "weight": 40}, {"column": "满意度", "weight": 20}],
}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def scenario_file(tmp_path: Path, name: str, data: dict) -> Path:
    return write(tmp_path / name, json.dumps(data, ensure_ascii=False))


def test_ahp_json_consistent(tmp_path):
    matrix = write(tmp_path / "m.csv", CONSISTENT)
    code, out, err = run_main("weights", "ahp", matrix, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["weights", "lambda_max", "ci", "cr", "consistent", "worst_pairs"]
    assert data["weights"] == pytest.approx({"销售额": 4 / 7, "毛利": 2 / 7, "满意度": 1 / 7})
    assert data["lambda_max"] == pytest.approx(3.0)
    assert data["cr"] == pytest.approx(0.0, abs=1e-9)
    assert data["consistent"] is True and data["worst_pairs"] == []


def test_ahp_inconsistent_names_the_pairs(tmp_path):
    matrix = write(tmp_path / "m.csv", INCONSISTENT)
    code, out, _ = run_main("weights", "ahp", matrix, "--json")
    data = json.loads(out)
    expected = ahp_weights(read_pairwise_csv(matrix)[1])
    assert code == 0
    assert data["cr"] == pytest.approx(expected.cr) and data["cr"] >= 0.10
    assert data["consistent"] is False
    assert data["worst_pairs"][0] == {
        "row": "a",
        "column": "b",
        "given": 3.0,
        "suggested": 0.5,
        "deviation": pytest.approx(expected.worst_pairs[0].deviation),
    }
    code, out, _ = run_main("weights", "ahp", matrix)
    assert code == 0
    assert f"CR = {expected.cr:.4f}" in out
    assert "CR ≥ 0.10: the judgements contradict each other; revisit:" in out
    assert "  a vs b: given 3, the other judgements suggest 1/2" in out.splitlines()


def test_ahp_text_consistent(tmp_path):
    code, out, _ = run_main("weights", "ahp", write(tmp_path / "m.csv", CONSISTENT))
    assert code == 0
    assert out.splitlines()[2].split() == ["销售额", "0.5714", "57.1", "%"]
    assert "CR < 0.10: the judgements are consistent enough." in out


def test_ahp_bad_matrix_exits_2(tmp_path):
    matrix = write(tmp_path / "m.csv", ",a,b\na,1,x\nb,,1\n")
    code, out, err = run_main("weights", "ahp", matrix)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        'error: file \'m.csv\', row "a", column "b": "x" is not a positive number; write an '
        "integer, a decimal or a fraction like 1/3."
    ]


@pytest.mark.parametrize(
    ("method", "fn"), [("entropy", entropy_weights), ("critic", critic_weights)]
)
def test_objective_weights_for_detected_factors(method, fn):
    code, out, err = run_main("weights", method, ZH, "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["weights"]
    frame = read_table(ZH).frame
    scenario = default_scenario(detect_mapping(frame))
    ranking = rank_customers(frame, scenario)
    cost = np.array([f.direction == "cost" for f in scenario.factors])
    expected = fn(filled_matrix(frame, ranking), cost, scenario.columns).weights
    assert list(data["weights"]) == scenario.columns
    assert list(data["weights"].values()) == pytest.approx(expected.tolist(), abs=1e-12)
    assert sum(data["weights"].values()) == pytest.approx(1.0)
    # The sample's gaps are filled first, and said so.
    assert "warning: column '满意度': 15 missing value(s) filled with the column median" in err


def test_objective_weights_follow_the_scenario(tmp_path):
    path = scenario_file(tmp_path, "a.json", SCENARIO_A)
    code, out, _ = run_main("weights", "entropy", ZH, "--scenario", path, "--json")
    assert code == 0
    assert list(json.loads(out)["weights"]) == ["销售额", "最近购买日期"]
    code, out, _ = run_main("weights", "critic", ZH, "--scenario", path)
    assert code == 0
    assert out.splitlines()[0].split() == ["factor", "weight", "share"]
    assert out.splitlines()[3].startswith("最近购买日期")


def test_objective_weights_bad_scenario_column(tmp_path):
    path = scenario_file(
        tmp_path, "x.json", {"id_column": "客户编号", "factors": [{"column": "z"}]}
    )
    code, out, err = run_main("weights", "entropy", ZH, "--scenario", path, "--json")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("error: scenario: column 'z' is not in the data; available columns:")


def test_compare_identical(tmp_path):
    a = scenario_file(tmp_path, "a.json", SCENARIO_A)
    code, out, _ = run_main("compare", ZH, "--scenario", a, "--scenario", a, "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["spearman", "kendall", "top_n_overlap", "migration"]
    assert data["spearman"] == pytest.approx(1.0) and data["kendall"] == pytest.approx(1.0)
    assert data["top_n_overlap"] == 1.0
    assert data["migration"] == {
        "关键客户": {"关键客户": 100, "重点客户": 0, "普通客户": 0},
        "重点客户": {"关键客户": 0, "重点客户": 150, "普通客户": 0},
        "普通客户": {"关键客户": 0, "重点客户": 0, "普通客户": 250},
    }


def test_compare_two_scenarios(tmp_path):
    a = scenario_file(tmp_path, "a.json", SCENARIO_A)
    b = scenario_file(tmp_path, "b.json", SCENARIO_B)
    code, out, err = run_main("compare", ZH, "--scenario", a, "--scenario", b, "--top", "10",
                         "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    frame = read_table(ZH).frame
    expected = compare_rankings(
        rank_customers(frame, Scenario.from_dict(SCENARIO_A)),
        rank_customers(frame, Scenario.from_dict(SCENARIO_B)),
        top_n=10,
    )
    assert data["spearman"] == pytest.approx(expected.spearman)
    assert data["kendall"] == pytest.approx(expected.kendall)
    assert data["top_n_overlap"] == expected.top_n_overlap
    assert data["migration"]["关键客户"] == expected.migration.loc["关键客户"].to_dict()
    assert "warning: column '满意度': 15 missing value(s) filled with the column median" in err
    code, out, _ = run_main("compare", ZH, "--scenario", a, "--scenario", b)
    lines = out.splitlines()
    assert code == 0
    assert lines[1] == f"Spearman ρ = {expected.spearman:.4f}, Kendall τ-b = {expected.kendall:.4f}"
    assert "tier migration (rows: tier in A, columns: tier in B)" in lines
    top = expected.movers.iloc[0]
    assert any(line.startswith(str(top["customer_id"])) for line in lines)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_compare_needs_two_scenarios(tmp_path, count):
    a = scenario_file(tmp_path, "a.json", SCENARIO_A)
    args = ["compare", ZH, *(["--scenario", a] * count)]
    code, out, err = run_main(*args)
    assert (code, out) == (2, "")
    assert err == (
        f"error: compare needs exactly two scenarios, got {count}; "
        "write --scenario A.json --scenario B.json\n"
    )


def test_compare_missing_scenario_file(tmp_path):
    a = scenario_file(tmp_path, "a.json", SCENARIO_A)
    code, _, err = run_main("compare", ZH, "--scenario", a, "--scenario", tmp_path / "no.json")
    assert code == 2
    assert err.startswith("error: scenario file ") and "cannot read it" in err


def test_usage_errors_exit_2():
    assert run_main("weights")[0] == 2
    assert run_main("weights", "magic", ZH)[0] == 2
    assert run_main("compare", ZH, "--top", "0")[0] == 2
