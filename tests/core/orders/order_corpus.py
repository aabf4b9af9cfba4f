"""The shared order-log corpus and how every engine is compared on it.

:data:`CORPUS` names each log (a file of tests/corpus/orders/, written by its
``make_orders_corpus.py``, or CDNOW read from the installed lifetimes package) with the
:func:`core.orders.log.aggregate_orders` options it is run with; each (log, options) pair is a
:class:`Case` of :data:`CASES`, id ``log`` or ``log-variant``. :func:`aggregate` runs a case on
one engine, the file read as a user's file is (``aggregate_orders(path, engine=…)``);
:func:`assert_same` says two results are equal value for value. An engine joins the comparison
by its name in :data:`ENGINES_UNDER_TEST`.
"""

from __future__ import annotations

import importlib.resources
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from core.orders.log import Issue, OrderFeatures, OrdersReport, aggregate_orders

FILES = Path(__file__).resolve().parents[2] / "corpus" / "orders"
REFERENCE = "pandas"  # every other engine is compared with it
# Spark is added where a Spark session is available.
ENGINES_UNDER_TEST = ["pandas", "duckdb"]
RTOL = 1e-9  # floats (sums in another order); integers, text and dates are compared exactly
ATOL = 1e-9  # a sum that is 0 in one engine may be a rounding residue in another
Options = Mapping[str, object]


@dataclass(frozen=True)
class CorpusLog:
    """One order log, why it is in the corpus, and the option sets it runs under (variant →
    aggregate_orders keywords; the variant "" gives the case the log's own name)."""

    purpose: str
    runs: Mapping[str, Options]
    path: Path | None = None  # a file of the corpus
    frame: Callable[[], pd.DataFrame] | None = None  # or a log built from a packaged file


@dataclass(frozen=True)
class Case:
    """One log under one option set."""

    id: str
    log: str  # a key of CORPUS
    options: Options = field(default_factory=dict)

    @property
    def source(self) -> pd.DataFrame | Path:
        entry = CORPUS[self.log]
        return entry.frame() if entry.frame is not None else entry.path  # type: ignore[return-value]


@cache
def cdnow() -> pd.DataFrame:
    """CDNOW_master.txt from lifetimes (69,659 lines, no order IDs): its dates are eight
    digits (``19970101``), which the value rules read as numbers, so it is parsed here and
    given to the engines as a DataFrame, as a library user would."""
    text = importlib.resources.files("lifetimes.datasets").joinpath("CDNOW_master.txt")
    with text.open("rb") as handle:
        log = pd.read_csv(handle, sep=r"\s+", header=0, dtype=str,
                          names=["customer", "date", "units", "amount"])  # fmt: skip
    return log.assign(amount=log["amount"].astype(float),
                      date=pd.to_datetime(log["date"], format="%Y%m%d"))  # fmt: skip


def _file(name: str, purpose: str, runs: Mapping[str, Options] | None = None) -> CorpusLog:
    return CorpusLog(purpose, MappingProxyType(dict(runs or {"": {}})), path=FILES / name)


CORPUS: dict[str, CorpusLog] = {
    "amounts_zh": _file("amounts_zh.csv", "messy Chinese amounts and profits, order IDs"),
    "dates_en": _file("dates_en.csv", "dates in every form, Excel serials, a BOM, no IDs"),
    "returns_zero": _file(
        "returns_zero.csv",
        "returns, zero lines, only-return and only-zero customers",
        {"": {"period_days": 60}, "ignore_zero": {"period_days": 60, "ignore_zero": True}},
    ),
    "copies_no_ids": _file(
        "copies_no_ids.csv",
        "exact copies without order IDs: kept, or dropped on request",
        {
            "": {},
            "drop_copies": {"drop_copies": True},
            "drop_copies-ignore_zero": {"drop_copies": True, "ignore_zero": True},
        },
    ),
    "copies_with_ids": _file(
        "copies_with_ids.csv",
        "exact copies with order IDs (dropped), a missing order ID",
        {"": {}, "ignore_zero": {"ignore_zero": True}},
    ),
    "not_customers": _file("not_customers.csv", "totals, notes, repeated headers, bad lines"),
    "future_lines": _file(
        "future_lines.csv",
        "lines after an explicit as-of date; current and previous periods",
        {
            "": {"as_of": "2024-06-30", "period_days": 90},
            "march": {"as_of": date(2024, 3, 31), "period_days": 30},
            "latest": {},
        },
    ),
    "mixed_ids": _file(
        "mixed_ids.csv",
        "IDs in mixed scripts (sort order), a name column with conflicts",
        {"": {"as_of": "2024-03-31"}},
    ),
    "profit_gaps_en": _file(
        "profit_gaps_en.csv",
        "English synonyms, a profit column with gaps",
        {"": {"as_of": "2024-02-29", "period_days": 14}},
    ),
    "columns_given": _file(
        "columns_given.csv",
        "unknown headers: the columns given win over the detected ones",
        {"": {"columns": {"customer": "买家", "date": "成交时间", "amount": "实付"}}},
    ),
    "numeric_ids": _file("numeric_ids.csv", "customer IDs written as numbers under 客户"),
    "near_copies": _file(
        "near_copies.csv",
        "lines equal in value, written differently",
        {"": {}, "drop_copies": {"drop_copies": True}},
    ),
    "note_line": _file("note_line.csv", "a note in one cell as the last line, no separators"),
    "typed_parquet": _file("typed.parquet", "typed doubles, date32 and int64 IDs in Parquet"),
    "utc_parquet": _file("utc_timestamps.parquet", "a UTC timestamp column, text amounts"),
    "cdnow": CorpusLog(
        "the whole CDNOW log: 69,659 lines, 255 exact copies, zero lines",
        MappingProxyType(
            {
                "": {"as_of": "1997-09-30"},
                "drop_copies": {"as_of": "1997-09-30", "drop_copies": True},
                "ignore_zero": {"as_of": "1997-09-30", "ignore_zero": True},
            }
        ),
        frame=cdnow,
    ),
}


def _cases() -> dict[str, Case]:
    out = {}
    for log, entry in CORPUS.items():
        for variant, options in entry.runs.items():
            case_id = f"{log}-{variant}" if variant else log
            out[case_id] = Case(case_id, log, MappingProxyType(dict(options)))
    return out


CASES: dict[str, Case] = _cases()

# Where an engine is known to differ from the reference: (case id, engine) → why. The test
# marks these xfail(strict=True), so a fix shows as an unexpected pass.
_TYPED_IDS = (
    "pandas on a file sees read_table's typed columns: ingest infers 客户 holding numbers as a "
    "number column (1,002 → 1002, 1003.0 → 1003, １００４ → 1004); DuckDB keeps an ID's text, "
    "as the value rules say"
)
_SHORT_LINE = (
    "DuckDB's CSV sniffer takes a file with a line of one cell (a note without separators) "
    "for a one-column file (no customer column found; on a large file, a read error); "
    "pandas reads the note as a note line"
)
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("numeric_ids", "duckdb"): _TYPED_IDS,
    ("note_line", "duckdb"): _SHORT_LINE,
    ("numeric_ids", "spark"): _TYPED_IDS,
}


def aggregate(case: Case | str, engine: str, **extra: object) -> OrderFeatures:
    """``case`` (or its id) on ``engine``: aggregate_orders on the file's path (or the
    frame) with the case's options, ``extra`` added or overriding them."""
    case = CASES[case] if isinstance(case, str) else case
    return aggregate_orders(case.source, engine=engine, **{**case.options, **extra})


def _same_float(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=RTOL, abs_tol=ATOL)


def assert_same_features(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """The same columns, dtypes and customers in the same order; floats to :data:`RTOL`
    (NaN where NaN), every other column exactly (missing where missing)."""
    assert list(a.columns) == list(b.columns)
    assert a.dtypes.astype(str).to_dict() == b.dtypes.astype(str).to_dict()
    assert len(a) == len(b)
    for column in a.columns:
        left, right = a[column], b[column]
        if pd.api.types.is_float_dtype(left):
            np.testing.assert_allclose(
                left.to_numpy(), right.to_numpy(), rtol=RTOL, atol=ATOL, equal_nan=True,
                err_msg=column,
            )  # fmt: skip
        else:
            assert (left.isna() == right.isna()).all(), column
            known = left.notna()
            assert left[known].tolist() == right[known].tolist(), column


def assert_same_issues(a: tuple[Issue, ...], b: tuple[Issue, ...]) -> None:
    """Category, lines and example rows exactly, the amount to :data:`RTOL` (NaN-aware)."""
    assert [(i.category, i.lines, i.rows) for i in a] == [(i.category, i.lines, i.rows) for i in b]
    for x, y in zip(a, b, strict=True):
        assert _same_float(x.amount, y.amount), (x.category, x.amount, y.amount)


REPORT_FIELDS = tuple(f.name for f in fields(OrdersReport))
NOT_COMPARED = ("engine",)  # the one field that names the engine


def assert_same_report(a: OrdersReport, b: OrdersReport) -> None:
    """Every field of the report but the engine's name."""
    for name in REPORT_FIELDS:
        if name in NOT_COMPARED:
            continue
        if name == "issues":
            assert_same_issues(a.issues, b.issues)
        else:
            assert getattr(a, name) == getattr(b, name), name


def assert_same(a: OrderFeatures, b: OrderFeatures) -> None:
    """Two results of one case equal value for value: features, report, detected columns."""
    assert a.columns == b.columns
    assert_same_report(a.report, b.report)
    assert_same_features(a.features, b.features)
