"""Tests for core.ingest.parsing: number and date parsing, column-type inference and its report."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.ingest.parsing import (
    ColumnConversion,
    Placeholder,
    coerce_frame,
    is_missing,
    parse_date_series,
    parse_number_series,
)


def numbers(*cells: object) -> list[float]:
    return parse_number_series(pd.Series(cells, dtype=object)).tolist()


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1234", 1234.0),
        ("1,234", 1234.0),
        ("1,234,567.5", 1234567.5),
        ("-3.5", -3.5),
        ("+7", 7.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("¥1,234", 1234.0),
        ("￥1,234.50", 1234.5),
        ("$1,000", 1000.0),
        ("€3", 3.0),
        ("1,234元", 1234.0),
        ("RMB 5,000", 5000.0),
        ("rmb5", 5.0),
        ("-¥2", -2.0),
        ("¥-2", -2.0),
        ("(1,234)", -1234.0),
        ("(¥1,234)", -1234.0),
        ("1.2万", 12000.0),
        ("12万元", 120000.0),
        ("3亿", 300000000.0),
        ("85%", 0.85),
        ("12.5 %", 0.125),
        ("１２３", 123.0),
        ("（１，２３４）", -1234.0),
        ("  42  ", 42.0),
    ],
)
def test_number_forms(cell: str, value: float) -> None:
    assert numbers(cell) == [pytest.approx(value)]


@pytest.mark.parametrize(
    "cell", ["", "nan", "NaN", "N/A", "n/a", "-", "—", "无", "NULL", "null", "None", "#N/A"]
)
def test_missing_tokens_are_missing(cell: str) -> None:
    assert np.isnan(numbers(cell)[0])
    assert is_missing(pd.Series([cell])).tolist() == [True]


@pytest.mark.parametrize("cell", ["inf", "-inf", "Infinity", "1e999", "abc", "1,2", "12,34,5"])
def test_unparseable_or_infinite_is_nan(cell: str) -> None:
    assert np.isnan(numbers(cell)[0])


def test_number_series_keeps_index_and_name_and_input() -> None:
    values = pd.Series(["1", "x", None], index=[10, 20, 30], name="销售额")
    before = values.copy()
    out = parse_number_series(values)
    assert out.dtype == np.float64
    assert out.name == "销售额"
    assert out.index.tolist() == [10, 20, 30]
    assert out.iloc[0] == 1.0 and out.iloc[1:].isna().all()
    pd.testing.assert_series_equal(values, before)


def test_numeric_dtype_input_drops_infinities() -> None:
    out = parse_number_series(pd.Series([1, np.inf, -np.inf, 2.5]))
    assert out.tolist()[0] == 1.0 and out.tolist()[3] == 2.5
    assert out.iloc[1:3].isna().all()


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_formatted_integers_round_trip(x: int) -> None:
    sign = "-" if x < 0 else ""
    cells = [f"{x:,}", f"{sign}¥{abs(x):,}", f"{abs(x):,}元", f"({abs(x):,})"]
    assert numbers(*cells) == [x, x, abs(x), -abs(x)]


@given(st.integers(min_value=0, max_value=100_000))
def test_percent_and_wan(x: int) -> None:
    assert numbers(f"{x}%", f"{x}万") == [pytest.approx(x / 100), x * 10_000]


def dates(*cells: object, allow_serial: bool = False) -> list[object]:
    out = parse_date_series(pd.Series(cells, dtype=object), allow_serial=allow_serial)
    assert out.dtype == "datetime64[ns]"
    return [None if pd.isna(v) else v.to_pydatetime() for v in out]


@pytest.mark.parametrize(
    "cell",
    [
        "2024-03-01",
        "2024/3/1",
        "2024.3.1",
        "2024年3月1日",
        "2024 年 3 月 1 日",
        "２０２４-０３-０１",
    ],
)
def test_date_forms(cell: str) -> None:
    assert dates(cell) == [dt.datetime(2024, 3, 1)]


def test_date_with_time_and_invalid_dates() -> None:
    assert dates("2024-03-01 12:30", "2024-03-01T08:05:09", "2024-02-30", "3/1/2024", "x") == [
        dt.datetime(2024, 3, 1, 12, 30),
        dt.datetime(2024, 3, 1, 8, 5, 9),
        None,
        None,
        None,
    ]


def test_excel_serials_only_when_allowed() -> None:
    assert dates("45352", 45352.0) == [None, None]
    assert dates("45352", 45352.5, "12", allow_serial=True) == [
        dt.datetime(2024, 3, 1),
        dt.datetime(2024, 3, 1, 12),
        None,  # 12 is not a plausible business date
    ]


def test_date_series_passes_datetimes_through() -> None:
    values = pd.Series(pd.to_datetime(["2024-03-01", None]).tz_localize("Asia/Shanghai"))
    out = parse_date_series(values)
    assert out.dtype == "datetime64[ns]"
    assert out.iloc[0] == pd.Timestamp("2024-03-01") and pd.isna(out.iloc[1])


def coerce(**columns: list[object]) -> tuple[pd.DataFrame, dict[str, ColumnConversion]]:
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in columns.items()})
    out, report = coerce_frame(frame)
    return out, {c.column: c for c in report}


def test_number_column_reports_failures_with_row_numbers() -> None:
    cells = "1 2 abc 4 _ inf 7 8 9 10 11 x 13 14 15 16".replace("_", "").split(" ")
    out, report = coerce(销售额=cells)
    assert out["销售额"].dtype == np.float64
    assert out["销售额"].isna().tolist() == [c in ("abc", "", "inf", "x") for c in cells]
    assert report["销售额"] == ColumnConversion(
        "销售额", "number", 12, 3, 1, ("row 4: 'abc'", "row 7: 'inf'", "row 13: 'x'")
    )


def test_examples_are_capped_at_three_and_follow_first_row() -> None:
    frame = pd.DataFrame({"v": [str(i) for i in range(20)] + ["a", "b", "c", "d"]})
    _, (report,) = coerce_frame(frame, first_row=5)
    assert report.failed == 4
    assert report.failed_examples == ("row 25: 'a'", "row 26: 'b'", "row 27: 'c'")


def test_below_threshold_stays_text_verbatim() -> None:
    cells = ["1", "2", "3", "x", "y", "（北京）"]
    out, report = coerce(备注=cells)
    assert out["备注"].tolist() == cells
    assert report["备注"] == ColumnConversion(
        "备注", "text", 6, 0, 0, (), "3 of 6 values are numbers: kept as text"
    )


def test_percent_column() -> None:
    out, report = coerce(满意度=["85%", "90%", "", "77.5%"])
    assert out["满意度"].tolist()[:2] == [0.85, 0.9]
    assert report["满意度"].kind == "percent"
    assert (report["满意度"].parsed, report["满意度"].missing) == (3, 1)


@pytest.mark.parametrize(
    "header", ["客户编号", "ID", "customer_id", "Code", "订单号", "customerId"]
)
def test_identifier_headers_stay_text(header: str) -> None:
    out, report = coerce(**{header: ["1001", "1002", "1003"]})
    assert out[header].tolist() == ["1001", "1002", "1003"]
    assert report[header].kind == "text"
    assert report[header].note == "identifier header: kept as text"


def test_leading_zeros_and_long_numbers_stay_text() -> None:
    out, report = coerce(客户=["00123", "00124", "125"], 卡=["6222021234567890123", "1"])
    assert out["客户"].tolist() == ["00123", "00124", "125"]
    assert report["客户"].note == "values with leading zeros: kept as text"
    assert report["卡"].note == "numbers too long to store exactly: kept as text"


def test_integral_float_ids_from_excel_read_without_decimals() -> None:
    out, _ = coerce(客户编号=[1001.0, 1002.0, None])
    assert out["客户编号"].tolist()[:2] == ["1001", "1002"] and pd.isna(out["客户编号"].iloc[2])


def test_dates_and_serials() -> None:
    out, report = coerce(
        最近购买日期=["45352", "45353", "", "", ""],  # header says date: serials allowed
        d=["2024-03-01", "2024年3月2日", "45354", "2024/3/4", "2024-03-05"],  # mostly dates
        n=["45352", "45353", "45354", "1", "2"],  # plain numbers: no reason to see dates
    )
    first_two = out["最近购买日期"].tolist()[:2]
    assert first_two == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02")]
    assert report["最近购买日期"].note == "2 Excel serial number(s) read as dates"
    assert out["d"].iloc[2] == pd.Timestamp("2024-03-03")
    assert report["d"].kind == "date" and report["d"].parsed == 5
    assert out["n"].dtype == np.float64 and report["n"].kind == "number"


def test_date_column_with_a_bad_cell() -> None:
    cells = ["2024-03-01", "2024-03-02", "soon", "2024-03-04", "2024-03-05"]
    out, report = coerce(date=cells)
    assert out["date"].dtype == "datetime64[ns]" and pd.isna(out["date"].iloc[2])
    assert report["date"] == ColumnConversion("date", "date", 4, 1, 0, ("row 4: 'soon'",))


def test_empty_column_is_numeric_without_values() -> None:
    out, report = coerce(满意度=["", None, "N/A"])
    assert out["满意度"].dtype == np.float64 and out["满意度"].isna().all()
    na = (Placeholder("N/A", 1, (4,)),)
    assert report["满意度"] == ColumnConversion("满意度", "number", 0, 0, 3, (), "no values", na)


def test_mixed_excel_cells() -> None:
    cells = [dt.datetime(2024, 3, 1), dt.date(2024, 3, 2), 45354.0, "2024-03-04"]
    out, report = coerce(下单日期=cells, 金额=[1.5, "2,000", 3, None])
    assert out["下单日期"].tolist()[2] == pd.Timestamp("2024-03-03")
    assert report["下单日期"].parsed == 4
    assert out["金额"].tolist()[:3] == [1.5, 2000.0, 3.0]


def test_typed_columns_pass_through_and_input_is_not_mutated() -> None:
    frame = pd.DataFrame(
        {"n": [1, 2], "when": pd.to_datetime(["2024-01-01", "2024-01-02"]), "flag": [True, False]}
    )
    before = frame.copy()
    out, report = coerce_frame(frame)
    assert out is not frame
    pd.testing.assert_frame_equal(frame, before)
    assert [c.kind for c in report] == ["number", "date", "text"]
    assert out["flag"].tolist() == ["True", "False"]


@given(st.lists(st.one_of(st.text(max_size=8), st.sampled_from(["1,234", "85%", "-", "inf"]))))
def test_counts_always_add_up(cells: list[str]) -> None:
    out, (report,) = coerce_frame(pd.DataFrame({"c": pd.Series(cells, dtype=object)}))
    assert report.parsed + report.failed + report.missing == len(cells)
    assert len(out) == len(cells)
    assert len(report.failed_examples) == min(report.failed, 3)


def test_placeholders_are_kept_as_written_with_counts_and_first_rows() -> None:
    cells = ["1", "—", "2", " N/A ", "n/a", "暂无", "", "-", *["—"] * 6, "3", "/"]
    out, (report,) = coerce_frame(pd.DataFrame({"毛利": pd.Series(cells, dtype=object)}))
    assert out["毛利"].notna().sum() == 3
    assert report.missing == len(cells) - 3
    assert report.placeholders == (
        Placeholder("—", 7, (3, 10, 11, 12, 13)),  # the first five rows only
        Placeholder("N/A", 1, (5,)),
        Placeholder("n/a", 1, (6,)),
        Placeholder("暂无", 1, (7,)),
        Placeholder("-", 1, (9,)),
        Placeholder("/", 1, (17,)),
    )


def test_blank_cells_and_values_are_no_placeholders() -> None:
    _, (report,) = coerce_frame(pd.DataFrame({"c": pd.Series(["", None, "x", "-2"], dtype=object)}))
    assert report.placeholders == ()
