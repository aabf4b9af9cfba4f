"""core.orders.log (+ orders_engine, orders_duckdb, orders_merge): detection, rules, engines,
CLV."""

from __future__ import annotations

import importlib.resources
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from lifetimes.utils import summary_data_from_transaction_data

from core.errors import InputError
from core.ingest.read import read_table
from core.method.ranking import rank_customers
from core.orders.log import aggregate_orders, choose_engine, detect_order_columns, is_order_log
from core.orders.merge import merge_master, order_scenario

ROOT = Path(__file__).resolve().parents[3]
ORDERS = ROOT / "data" / "sample_orders.csv"
CUSTOMERS = ROOT / "data" / "sample_customers_zh.csv"
CLV = ["clv_frequency", "clv_recency", "clv_T", "clv_monetary_value"]


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)


def _log(rows: list[tuple], order_id: bool = True) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["order_id", "customer", "date", "amount", "profit"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame if order_id else frame.drop(columns="order_id")


def _generated(seed: int, order_id: bool) -> pd.DataFrame:
    """A random log with returns, zero lines, duplicates and bad lines."""
    rng = np.random.default_rng(seed)
    n = 3000
    frame = pd.DataFrame(
        {
            "order_id": [f"O{i:05d}" for i in rng.integers(0, 2000, n)],
            "customer": [f"K{i:03d}" for i in rng.integers(0, 300, n)],
            "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 900, n), "D"),
            "amount": np.round(rng.lognormal(6, 1, n), 2) * rng.choice([1, 1, 1, 1, -1, 0], n),
            "profit": np.round(rng.normal(50, 30, n), 2),
        }
    )
    frame.loc[rng.choice(n, 20, replace=False), "profit"] = np.nan
    frame.loc[rng.choice(n, 5, replace=False), "customer"] = None
    frame.loc[rng.choice(n, 5, replace=False), "date"] = pd.NaT
    frame = pd.concat([frame, frame.iloc[rng.choice(n, 30)]], ignore_index=True)
    return frame if order_id else frame.drop(columns="order_id")


def test_detects_chinese_and_english_columns_and_overrides() -> None:
    zh = detect_order_columns(["订单号", "客户编号", "订单日期", "金额", "毛利", "产品线", "渠道"])
    assert (zh.customer, zh.date, zh.amount, zh.profit, zh.order_id) == (
        "客户编号", "订单日期", "金额", "毛利", "订单号",
    )  # fmt: skip
    assert (zh.product, zh.channel) == ("产品线", "渠道")
    en = detect_order_columns(["Customer ID", "Order Date", "Revenue", "buyer"])
    assert (en.customer, en.date, en.amount, en.order_id) == (
        "Customer ID", "Order Date", "Revenue", None,
    )  # fmt: skip
    assert detect_order_columns(["buyer", "date", "amount"], {"customer": "buyer"}).customer == (
        "buyer"
    )
    with pytest.raises(InputError, match=r"^order log: no customer column found"):
        detect_order_columns(["date", "amount"])
    with pytest.raises(InputError, match="column 'x' \\(given for the amount\\) is not in"):
        detect_order_columns(["customer", "date", "amount"], {"amount": "x"})


def test_is_order_log_tells_a_log_from_a_master() -> None:
    assert is_order_log(read_table(ORDERS).frame)
    assert not is_order_log(read_table(CUSTOMERS).frame)


def test_sample_log_report_and_totals_match_the_customer_table() -> None:
    result = aggregate_orders(ORDERS, period_days=366)  # 2024 is a leap year
    report = result.report
    assert (report.as_of, report.lines, report.purchase_lines) == (date(2024, 12, 31), 14995, 14986)
    assert report.count("duplicate") == 3 and report.count("return") == 6
    assert [i.rows for i in report.issues if i.category == "duplicate"] == [(8426, 10476, 10716)]
    customers = read_table(CUSTOMERS).frame.set_index("客户编号")
    f = result.features.set_index("customer_id")
    buyers = customers["订单数"] > 0
    assert (f.loc[buyers.index[buyers], "orders_current"] == customers.loc[buyers, "订单数"]).all()
    assert (f["last_order"] == customers.loc[f.index, "最近购买日期"]).all()


def test_line_rules_returns_zero_future_bad_and_duplicates() -> None:
    """With an order-ID column a copy is dropped; a zero line is an order of 0; a customer with
    only returns keeps a row with 0 orders."""
    log = _log(
        [
            ("O1", "A", "2024-01-01", 100.0, 10.0),
            ("O1", "A", "2024-01-01", 100.0, 10.0),  # duplicate
            ("O2", "A", "2024-03-01", -40.0, -4.0),  # return
            ("O3", "A", "2024-03-02", 0.0, 0.0),  # zero
            ("O4", None, "2024-03-02", 5.0, 1.0),  # no customer
            ("O5", "A", None, 5.0, 1.0),  # bad date
            ("O6", "B", "2024-02-01", np.nan, 1.0),  # bad amount
            (None, "B", "2024-02-01", 7.0, 1.0),  # no order id
            ("O7", "B", "2025-01-01", 9.0, 1.0),  # future
            ("O8", "B", "2024-06-30", 50.0, np.nan),  # missing profit
            ("O9", "C", "2024-05-01", -3.0, 0.0),  # return only
        ]
    )
    for engine in ("pandas", "duckdb"):
        result = aggregate_orders(log, as_of="2024-06-30", engine=engine, period_days=100)
        counts = {i.category: (i.lines, i.rows) for i in result.report.issues}
        assert counts == {
            "duplicate": (1, (3,)), "missing_customer": (1, (6,)), "bad_date": (1, (7,)),
            "bad_amount": (1, (8,)), "missing_order_id": (1, (9,)), "future": (1, (10,)),
            "return": (2, (4, 12)), "zero_amount": (1, (5,)), "missing_profit": (1, (11,)),
        }, engine  # fmt: skip
        assert result.report.no_purchase_customers == ("C",)
        f = result.features.set_index("customer_id")
        a = f.loc["A"]
        assert (a["orders"], a["monetary_total"], a["returns_total"], a["profit"]) == (
            2, 60.0, -40.0, 6.0,
        )  # fmt: skip
        # A's lines are 181, 121 and 120 days old: the previous 100-day period
        assert (a["recency_days"], a["tenure_days"], a["spend_current"]) == (120, 181, 0.0)
        assert (a["spend_previous"], a["growth"], a["active_months"]) == (60.0, -1.0, 2)
        c = f.loc["C"]  # only a return: a row without orders
        assert (c["orders"], c["monetary_total"], c["clv_frequency"], c["clv_T"]) == (
            0, -3.0, 0.0, 60.0,
        )  # fmt: skip
        assert np.isnan(c["recency_days"]) and pd.isna(c["last_order"])
        assert np.isnan(c["monetary_mean"]) and result.report.customers == 3
        ignored = aggregate_orders(log, as_of="2024-06-30", engine=engine, period_days=100,
                                   ignore_zero=True)  # fmt: skip
        assert ignored.report.count("zero_ignored") == 1
        assert ignored.report.count("zero_amount") == 0
        a = ignored.features.set_index("customer_id").loc["A"]
        assert (a["orders"], a["recency_days"], a["clv_frequency"]) == (1, 181, 1.0)
    wide = aggregate_orders(log, as_of="2024-06-30", period_days=200).features
    assert wide.loc[0, "spend_current"] == 60.0 and np.isnan(wide.loc[0, "growth"])


def test_growth_is_nan_without_previous_spend_and_relative_otherwise() -> None:
    log = _log([("1", "A", "2023-06-01", 100.0, 1.0), ("2", "A", "2024-06-01", 150.0, 1.0),
                ("3", "B", "2024-06-01", 80.0, 1.0)])  # fmt: skip
    f = aggregate_orders(log, as_of="2024-12-31").features.set_index("customer_id")
    assert f.loc["A", "growth"] == pytest.approx(0.5)
    assert np.isnan(f.loc["B", "growth"])
    assert f.loc["A", "active_months"] == 2


BOTH = {"drop_copies": True, "ignore_zero": True}
RULES = [{}, {"drop_copies": True}, {"ignore_zero": True}, BOTH]


@pytest.mark.parametrize("options", RULES, ids=["default", "drop", "ignore", "both"])
@pytest.mark.parametrize("order_id", [True, False])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pandas_and_duckdb_agree_on_generated_logs(seed: int, order_id: bool, options) -> None:
    log = _generated(seed, order_id)
    a = aggregate_orders(log, engine="pandas", period_days=200, **options)
    b = aggregate_orders(log, engine="duckdb", period_days=200, **options)
    _same(a.features, b.features)
    assert _kinds(a.report) == _kinds(b.report)
    assert a.report.as_of == b.report.as_of and a.report.lines == b.report.lines == len(log)
    assert a.report.no_purchase_customers == b.report.no_purchase_customers
    assert a.report.ignored_customers == b.report.ignored_customers


def test_engines_order_customers_alike_with_mixed_scripts() -> None:
    """DuckDB sorts the IDs in SQL; pandas sorts them itself: the same order for any script."""
    ids = ["客户乙", "客户甲", "b7", "B7", "Zeta", "émile", "10", "9", "ｆｕｌｌ", "🙂"]
    rows = [(f"O{i}", c, "2024-03-01", 10.0 + i, 1.0) for i, c in enumerate(ids)]
    a = aggregate_orders(_log(rows), engine="pandas")
    b = aggregate_orders(_log(rows), engine="duckdb")
    _same(a.features, b.features)
    assert list(b.features["customer_id"]) == sorted(ids)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_duckdb_scans_files_like_pandas(tmp_path: Path, suffix: str) -> None:
    expected = aggregate_orders(ORDERS, engine="pandas")
    path = ORDERS
    if suffix == ".parquet":
        path = tmp_path / "orders.parquet"
        read_table(ORDERS).frame.to_parquet(path, index=False)
    result = aggregate_orders(path, engine="duckdb")
    _same(expected.features, result.features)
    assert result.report.issues == expected.report.issues


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize(("order_id", "drop"), [(True, False), (False, False), (False, True)])
def test_copies_among_the_first_examples_are_left_out_like_pandas(
    tmp_path: Path, suffix: str, order_id: bool, drop: bool
) -> None:
    """Exact copies of returns, purchases without profit, first-day purchases and zero lines:
    kept (no order IDs) or dropped (order IDs, or ``drop_copies``), where the DuckDB engine
    subtracts them from one pass; sums, counts and example rows match pandas'."""
    rows = [
        ("O1", "A", "2024-01-05", -20.0, None),
        ("O1", "A", "2024-01-05", -20.0, None),  # copy of a return without profit
        ("O2", "A", "2024-01-05", 50.0, None),
        ("O2", "A", "2024-01-05", 50.0, None),  # copy of a first-day purchase
        ("O3", "A", "2024-03-01", 70.0, 7.0),
        ("O4", "B", "2024-02-01", -5.0, 1.0),
        ("O5", "B", "2024-02-01", 30.0, 3.0),
        ("O5", "B", "2024-02-01", 30.0, 3.0),  # copy
        ("O5", "B", "2024-02-01", 30.0, 3.0),  # and another
        ("O6", "B", "2024-04-01", -5.0, 1.0),
        ("O7", "C", "2024-04-02", 0.0, 0.0),
        ("O7", "C", "2024-04-02", 0.0, 0.0),  # copy of a zero line
    ] + [(f"P{i}", "D", f"2024-02-{i + 1:02d}", 10.0 + i, 1.0) for i in range(8)]
    log = _log(rows, order_id)
    path = tmp_path / f"log{suffix}"
    log.to_csv(path, index=False) if suffix == ".csv" else log.to_parquet(path, index=False)
    expected = aggregate_orders(log, engine="pandas", period_days=60, drop_copies=drop)
    result = aggregate_orders(path, engine="duckdb", period_days=60, drop_copies=drop)
    _same(expected.features, result.features)
    assert result.report.issues == expected.report.issues
    assert result.report.lines == len(log)
    copies = "duplicate" if order_id or drop else "identical"
    assert _kinds(result.report)[0] == (copies, 5, (3, 5, 10, 13))  # the last copy of each
    a = result.features.set_index("customer_id").loc["A"]
    assert a["monetary_total"] == (100.0 if copies == "duplicate" else 130.0)


NOT_CUSTOMERS = (  # rows 3 and 8 totals, 4 and 7 repeated headers, 6 a note
    "customer,date,amount\nA,2024-01-05,10\nA,2024-01-05,10\n合计,,20\ncustomer,date,amount\n"
    "B,2024-01-06,5\n备注：金额含税,,\ncustomer,date,amount\nＴＯＴＡＬ：,2024-02-01,25\n"
)


def _kinds(report) -> list[tuple[str, int, tuple[int, ...]]]:
    return [(i.category, i.lines, i.rows) for i in report.issues]


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_totals_notes_and_repeated_headers_are_not_customers(tmp_path: Path, engine: str) -> None:
    """Excluded with their own categories, before the other rules: the repeated headers are
    not identical copies, the total's later date is not the as-of date."""
    path = tmp_path / "log.csv"
    path.write_text(NOT_CUSTOMERS, encoding="utf-8")
    ingest = read_table(path)  # a frame read by ingest comes with the rows ingest took out
    for source, excluded in ((path, None), (ingest.frame, ingest.excluded)):
        result = aggregate_orders(source, engine=engine, excluded=excluded)
        assert _kinds(result.report) == [
            ("total_row", 2, (4, 9)), ("note_row", 1, (7,)), ("header_row", 2, (5, 8)),
            ("identical", 1, (3,)),
        ], source  # fmt: skip
        assert np.isnan(result.report.issues[0].amount)
        assert result.report.as_of == date(2024, 1, 6) and result.report.lines == 8
        assert result.features["customer_id"].tolist() == ["A", "B"]
        assert result.features["monetary_total"].tolist() == [20.0, 5.0]


def test_rows_ingest_removed_are_reported_as_the_engines_find_them(tmp_path: Path) -> None:
    """When ingest already took the totals, notes and headers out (IngestResult.excluded),
    the pandas report lists them under the same categories and rows as DuckDB's."""
    path = tmp_path / "log.csv"
    path.write_text(NOT_CUSTOMERS, encoding="utf-8")
    expected = aggregate_orders(path, engine="duckdb").report
    read = read_table(path)  # the real ingest takes the non-customer rows out
    assert read.excluded["row"].tolist() == [4, 5, 7, 8, 9]
    assert read.excluded["kind"].tolist() == [
        "total", "header_repeat", "note", "header_repeat", "total",
    ]  # fmt: skip
    removed = read.excluded
    result = aggregate_orders(path, engine="pandas")
    assert _kinds(result.report) == _kinds(expected)
    assert result.report.lines == expected.lines == 8
    _same(result.features, aggregate_orders(path, engine="duckdb").features)
    direct = aggregate_orders(read.frame, engine="duckdb", excluded=removed)
    assert _kinds(direct.report) == _kinds(expected)


def test_duckdb_reads_text_dates_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("customer,date,amount\nA,2024/01/05,10\nA,2024年2月1日,5\nB,soon,3\n"
                    "B,2024-02-03,abc\nB,2024-02-04,4\n", encoding="utf-8")  # fmt: skip
    for engine in ("pandas", "duckdb"):
        result = aggregate_orders(path, engine=engine)
        assert [(i.category, i.rows) for i in result.report.issues] == [
            ("bad_date", (4,)), ("bad_amount", (5,)),
        ], engine  # fmt: skip
        assert result.features["orders"].tolist() == [2, 1]


def test_engine_choice_and_errors() -> None:
    assert choose_engine(pd.DataFrame({"a": range(3)})) == "pandas"
    assert choose_engine(ORDERS) == "pandas"  # 0.8 MB: under the 50 MiB threshold
    assert choose_engine(ORDERS, "spark") == "spark"  # only on request
    with pytest.raises(InputError, match="unknown engine 'polars'"):
        choose_engine(ORDERS, "polars")
    with pytest.raises(InputError, match="no purchase, return or zero-amount line up to"):
        aggregate_orders(_log([("1", "A", "2024-01-01", -5.0, 0.0)]), as_of="2023-12-31")


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_period_length_and_as_of_are_limited_on_both_engines(engine: str) -> None:
    with pytest.raises(InputError, match="over the limit of 3650 days"):
        aggregate_orders(ORDERS, period_days=99_999_999, engine=engine)
    with pytest.raises(InputError, match="as-of date 0001-01-01 is outside the years 1678–2261"):
        aggregate_orders(ORDERS, as_of="0001-01-01", engine=engine)
    assert aggregate_orders(ORDERS, period_days=3650, engine=engine).report.period_days == 3650


def _lifetimes(lines: pd.DataFrame, customer: str, day: str, amount: str, as_of: str):
    """lifetimes' summary of ``lines`` with our column names, sorted by customer."""
    expected = summary_data_from_transaction_data(
        lines, customer, day, monetary_value_col=amount, observation_period_end=as_of, freq="D"
    )
    expected.columns = CLV
    return expected.sort_index().rename_axis(None)


def _clv(result) -> pd.DataFrame:
    return result.features.set_index("customer_id")[CLV].rename_axis(None)


def _same_clv(ours: pd.DataFrame, expected: pd.DataFrame) -> None:
    """The same customers in the same order, the four columns equal to 1e-9."""
    assert ours.index.tolist() == expected.index.tolist()
    np.testing.assert_allclose(ours.to_numpy(), expected.to_numpy(), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("as_of", ["2024-10-31", "2024-12-31"])
def test_clv_summary_matches_lifetimes_on_the_sample_log(as_of: str) -> None:
    """The sample log has order IDs: its three copies (same order ID and content) are dropped,
    every other line (returns included) counts as lifetimes counts it."""
    lines = read_table(ORDERS).frame.drop_duplicates()
    expected = _lifetimes(lines, "客户编号", "订单日期", "金额", as_of)
    for engine in ("pandas", "duckdb"):
        _same_clv(_clv(aggregate_orders(ORDERS, as_of=as_of, engine=engine)), expected)


@pytest.mark.parametrize("order_id", [True, False])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_clv_summary_matches_lifetimes_on_generated_logs(seed: int, order_id: bool) -> None:
    """Returns, zero lines, copies and bad lines: lifetimes on the lines a log can give it
    (a customer, a date and an amount; with order IDs, copies dropped) equals ours, and with
    ``drop_copies`` / ``ignore_zero`` lifetimes on those lines without copies / zero lines."""
    log = _generated(seed, order_id)
    as_of = "2024-03-31"  # lines after it are cut by both
    lines = log.dropna(subset=["customer", "date", "amount"])
    kept = lines.drop_duplicates() if order_id else lines
    variants = [({}, kept), ({"drop_copies": True}, lines.drop_duplicates()),
                ({"ignore_zero": True}, kept[kept["amount"] != 0])]  # fmt: skip
    for options, counted in variants:
        expected = _lifetimes(counted, "customer", "date", "amount", as_of)
        for engine in ("pandas", "duckdb"):
            result = aggregate_orders(log, as_of=as_of, engine=engine, **options)
            _same_clv(_clv(result), expected)


def _cdnow() -> pd.DataFrame:
    text = importlib.resources.files("lifetimes.datasets").joinpath("CDNOW_master.txt")
    cdnow = pd.read_csv(text.open("rb"), sep=r"\s+", header=0, dtype=str,
                        names=["customer", "date", "units", "amount"])  # fmt: skip
    return cdnow.assign(amount=cdnow["amount"].astype(float),
                        date=pd.to_datetime(cdnow["date"], format="%Y%m%d"))  # fmt: skip


@pytest.mark.parametrize("as_of", ["1997-09-30", "1998-06-30"])
def test_clv_summary_matches_lifetimes_on_cdnow(as_of: str) -> None:
    """The whole CDNOW log (69,659 lines: 255 identical lines, 80 zero lines, no order IDs):
    every customer, the four columns to 1e-9, by default; ``drop_copies`` matches lifetimes
    without the copies, ``ignore_zero`` without the zero lines (and their 70 zero-only
    customers, reported as left out)."""
    cdnow = _cdnow()
    assert len(cdnow) == 69659
    expected = _lifetimes(cdnow, "customer", "date", "amount", as_of)
    no_copies = _lifetimes(cdnow.drop_duplicates(), "customer", "date", "amount", as_of)
    no_zero = _lifetimes(cdnow[cdnow["amount"] != 0], "customer", "date", "amount", as_of)
    assert len(expected) == 23570 and len(no_zero) < len(expected)
    assert not np.allclose(expected.loc[no_copies.index].to_numpy(), no_copies.to_numpy())
    for engine in ("pandas", "duckdb"):
        result = aggregate_orders(cdnow, as_of=as_of, engine=engine)
        _same_clv(_clv(result), expected)
        assert result.report.count("identical") == 255 and result.report.customers == 23570
        dropped = aggregate_orders(cdnow, as_of=as_of, engine=engine, drop_copies=True)
        _same_clv(_clv(dropped), no_copies)
        assert dropped.report.count("duplicate") == 255 and dropped.report.count("identical") == 0
        ignored = aggregate_orders(cdnow, as_of=as_of, engine=engine, ignore_zero=True)
        _same_clv(_clv(ignored), no_zero)
        left_out = sorted(set(expected.index) - set(no_zero.index))
        assert list(ignored.report.ignored_customers) == left_out


def test_merge_master_reports_both_sides_and_ranks() -> None:
    master = pd.DataFrame({"id": ["A", "B", "Z"], "region": ["N", "S", "E"]})
    log = _log([("1", "A", "2024-01-01", 10.0, 1.0), ("2", "B", "2024-02-01", 30.0, 2.0),
                ("3", "Q", "2024-02-01", 5.0, 1.0)])  # fmt: skip
    features = aggregate_orders(log).features
    merged = merge_master(master, features, "id")
    assert merged.only_in_master == ("Z",) and merged.only_in_orders == ("Q",)
    assert merged.table["orders"].tolist() == [1, 1, 0]
    assert merged.warnings == (
        "1 customer ID(s) in the customer table but without orders (prospective): Z",
        "1 customer ID(s) in the order log but not in the customer table (left out): Q",
    )
    ranking = rank_customers(merged.table, order_scenario(features, id_column="id"))
    assert ranking.table["customer_id"].tolist()[0] == "B"
    with pytest.raises(InputError, match="customer table: no column 'nope'"):
        merge_master(master, features, "nope")
