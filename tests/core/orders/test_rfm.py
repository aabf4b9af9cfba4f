"""core.orders.rfm: quintile and cut-point scores, ties, segment rules, frequency classes,
overview."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import InputError
from core.orders.rfm import (
    SEGMENT_RULES,
    FrequencyRules,
    assign_segments,
    cut_scores,
    frequency_classes,
    quintile_scores,
    rfm_scores,
    rfm_table,
    rules_frame,
    rules_from_frame,
    segment_overview,
)


def _features(recency, orders, money, tenure=None) -> pd.DataFrame:
    n = len(recency)
    return pd.DataFrame(
        {
            "customer_id": [f"C{i}" for i in range(n)],
            "recency_days": recency,
            "orders": orders,
            "monetary_total": money,
            "tenure_days": tenure if tenure is not None else [400] * n,
        }
    )


def test_quintiles_of_distinct_values_are_equal_groups() -> None:
    assert quintile_scores(np.arange(10.0)).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintile_scores(np.arange(10.0), higher_is_better=False).tolist() == [
        5, 5, 4, 4, 3, 3, 2, 2, 1, 1,
    ]  # fmt: skip


def test_ties_share_the_score_of_the_bottom_of_their_block() -> None:
    values = np.array([1, 1, 1, 1, 1, 1, 2, 3, 4, 5.0])
    assert quintile_scores(values).tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    assert quintile_scores(np.array([np.nan, 3.0, 3.0])).tolist() == [1, 2, 2]


def test_cut_points() -> None:
    assert cut_scores(np.array([1, 2, 5, 8, 20.0]), [2, 4, 8, 16]).tolist() == [1, 2, 3, 4, 5]
    assert cut_scores(np.array([10, 30, 31, 400.0]), [30, 90, 180, 365], False).tolist() == [
        5, 5, 4, 1,
    ]  # fmt: skip
    with pytest.raises(InputError, match=r"RFM cut points \[3, 2, 1, 0\]: give 4 increasing"):
        cut_scores(np.array([1.0]), [3, 2, 1, 0])
    table = rfm_scores(_features([10, 200], [1, 9], [5.0, 50.0]), cuts={"f": [2, 4, 8, 16]})
    assert table["f_score"].tolist() == [1, 4]
    assert table["rfm_cell"].tolist() == ["311", "143"]  # of 2, ranks 1 and 2 score 1 and 3


def test_segment_rules_hand_checked_cells() -> None:
    scores = pd.DataFrame(
        {"r_score": [5, 5, 4, 3, 3, 1, 1, 2, 2, 1], "f_score": [5, 1, 1, 2, 1, 5, 3, 4, 1, 1],
         "m_score": [4, 1, 2, 2, 2, 4, 3, 3, 2, 2]}
    )  # fmt: skip
    assert assign_segments(scores).tolist() == [
        "champions", "new", "promising", "need_attention", "about_to_sleep", "cant_lose",
        "at_risk", "at_risk", "hibernating", "lost",
    ]  # fmt: skip


@given(st.lists(st.tuples(*[st.integers(1, 5)] * 3), min_size=1, max_size=60))
def test_every_customer_lands_in_exactly_one_segment(cells: list[tuple[int, int, int]]) -> None:
    scores = pd.DataFrame(cells, columns=["r_score", "f_score", "m_score"])
    segments = assign_segments(scores)
    r, fm = scores["r_score"].to_numpy(), (scores["f_score"] + scores["m_score"]).to_numpy() / 2
    for i, segment in enumerate(segments):
        first = next(
            rule.segment
            for rule in SEGMENT_RULES
            if rule.r_min <= r[i] <= rule.r_max and rule.fm_min <= fm[i] <= rule.fm_max
        )
        assert segment == first
    assert set(segments) <= {rule.segment for rule in SEGMENT_RULES}


def test_rules_round_trip_and_need_a_catch_all() -> None:
    assert rules_from_frame(rules_frame()) == SEGMENT_RULES
    with pytest.raises(InputError, match="the last rule \\('loyal'\\) must cover R 1–5"):
        rules_from_frame(rules_frame(SEGMENT_RULES[:2]))
    edited = (*SEGMENT_RULES[:-1], replace(SEGMENT_RULES[-1], segment="rest", zh="其他"))
    assert assign_segments(pd.DataFrame({"r_score": [1], "f_score": [1], "m_score": [1]}),
                           edited).tolist() == ["rest"]  # fmt: skip


def test_frequency_classes() -> None:
    features = _features([1, 1, 1, 1], [0, 1, 3, 24], [0, 5, 5, 5], tenure=[0, 10, 700, 500])
    assert frequency_classes(features).tolist() == ["prospective", "first", "low", "high"]
    assert frequency_classes(features, FrequencyRules(high_per_year=1)).tolist()[2] == "high"


def test_table_and_overview() -> None:
    features = _features(list(range(10)), list(range(1, 11)), [10.0 * i for i in range(1, 11)])
    table = rfm_table(features)
    assert table.loc[9, ["r_score", "f_score", "m_score", "segment"]].tolist() == [
        1, 5, 5, "cant_lose",
    ]  # fmt: skip
    assert table.loc[0, ["rfm_cell", "segment_zh"]].tolist() == ["511", "新客户"]
    overview = segment_overview(table)
    assert overview["customers"].sum() == 10 and len(overview) == len(SEGMENT_RULES)
    row = overview.set_index("segment").loc["cant_lose"]
    assert (row["customers"], row["orders"], row["revenue"]) == (2, 19, 190.0)
    assert row["avg_order_value"] == pytest.approx(10.0)
    assert np.isnan(overview.set_index("segment").loc["champions", "avg_order_value"])  # empty
