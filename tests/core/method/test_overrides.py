"""core.method.overrides: expert overrides of tier and rank, their JSON form, warnings and audit."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from core.errors import ScenarioError
from core.method.overrides import Override, carry_overrides, computed_table, override_audit
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario, TierSpec

FRAME = pd.DataFrame(
    {
        "id": ["C1", "C2", "C3", "C4", "C5"],
        "sales": [50.0, 40.0, 30.0, 20.0, 10.0],
        "margin": [5.0, 4.0, 3.0, 2.0, 1.0],
    }
)
TIERS = TierSpec(labels=("Key", "Important", "Ordinary"), shares=(0.2, 0.4, 0.4))


def scenario(*overrides: Override) -> Scenario:
    factors = (FactorSpec("sales", weight=1), FactorSpec("margin", weight=1))
    return Scenario(id_column="id", factors=factors, tiers=TIERS, overrides=overrides)


def test_without_overrides_the_table_is_unchanged() -> None:
    table = rank_customers(FRAME, scenario()).table
    assert list(table.columns[:4]) == ["rank", "customer_id", "score", "tier"]
    assert "computed_tier" not in table.columns and "override" not in table.columns
    assert "overrides" not in scenario().to_dict()


def test_pinned_rank_is_exact_and_the_others_shift() -> None:
    ranking = rank_customers(FRAME, scenario(Override("C5", rank=2, reason="new flagship")))
    table = ranking.table
    assert table["customer_id"].tolist() == ["C1", "C5", "C2", "C3", "C4"]
    assert table["rank"].tolist() == [1, 2, 3, 4, 5]
    # Pinning alone moves no customer to another tier.
    assert table["tier"].tolist() == ["Key", "Ordinary", "Important", "Important", "Ordinary"]
    assert pd.isna(table["override"].iloc[0])
    assert table["override"].iloc[1] == "new flagship"


def test_tier_override_is_marked_next_to_the_computed_tier() -> None:
    over = Override("C4", tier="Key", reason="strategic partner", author="Li", at="2025-01-06")
    table = rank_customers(FRAME, scenario(over)).table
    assert list(table.columns[:6]) == [
        "rank",
        "customer_id",
        "score",
        "tier",
        "computed_tier",
        "override",
    ]
    row = table[table["customer_id"] == "C4"].iloc[0]
    assert (row["rank"], row["tier"], row["computed_tier"]) == (4, "Key", "Ordinary")
    assert row["override"] == "strategic partner"
    others = table[table["customer_id"] != "C4"]
    assert (others["tier"] == others["computed_tier"]).all()
    assert others["override"].isna().all()


def test_overrides_survive_new_weights_and_new_data() -> None:
    base = scenario(Override("C5", tier="Key", rank=1, reason="CEO decision"))
    reweighted = base.with_weights({"sales": 9.0})
    new_data = FRAME.assign(sales=[10.0, 20.0, 30.0, 40.0, 5.0])
    restored = Scenario.from_json(base.to_json())
    for scen, frame in ((reweighted, FRAME), (base, new_data), (restored, new_data)):
        table = rank_customers(frame, scen).table
        first = table.iloc[0]
        assert (first["customer_id"], first["rank"], first["tier"]) == ("C5", 1, "Key")
        assert first["override"] == "CEO decision"


def test_missing_ids_are_warned_about_and_audited() -> None:
    overrides = (Override("C9", tier="Key", reason="gone"), Override("C2", rank=1, reason="x"))
    ranking = rank_customers(FRAME, scenario(*overrides))
    assert "overrides for customer(s) not in the data, not applied: 'C9'" in ranking.warnings
    audit = override_audit(ranking.scenario, ranking)
    assert audit["status"].tolist() == ["id missing", "applied"]
    applied = audit.iloc[1]
    assert (applied["from_rank"], applied["to_rank"]) == (2, 1)
    assert (applied["from_tier"], applied["to_tier"]) == ("Important", "Important")
    assert pd.isna(audit.iloc[0]["from_tier"]) and audit.iloc[0]["to_tier"] == "Key"


def test_rank_beyond_the_customers_goes_last_with_a_warning() -> None:
    ranking = rank_customers(FRAME, scenario(Override("C1", rank=40, reason="on hold")))
    assert ranking.table["customer_id"].tolist() == ["C2", "C3", "C4", "C5", "C1"]
    assert (
        "override for customer 'C1': rank 40 is beyond the 5 ranked customers; placed at rank 5"
        in ranking.warnings
    )


def test_computed_table_undoes_the_overrides() -> None:
    plain = rank_customers(FRAME, scenario()).table
    overridden = rank_customers(
        FRAME, scenario(Override("C5", tier="Key", rank=1, reason="r"))
    ).table
    pd.testing.assert_frame_equal(computed_table(overridden), plain)


def test_unknown_tier_label_names_the_labels() -> None:
    with pytest.raises(ScenarioError) as err:
        rank_customers(FRAME, scenario(Override("C1", tier="VIP", reason="r")))
    assert str(err.value) == (
        "scenario: the override for customer 'C1' moves it to tier 'VIP', which is not a tier; "
        "use one of: Key, Important, Ordinary"
    )


def test_json_round_trip_and_contract() -> None:
    over = Override("C3", tier="Key", rank=2, reason="partner", author="Li", at="2025-01-06")
    data = scenario(over).to_dict()
    assert data["overrides"] == [
        {
            "customer_id": "C3",
            "tier": "t1",  # written as the tier's key, not its label
            "rank": 2,
            "reason": "partner",
            "author": "Li",
            "at": "2025-01-06",
        }
    ]
    assert Scenario.from_dict(json.loads(json.dumps(data))) == scenario(over)
    minimal = Scenario.from_dict(
        {**data, "overrides": [{"customer_id": 7, "rank": 1.0, "reason": "r"}]}
    )
    assert minimal.overrides == (Override("7", rank=1, reason="r"),)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"customer_id": "C1", "tier": "Key"}, "the override for customer 'C1' needs a reason"),
        ({"customer_id": "C1", "reason": "r"}, "customer 'C1' sets neither 'tier' nor 'rank'"),
        ({"customer_id": "C1", "rank": 0, "reason": "r"}, "pins rank 0; use a whole number ≥ 1"),
        ({"customer_id": "C1", "rank": "x", "reason": "r"}, "pins rank 'x'"),
        ({"customer_id": "C1", "rank": 1.5, "reason": "r"}, "pins rank 1.5"),
        ({"customer_id": " ", "rank": 1, "reason": "r"}, "an override has no 'customer_id'"),
    ],
)
def test_bad_override_names_the_customer(fields: dict, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        Override(**fields)


def test_two_overrides_for_one_customer_or_one_rank_are_refused() -> None:
    with pytest.raises(ScenarioError, match=r"more than one override for customer\(s\) 'C1'"):
        scenario(Override("C1", rank=1, reason="a"), Override("C1", tier="Key", reason="b"))
    with pytest.raises(ScenarioError, match="customers 'C1' and 'C2' are both pinned to rank 3"):
        scenario(Override("C1", rank=3, reason="a"), Override("C2", rank=3, reason="b"))
    with pytest.raises(ScenarioError, match="'overrides' must be a list of objects"):
        Scenario.from_dict({**scenario().to_dict(), "overrides": {"C1": 1}})


def test_input_columns_named_like_override_columns_are_kept() -> None:
    frame = FRAME.assign(override="yes")
    table = rank_customers(frame, scenario(Override("C1", tier="Ordinary", reason="r"))).table
    assert table["override (input)"].tolist() == ["yes"] * 5


def test_carry_overrides_keeps_each_tier_override_at_its_position() -> None:
    share = TierSpec(scheme="share", labels=("Key", "Important", "Ordinary"))
    abc = TierSpec(scheme="abc", labels=("A", "B", "C"), cuts=(0.8, 0.95), value_column="v")
    two = TierSpec(scheme="share", labels=("Key", "Other"), shares=(0.5, 0.5))
    overrides = (
        Override("C1", tier="t1", reason="partner"),
        Override("C2", tier="t3", rank=2, reason="at risk", author="Li"),
        Override("C3", rank=1, reason="flagship"),
    )
    to_abc = carry_overrides(overrides, share, abc)
    assert [o.tier for o in to_abc] == ["A", "C", None]
    assert to_abc[1].rank == 2 and to_abc[1].author == "Li" and to_abc[2] == overrides[2]
    assert [o.tier for o in carry_overrides(overrides, share, two)] == ["t1", "t2", None]
    assert carry_overrides(overrides, share, share) == overrides
