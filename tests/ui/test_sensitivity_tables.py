"""The Sensitivity page's tables (ui.sensitivity.monte_carlo.intervals_table and
ui.sensitivity.sweep.switches_table), built from core results on a small table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.analysis.sensitivity import factor_matrix, monte_carlo, weight_sweep
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario
from ui.sensitivity.monte_carlo import SETTINGS, intervals_table
from ui.sensitivity.sweep import switches_table

FRAME = pd.DataFrame(
    {
        "id": [f"C{k}" for k in range(12)],
        "revenue": np.linspace(100.0, 1200.0, 12),
        "complaints": [0, 5, 1, 7, 2, 9, 3, 0, 8, 4, 6, 1],
    }
)
SCENARIO = Scenario(
    "id", (FactorSpec("revenue", weight=50), FactorSpec("complaints", "cost", weight=50))
)
NAMES = {f"C{k}": f"Name {k}" for k in range(12)}


def _factor_matrix():
    return factor_matrix(FRAME, rank_customers(FRAME, SCENARIO))


def test_intervals_table_rounds_the_ranks_and_keeps_the_shares_last() -> None:
    intervals = monte_carlo(_factor_matrix(), draws=40, kappa=20.0, seed=1, top_n=3)
    top = intervals.head(3).assign(customer=lambda f: f["customer_id"].map(NAMES))
    shown = intervals_table(top, 3, "en")
    assert list(shown.columns) == [
        "Rank", "Customer", "p5", "Median rank", "p95", "P(top tier)", "P(top 3)",
    ]  # fmt: skip
    assert shown["Rank"].tolist() == [1, 2, 3]
    assert shown["Customer"].tolist() == top["customer"].tolist()
    for column in ("p5", "Median rank", "p95"):
        assert (shown[column] == shown[column].round(0)).all()
    assert (shown["p5"] <= shown["p95"]).all()
    assert shown.iloc[:, -2:].stack().between(0, 1).all()


def test_intervals_table_speaks_chinese() -> None:
    intervals = monte_carlo(_factor_matrix(), draws=20, seed=1, top_n=5)
    top = intervals.head(5).assign(customer="x")
    assert intervals_table(top, 5, "zh").columns[-1] == "进入前 5 名的概率"


def test_switches_table_shows_percentages_or_a_dash() -> None:
    switches = pd.DataFrame(
        {
            "customer_id": ["C3", "C1"],
            "rank": [1, 2],
            "tier": ["Key", "Key"],
            "below": [0.25, np.nan],
            "tier_below": ["Important", None],
            "above": [np.nan, 0.6],
            "tier_above": [None, "Ordinary"],
        }
    )
    shown = switches_table(switches, NAMES, "en")
    assert shown.to_dict("list") == {
        "Rank": [1, 2],
        "Customer": ["Name 3", "Name 1"],
        "Tier": ["Key", "Key"],
        "Changes tier at (lower)": ["25%", "—"],
        "Tier then (lower)": ["Important", "—"],
        "Changes tier at (higher)": ["—", "60%"],
        "Tier then (higher)": ["—", "Ordinary"],
    }


def test_switches_table_from_a_real_sweep_follows_the_top_n() -> None:
    sweep = weight_sweep(_factor_matrix(), "complaints", points=21, top_n=4)
    shown = switches_table(sweep.switches, NAMES, "zh")
    assert shown["排名"].tolist() == [1, 2, 3, 4]
    assert shown["客户名称"].str.startswith("Name ").all()
    assert shown.iloc[:, 3].str.fullmatch(r"—|\d+%").all()


def test_every_setting_default_lies_within_its_bounds() -> None:
    for default, low, high, step in SETTINGS.values():
        assert low <= default <= high and 0 < step <= high - low
