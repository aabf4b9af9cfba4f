"""The factor catalog: header folding, Chinese/English synonyms, containment, integrity."""

from __future__ import annotations

import pytest

from core.mapping.catalog import (
    DIMENSIONS,
    DIRECTIONS,
    FACTORS,
    attribute_of,
    factor_by_key,
    factor_display_name,
    factor_display_names,
    find_factor,
    header_key,
    is_id_header,
    is_name_header,
)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Last Order Date", "lastorderdate"),
        ("last_order_date", "lastorderdate"),
        ("  Last-Order.Date ", "lastorderdate"),
        ("销售额（万元）", "销售额万元"),
        ("毛利率(%)", "毛利率"),
        ("Customer ID", "customerid"),
        ("客户：名称", "客户名称"),
        (2024, "2024"),
    ],
)
def test_header_key_folds_case_spaces_punctuation(header, key):
    assert header_key(header) == key


@pytest.mark.parametrize(
    ("header", "key", "direction"),
    [
        ("最近购买日期", "recency", "cost"),
        ("Last Order Date", "recency", "cost"),
        ("订单数", "frequency", "benefit"),
        ("ORDERS", "frequency", "benefit"),
        ("销售额", "monetary", "benefit"),
        ("Revenue", "monetary", "benefit"),
        ("合作年限", "tenure", "benefit"),
        ("毛利", "profit", "benefit"),
        ("毛利率", "profit_rate", "benefit"),
        ("服务成本", "cost_to_serve", "cost"),
        ("满意度", "satisfaction", "benefit"),
        ("NPS", "nps", "benefit"),
        ("增长率", "growth", "benefit"),
        ("市场影响力", "influence", "benefit"),
        ("逾期天数", "credit_risk", "cost"),
        ("overdue_days", "credit_risk", "cost"),
        ("投诉次数", "churn_risk", "cost"),
        ("Complaints", "churn_risk", "cost"),
    ],
)
def test_synonyms_in_both_languages(header, key, direction):
    factor = find_factor(header)
    assert factor is not None
    assert (factor.key, factor.direction) == (key, direction)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("2024年销售额", "monetary"),
        ("本月订单数", "frequency"),
        ("客户满意度得分", "satisfaction"),
        # the longest contained synonym wins: 毛利率 over 毛利, 逾期金额 over 金额
        ("2024年毛利率", "profit_rate"),
        ("2024年逾期金额", "credit_risk"),
    ],
)
def test_containment_fallback(header, key):
    factor = find_factor(header)
    assert factor is not None and factor.key == key


@pytest.mark.parametrize("header", ["神秘指标", "total_revenue_2024", "备注", ""])
def test_unknown_headers(header):
    # English synonyms are matched exactly only ("id" must not match inside "paid")
    assert find_factor(header) is None


def test_factor_by_key():
    assert factor_by_key("monetary").zh == "销售额"
    assert factor_by_key("nope") is None


@pytest.mark.parametrize("header", ["客户编号", "Customer ID", "customer_id", "ID", "客户代码"])
def test_id_headers(header):
    assert is_id_header(header)


@pytest.mark.parametrize("header", ["客户名称", "Customer Name", "name", "公司名称"])
def test_name_headers(header):
    assert is_name_header(header)
    assert not is_id_header(header)


def test_attributes():
    assert attribute_of("行业") == "industry"
    assert attribute_of("Region") == "region"
    assert attribute_of("区域") == "region"
    assert attribute_of("渠道") == "channel"
    assert attribute_of("销售额") is None


def test_catalog_integrity():
    keys = [f.key for f in FACTORS]
    assert len(keys) == len(set(keys))
    seen: dict[str, str] = {}
    for factor in FACTORS:
        assert factor.direction in DIRECTIONS
        assert factor.dimension in DIMENSIONS
        for synonym in factor.synonyms:
            folded = header_key(synonym)
            assert seen.setdefault(folded, factor.key) == factor.key, synonym
            assert find_factor(synonym) is factor


@pytest.mark.parametrize(
    ("column", "lang", "shown"),
    [
        ("last_order_date", "en", "Recency"),  # an identifier-like header: the catalog's name
        ("tenure_years", "en", "Tenure"),
        ("revenue", "en", "Revenue"),
        ("last_order_date", "zh", "最近购买"),
        ("销售额", "zh", "销售额"),  # the catalog's name is the header: not twice
        ("最近购买日期", "zh", "最近购买日期"),  # a Chinese label stays as it is in Chinese
        ("最近购买日期", "en", "最近购买日期 · Recency"),
        ("Last order date", "en", "Last order date"),
        ("NPS", "zh", "NPS · 推荐意愿"),
        ("notes", "en", "notes"),  # no known factor
    ],
)
def test_factor_display_name(column: str, lang: str, shown: str) -> None:
    assert factor_display_name(column, lang) == shown


def test_factor_display_names_are_distinct() -> None:
    names = factor_display_names(["revenue", "sales", "profit"], "en")
    assert names == {"revenue": "Revenue · revenue", "sales": "Revenue · sales", "profit": "Profit"}
    assert factor_display_names(["销售额", "sales"], "zh") == {
        "销售额": "销售额",
        "sales": "销售额 · sales",
    }
