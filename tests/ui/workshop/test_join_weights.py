"""The join page's helpers: AHP judgements seeded from stored weights, the shares line."""

from __future__ import annotations

from core.method.ahp_apply import judgement
from ui.workshop.join_weights import judgements_from_weights, shares_line

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
