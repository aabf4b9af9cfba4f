"""Pair storage for the AHP page and applying AHP shares to a scenario's weights."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.method.ahp import SAATY_SCALE
from core.method.ahp_apply import (
    ahp_shares,
    asked_judgements,
    judgement,
    judgement_matrix,
    pair_key,
    slider_weights,
    snap_to_scale,
    with_judgement,
)


def test_pair_key_is_in_name_order() -> None:
    assert pair_key("profit", "revenue") == ("profit", "revenue")
    assert pair_key("revenue", "profit") == ("profit", "revenue")


def test_an_unjudged_pair_is_equal() -> None:
    assert judgement({}, "a", "b") == 1.0


def test_a_judgement_reads_back_both_ways() -> None:
    stored = with_judgement({}, "revenue", "profit", 5.0)
    assert stored == {("profit", "revenue"): pytest.approx(0.2)}
    assert judgement(stored, "revenue", "profit") == 5.0
    assert judgement(stored, "profit", "revenue") == pytest.approx(1 / 5)


def test_with_judgement_returns_a_new_dict() -> None:
    original = {("a", "b"): 3.0}
    changed = with_judgement(original, "a", "b", 7.0)
    assert original == {("a", "b"): 3.0}
    assert changed == {("a", "b"): 7.0}


@pytest.mark.parametrize(("value", "snapped"), [(4.4, 4.0), (4.6, 5.0), (0.3, 1 / 3), (12, 9.0)])
def test_values_snap_to_the_nearest_saaty_value(value: float, snapped: float) -> None:
    assert snap_to_scale(value) == pytest.approx(snapped)


@given(st.sampled_from(SAATY_SCALE))
def test_scale_values_snap_to_themselves(value: float) -> None:
    assert snap_to_scale(value) == value


def test_the_matrix_is_reciprocal_in_column_order() -> None:
    stored = with_judgement(with_judgement({}, "b", "a", 3.0), "a", "c", 5.0)
    a = judgement_matrix(stored, ["a", "b", "c"])
    assert a[0, 1] == pytest.approx(1 / 3) and a[1, 0] == pytest.approx(3)
    assert a[0, 2] == pytest.approx(5) and a[2, 0] == pytest.approx(1 / 5)
    assert a[1, 2] == 1.0 and np.all(np.diag(a) == 1.0)


def test_asked_judgements_are_by_position_in_the_order_asked() -> None:
    stored = with_judgement({}, "b", "a", 3.0)
    asked = asked_judgements(stored, ["a", "b", "c"], [("b", "a"), ("c", "a")])
    assert asked == {(1, 0): 3.0, (2, 0): 1.0}  # a pair not judged yet is equal


def test_chosen_factors_share_their_current_total() -> None:
    current = {"a": 0.5, "b": 0.3, "c": 0.2}
    shares = ahp_shares(current, ["a", "b"], [0.25, 0.75])
    assert shares == pytest.approx({"a": 0.2, "b": 0.6, "c": 0.2})
    assert current == {"a": 0.5, "b": 0.3, "c": 0.2}


def test_chosen_factors_without_weight_get_their_count_share() -> None:
    shares = ahp_shares({"a": 0.0, "b": 0.0, "c": 1.0, "d": 0.0}, ["a", "b"], [0.5, 0.5])
    assert shares == pytest.approx({"a": 0.25, "b": 0.25, "c": 1.0, "d": 0.0})


def test_slider_weights_put_the_largest_at_100() -> None:
    assert slider_weights({"a": 0.2, "b": 0.5, "c": 0.3}) == pytest.approx(
        {"a": 40.0, "b": 100.0, "c": 60.0}
    )
