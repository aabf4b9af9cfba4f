"""The order-log corpus (tests/core/orders/order_corpus.py) through every engine.

Each engine under test gives the reference engine's result value for value on every case,
the file read the way a user's file is; and each case's headline figures are pinned here,
worked out by hand from the lines make_orders_corpus.py writes (CDNOW's from its raw lines),
so the corpus and the engines cannot drift together.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import pandas as pd
import pytest

from core.orders.log import OrderFeatures
from tests.core.orders.order_corpus import (
    CASES,
    CORPUS,
    ENGINES_UNDER_TEST,
    FILES,
    KNOWN_GAPS,
    REFERENCE,
    aggregate,
    assert_same,
    cdnow,
)

MAX_FILE_BYTES = 200_000
MAX_CORPUS_BYTES = 1_000_000


@cache
def _result(case_id: str, engine: str) -> OrderFeatures:
    """One run per case and engine for the whole module (results are never changed)."""
    return aggregate(case_id, engine)


def _generator():
    path = FILES / "make_orders_corpus.py"
    spec = importlib.util.spec_from_file_location("make_orders_corpus", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_corpus_files_match_their_generator_and_stay_small() -> None:
    written = _generator().corpus()
    on_disk = {p.name for p in FILES.iterdir() if p.is_file()} - {"make_orders_corpus.py"}
    assert on_disk == set(written), "run tests/corpus/orders/make_orders_corpus.py"
    for name, data in written.items():
        assert (FILES / name).read_bytes() == data, f"{name}: run make_orders_corpus.py"
        assert len(data) < MAX_FILE_BYTES, name
    assert sum(map(len, written.values())) < MAX_CORPUS_BYTES


def test_every_corpus_file_is_a_case() -> None:
    used = {entry.path.name for entry in CORPUS.values() if entry.path is not None}
    assert used == set(_generator().corpus())
    assert all(entry.runs for entry in CORPUS.values())


def _comparisons() -> list:
    params = []
    for case_id in CASES:
        for engine in ENGINES_UNDER_TEST:
            if engine == REFERENCE:
                continue
            gap = KNOWN_GAPS.get((case_id, engine))
            marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
            params.append(pytest.param(case_id, engine, id=f"{case_id}-{engine}", marks=marks))
    return params


@pytest.mark.parametrize(("case_id", "engine"), _comparisons())
def test_engine_gives_the_reference_result(case_id: str, engine: str) -> None:
    assert_same(_result(case_id, REFERENCE), _result(case_id, engine))


@dataclass(frozen=True)
class Headline:
    """What a case must give: line counts, every category's lines, a few customers' values."""

    lines: int
    purchase_lines: int
    customers: int
    as_of: date
    counts: Mapping[str, int]  # every category with lines
    values: Mapping[str, Mapping[str, object]]  # customer → feature → value
    no_purchase: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    ids: tuple[str, ...] | None = None  # the customer IDs in order, where the case is about it
    extra: Mapping[str, object] = field(default_factory=dict)  # report fields beyond these


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


MIXED_IDS = ("客户乙", "客户甲", "b7", "B7", "Zeta", "émile", "10", "9", "ｆｕｌｌ", "🙂", "Ärger")
MIXED_IDS += ("a",)

EXPECTED: dict[str, Headline] = {
    "amounts_zh": Headline(
        lines=22,
        purchase_lines=3 + 4 + 1 + 3 + 3,
        customers=5,
        as_of=date(2024, 3, 22),
        counts={"bad_amount": 4, "return": 3, "zero_amount": 1, "missing_profit": 2},
        values={
            "K01": {
                "monetary_total": 1234.5 + 1234.5 + 12000 - 1234,
                "orders": 3,
                "returns_total": -1234.0,
                "profit": 100 + 100 + 1000 - 100,
            },
            "K02": {"monetary_total": 0.85 + 1234 + 500 + 1234, "profit": 0 + 10 + 50 + 20},
            "K03": {"monetary_total": -20000 + 35000, "orders": 1, "profit": 0.0},
            "K04": {"monetary_total": -56.5 + 1234 + 1000 + 7},
            "K05": {"monetary_total": 0 + 88 + 1234567.891 + 150_000_000, "orders": 4},
        },
    ),
    "dates_en": Headline(
        lines=26,
        purchase_lines=26 - 5,
        customers=5,
        as_of=date(2024, 3, 13),
        counts={"bad_date": 5},
        values={
            "A1": {
                "orders": 5,
                "first_order": day("2024-03-01"),
                "last_order": day("2024-03-05"),
                "monetary_total": 10 + 11 + 12 + 13 + 14,
            },
            "A2": {"orders": 5, "last_order": day("2024-03-10"), "recency_days": 3},
            "A3": {"orders": 1, "monetary_total": 25.0},
            "A4": {"orders": 2, "monetary_total": 26 + 27 + 28},
            "A5": {"orders": 7, "first_order": day("2023-12-31"), "active_months": 4},
        },
    ),
    "returns_zero": Headline(
        lines=13,
        purchase_lines=4,
        customers=5,
        as_of=date(2024, 3, 20),
        counts={"return": 4, "zero_amount": 5},
        no_purchase=("R2",),
        values={
            "R1": {"orders": 3, "monetary_total": 100 - 30 + 0 + 50, "returns_total": -30.0},
            "R2": {"orders": 0, "monetary_total": -25.0, "return_lines": 2},
            "R3": {"orders": 2, "monetary_total": 0.0, "first_order": day("2024-02-01")},
            "R4": {"orders": 2, "first_order": day("2024-03-15")},
            # the return on 2023-12-01 starts the CLV summary, the purchase on 2024-01-01 the
            # orders: Dec 1 → Mar 20 is 31 + 31 + 29 + 19 days, Jan 1 → Mar 20 is 31 + 29 + 19
            "R5": {"clv_T": 110.0, "tenure_days": 79, "clv_frequency": 1.0, "orders": 1},
        },
    ),
    "returns_zero-ignore_zero": Headline(
        lines=13,
        purchase_lines=4,
        customers=4,
        as_of=date(2024, 3, 20),
        counts={"return": 4, "zero_ignored": 5},
        no_purchase=("R2",),
        ignored=("R3",),
        values={
            "R1": {"orders": 2, "monetary_total": 120.0},
            "R4": {"orders": 1, "first_order": day("2024-03-20"), "tenure_days": 0},
        },
    ),
    "copies_no_ids": Headline(
        lines=12,
        purchase_lines=6 + 1 + 1,
        customers=4,
        as_of=date(2024, 3, 1),
        counts={"identical": 2 + 1 + 1, "return": 2, "zero_amount": 2},
        values={
            "C1": {"monetary_total": 20 * 3 + 20 + 21 + 20, "orders": 2},
            "C2": {"monetary_total": -5 - 5 + 30, "return_lines": 2},
            "C3": {"orders": 1, "monetary_total": 0.0},
        },
        extra={"issue_rows": {"identical": (4, 9, 12)}},
    ),
    "copies_no_ids-drop_copies": Headline(
        lines=12,
        purchase_lines=6 + 1 + 1 - 2,
        customers=4,
        as_of=date(2024, 3, 1),
        counts={"duplicate": 4, "return": 1, "zero_amount": 1},
        values={"C1": {"monetary_total": 20 + 20 + 21 + 20}, "C2": {"monetary_total": -5 + 30}},
    ),
    "copies_no_ids-drop_copies-ignore_zero": Headline(
        lines=12,
        purchase_lines=6,
        customers=3,
        as_of=date(2024, 3, 1),
        counts={"duplicate": 4, "return": 1, "zero_ignored": 1},
        ignored=("C3",),
        values={"C1": {"monetary_total": 81.0}},
    ),
    "copies_with_ids": Headline(
        lines=12,
        purchase_lines=6,
        customers=3,
        as_of=date(2024, 4, 20),
        counts={
            "duplicate": 3,
            "missing_order_id": 1,
            "return": 1,
            "zero_amount": 1,
            "missing_profit": 1,
        },
        values={
            "W01": {
                "orders": 2,
                "monetary_total": 300 + 100 + 50 - 100,
                "profit": 30 + 10 + 5 - 10,
            },
            "W02": {"orders": 2, "monetary_total": 80.0, "profit": 0.0},
            "W03": {"orders": 2, "monetary_total": 100.0},
        },
    ),
    "copies_with_ids-ignore_zero": Headline(
        lines=12,
        purchase_lines=6,
        customers=3,
        as_of=date(2024, 4, 20),
        counts={
            "duplicate": 3,
            "missing_order_id": 1,
            "return": 1,
            "zero_ignored": 1,
            "missing_profit": 1,
        },
        values={"W02": {"orders": 1, "monetary_total": 80.0}},
    ),
    "not_customers": Headline(
        lines=22,
        purchase_lines=5,
        customers=4,
        as_of=date(2024, 5, 8),
        counts={
            "total_row": 5,
            "note_row": 3,
            "header_row": 2,
            "missing_customer": 3,
            "bad_date": 2,
            "bad_amount": 2,
        },
        values={
            "N1": {"monetary_total": 300.0, "profit": 30.0},
            "N2": {"orders": 1},
            "N3": {"monetary_total": 72.0},
            "N4": {"profit": 1.5},
        },
        extra={"issue_rows": {"total_row": (4, 15, 16, 17, 18), "header_row": (6, 19)}},
    ),
    "future_lines": Headline(
        lines=10,
        purchase_lines=5,
        customers=2,
        as_of=date(2024, 6, 30),
        counts={"future": 4, "return": 1},
        values={
            # current period: after 2024-04-01; previous: 2024-01-03 … 2024-04-01
            "F1": {
                "monetary_total": 10 + 20 + 30 + 40,
                "spend_current": 30 + 40,
                "spend_previous": 20.0,
                "growth": (70 - 20) / 20,
                "orders_current": 2,
                "orders_previous": 1,
            },
            "F2": {"spend_current": -15.0, "spend_previous": 60.0, "growth": (-15 - 60) / 60},
        },
    ),
    "future_lines-march": Headline(
        lines=10,
        purchase_lines=3,
        customers=2,
        as_of=date(2024, 3, 31),
        counts={"future": 3 + 2 + 2},
        values={
            "F1": {"monetary_total": 30.0, "recency_days": 29 + 21, "spend_current": 0.0},
            "F2": {"spend_current": 60.0, "recency_days": 0},
        },
    ),
    "future_lines-latest": Headline(
        lines=10,
        purchase_lines=9,
        customers=3,
        as_of=date(2024, 12, 24),
        counts={"return": 1},
        values={"F3": {"monetary_total": 80 + 90, "orders": 2}},
    ),
    "mixed_ids": Headline(
        lines=15,
        purchase_lines=15,
        customers=12,
        as_of=date(2024, 3, 31),
        counts={},
        values={
            "a": {"customer_name": "Alpha Ltd", "orders": 2},
            "b7": {"customer_name": "Bee Co", "monetary_total": 31.0, "orders": 1},
            "B7": {"customer_name": "Big Bee"},
            "Zeta": {"customer_name": "Zeta Ltd", "monetary_total": 55.0},
            "ｆｕｌｌ": {"customer_name": "全角"},
        },
        ids=tuple(sorted(MIXED_IDS)),
        extra={"name_conflicts": 2},
    ),
    "profit_gaps_en": Headline(
        lines=9,
        purchase_lines=5,
        customers=3,
        as_of=date(2024, 2, 29),
        counts={"bad_amount": 1, "future": 1, "return": 1, "zero_amount": 1, "missing_profit": 4},
        values={
            "P1": {"monetary_total": 500 + 400 - 100, "profit": 50.0},
            "P2": {"monetary_total": 500.0, "profit": 25.5},
            "P3": {"profit": 7.5},
        },
        extra={"issue_rows": {"missing_profit": (3, 4, 5, 6)}},
    ),
    "columns_given": Headline(
        lines=5,
        purchase_lines=3,
        customers=3,
        as_of=date(2024, 6, 4),
        counts={"return": 1, "zero_amount": 1},
        values={"G1": {"monetary_total": 99.5 + 80}, "G2": {"monetary_total": 0.0, "orders": 1}},
        extra={"amount_column": "实付"},
    ),
    "numeric_ids": Headline(
        lines=6,
        purchase_lines=6,
        customers=5,
        as_of=date(2024, 7, 6),
        counts={},
        values={"1001": {"orders": 2, "monetary_total": 21.0}},  # the other IDs: a known gap
    ),
    "near_copies": Headline(
        lines=6,
        purchase_lines=6,
        customers=1,
        as_of=date(2024, 1, 5),
        counts={"identical": 5},  # copies by value, as both engines compare a frame's lines
        values={"C1": {"monetary_total": 6 * 20.0, "orders": 1}},
    ),
    "near_copies-drop_copies": Headline(
        lines=6,
        purchase_lines=1,
        customers=1,
        as_of=date(2024, 1, 5),
        counts={"duplicate": 5},
        values={"C1": {"monetary_total": 20.0}},
    ),
    "note_line": Headline(
        lines=4,
        purchase_lines=3,
        customers=2,
        as_of=date(2024, 6, 20),
        counts={"note_row": 1},
        values={"E1": {"monetary_total": 350.0, "orders": 2}},
    ),
    "typed_parquet": Headline(
        lines=11,
        purchase_lines=3,
        customers=4,
        as_of=date(2024, 3, 31),
        counts={
            "missing_customer": 1,
            "bad_date": 2,
            "bad_amount": 2,
            "return": 2,
            "zero_amount": 1,
            "missing_profit": 2,
        },
        no_purchase=("1004",),
        values={
            "1001": {"monetary_total": 199.99 - 49.99 + 0, "profit": 20 - 5 + 0, "orders": 2},
            "1003": {"monetary_total": 77.0, "profit": 0.0},
        },
        ids=("1001", "1002", "1003", "1004"),
    ),
    "utc_parquet": Headline(
        lines=7,
        purchase_lines=4,
        customers=3,
        as_of=date(2024, 5, 31),
        counts={"bad_date": 1, "return": 1, "zero_amount": 1},
        values={
            "U1": {
                "orders": 2,
                "monetary_total": 1234.5 - 50 + 12000,
                "first_order": day("2024-05-01"),
                "last_order": day("2024-05-02"),
            },
            "U2": {"first_order": day("2024-04-30"), "orders": 2},  # the UTC day
        },
    ),
}


def _cdnow_headline(options: Mapping[str, object]) -> Headline:
    """CDNOW's figures from its raw lines with plain pandas: the rules applied by hand."""
    log = cdnow()
    as_of = pd.Timestamp(str(options["as_of"]))
    drop, ignore = bool(options.get("drop_copies")), bool(options.get("ignore_zero"))
    copies = int(log.duplicated().sum())
    lines = log.drop_duplicates() if drop else log
    due = lines[lines["date"] <= as_of]
    counted = due[due["amount"] != 0] if ignore else due
    zeros = int((due["amount"] == 0).sum())
    counts = {"duplicate" if drop else "identical": copies,
              "future": int((lines["date"] > as_of).sum()),
              "zero_ignored" if ignore else "zero_amount": zeros}  # fmt: skip
    first_copy = log.loc[log.duplicated() & (log["date"] <= as_of), "customer"].iloc[0]
    values = {}
    for customer in (counted["customer"].iloc[0], first_copy):  # the first, one with copies
        own = counted[counted["customer"] == customer]
        values[customer] = {"monetary_total": own["amount"].sum(),
                            "orders": own["date"].nunique()}  # fmt: skip
    left_out = sorted(set(due["customer"]) - set(counted["customer"]))
    return Headline(
        lines=len(log), purchase_lines=int((due["amount"] > 0).sum()),
        customers=counted["customer"].nunique(), as_of=as_of.date(),
        counts={k: v for k, v in counts.items() if v}, ignored=tuple(left_out), values=values,
    )  # fmt: skip


def _expected(case_id: str) -> Headline:
    if CASES[case_id].log == "cdnow":
        return _cdnow_headline(CASES[case_id].options)
    return EXPECTED[case_id]


def test_every_case_has_its_headline_figures() -> None:
    assert set(EXPECTED) == {c for c, case in CASES.items() if case.log != "cdnow"}


def _same_value(found: object, wanted: object) -> bool:
    if isinstance(wanted, float):
        return found == pytest.approx(wanted, rel=1e-12, abs=1e-9)
    return found == wanted


@pytest.mark.parametrize("case_id", list(CASES))
def test_headline_figures(case_id: str) -> None:
    """The reference engine's result against figures worked out from the lines."""
    expected = _expected(case_id)
    result = _result(case_id, REFERENCE)
    report = result.report
    assert (report.lines, report.purchase_lines, report.customers, report.as_of) == (
        expected.lines, expected.purchase_lines, expected.customers, expected.as_of,
    )  # fmt: skip
    assert {i.category: i.lines for i in report.issues} == dict(expected.counts)
    assert report.no_purchase_customers == expected.no_purchase
    assert report.ignored_customers == expected.ignored
    features = result.features.set_index("customer_id")
    for customer, values in expected.values.items():
        for column, wanted in values.items():
            found = features.loc[customer, column]
            assert _same_value(found, wanted), (customer, column, found, wanted)
    if expected.ids is not None:
        assert tuple(result.features["customer_id"]) == expected.ids
    extra = expected.extra
    if "issue_rows" in extra:
        rows = {i.category: i.rows for i in report.issues}
        assert {c: rows[c] for c in extra["issue_rows"]} == extra["issue_rows"]
    if "name_conflicts" in extra:
        assert report.name_conflicts.count == extra["name_conflicts"]
    if "amount_column" in extra:
        assert result.columns.amount == extra["amount_column"]
