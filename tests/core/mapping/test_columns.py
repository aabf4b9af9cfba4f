"""Column mapping: roles from headers and values, the default scenario, factor values."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from core.errors import InputError
from core.mapping.columns import (
    column_kind,
    detect_mapping,
    direction_text,
    factor_kind,
    factor_values,
    find_id,
    future_dates,
    latest_date,
    with_factor,
)
from core.method.scenario_mapping import default_scenario

NAN = np.nan


def zh_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "客户编号": pd.Series(["C001", "C002", "C003"], dtype=object),
            "客户名称": pd.Series(["甲公司", "乙公司", "丙公司"], dtype=object),
            "行业": pd.Series(["制造", "零售", "制造"], dtype=object),
            "区域": pd.Series(["华东", "华北", "华东"], dtype=object),
            "销售额": pd.Series([100.0, 250.0, 40.0], dtype="float64"),
            "最近购买日期": pd.to_datetime(["2024-12-01", "2024-12-31", "2024-10-02"]),
            "逾期天数": pd.Series([0.0, 12.0, 30.0], dtype="float64"),
            "投诉次数": pd.Series([1.0, 0.0, 4.0], dtype="float64"),
            "神秘指标": pd.Series([0.5, 0.7, 0.1], dtype="float64"),
            "满意度": pd.Series([NAN, NAN, NAN], dtype="float64"),
            "备注": pd.Series(["a", "a", "b"], dtype=object),
        }
    )


def test_detects_roles_of_chinese_headers():
    mapping = detect_mapping(zh_frame())
    assert mapping.id_column == "客户编号"
    assert mapping.name_column == "客户名称"
    assert mapping.attributes == {"industry": "行业", "region": "区域"}
    roles = {r.column: r.role for r in mapping.roles}
    assert roles == {
        "客户编号": "id",
        "客户名称": "name",
        "行业": "attribute",
        "区域": "attribute",
        "销售额": "factor",
        "最近购买日期": "factor",
        "逾期天数": "factor",
        "投诉次数": "factor",
        "神秘指标": "factor",
        "满意度": "factor",
        "备注": "ignored",
    }
    factors = {
        r.column: (r.factor_key, r.direction, r.dimension, r.kind, r.include)
        for r in mapping.factors
    }
    assert factors == {
        "销售额": ("monetary", "benefit", "purchase", "number", True),
        "最近购买日期": ("recency", "cost", "purchase", "date", True),
        "逾期天数": ("credit_risk", "cost", "risk", "number", True),
        "投诉次数": ("churn_risk", "cost", "risk", "number", True),
        # unknown numeric → custom factor, listed but not included
        "神秘指标": ("custom", "benefit", "custom", "number", False),
        # a known factor with no values is not included
        "满意度": ("satisfaction", "benefit", "relationship", "number", False),
    }


def test_detects_english_headers():
    frame = pd.DataFrame(
        {
            "customer_id": pd.Series(["a", "b"], dtype=object),
            "Customer Name": pd.Series(["A Ltd", "B plc"], dtype=object),
            "Region": pd.Series(["N", "S"], dtype=object),
            "revenue": [1.0, 2.0],
            "last_order_date": pd.to_datetime(["2024-01-01", "2024-02-01"]),
        }
    )
    mapping = detect_mapping(frame)
    assert (mapping.id_column, mapping.name_column) == ("customer_id", "Customer Name")
    assert mapping.attributes == {"region": "Region"}
    assert mapping.role_of("revenue").direction == "benefit"
    assert mapping.role_of("last_order_date").direction == "cost"
    assert mapping.role_of("nope") is None


def test_id_fallback_first_unique_text_column():
    frame = pd.DataFrame(
        {
            "备注": pd.Series(["x", "x", "y"], dtype=object),
            "代号": pd.Series(["K1", "K2", "K3"], dtype=object),
            "销售额": [1.0, 2.0, 3.0],
        }
    )
    mapping = detect_mapping(frame)
    assert mapping.id_column == "代号"
    assert mapping.role_of("代号").role == "id"
    assert mapping.role_of("备注").role == "ignored"


def test_a_value_column_is_never_the_id():
    frame = pd.DataFrame({"甲": [1.0, 1.0], "乙": [2.0, 3.0]})
    with pytest.raises(InputError, match=r"^no customer ID column: the table needs a column"):
        detect_mapping(frame)


def test_id_fallback_without_unique_text_is_the_first_text_column():
    frame = pd.DataFrame({"revenue": [1.0, 2.0], "甲": ["a", "a"], "乙": ["b", "b"]})
    assert detect_mapping(frame).id_column == "甲"


def test_find_id_is_none_without_an_id_header_or_unique_text():
    frame = pd.DataFrame({"revenue": [1.0, 2.0], "region": ["N", "N"]})
    assert find_id(frame) is None
    assert find_id(frame.assign(company=["A", "B"])) == "company"
    assert find_id(frame.assign(客户编号=[1.0, 2.0])) == "客户编号"


def test_no_columns_raises():
    with pytest.raises(InputError, match="the table has no columns"):
        detect_mapping(pd.DataFrame())


def test_column_kind():
    assert column_kind(pd.Series([1.0, NAN])) == "number"
    assert column_kind(pd.Series([1, 2])) == "number"
    assert column_kind(pd.to_datetime(pd.Series(["2024-01-01"]))) == "date"
    assert column_kind(pd.Series(["a"], dtype=object)) == "text"
    assert column_kind(pd.Series([True, False])) == "text"


def test_default_scenario_equal_weights():
    mapping = detect_mapping(zh_frame())
    scenario = default_scenario(mapping)
    assert scenario.id_column == "客户编号"
    assert scenario.name_column == "客户名称"
    assert scenario.columns == ["销售额", "最近购买日期", "逾期天数", "投诉次数"]
    assert [f.direction for f in scenario.factors] == ["benefit", "cost", "cost", "cost"]
    assert [f.weight for f in scenario.factors] == [1.0, 1.0, 1.0, 1.0]
    assert scenario.weights.tolist() == [0.25, 0.25, 0.25, 0.25]
    assert (scenario.method, scenario.missing) == ("weighted_sum", "median")
    assert {f.normalize for f in scenario.factors} == {"minmax"}
    assert scenario.tiers.labels == ("关键客户", "重点客户", "普通客户")
    assert default_scenario(mapping, lang="en").tiers.labels == ("Key", "Important", "Ordinary")


def test_with_factor_includes_a_custom_column():
    mapping = with_factor(detect_mapping(zh_frame()), "神秘指标", include=True, direction="cost")
    scenario = default_scenario(mapping)
    assert scenario.columns[-1] == "神秘指标"
    assert scenario.factors[-1].direction == "cost"


def test_default_scenario_without_factors_raises():
    frame = pd.DataFrame({"客户编号": pd.Series(["a"], dtype=object), "神秘指标": [1.0]})
    with pytest.raises(InputError) as info:
        default_scenario(detect_mapping(frame))
    assert str(info.value) == (
        "no factor columns found: the table needs at least one numeric or date column "
        "(for example 销售额 / revenue); add one to the file or name the factors in a scenario"
    )


def test_latest_date_over_date_columns():
    frame = pd.DataFrame(
        {
            "a": pd.to_datetime(["2024-01-05", None]),
            "b": pd.to_datetime(["2023-12-31", "2024-03-01"]),
            "c": [1.0, 2.0],
        }
    )
    assert latest_date(frame, ["a", "c"]) == date(2024, 1, 5)
    assert latest_date(frame, ["a", "b", "c"]) == date(2024, 3, 1)
    assert latest_date(frame, ["c"]) is None


def test_factor_values_dates_become_days_since():
    frame = pd.DataFrame(
        {
            "d": pd.to_datetime(["2024-12-31", "2024-12-01", None]),
            "v": [1.5, NAN, 3.0],
        }
    )
    x = factor_values(frame, ["d", "v"], date(2024, 12, 31))
    np.testing.assert_array_equal(x, [[0.0, 1.5], [30.0, NAN], [NAN, 3.0]])
    later = factor_values(frame, ["d"], date(2025, 1, 10))
    np.testing.assert_array_equal(later[:, 0], [10.0, 40.0, NAN])


def test_a_date_after_today_never_becomes_the_as_of_date():
    frame = pd.DataFrame(
        {"d": pd.to_datetime(["2024-03-01", "2099-06-01", "2024-05-02 10:30"], format="ISO8601")}
    )
    assert latest_date(frame, ["d"], today=date(2025, 1, 1)) == date(2024, 5, 2)
    assert latest_date(frame, ["d"], today=date(2024, 5, 2)) == date(2024, 5, 2)  # same day
    assert latest_date(frame, ["d"], today=date(2020, 1, 1)) == date(2020, 1, 1)  # all later


def test_days_after_the_as_of_date_are_flagged_and_missing():
    frame = pd.DataFrame(
        {"d": pd.to_datetime(["2024-12-31 18:00", "2025-01-01", None], format="ISO8601")}
    )
    as_of = date(2024, 12, 31)
    assert {c: m.tolist() for c, m in future_dates(frame, ["d"], as_of).items()} == {
        "d": [False, True, False]
    }
    assert np.isnan(factor_values(frame, ["d"], as_of)[1:, 0]).all()
    assert future_dates(frame, ["d"], date(2025, 1, 1)) == {}
    assert future_dates(frame, ["d"], None) == {}


def test_factor_values_errors():
    frame = pd.DataFrame({"d": pd.to_datetime(["2024-01-01"]), "t": ["x"]})
    with pytest.raises(InputError, match="column 'd' holds dates but no as-of date is known"):
        factor_values(frame, ["d"], None)
    with pytest.raises(InputError, match="column 't' holds text, not numbers"):
        factor_values(frame, ["t"], None)


def test_text_that_looks_like_numbers_is_recorded_with_an_example():
    frame = pd.DataFrame(
        {"customer": ["A", "B", "C"], "revenue": ["100kg", "200kg", "n/a"], "note": list("xyz")}
    )
    assert detect_mapping(frame).unread_numbers == ()  # only 2 of 3 start like a number
    frame["revenue"] = ["100kg", "200kg", "~300"]
    assert detect_mapping(frame).unread_numbers == (("revenue", "100kg"),)


@pytest.mark.parametrize(
    ("direction", "kind", "en", "zh"),
    [
        ("benefit", "number", "higher is better", "越高越好"),
        ("cost", "number", "lower is better", "越低越好"),
        ("benefit", "date", "earlier is better", "越早越好"),
        ("cost", "date", "more recent is better", "越近越好"),
    ],
)
def test_direction_text_speaks_dates_as_recent_or_early(direction, kind, en, zh) -> None:
    assert direction_text(direction, kind, "en") == en
    assert direction_text(direction, kind, "zh") == zh


def test_factor_kind_from_values_else_from_the_header() -> None:
    dates = pd.Series(pd.to_datetime(["2024-01-02", "2024-03-04"]))
    assert factor_kind("anything", dates) == "date"
    assert factor_kind("最近购买日期", pd.Series([3.0, 5.0])) == "number"  # days since: values win
    assert factor_kind("最近购买日期") == "date"
    assert factor_kind("last_order_date") == "date"
    assert factor_kind("lastOrderDate") == "date"
    assert factor_kind("recency_days") == "number"
    assert factor_kind("逾期天数") == "number"
