"""Tests for core.strategy.playbook: default strategies per tier position / quadrant and resource
shares."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ScenarioError
from core.strategy.playbook import (
    FIELDS,
    default_playbook,
    group_kinds,
    positions,
    resolve_playbook,
    resource_shares,
    resource_total,
)


def test_positions_best_first() -> None:
    assert positions(1) == ["top"]
    assert positions(2) == ["top", "bottom"]
    assert positions(4) == ["top", "middle", "middle", "bottom"]


def test_quadrant_kinds_only_for_four_quadrant_groups() -> None:
    assert group_kinds(4, "quadrant") == ["strategic", "high_potential", "basic", "low_efficiency"]
    assert group_kinds(4, "share") == ["top", "middle", "middle", "bottom"]


def test_default_playbook_three_tiers_in_english() -> None:
    book = default_playbook(("Key", "Important", "Ordinary"), "share", "en")
    assert list(book) == ["Key", "Important", "Ordinary"]
    assert all(list(entry) == list(FIELDS) for entry in book.values())
    assert "VIP" in book["Key"]["service_level"]
    assert "Dedicated service team" in book["Key"]["account_team"]
    assert "executive dialogue" in book["Key"]["contact_frequency"]
    assert "Joint planning" in book["Key"]["marketing"]
    assert "cross-selling" in book["Important"]["marketing"].lower()
    assert "nurture toward the top" in book["Important"]["service_level"]
    assert "self-service" in book["Ordinary"]["service_level"]
    assert "Low-cost channels" in book["Ordinary"]["account_team"]
    assert [book[k]["resources"] for k in book] == ["50", "35", "15"]


def test_default_playbook_in_chinese_and_for_quadrants() -> None:
    book = default_playbook(("战略型", "高潜力型", "基础型", "低效型"), "quadrant", "zh")
    assert "专属服务团队" in book["战略型"]["account_team"]
    assert "培育为战略型客户" in book["高潜力型"]["service_level"]
    assert "控制服务成本" in book["基础型"]["service_level"]
    assert "决定培育或放弃" in book["低效型"]["service_level"]
    assert [book[k]["resources"] for k in book] == ["45", "30", "20", "5"]


def test_abc_labels_get_position_defaults() -> None:
    book = default_playbook(("A", "B", "C"), "abc", "zh")
    assert "VIP" in book["A"]["service_level"]
    assert book["C"]["contact_frequency"] == "每季度或按需"


@given(st.lists(st.sampled_from(["top", "middle", "bottom", "basic"]), min_size=1, max_size=8))
def test_resource_shares_always_total_100(kinds: list[str]) -> None:
    shares = resource_shares(kinds)
    assert sum(shares) == 100
    assert all(s >= 0 for s in shares)


def test_resource_shares_round_by_largest_remainder() -> None:
    # 50/135, 35/135, 35/135, 15/135 = 37.04, 25.93, 25.93, 11.11 → 37, 26, 26, 11
    assert resource_shares(["top", "middle", "middle", "bottom"]) == [37, 26, 26, 11]


def test_resolve_playbook_overrides_field_by_field_and_ignores_other_labels() -> None:
    saved = {"Key": {"marketing": "Golf days", "bogus": "x"}, "Gone": {"kpis": "y"}}
    book = resolve_playbook(saved, ("Key", "Important", "Ordinary"), "share", "en")
    assert book["Key"]["marketing"] == "Golf days"
    assert "bogus" not in book["Key"]
    assert book["Key"]["kpis"] == default_playbook(("Key", "I", "O"), "share", "en")["Key"]["kpis"]
    assert list(book) == ["Key", "Important", "Ordinary"]


def test_resource_total_reads_percentages() -> None:
    book = {"A": {"resources": "60 %"}, "B": {"resources": "30"}, "C": {"resources": ""}}
    assert resource_total(book) == 90.0


def test_resource_total_names_a_bad_share() -> None:
    with pytest.raises(ScenarioError) as error:
        resource_total({"A": {"resources": "lots"}})
    assert str(error.value) == (
        "playbook: the share of resources for 'A' is 'lots', not a number; "
        "write a percentage such as 30"
    )
