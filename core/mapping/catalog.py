"""The factor catalog (METHOD.md §2): known factors with Chinese and English synonyms.

Each factor has a default direction (benefit: higher is better; cost: lower is better) and a
dimension. Headers are matched after :func:`header_key` folds case, spaces and punctuation, so
``Last Order Date``, ``last_order_date`` and ``最近购买日期`` all find *recency*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BENEFIT = "benefit"
COST = "cost"
DIRECTIONS = (BENEFIT, COST)

DIMENSIONS: dict[str, tuple[str, str]] = {
    "purchase": ("购买行为", "Purchase behaviour"),
    "contribution": ("贡献", "Contribution"),
    "relationship": ("满意度与忠诚度", "Relationship"),
    "potential": ("增长潜力与影响力", "Potential"),
    "risk": ("风险", "Risk"),
    "custom": ("自定义", "Custom"),
}


@dataclass(frozen=True)
class FactorDef:
    """A known factor: stable key, labels, default direction, dimension and header synonyms."""

    key: str
    zh: str
    en: str
    direction: str
    dimension: str
    synonyms: tuple[str, ...]


FACTORS: tuple[FactorDef, ...] = (
    FactorDef(
        "recency",
        "最近购买",
        "Recency",
        COST,
        "purchase",
        (
            "最近购买日期",
            "最近购买",
            "最后购买日期",
            "最近下单日期",
            "最近交易日期",
            "最近购买天数",
            "last_order_date",
            "last_purchase_date",
            "last_purchase",
            "recency",
            "recency_days",
            "days_since_last_order",
        ),
    ),
    FactorDef(
        "frequency",
        "购买频率",
        "Frequency",
        BENEFIT,
        "purchase",
        (
            "订单数",
            "购买次数",
            "购买频率",
            "交易次数",
            "下单次数",
            "orders",
            "order_count",
            "frequency",
            "num_orders",
            "purchases",
        ),
    ),
    FactorDef(
        "monetary",
        "销售额",
        "Revenue",
        BENEFIT,
        "purchase",
        (
            "销售额",
            "交易金额",
            "购买金额",
            "销售收入",
            "营业额",
            "收入",
            "金额",
            "revenue",
            "sales",
            "monetary",
            "amount",
            "turnover",
            "sales_amount",
        ),
    ),
    FactorDef(
        "tenure",
        "合作年限",
        "Tenure",
        BENEFIT,
        "purchase",
        (
            "合作年限",
            "合作时长",
            "客户年限",
            "首次购买日期",
            "首次合作日期",
            "tenure",
            "tenure_years",
            "first_order_date",
            "customer_since",
            "years_as_customer",
        ),
    ),
    FactorDef(
        "profit",
        "利润贡献",
        "Profit",
        BENEFIT,
        "contribution",
        (
            "毛利",
            "利润",
            "毛利额",
            "利润贡献",
            "边际贡献",
            "profit",
            "gross_profit",
            "margin",
            "contribution_margin",
        ),
    ),
    FactorDef(
        "profit_rate",
        "利润率",
        "Profit rate",
        BENEFIT,
        "contribution",
        ("毛利率", "利润率", "profit_rate", "margin_rate", "gross_margin_pct"),
    ),
    FactorDef(
        "cost_to_serve",
        "服务成本",
        "Cost to serve",
        COST,
        "contribution",
        ("服务成本", "客户服务成本", "cost_to_serve", "service_cost", "serving_cost"),
    ),
    FactorDef(
        "satisfaction",
        "满意度",
        "Satisfaction",
        BENEFIT,
        "relationship",
        ("满意度", "客户满意度", "satisfaction", "csat", "satisfaction_score"),
    ),
    FactorDef(
        "nps",
        "推荐意愿",
        "NPS",
        BENEFIT,
        "relationship",
        ("nps", "推荐意愿", "净推荐值", "推荐值", "net_promoter_score"),
    ),
    FactorDef(
        "loyalty",
        "回购率",
        "Repurchase rate",
        BENEFIT,
        "relationship",
        ("回购率", "复购率", "忠诚度", "repurchase_rate", "loyalty", "retention_rate"),
    ),
    FactorDef(
        "share_of_wallet",
        "钱包份额",
        "Share of wallet",
        BENEFIT,
        "relationship",
        ("钱包份额", "采购份额", "share_of_wallet", "wallet_share"),
    ),
    FactorDef(
        "growth",
        "增长潜力",
        "Growth",
        BENEFIT,
        "potential",
        (
            "增长率",
            "增长潜力",
            "销售增长率",
            "预计采购额",
            "growth",
            "growth_rate",
            "growth_potential",
            "expected_spend",
        ),
    ),
    FactorDef(
        "influence",
        "市场影响力",
        "Market influence",
        BENEFIT,
        "potential",
        (
            "市场影响力",
            "行业地位",
            "市场份额",
            "品牌影响力",
            "market_influence",
            "influence",
            "industry_standing",
            "market_share",
        ),
    ),
    FactorDef(
        "strategic_fit",
        "战略协同度",
        "Strategic fit",
        BENEFIT,
        "potential",
        ("战略协同度", "战略匹配", "战略匹配度", "strategic_fit", "strategic_alignment"),
    ),
    FactorDef(
        "p_alive",
        "活跃概率",
        "Probability active",
        BENEFIT,
        "potential",
        ("p_alive", "活跃概率", "存活概率", "probability_alive", "prob_alive"),
    ),
    FactorDef(
        "expected_purchases",
        "预计购买次数",
        "Expected purchases",
        BENEFIT,
        "potential",
        ("expected_purchases", "预计购买次数", "predicted_purchases"),
    ),
    FactorDef(
        "predicted_clv",
        "预测客户终身价值",
        "Predicted CLV",
        BENEFIT,
        "potential",
        (
            "predicted_clv",
            "预测客户终身价值",
            "客户终身价值",
            "终身价值",
            "clv",
            "customer_lifetime_value",
        ),
    ),
    FactorDef(
        "credit_risk",
        "信用风险",
        "Credit risk",
        COST,
        "risk",
        (
            "逾期天数",
            "信用风险",
            "逾期金额",
            "overdue_days",
            "days_overdue",
            "credit_risk",
            "days_past_due",
        ),
    ),
    FactorDef(
        "churn_risk",
        "流失风险",
        "Complaints",
        COST,
        "risk",
        ("投诉次数", "投诉", "流失风险", "complaints", "complaint_count", "churn_risk"),
    ),
)

ID_SYNONYMS = (
    "客户编号",
    "客户id",
    "客户代码",
    "客户号",
    "编号",
    "customer_id",
    "customerid",
    "client_id",
    "account_id",
    "id",
    "customer_code",
    "code",
    "cust_id",
)
NAME_SYNONYMS = (
    "客户名称",
    "客户名",
    "名称",
    "公司名称",
    "customer_name",
    "name",
    "client_name",
    "account_name",
    "company",
    "company_name",
)
ATTRIBUTE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "industry": ("行业", "所属行业", "industry", "sector"),
    "region": ("区域", "地区", "大区", "region", "area", "territory"),
    "channel": ("渠道", "channel"),
}

_PUNCT = re.compile(r"[\s_\-./()（）:：%]+")
_HORIZON = re.compile(r"(?<=[a-z])\d+d$")  # a forecast's horizon in days, after the name


def header_key(header: str) -> str:
    """Fold a column header for matching: lower case, no spaces, underscores or punctuation."""
    return _PUNCT.sub("", str(header).strip().lower())


def _index(synonyms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(header_key(s) for s in synonyms)


_FACTOR_INDEX = tuple((f, _index(f.synonyms)) for f in FACTORS)
_ID_INDEX = _index(ID_SYNONYMS)
_NAME_INDEX = _index(NAME_SYNONYMS)


def find_factor(header: str) -> FactorDef | None:
    """The catalog factor a header names (exact synonym first, then the longest contained
    Chinese synonym, so 2024年毛利率 is the profit rate, not the profit), or None."""
    key = header_key(header)
    for candidate in (key, _HORIZON.sub("", key)):  # expected_purchases_365d: a horizon
        for factor, names in _FACTOR_INDEX:
            if candidate in names:
                return factor
    contained = [
        (len(n), factor)
        for factor, names in _FACTOR_INDEX
        for n in names
        if not n.isascii() and len(n) >= 2 and n in key
    ]
    return max(contained, key=lambda pair: pair[0])[1] if contained else None


def factor_by_key(key: str) -> FactorDef | None:
    """The catalog factor with this stable key, or None."""
    return next((f for f in FACTORS if f.key == key), None)


def is_id_header(header: str) -> bool:
    """True when a header names a customer identifier."""
    return header_key(header) in _ID_INDEX


def is_name_header(header: str) -> bool:
    """True when a header names a customer's display name."""
    return header_key(header) in _NAME_INDEX


def attribute_of(header: str) -> str | None:
    """'industry', 'region' or 'channel' when a header names such a grouping attribute."""
    key = header_key(header)
    for attribute, synonyms in ATTRIBUTE_SYNONYMS.items():
        if key in _index(synonyms):
            return attribute
    return None


def is_code_name(header: str) -> bool:
    """True for a header written like an identifier (``last_order_date``, ``revenue``), not
    like a label for people (``Last order date``, ``NPS``, ``最近购买日期``)."""
    return header.isascii() and " " not in header and ("_" in header or header.islower())


def _in_language(header: str, lang: str) -> bool:
    """True when a header is already in ``lang``'s script (Chinese characters for zh)."""
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in header)
    return chinese == (lang == "zh")


def factor_display_name(column: str, lang: str) -> str:
    """How a factor column is shown to people in ``lang``: the catalog's name for a known
    factor whose header is written like an identifier (``last_order_date`` → Recency) or
    says the same; a header already in ``lang`` as it is (最近购买日期); otherwise the header
    with the catalog's name ("销售额 · Revenue"). Unknown columns show as they are."""
    known = find_factor(column)
    if known is None:
        return column
    name = known.zh if lang == "zh" else known.en
    if header_key(name) == header_key(column) or is_code_name(column):
        return name
    return column if _in_language(column, lang) else f"{column} · {name}"


def factor_display_names(columns: list[str] | tuple[str, ...], lang: str) -> dict[str, str]:
    """:func:`factor_display_name` for each column, each name distinct: columns that would
    share a name (``revenue`` and ``sales`` are both Revenue) show their header beside it."""
    names = {c: factor_display_name(c, lang) for c in columns}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {c: n if counts[n] == 1 or n == c else f"{n} · {c}" for c, n in names.items()}
