"""The facilitator's consensus top list: names (aliases in presentation mode), not IDs only."""

from __future__ import annotations

import pandas as pd

from core.workshop.rules import PARTICIPANT_PREFIX
from ui.workshop.live import top_table

TOP = pd.DataFrame(
    {
        "rank": [1, 2],
        "consensus": ["C1", "C2"],
        PARTICIPANT_PREFIX + "Ann": ["C2", "C9"],
    }
)


def test_names_beside_the_consensus_ids() -> None:
    shown = top_table(TOP, {"C1": "Acme", "C2": "Beta"}, "en", presentation=False)
    assert list(shown.columns) == ["Rank", "Customer ID", "Consensus", "👤 Ann"]
    assert shown["Consensus"].tolist() == ["Acme", "Beta"]
    assert shown["👤 Ann"].tolist() == ["Beta", "C9"]  # no name known: the ID


def test_presentation_shows_aliases_only() -> None:
    shown = top_table(TOP, {"C1": "客户 A", "C2": "客户 B"}, "zh", presentation=True)
    assert list(shown.columns) == ["排名", "共识", "👤 Ann"]
    assert shown.to_numpy().tolist() == [[1, "客户 A", "客户 B"], [2, "客户 B", "—"]]
