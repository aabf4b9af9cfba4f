"""The join page's helpers: AHP judgements seeded from stored weights, the pairs asked, the
shares line."""

from __future__ import annotations

from core.method.ahp_apply import judgement
from ui.workshop.join_weights import asked_pairs, judgements_from_weights, shares_line

COLUMNS = ["a", "b", "c"]


def test_judgements_follow_the_weight_ratios_snapped_to_saatys_scale() -> None:
    judged = judgements_from_weights({"a": 100, "b": 25, "c": 0}, COLUMNS)
    assert judgement(judged, "a", "b") == 4.0
    assert judgement(judged, "b", "a") == 1 / 4
    assert judgement(judged, "a", "c") == 9.0  # against a zero weight: the scale's end
    assert judgement(judged, "c", "b") == 1 / 9


def test_without_weights_every_pair_is_equal() -> None:
    judged = judgements_from_weights({}, COLUMNS)
    assert [judgement(judged, x, y) for x, y in [("a", "b"), ("a", "c"), ("b", "c")]] == [1.0] * 3
    assert judgement(judgements_from_weights(dict.fromkeys(COLUMNS, 0.0), COLUMNS), "a", "c") == 1


def test_shares_line_gives_each_factor_its_share() -> None:
    assert shares_line({"a": 60, "b": 30, "c": 10}, "en") == "a 60% · b 30% · c 10%"


def test_asked_pairs_are_the_short_set_then_the_extra_pairs_not_in_it() -> None:
    assert asked_pairs(COLUMNS, "b", []) == [("b", "a"), ("b", "c")]
    more = [("c", "b"), ("a", "c")]  # the first repeats a pair of the short set
    assert asked_pairs(COLUMNS, "b", more) == [("b", "a"), ("b", "c"), ("a", "c")]
