"""Weight presets (METHOD.md §3): named starting points for the weight sliders.

A preset is pure data: a weight per catalog factor key, else per dimension, else ``other``.
Weights are on the sliders' 0–100 scale and relative (the ranking normalises them to sum 1).
A factor the preset does not name (a custom column, or a catalog factor outside its focus)
gets ``other``: a small weight (10) so it still counts a little, or 0 for classic RFM, which
by definition uses recency, frequency and monetary value only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.errors import ScenarioError
from core.i18n import msg

HIGH = 100.0
MEDIUM = 60.0
LOW = 30.0
OTHER = 10.0
EQUAL = 50.0


@dataclass(frozen=True)
class Preset:
    """A named weighting: by factor key first, then by dimension, then ``other``."""

    name: str
    keys: dict[str, float] = field(default_factory=dict)
    dimensions: dict[str, float] = field(default_factory=dict)
    other: float = OTHER

    def weight(self, factor_key: str | None, dimension: str | None) -> float:
        """The weight this preset gives one factor."""
        if factor_key in self.keys:
            return self.keys[factor_key]
        if dimension in self.dimensions:
            return self.dimensions[dimension]
        return self.other


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("equal", other=EQUAL),
        Preset(
            "value",
            keys={"monetary": HIGH, "profit": HIGH, "profit_rate": MEDIUM, "frequency": LOW},
            dimensions={"contribution": LOW},
        ),
        Preset(
            "growth",
            keys={"growth": HIGH, "influence": HIGH, "strategic_fit": HIGH},
            dimensions={"potential": MEDIUM},
        ),
        Preset(
            "relationship",
            keys={"satisfaction": HIGH, "nps": HIGH, "loyalty": HIGH, "tenure": LOW},
            dimensions={"relationship": MEDIUM},
        ),
        Preset("rfm", keys={"recency": HIGH, "frequency": HIGH, "monetary": HIGH}, other=0.0),
        Preset(
            "risk_averse",
            keys={"credit_risk": HIGH, "churn_risk": HIGH, "profit": MEDIUM},
            dimensions={"risk": HIGH},
        ),
    )
}
PRESET_NAMES = tuple(PRESETS)


def preset_weights(
    name: str, factors: Iterable[tuple[str, str | None, str | None]]
) -> dict[str, float]:
    """Weights {column: 0–100} for ``factors`` given as (column, factor_key, dimension).

    ``factor_key`` is a catalog key, ``"custom"`` or None; unknown keys fall through to the
    dimension, then to the preset's ``other`` weight. Raises ScenarioError for an unknown
    preset, or when the preset gives every factor weight 0 (e.g. classic RFM on data without
    recency, frequency or monetary columns), since such weights cannot rank anything.
    """
    if name not in PRESETS:
        raise ScenarioError(
            msg("presets.unknown_weight_preset_use_one", name=name, names=", ".join(PRESETS))
        )
    preset = PRESETS[name]
    weights = {column: preset.weight(key, dimension) for column, key, dimension in factors}
    if weights and not any(weights.values()):
        wanted = ", ".join(preset.keys)
        raise ScenarioError(
            msg("presets.gives_every_included_factor_weight", name=name, wanted=wanted)
        )
    return weights
