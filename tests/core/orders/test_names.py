"""core.orders.names: one name per customer from the log, the same in pandas and DuckDB; name
conflicts in the order report; the log's names against a customer table (merge_master)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.i18n import localize
from core.orders.log import aggregate_orders, detect_order_columns
from core.orders.merge import merge_master, order_scenario
from core.orders.names import attach_names, duckdb_names, name_mismatches, pandas_names

ENGINES = ("pandas", "duckdb")
HEADER = ["客户编号", "订单日期", "金额", "客户名称"]
LINES = [
    ("K1", "2024-01-01", 100, "Alpha"),
    ("K1", "2024-02-01", 50, "Alpha Ltd"),
    ("K1", "2024-02-01", 60, "Aardvark"),  # same latest day: the greatest name wins
    ("K2", "2024-01-05", 70, " Beta "),  # trimmed
    ("K2", "2024-03-05", 70, "—"),  # a placeholder is no name
    ("K3", "2024-01-05", 70, None),  # no name at all
    ("K4", "2024-01-06", 30, "Delta"),
    ("K4", "2024-05-06", 30, "Later"),  # after the as-of date: not used
    ("K5", "not a date", 30, "Nobody"),  # unreadable date: not a named line
    ("K5", "2024-01-07", 30, None),
    ("", "2024-01-08", 30, "No ID"),
]
EXPECTED = {"K1": "Alpha Ltd", "K2": "Beta", "K3": None, "K4": "Delta", "K5": None}


def _frame() -> pd.DataFrame:
    return pd.DataFrame(LINES, columns=HEADER)


def _sources(tmp_path: Path) -> dict[str, object]:
    frame = _frame()
    csv, parquet = tmp_path / "log.csv", tmp_path / "log.parquet"
    frame.to_csv(csv, index=False)
    frame.to_parquet(parquet, index=False)
    return {"frame": frame, "csv": csv, "parquet": parquet}


def _names(features: pd.DataFrame) -> dict[str, str | None]:
    return {
        cid: (None if pd.isna(name) else name)
        for cid, name in zip(features["customer_id"], features["customer_name"], strict=True)
    }


def test_the_name_role_is_detected_and_kept_apart_from_the_id() -> None:
    found = detect_order_columns(["客户", "客户名称", "日期", "金额"])
    assert (found.customer, found.name) == ("客户", "客户名称")
    found = detect_order_columns(["customer_id", "date", "amount", "company"])
    assert found.name == "company"
    assert detect_order_columns(["customer_id", "date", "amount"]).name is None


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("kind", ["frame", "csv", "parquet"])
def test_latest_named_line_wins_ties_go_to_the_greatest(
    tmp_path: Path, engine: str, kind: str
) -> None:
    source = _sources(tmp_path)[kind]
    result = aggregate_orders(source, engine=engine, as_of="2024-04-01")
    assert list(result.features.columns[:2]) == ["customer_id", "customer_name"]
    assert _names(result.features) == EXPECTED
    conflicts = result.report.name_conflicts
    assert (conflicts.count, conflicts.examples) == (
        1,
        (("K1", ("Aardvark", "Alpha", "Alpha Ltd")),),
    )
    assert any(
        "K1 (Aardvark / Alpha / Alpha Ltd)" in str(line) for line in result.report.lines_text()
    )


def test_the_conflict_note_is_translated() -> None:
    conflicts = aggregate_orders(_frame(), as_of="2024-04-01").report.name_conflicts
    assert localize(conflicts.text, "zh").startswith("1 个客户编号在订单表中有多个名称")
    assert str(conflicts.text).startswith("1 customer ID(s) carry more than one name")


def test_both_rules_agree_on_a_random_log(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 4000
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in rng.integers(0, 300, n)],
            "date": (pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 60, n), "D"))
            .strftime("%Y-%m-%d"),
            "name": rng.choice(["北方公司", "Beta", "beta", "Ärger AG", "—", "", " Zed "], n),
        }
    )  # fmt: skip
    roles = ("customer_id", "date", "name")
    as_of = pd.Timestamp("2023-02-15").date()
    by_pandas, by_duckdb = pandas_names(frame, roles, as_of), duckdb_names(frame, roles, as_of)
    pd.testing.assert_frame_equal(by_pandas, by_duckdb)
    assert set(by_pandas["customer_name"]) <= {"北方公司", "Beta", "beta", "Ärger AG", "Zed"}
    assert (by_pandas["variants"].map(len) != 1).all()
    frame["amount"] = 10.0
    csv = tmp_path / "random.csv"
    frame.to_csv(csv, index=False)
    found = [aggregate_orders(csv, engine=e, as_of=as_of).features for e in ENGINES]
    pd.testing.assert_series_equal(found[0]["customer_name"], found[1]["customer_name"])
    assert found[0]["customer_name"].notna().sum() > 250


@pytest.mark.parametrize("engine", ENGINES)
def test_a_name_column_without_any_name(engine: str) -> None:
    frame = _frame().assign(客户名称=None)
    result = aggregate_orders(frame, engine=engine, as_of="2024-04-01")
    assert result.features["customer_name"].isna().all()
    assert result.report.name_conflicts.count == 0


def test_a_log_without_a_name_column_has_no_names() -> None:
    frame = _frame().drop(columns="客户名称")
    result = aggregate_orders(frame, as_of="2024-04-01")
    assert "customer_name" not in result.features and result.report.name_conflicts is None


def test_attach_names_leaves_customers_without_a_named_line_blank() -> None:
    features = pd.DataFrame({"customer_id": ["A", "B"], "orders": [1, 2]})
    names = pd.DataFrame(
        {"customer_id": ["A", "Z"], "customer_name": ["Acme", "Zeta"], "variants": [(), ("Y", "Z")]}
    )
    out, conflicts = attach_names(features, names)
    assert out["customer_name"].tolist()[0] == "Acme" and pd.isna(out["customer_name"][1])
    assert conflicts.count == 0  # Z has no purchase here: not one of these customers


def test_merge_prefers_the_logs_names_and_reports_mismatches() -> None:
    features = aggregate_orders(_frame(), as_of="2024-04-01").features
    master = pd.DataFrame(
        {
            "编号": ["K1", "K2", "K3", "M9"],
            "名称": ["Other Co", "Beta", "Gamma", "Master only"],
            "销售额": [1.0, 2.0, 3.0, 4.0],
        }
    )
    merged = merge_master(master, features, "编号", "名称")
    assert merged.name_column == "customer_name"
    assert merged.table["customer_name"].tolist() == ["Alpha Ltd", "Beta", "Gamma", "Master only"]
    assert merged.table["名称"].tolist() == master["名称"].tolist()  # the table's own column stays
    assert merged.name_mismatches == (("K1", "Alpha Ltd", "Other Co"),)
    assert str(merged.warnings[-1]).startswith("1 customer ID(s) have another name")
    assert "K1: Alpha Ltd ≠ Other Co" in str(merged.warnings[-1])
    assert localize(merged.warnings[-1], "zh").startswith(
        "1 个客户编号在客户表中的名称与订单表不一致"
    )
    scenario = order_scenario(merged.table, name_column=merged.name_column)
    assert scenario.name_column == "customer_name"


def test_merge_without_log_names_keeps_the_tables_name_column() -> None:
    features = aggregate_orders(_frame().drop(columns="客户名称"), as_of="2024-04-01").features
    master = pd.DataFrame({"编号": ["K1"], "名称": ["Other Co"]})
    merged = merge_master(master, features, "编号", "名称")
    assert merged.name_column == "名称" and merged.name_mismatches == ()
    assert "customer_name" not in merged.table


def test_merge_with_a_clashing_name_column_uses_the_suffixed_one() -> None:
    features = aggregate_orders(_frame(), as_of="2024-04-01").features
    master = pd.DataFrame({"id": ["K1", "K9"], "customer_name": ["Alpha Ltd", "Nine"]})
    merged = merge_master(master, features, "id", "customer_name")
    assert merged.name_column == "customer_name (orders)"
    assert merged.table["customer_name (orders)"].tolist() == ["Alpha Ltd", "Nine"]
    assert merged.name_mismatches == ()


def test_name_mismatches_compare_trimmed_names_of_shared_ids() -> None:
    log = {"A": "Acme", "B": "Beta ", "C": "Cee"}
    table = {"A": "Acme Ltd", "B": "Beta", "D": "Dee"}
    assert name_mismatches(log, table) == (("A", "Acme", "Acme Ltd"),)
