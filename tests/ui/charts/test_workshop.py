"""Workshop charts: percentages that read well, a distance axis that never spans nothing."""

from __future__ import annotations

import pandas as pd

from ui.charts.workshop import MIN_DISTANCE_AXIS, PERCENT, distance_chart, history_chart


def _x(chart) -> dict:
    return chart.to_dict()["encoding"]["x"]


def test_one_participant_at_the_consensus_gets_a_readable_axis() -> None:
    alone = pd.DataFrame({"participant": ["Ann"], "distance": [0.0], "tau": [1.0]})
    x = _x(distance_chart(alone, "Share of weight to move"))
    assert x["axis"]["format"] == PERCENT == ".1~%"
    assert x["scale"]["domain"] == [0, MIN_DISTANCE_AXIS]


def test_a_far_participant_widens_the_axis() -> None:
    apart = pd.DataFrame({"participant": ["Ann", "Bo"], "distance": [0.3, 0.1], "tau": [0.2, 0.5]})
    assert _x(distance_chart(apart))["scale"]["domain"] == [0, 0.3]


def test_the_rounds_chart_uses_the_same_percent_format() -> None:
    history = pd.DataFrame(
        {"round": [1, 2], "participants": [3, 3], "spread": [0.05, 0.02], "kendall_w": [0.4, 0.7]}
    )
    assert history_chart(history).to_dict()["encoding"]["y"]["axis"]["format"] == PERCENT
