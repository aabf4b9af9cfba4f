"""The bundled sample data: headers, realism targets, zh/en agreement, orders ↔ customers."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

DATA = Path(__file__).resolve().parents[2] / "data"
FILES = ["sample_customers_zh.csv", "sample_customers_en.csv", "sample_orders.csv"]
ZH = (
    "客户编号,客户名称,行业,区域,销售额,毛利,订单数,最近购买日期,合作年限,满意度,NPS,增长率,"
    "市场影响力,逾期天数,投诉次数"
)
EN = (
    "customer_id,customer_name,industry,region,revenue,profit,orders,last_order_date,"
    "tenure_years,satisfaction,nps,growth_rate,market_influence,overdue_days,complaints"
)
ORDERS = "订单号,客户编号,订单日期,金额,毛利,产品线,渠道"


def _load_script():
    spec = importlib.util.spec_from_file_location("make_samples", DATA / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_samples = _load_script()


def _read(name: str) -> pd.DataFrame:
    ids = {"客户编号": str, "customer_id": str, "订单号": str}
    return pd.read_csv(DATA / name, encoding="utf-8", dtype=ids)


@pytest.fixture(scope="module")
def zh() -> pd.DataFrame:
    return _read("sample_customers_zh.csv")


@pytest.fixture(scope="module")
def en() -> pd.DataFrame:
    return _read("sample_customers_en.csv")


@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    return _read("sample_orders.csv")


@pytest.mark.parametrize(("name", "header"), zip(FILES, [ZH, EN, ORDERS], strict=True))
def test_exact_header_utf8_without_bom_and_lf(name: str, header: str) -> None:
    raw = (DATA / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.decode("utf-8").split("\n", 1)[0] == header


def test_orders_file_is_small() -> None:
    assert (DATA / "sample_orders.csv").stat().st_size < 3_000_000


def test_500_unique_ids_in_order(zh: pd.DataFrame) -> None:
    assert zh["客户编号"].tolist() == [f"C{i:04d}" for i in range(1, 501)]
    assert zh["客户名称"].is_unique
    assert zh["客户名称"].str.endswith("有限公司").all()


def test_categories(zh: pd.DataFrame, en: pd.DataFrame) -> None:
    assert set(zh["行业"]) == {"制造业", "零售", "医药", "金融", "互联网", "物流", "能源", "教育"}
    assert set(zh["区域"]) == {"华东", "华南", "华北", "华中", "西南", "西北", "东北"}
    assert set(en["industry"]) == {
        "Manufacturing", "Retail", "Pharma", "Finance", "Internet", "Logistics", "Energy",
        "Education",
    }  # fmt: skip
    assert set(en["region"]) == {
        "East", "South", "North", "Central", "Southwest", "Northwest", "Northeast"
    }  # fmt: skip
    pairs = set(zip(zh["行业"], en["industry"], strict=True))
    assert ("制造业", "Manufacturing") in pairs and len(pairs) == 8
    assert len(set(zip(zh["区域"], en["region"], strict=True))) == 7


def test_top_20_percent_hold_70_to_80_percent_of_revenue(zh: pd.DataFrame) -> None:
    revenue = np.sort(zh["销售额"].to_numpy())[::-1]
    share = revenue[:100].sum() / revenue.sum()
    assert 0.70 <= share <= 0.80


def test_profit_and_orders_follow_revenue(zh: pd.DataFrame) -> None:
    assert zh["销售额"].corr(zh["毛利"]) > 0.8
    assert zh["销售额"].corr(zh["订单数"], method="spearman") > 0.7
    assert 3 <= (zh["毛利"] < 0).sum() <= 25


def test_missing_cells_only_where_intended(zh: pd.DataFrame) -> None:
    share = zh.isna().mean()
    for col in ["满意度", "NPS", "增长率", "市场影响力"]:
        assert 0.02 <= share[col] <= 0.04, col
    others = share.drop(["满意度", "NPS", "增长率", "市场影响力"])
    assert (others == 0).all()


def test_value_ranges(zh: pd.DataFrame) -> None:
    dates = pd.to_datetime(zh["最近购买日期"], format="%Y-%m-%d")
    assert dates.max() <= pd.Timestamp("2024-12-31")
    assert 3 <= (dates.dt.year == 2023).sum() <= 10  # long-dormant customers
    assert (dates >= pd.Timestamp("2023-01-01")).all()
    assert zh["合作年限"].between(1, 20).all()
    assert zh["满意度"].dropna().between(1, 5).all()
    assert (zh["满意度"].dropna() * 10).round(6).mod(1).eq(0).all()
    assert zh["NPS"].dropna().between(-100, 100).all()
    assert zh["市场影响力"].dropna().between(1, 10).all()
    assert (zh["增长率"] < 0).sum() > 20
    assert (zh["逾期天数"] >= 0).all() and (zh["逾期天数"] == 0).mean() > 0.5
    assert (zh["投诉次数"] >= 0).all()
    assert (zh["销售额"] >= 0).all()


def test_money_has_two_decimals() -> None:
    zh_rows = pd.read_csv(DATA / "sample_customers_zh.csv", dtype=str)
    order_rows = pd.read_csv(DATA / "sample_orders.csv", dtype=str)
    money = r"-?\d+\.\d\d"
    for col in ["销售额", "毛利"]:
        assert zh_rows[col].str.fullmatch(money).all()
    for col in ["金额", "毛利"]:
        assert order_rows[col].str.fullmatch(money).all()


def test_zh_and_en_hold_the_same_values(zh: pd.DataFrame, en: pd.DataFrame) -> None:
    zh_cells = pd.read_csv(DATA / "sample_customers_zh.csv", dtype=str, keep_default_na=False)
    en_cells = pd.read_csv(DATA / "sample_customers_en.csv", dtype=str, keep_default_na=False)
    # Every cell except name, industry and region is the identical string in both files
    assert (zh_cells.iloc[:, 4:].to_numpy() == en_cells.iloc[:, 4:].to_numpy()).all()
    assert (zh_cells.iloc[:, 0] == en_cells.iloc[:, 0]).all()
    assert en["customer_name"].str.endswith(" Co., Ltd.").all()
    assert en["customer_name"].is_unique
    assert en.loc[zh["客户名称"] == "银川万通供应链有限公司", "customer_name"].tolist() == [
        "Yinchuan Wantong Supply Chain Co., Ltd."
    ]


def test_orders_reference_known_customers(zh: pd.DataFrame, orders: pd.DataFrame) -> None:
    assert set(orders["客户编号"]) <= set(zh["客户编号"])
    assert orders["订单号"].str.fullmatch(r"O\d{6}").all()
    dates = pd.to_datetime(orders["订单日期"], format="%Y-%m-%d")
    assert dates.min() >= pd.Timestamp("2023-01-01")
    assert dates.max() <= pd.Timestamp("2024-12-31")
    assert dates.is_monotonic_increasing
    assert set(orders["渠道"]) == {"直销", "经销", "线上"}
    assert orders["产品线"].nunique() == 5


def test_deliberate_duplicates_and_returns(orders: pd.DataFrame) -> None:
    assert orders.duplicated().sum() == 3
    assert orders["订单号"].duplicated().sum() == 3
    returns = orders[orders["金额"] < 0]
    assert len(returns) == 6
    assert (returns["订单日期"] >= "2024-01-01").all()


def _purchases_2024(orders: pd.DataFrame) -> pd.DataFrame:
    clean = orders.drop_duplicates()
    bought = clean[(clean["金额"] > 0) & (clean["订单日期"] >= "2024-01-01")]
    return bought.groupby("客户编号").agg(
        amount=("金额", "sum"), profit=("毛利", "sum"), count=("金额", "size")
    )


def test_2024_purchases_add_up_to_customer_totals(zh: pd.DataFrame, orders: pd.DataFrame) -> None:
    # Exact to the cent once the 3 duplicate lines are dropped; returns are not in 销售额
    per = _purchases_2024(orders).reindex(zh["客户编号"], fill_value=0)
    assert np.allclose(per["amount"].to_numpy(), zh["销售额"].to_numpy(), rtol=0, atol=0.005)
    assert np.allclose(per["profit"].to_numpy(), zh["毛利"].to_numpy(), rtol=0, atol=0.005)
    assert (per["count"].to_numpy() == zh["订单数"].to_numpy()).all()


def test_duplicates_break_the_totals_for_their_customers(
    zh: pd.DataFrame, orders: pd.DataFrame
) -> None:
    dup = orders[orders.duplicated()]
    bought = orders[(orders["金额"] > 0) & (orders["订单日期"] >= "2024-01-01")]
    raw = bought.groupby("客户编号")["金额"].sum()
    off = (raw - zh.set_index("客户编号")["销售额"]).dropna().abs() > 0.005
    assert set(off[off].index) == set(dup["客户编号"])


def test_last_purchase_date_and_growth_match_orders(zh: pd.DataFrame, orders: pd.DataFrame) -> None:
    bought = orders.drop_duplicates()
    bought = bought[bought["金额"] > 0]
    last = bought.groupby("客户编号")["订单日期"].max()
    assert (last.reindex(zh["客户编号"]).to_numpy() == zh["最近购买日期"].to_numpy()).all()
    year = bought["订单日期"].str[:4]
    s23 = bought[year == "2023"].groupby("客户编号")["金额"].sum()
    s24 = bought[year == "2024"].groupby("客户编号")["金额"].sum()
    expected = ((s24.reindex(s23.index, fill_value=0) - s23) / s23).reindex(zh["客户编号"])
    growth = zh.set_index("客户编号")["增长率"]
    assert (growth.isna() == expected.isna()).all()  # empty = new in 2024
    assert np.allclose(growth.dropna(), expected.dropna(), rtol=0, atol=0.0051)
    new = zh[zh["增长率"].isna()]
    assert (new["合作年限"] == 1).all()
    assert (zh.loc[zh["销售额"] == 0, "增长率"] == -1).all()


def test_regenerating_reproduces_identical_bytes(tmp_path: Path) -> None:
    script = DATA / "make_samples.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, timeout=120)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


@given(st.integers(1, 300), st.integers(0, 10**9), st.integers(0, 2**32 - 1))
def test_split_is_exact_and_positive(n: int, extra: int, seed: int) -> None:
    parts = make_samples._split(np.random.default_rng(seed), n + extra, n)
    assert len(parts) == n
    assert int(parts.sum()) == n + extra
    assert parts.min() >= 1


@given(st.integers(-(10**12), 10**12))
def test_yuan_writes_cents_exactly(cents: int) -> None:
    text = make_samples._yuan(cents)
    assert Decimal(text) * 100 == cents
    assert text.split(".")[1].isdigit() and len(text.split(".")[1]) == 2


def test_yuan_examples() -> None:
    assert [make_samples._yuan(c) for c in (0, 5, -5, 123456, -100)] == [
        "0.00", "0.05", "-0.05", "1234.56", "-1.00"
    ]  # fmt: skip
