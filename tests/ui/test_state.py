"""Session-state helpers that need no running app."""

from core.method.scenario import FactorSpec, Scenario, TierSpec
from ui.state import relabel_default_tiers, slider_scaled


def _scenario(tiers: TierSpec, playbook=None) -> Scenario:
    return Scenario(
        "id",
        (FactorSpec("a", weight=300), FactorSpec("b", weight=150)),
        tiers=tiers,
        playbook=playbook or {},
    )


def test_default_share_labels_follow_the_language_with_their_strategies():
    scenario = _scenario(TierSpec(), {"关键客户": {"service_level": "VIP"}})
    assert scenario.playbook == {"t1": {"service_level": "VIP"}}  # a label read as its key
    english = relabel_default_tiers(scenario, "en")
    assert english.tiers.labels == ("Key", "Important", "Ordinary")
    assert english.playbook == {"t1": {"service_level": "VIP"}}  # keys do not change
    assert relabel_default_tiers(english, "zh").tiers.labels == ("关键客户", "重点客户", "普通客户")


def test_default_quadrant_labels_follow_the_language():
    tiers = TierSpec(
        scheme="quadrant", labels=("战略型", "高潜力型", "基础型", "低效型"), potential_column="b"
    )
    assert relabel_default_tiers(_scenario(tiers), "en").tiers.labels[0] == "Strategic"


def test_typed_labels_stay_as_typed():
    tiers = TierSpec(labels=("Gold", "Silver", "Bronze"))
    assert relabel_default_tiers(_scenario(tiers), "zh").tiers.labels == (
        "Gold",
        "Silver",
        "Bronze",
    )


def test_weights_above_the_slider_range_are_scaled_keeping_ratios():
    scaled = slider_scaled(_scenario(TierSpec()))
    assert [f.weight for f in scaled.factors] == [100.0, 50.0]
