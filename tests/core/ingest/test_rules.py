"""core.ingest.rules through every engine: pandas (rules_arrow) and DuckDB (rules_sql), value
for value on the shared corpus (messy_values.py), typed columns, files read by both order
engines, and random amounts and dates written in every supported style."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.ingest import rules
from core.ingest.parsing import (
    MISSING_TOKENS,
    as_text,
    is_missing,
    parse_date_series,
    parse_number_series,
)
from core.ingest.rules_sql import Compiler, select_steps
from core.orders.log import aggregate_orders
from tests.core.ingest.messy_values import AMOUNTS, DATES

SQL = Compiler("duckdb")
EPOCH = date(1970, 1, 1)
WIDE = {chr(cp - 0xFEE0): chr(cp) for cp in range(0xFF01, 0xFF5F)}  # ASCII → full width


def _text_frame(cells: Sequence[str | None]) -> pd.DataFrame:
    return pd.DataFrame({"v": pd.Series(list(cells), dtype=object)})


def _sql(cells: Sequence[str | None], steps: list) -> list:
    """The last step's values over a registered text column ``v``."""
    con = duckdb.connect()
    con.register("cells", _text_frame(cells))
    query = select_steps("cells", [steps[-1][0]], [steps])
    kind = con.sql("DESCRIBE SELECT v FROM cells").fetchall()[0][1]
    assert kind == "VARCHAR"
    return [value for (value,) in con.sql(query).fetchall()]


def _floats(values: Sequence[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _identical(a: Sequence[float | None], b: Sequence[float | None]) -> bool:
    """Same NaN/NULL places and the same float bits elsewhere."""
    x, y = _floats(a), _floats(b)
    if not np.array_equal(np.isnan(x), np.isnan(y)):
        return False
    return np.array_equal(x[~np.isnan(x)].view(np.int64), y[~np.isnan(y)].view(np.int64))


def _pandas_days(cells: Sequence[str | None], serial: bool = True) -> list[int | None]:
    stamps = parse_date_series(pd.Series(list(cells), dtype=object), allow_serial=serial)
    return [None if pd.isna(s) else (s.floor("D").date() - EPOCH).days for s in stamps]


def _days(expected: date | None) -> int | None:
    return None if expected is None else (expected - EPOCH).days


CELLS = [cell for cell, _ in AMOUNTS]
DAY_CELLS = [cell for cell, _ in DATES]


def test_the_corpus_amounts_have_their_value_in_pandas() -> None:
    got = parse_number_series(pd.Series(CELLS, dtype=object)).tolist()
    assert _identical(got, [value for _, value in AMOUNTS]), [
        (cell, g, e) for (cell, e), g in zip(AMOUNTS, got, strict=True)
        if not _identical([g], [e])
    ]  # fmt: skip


def test_the_corpus_amounts_are_identical_in_sql() -> None:
    got = _sql(CELLS, SQL.number('"v"', "n"))
    expected = parse_number_series(pd.Series(CELLS, dtype=object)).tolist()
    assert _identical(got, expected), [
        (cell, g, e) for cell, g, e in zip(CELLS, got, expected, strict=True)
        if not _identical([g], [e])
    ]  # fmt: skip


def test_the_corpus_dates_have_their_day_in_pandas() -> None:
    assert _pandas_days(DAY_CELLS) == [_days(expected) for _, expected in DATES]


@pytest.mark.parametrize("serial", [True, False])
def test_the_corpus_dates_are_identical_in_sql(serial: bool) -> None:
    got = _sql(DAY_CELLS, SQL.day('"v"', "d", serial=serial))
    assert got == _pandas_days(DAY_CELLS, serial)


def test_a_serial_is_a_date_only_when_asked() -> None:
    assert _pandas_days(["45352"], serial=False) == [None]
    assert _sql(["45352"], SQL.day('"v"', "d", serial=False)) == [None]


def test_identifiers_are_trimmed_and_missing_tokens_are_null_alike() -> None:
    cells = ["C001", " C001 ", "\u3000Ａ１\u3000", "ＮＵＬＬ", "null", "N/A", "—", "", None,
             "  ", "none", "a longer name", "nil ", "\tNaN", *sorted(MISSING_TOKENS)]  # fmt: skip
    series = pd.Series(cells, dtype=object)
    expected = as_text(series).mask(is_missing(series))
    got = _sql(cells, SQL.identifier('"v"', "i"))
    assert got == [None if pd.isna(v) else v for v in expected]
    assert got[:4] == ["C001", "C001", "Ａ１", None]


def test_whitespace_is_every_character_python_strips() -> None:
    every = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert every == rules.WHITESPACE


def test_trimming_is_pythons_whitespace_in_both_engines() -> None:
    cell = rules.WHITESPACE + "7" + rules.WHITESPACE
    assert as_text(pd.Series([cell])).tolist() == ["7"]
    assert _sql([cell], SQL.number('"v"', "n")) == [7.0]


def test_typed_numbers_and_dates_keep_their_values_in_range() -> None:
    numbers = pd.Series([1.5, np.inf, -np.inf, np.nan, -2.0, 45352.0])
    stamps = pd.Series(pd.to_datetime(["2024-03-01 13:00", "1677-06-01", "9999-12-31", None],
                                      format="ISO8601").as_unit("us"))  # fmt: skip
    con = duckdb.connect()
    con.register("n", pd.DataFrame({"v": numbers}))
    con.register("d", pd.DataFrame({"v": stamps}))
    number_sql = select_steps("n", ["x"], [SQL.number('"v"', "x", "DOUBLE")])
    serial_sql = select_steps("n", ["x"], [SQL.day('"v"', "x", "DOUBLE")])
    day_sql = select_steps("d", ["x"], [SQL.day('"v"', "x", "TIMESTAMP")])
    assert _identical([v for (v,) in con.sql(number_sql).fetchall()],
                      parse_number_series(numbers).tolist())  # fmt: skip
    assert [v for (v,) in con.sql(serial_sql).fetchall()] == [None] * 5 + [_days(date(2024, 3, 1))]
    assert _pandas_days(numbers) == [None] * 5 + [_days(date(2024, 3, 1))]
    assert [v for (v,) in con.sql(day_sql).fetchall()] == [_days(date(2024, 3, 1))] + [None] * 3
    assert parse_date_series(stamps).isna().tolist() == [False, True, True, True]


def _issues(report) -> list[tuple]:
    """The report's issues, an unreadable amount (NaN) written as None so that they compare."""
    return [(i.category, i.lines, None if math.isnan(i.amount) else i.amount, i.rows)
            for i in report.issues]  # fmt: skip


def _corpus_log() -> pd.DataFrame:
    """Two lines per customer: a plain one, and one whose amount or date is from the corpus."""
    rows = []
    for i, (cell, _) in enumerate(AMOUNTS):
        rows += [(f"A{i:03d}", "2024-01-01", "1"), (f"A{i:03d}", "2024-06-01", cell)]
    for i, (cell, _) in enumerate(DATES):
        rows += [(f"D{i:03d}", "2020-01-01", "1"), (f"D{i:03d}", cell, "10")]
    return pd.DataFrame(rows, columns=["customer", "date", "amount"], dtype=object)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_both_order_engines_read_the_corpus_alike(tmp_path: Path, suffix: str) -> None:
    log = _corpus_log()
    path = tmp_path / f"log{suffix}"
    log.to_csv(path, index=False) if suffix == ".csv" else log.to_parquet(path, index=False)
    a = aggregate_orders(path, engine="pandas", as_of="2261-12-31")
    b = aggregate_orders(path, engine="duckdb", as_of="2261-12-31")
    pd.testing.assert_frame_equal(a.features, b.features, check_exact=True)
    assert _issues(a.report) == _issues(b.report)
    assert (a.report.lines, a.report.purchase_lines) == (b.report.lines, b.report.purchase_lines)
    assert a.report.no_purchase_customers == b.report.no_purchase_customers
    features = a.features.set_index("customer_id")
    for i, (cell, value) in enumerate(AMOUNTS):
        assert features.loc[f"A{i:03d}", "monetary_total"] == 1 + (value or 0), cell
    for i, (cell, day) in enumerate(DATES):
        seen = features.loc[f"D{i:03d}", ["first_order", "last_order"]]
        assert set(seen) == {pd.Timestamp("2020-01-01"), pd.Timestamp(day or "2020-01-01")}, cell
    assert {i.category for i in a.report.issues} >= {"bad_amount", "bad_date", "zero_amount"}


def test_typed_parquet_columns_are_read_alike(tmp_path: Path) -> None:
    stamps = pd.to_datetime(["2024-03-01 13:00", "1677-06-01", "9999-12-31", "2024-02-01"],
                            format="ISO8601").as_unit("us")  # fmt: skip
    log = pd.DataFrame({"customer": ["A", "A", "B", "B"], "date": stamps,
                        "amount": [1.5, 2.0, np.inf, 45352.0]})  # fmt: skip
    path = tmp_path / "typed.parquet"
    log.to_parquet(path, index=False)
    a = aggregate_orders(path, engine="pandas")
    b = aggregate_orders(path, engine="duckdb")
    pd.testing.assert_frame_equal(a.features, b.features, check_exact=True)
    assert _issues(a.report) == _issues(b.report)
    assert [(i.category, i.rows) for i in a.report.issues] == [("bad_date", (3, 4))]


def test_a_utc_timestamp_column_is_read_alike(tmp_path: Path) -> None:
    stamps = pd.to_datetime(["2024-03-01 23:30", "2024-03-02 00:30"]).tz_localize("UTC")
    log = pd.DataFrame({"customer": ["A", "A"], "date": stamps, "amount": [1.0, 2.0]})
    path = tmp_path / "utc.parquet"
    log.to_parquet(path, index=False)
    a = aggregate_orders(path, engine="pandas")
    b = aggregate_orders(path, engine="duckdb")
    pd.testing.assert_frame_equal(a.features, b.features, check_exact=True)
    assert a.features[
        "purchase_days" if "purchase_days" in a.features else "clv_frequency"
    ].tolist() == [1.0]


STYLES = ("plain", "grouped", "¥", "￥", "$", "€", "£", "元", "RMB ", "CNY", "(", "wide", "%",
          "万", "亿")  # fmt: skip


def _written(cents: int, style: str) -> tuple[str, float]:
    """``cents`` / 100 written in ``style``, and the number it stands for."""
    amount = Decimal(cents).scaleb(-2)
    grouped = f"{abs(amount):,}"
    sign = "-" if cents < 0 else ""
    if style == "plain":
        return f"{amount}", float(amount)
    if style == "grouped":
        return sign + grouped, float(amount)
    if style in ("¥", "￥", "$", "€", "£", "RMB ", "CNY"):
        return f"{sign}{style}{grouped}", float(amount)
    if style == "元":
        return f"{sign}{grouped}元", float(amount)
    if style == "(":
        return f"({grouped})", -float(abs(amount))
    if style == "wide":
        return "".join(WIDE.get(c, c) for c in sign + grouped), float(amount)
    scale = {"%": Decimal("0.01"), "万": Decimal(10_000), "亿": Decimal(100_000_000)}[style]
    return f"{amount}{style}", float(amount * scale)


@given(st.lists(st.tuples(st.integers(-(10**13), 10**13), st.sampled_from(STYLES)),
                min_size=1, max_size=20))  # fmt: skip
def test_random_amounts_parse_back_in_both_engines(drawn: list[tuple[int, str]]) -> None:
    written = [_written(cents, style) for cents, style in drawn]
    cells = [cell for cell, _ in written]
    pandas = parse_number_series(pd.Series(cells, dtype=object)).tolist()
    sql = _sql(cells, SQL.number('"v"', "n"))
    assert _identical(pandas, sql), cells
    for cell, (_, value), got in zip(cells, written, pandas, strict=True):
        assert math.isclose(got, value, rel_tol=1e-15, abs_tol=1e-300), cell


DATE_STYLES = ("{y:04d}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日",
               "{y:04d}-{m:02d}-{d:02d} {H:02d}:{M:02d}",
               "{y:04d}-{m:02d}-{d:02d}T{H}:{M:02d}:{S:02d}",
               "{y}/{m:02d}/{d:02d} {H}:{M:02d}:{S:02d}.5", "{y} 年 {m} 月 {d} 日")  # fmt: skip


@given(st.lists(st.tuples(st.datetimes(datetime(1678, 1, 1), datetime(2261, 12, 31, 23, 59, 59)),
                          st.sampled_from(DATE_STYLES), st.booleans()),
                min_size=1, max_size=20))  # fmt: skip
def test_random_dates_parse_back_in_both_engines(drawn: list[tuple[datetime, str, bool]]) -> None:
    cells = []
    for moment, style, wide in drawn:
        cell = style.format(y=moment.year, m=moment.month, d=moment.day, H=moment.hour,
                            M=moment.minute, S=moment.second)  # fmt: skip
        cells.append("".join(WIDE.get(c, c) for c in cell) if wide else cell)
    expected = [(moment.date() - EPOCH).days for moment, _, _ in drawn]
    assert _pandas_days(cells) == expected, cells
    assert _sql(cells, SQL.day('"v"', "d")) == expected, cells


def test_random_style_helpers_write_what_they_claim() -> None:
    assert _written(-123456, "(") == ("(1,234.56)", -1234.56)
    assert _written(150, "%") == ("1.50%", 0.015)
    assert _written(123456, "wide") == ("１，２３４．５６", 1234.56)


def test_the_readme_mirrors_the_rules_table() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    rows = [line.replace("``", "`") for line in rules.__doc__.splitlines() if line[:1] == "|"]
    assert len(rows) > 10
    assert "\n".join(rows) in readme


def test_every_short_number_like_text_is_read_alike() -> None:
    """Every text of up to four characters from digits, signs, exponents, separators, spaces
    and the letters of inf/nan/0x: DuckDB's native DOUBLE cast (its fast path) agrees."""
    alphabet = "019.eE+-_ ,infax%"
    cells = [""]
    for _ in range(4):
        cells = cells + [c + a for c in cells if len(c) == len(cells[-1]) for a in alphabet]
    cells = sorted(set(cells))
    assert len(cells) > 80_000
    got = _sql(cells, SQL.number('"v"', "n"))
    expected = parse_number_series(pd.Series(cells, dtype=object)).tolist()
    assert _identical(got, expected), [
        (c, g, e) for c, g, e in zip(cells, got, expected, strict=True) if not _identical([g], [e])
    ][:10]


def test_every_yyyy_mm_dd_shaped_text_is_read_alike() -> None:
    """Texts shaped ``____-__-__`` (DuckDB's native DATE cast, its fast path), the month and
    day characters from digits, signs, spaces and letters, years in and out of range."""
    years = ("2024", "2000", "1900", "1677", "2262", "0000", " 202", "-202", "２０２", "20.4")
    chars = "0123 +-x"
    cells = [
        f"{y}-{a}{b}-{c}{d}" for y in years for a in chars for b in chars for c in chars
        for d in chars
    ]  # fmt: skip
    assert _sql(cells, SQL.day('"v"', "d")) == _pandas_days(cells)
    assert _sql(["2024-02-29", "2023-02-29"], SQL.day('"v"', "d")) == [19782, None]


def _spark_values(spark, cells: Sequence[str | None], steps: list) -> list:
    """The last step's values over a text column ``v`` in Spark SQL."""
    frame = spark.createDataFrame([(c,) for c in cells], "v string")
    frame.createOrReplaceTempView("cells")
    return [row[0] for row in spark.sql(select_steps("cells", [steps[-1][0]], [steps])).collect()]


def test_spark_reads_the_corpus_as_duckdb_does(spark) -> None:
    """Amounts, dates (with and without serials) and identifiers: Spark SQL's compiled rules
    give DuckDB's values, float bits included."""
    spark_sql = Compiler("spark")
    got = _spark_values(spark, CELLS, spark_sql.number("`v`", "n"))
    assert _identical(got, _sql(CELLS, SQL.number('"v"', "n")))
    for serial in (True, False):
        got = _spark_values(spark, DAY_CELLS, spark_sql.day("`v`", "d", serial=serial))
        assert got == _sql(DAY_CELLS, SQL.day('"v"', "d", serial=serial))
    ids = [*sorted(MISSING_TOKENS), " a ", "ＡＢ", "x'y", "back\\slash", "\u3000id\u3000", None, ""]
    got = _spark_values(spark, ids, spark_sql.identifier("`v`", "i"))
    assert got == _sql(ids, SQL.identifier('"v"', "i"))
