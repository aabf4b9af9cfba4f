"""core.report.csv_writer: byte for byte what pandas' ``DataFrame.to_csv`` writes (the project's
CSV contract before the Arrow writer), on hand-picked and on generated tables."""

from __future__ import annotations

import codecs

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.report.csv_writer import csv_bytes
from core.report.export import neutralize_formulas, to_csv_bytes


def pandas_csv(frame: pd.DataFrame) -> bytes:
    """The contract: pandas' CSV of the table, no index, CRLF line ends."""
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def old_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """export.to_csv_bytes as it was written with pandas."""
    return codecs.BOM_UTF8 + pandas_csv(neutralize_formulas(frame))


TEXTS = ["x", None, "a,b", 'say "hi"', "two\nlines", "cr\rhere", " spaced ", "", "中文客户",
         "=SUM(A1)", "+86 123", "-abc", "@cmd", "\tTab", "'quoted", "逗号，全角"]  # fmt: skip
FLOATS = [0.0, -0.0, 1.0, 730.0, 0.1, 1 / 3, 1e-4, 9.99e-5, 1e-5, 1.5e-7, 9999999999.5, 1e10,
          123456789012345.6, 1e16, 1.5e16, 1e300, 5e-324, -2.5, np.inf, -np.inf, np.nan,
          1519906036.599991]  # fmt: skip

MIXED = [1, 2.5, np.float64(1.5), np.float32(1.5), True, None, np.nan, pd.NA, pd.NaT, b"x", "s",
         pd.Timestamp("2024-01-01"), "a,b"]  # fmt: skip

CASES = {
    "no columns, rows": pd.DataFrame(index=range(3)),
    "empty": pd.DataFrame(),
    "no rows": pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}).iloc[0:0],
    "one column with gaps": pd.DataFrame({"a": [np.nan, 1.0, None]}),
    "one empty-named column": pd.DataFrame({"": ["", "x", None]}),
    "text": pd.DataFrame({"t": pd.Series(TEXTS, dtype="str"), "o": pd.Series(TEXTS, dtype=object)}),
    "floats": pd.DataFrame({"f": FLOATS, "n": range(len(FLOATS))}),
    "whole floats with gaps": pd.DataFrame({"days": [0.0, 730.0, np.nan, -3.0, 12.0]}),
    "ints and bools": pd.DataFrame(
        {"i": [-3, 0, 2**62], "u": np.array([1, 2, 3], "uint8"), "b": [True, False, True]}
    ),
    "dates": pd.DataFrame({"d": pd.to_datetime(["2024-01-01", None, "1999-12-31"])}),
    "times": pd.DataFrame(
        {
            "t": pd.to_datetime(["2024-01-01 10:00", "2024-01-02 00:00", None]),
            "us": pd.to_datetime(["2024-01-01 10:00:00.5", None, None], format="ISO8601"),
        }
    ),
    "time zone": pd.DataFrame(
        {"z": pd.to_datetime(["2024-01-01", "2024-06-02"]).tz_localize("Asia/Shanghai")}
    ),
    "mixed objects": pd.DataFrame({"o": pd.Series(MIXED, dtype=object)}),
    "nullable": pd.DataFrame(
        {
            "i": pd.array([1, None], "Int64"),
            "f": pd.array([1.0, None], "Float64"),
            "b": pd.array([True, None], "boolean"),
            "f32": np.array([0.1, np.nan], np.float32),
        }
    ),
    "categories": pd.DataFrame(
        {"c": pd.Categorical(["a", None, "b,c", "a"]), "n": pd.Categorical([1.5, 2.0, None, 1.5])}
    ),
    "odd labels": pd.DataFrame({1: [1], 2.5: [2], None: [3], "a,b": [4], "=x": [5]}),
    "durations": pd.DataFrame({"d": pd.to_timedelta(["1 day", None, "2 hours"])}),
}


@pytest.mark.parametrize("name", CASES)
def test_same_bytes_as_pandas(name: str) -> None:
    frame = CASES[name]
    assert csv_bytes(frame) == pandas_csv(frame)
    assert to_csv_bytes(frame) == old_to_csv_bytes(frame)


def test_floats_of_every_size_read_as_numpy_writes_them() -> None:
    rng = np.random.default_rng(7)
    values = np.concatenate([
        rng.integers(0, 2**64, 20_000, dtype=np.uint64).view(np.float64),  # any bit pattern
        rng.lognormal(7, 4, 20_000), np.round(rng.lognormal(7, 2, 20_000), 2),
        np.nextafter(np.array([1e-4, 1e10, 0.0]), np.array([0.0, 2e10, 1.0])),
    ])  # fmt: skip
    frame = pd.DataFrame({"x": values, "y": -values})
    assert csv_bytes(frame) == pandas_csv(frame)


def _columns(draw: st.DrawFn, rows: int) -> dict[str, object]:
    texts = st.one_of(st.none(), st.sampled_from(TEXTS), st.text(max_size=6))
    floats = st.one_of(st.sampled_from(FLOATS), st.floats(), st.floats(-1e6, 1e6).map(
        lambda v: round(v, 2)))  # fmt: skip
    kinds = {
        "float": lambda: draw(st.lists(floats, min_size=rows, max_size=rows)),
        "whole": lambda: [float(v) for v in draw(st.lists(st.integers(-10**6, 10**6),
                                                          min_size=rows, max_size=rows))],
        "int": lambda: draw(st.lists(st.integers(-2**63, 2**63 - 1), min_size=rows,
                                     max_size=rows)),
        "bool": lambda: draw(st.lists(st.booleans(), min_size=rows, max_size=rows)),
        "str": lambda: pd.Series(draw(st.lists(texts, min_size=rows, max_size=rows)), dtype="str"),
        "object": lambda: pd.Series(draw(st.lists(st.one_of(texts, floats, st.integers()),
                                                  min_size=rows, max_size=rows)), dtype=object),
        "date": lambda: pd.to_datetime(draw(st.lists(
            st.one_of(st.none(), st.dates(pd.Timestamp.min.date(), pd.Timestamp.max.date())),
            min_size=rows, max_size=rows))),
        "datetime": lambda: pd.to_datetime(draw(st.lists(
            st.one_of(st.none(), st.datetimes(pd.Timestamp.min + pd.Timedelta(days=1),
                                              pd.Timestamp.max - pd.Timedelta(days=1))),
            min_size=rows, max_size=rows))),
        "category": lambda: pd.Categorical(draw(st.lists(texts, min_size=rows, max_size=rows))),
    }  # fmt: skip
    names = draw(st.lists(st.text(max_size=4), min_size=1, max_size=5, unique=True))
    return {name: kinds[draw(st.sampled_from(sorted(kinds)))]() for name in names}


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(0, 12))
    return pd.DataFrame(_columns(draw, rows), index=range(rows))


@settings(max_examples=300, deadline=None)
@given(frames())
def test_generated_tables_same_bytes_as_pandas(frame: pd.DataFrame) -> None:
    assert csv_bytes(frame) == pandas_csv(frame)
    assert to_csv_bytes(frame) == old_to_csv_bytes(frame)
