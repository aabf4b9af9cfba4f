"""Weight presets: which factors each preset stresses, fall-backs, and the all-zero case."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ScenarioError
from core.mapping.catalog import FACTORS
from core.method.presets import PRESET_NAMES, PRESETS, preset_weights

SAMPLE = [
    ("销售额", "monetary", "purchase"),
    ("毛利", "profit", "contribution"),
    ("订单数", "frequency", "purchase"),
    ("最近购买日期", "recency", "purchase"),
    ("合作年限", "tenure", "purchase"),
    ("满意度", "satisfaction", "relationship"),
    ("NPS", "nps", "relationship"),
    ("增长率", "growth", "potential"),
    ("市场影响力", "influence", "potential"),
    ("逾期天数", "credit_risk", "risk"),
    ("投诉次数", "churn_risk", "risk"),
    ("自定义指标", "custom", "custom"),
]


def test_preset_names_in_order() -> None:
    assert PRESET_NAMES == ("equal", "value", "growth", "relationship", "rfm", "risk_averse")


def test_equal_gives_every_factor_fifty() -> None:
    assert set(preset_weights("equal", SAMPLE).values()) == {50.0}


def test_value_focused_stresses_revenue_and_profit() -> None:
    w = preset_weights("value", SAMPLE)
    assert w["销售额"] == w["毛利"] == 100.0
    assert w["订单数"] == 30.0
    assert w["满意度"] == w["自定义指标"] == 10.0


def test_growth_focused() -> None:
    w = preset_weights("growth", SAMPLE)
    assert w["增长率"] == w["市场影响力"] == 100.0
    assert w["销售额"] == 10.0


def test_relationship_focused() -> None:
    w = preset_weights("relationship", SAMPLE)
    assert w["满意度"] == w["NPS"] == 100.0
    assert w["合作年限"] == 30.0
    assert w["逾期天数"] == 10.0


def test_dimension_fallback_for_unlisted_factor_of_the_dimension() -> None:
    # share_of_wallet is not named by the relationship preset, but its dimension is.
    w = preset_weights("relationship", [("钱包份额", "share_of_wallet", "relationship")])
    assert w == {"钱包份额": 60.0}


def test_classic_rfm_uses_only_r_f_m() -> None:
    w = preset_weights("rfm", SAMPLE)
    assert {c for c, v in w.items() if v > 0} == {"销售额", "订单数", "最近购买日期"}
    assert w["毛利"] == 0.0


def test_risk_averse() -> None:
    w = preset_weights("risk_averse", SAMPLE)
    assert w["逾期天数"] == w["投诉次数"] == 100.0
    assert w["毛利"] == 60.0
    assert w["增长率"] == 10.0


def test_missing_factor_key_uses_other() -> None:
    assert preset_weights("value", [("x", None, None)]) == {"x": 10.0}


def test_unknown_preset_is_a_clear_error() -> None:
    with pytest.raises(ScenarioError, match=r"unknown weight preset 'fancy'; use one of: equal"):
        preset_weights("fancy", SAMPLE)


def test_rfm_without_rfm_columns_raises() -> None:
    with pytest.raises(ScenarioError) as info:
        preset_weights("rfm", [("满意度", "satisfaction", "relationship")])
    assert str(info.value) == (
        "preset 'rfm' gives every included factor weight 0: the data has none of recency, "
        "frequency, monetary; map such a column on the Data page or choose another preset"
    )


def test_no_factors_gives_no_weights() -> None:
    assert preset_weights("value", []) == {}


def test_presets_only_name_catalog_keys() -> None:
    keys = {f.key for f in FACTORS}
    for preset in PRESETS.values():
        assert set(preset.keys) <= keys, preset.name


@given(
    st.sampled_from(PRESET_NAMES),
    st.lists(st.sampled_from(FACTORS), min_size=1, unique_by=lambda f: f.key),
)
def test_weights_stay_on_the_slider_scale(name: str, chosen: list) -> None:
    factors = [(f.en, f.key, f.dimension) for f in chosen]
    try:
        w = preset_weights(name, factors)
    except ScenarioError:
        assert name == "rfm"
        return
    assert list(w) == [c for c, _, _ in factors]
    assert all(0.0 <= v <= 100.0 for v in w.values())
    assert sum(w.values()) > 0
