"""The Scenario: one serialisable object that describes a ranking completely.

The same object flows through the app's session state, the URL, JSON files, the CLI and saved
scenarios. Its JSON contract (more fields may be added; unknown fields are ignored)::

    {"id_column": "客户编号", "method": "weighted_sum", "missing": "median",
     "as_of": "2024-12-31",
     "factors": [{"column": "销售额", "direction": "benefit", "weight": 40, "normalize": "minmax"},
                 {"column": "最近购买日期", "direction": "cost", "weight": 20}],
     "tiers": {"scheme": "share", "labels": ["关键客户", "重点客户", "普通客户"],
               "shares": [0.2, 0.3, 0.5]},
     "overrides": [{"customer_id": "C0042", "tier": "关键客户", "rank": 3,
                    "reason": "strategic partner", "author": "Li", "at": "2025-01-06"}]}

``overrides`` (expert assessment) is written only when there are some, so older files stay
identical; core.overrides applies them after the ranking.

Structural problems raise :class:`ScenarioError` when the object is built; problems that need
the data (an unknown column) are found by :meth:`Scenario.validate`.
"""

from __future__ import annotations

import base64
import json
import math
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np

from core.catalog import DIRECTIONS
from core.errors import ScenarioError
from core.i18n import LANGUAGES, msg, phrases
from core.normalize import NORMALIZERS
from core.overrides import Override, check_overrides

__all__ = ["FactorSpec", "Override", "Scenario", "TierSpec"]

METHODS = ("weighted_sum", "topsis")
MISSING_POLICIES = ("median", "worst", "skip")
TIER_SCHEMES = ("share", "threshold", "abc", "quadrant")
DEFAULT_TIER_LABELS = {lang: tuple(phrases("scenario.tier.", lang).values()) for lang in LANGUAGES}
DEFAULT_SHARES = (0.2, 0.3, 0.5)


def _choice(value: Any, allowed: Iterable[str], message_id: str, **params: Any) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ScenarioError(msg(message_id, value=value, allowed=", ".join(allowed), **params))
    return value


@dataclass(frozen=True)
class FactorSpec:
    """One factor of the ranking: a data column, its direction, relative weight and normaliser."""

    column: str
    direction: str = "benefit"
    weight: float = 1.0
    normalize: str = "minmax"

    def __post_init__(self) -> None:
        if not isinstance(self.column, str) or not self.column:
            raise ScenarioError(msg("scenario.every_factor_needs_non_empty"))
        _choice(self.direction, DIRECTIONS, "scenario.unknown_direction", column=self.column)
        _choice(self.normalize, NORMALIZERS, "scenario.unknown_normaliser", column=self.column)
        try:
            weight = float(self.weight)
        except (TypeError, ValueError):
            raise ScenarioError(
                msg("scenario.weight_not_number", c=self.column, w=self.weight)
            ) from None
        if not math.isfinite(weight) or weight < 0:
            raise ScenarioError(msg("scenario.weight_negative", c=self.column, w=self.weight))
        object.__setattr__(self, "weight", weight)


@dataclass(frozen=True)
class TierSpec:
    """How ranked customers are grouped (METHOD.md §4).

    - ``share``: by rank, the first ``shares[0]`` of customers get ``labels[0]`` and so on;
    - ``threshold``: score ≥ ``thresholds[0]`` → ``labels[0]`` … (thresholds descending);
    - ``abc``: by cumulative share of ``value_column`` with cut-offs ``cuts`` (default 80 %, 95 %);
    - ``quadrant``: value × potential around their medians (or ``value_cut`` / ``potential_cut``).
    """

    scheme: str = "share"
    labels: tuple[str, ...] = DEFAULT_TIER_LABELS["zh"]
    shares: tuple[float, ...] = DEFAULT_SHARES
    thresholds: tuple[float, ...] = (70.0, 40.0)
    cuts: tuple[float, ...] = (0.8, 0.95)
    value_column: str | None = None
    potential_column: str | None = None
    value_cut: float | None = None
    potential_cut: float | None = None

    def __post_init__(self) -> None:
        _choice(self.scheme, TIER_SCHEMES, "scenario.unknown_tier_scheme")
        for name in ("labels", "shares", "thresholds", "cuts"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if not self.labels or any(not str(label).strip() for label in self.labels):
            raise ScenarioError(msg("scenario.tier_labels_must_non_empty"))
        if len(set(self.labels)) != len(self.labels):
            raise ScenarioError(
                msg("scenario.tier_labels_repeat_make_each", labels=list(self.labels))
            )
        if self.scheme == "share":
            self._check_shares()
        if self.scheme == "threshold" and len(self.thresholds) != len(self.labels) - 1:
            raise ScenarioError(
                msg(
                    "scenario.tier_labels_need_score_thresholds",
                    n=len(self.labels),
                    k=len(self.labels) - 1,
                    m=len(self.thresholds),
                )
            )
        if self.scheme == "abc" and len(self.cuts) != len(self.labels) - 1:
            raise ScenarioError(
                msg(
                    "scenario.abc_classes_need_cut_offs",
                    n=len(self.labels),
                    k=len(self.labels) - 1,
                    m=len(self.cuts),
                )
            )

    def _check_shares(self) -> None:
        if len(self.shares) != len(self.labels):
            raise ScenarioError(
                msg("scenario.tier_labels_but_shares_give", n=len(self.labels), k=len(self.shares))
            )
        if any(s < 0 for s in self.shares) or not math.isclose(sum(self.shares), 1.0, abs_tol=1e-6):
            raise ScenarioError(msg("scenario.tier_shares_must_add_up", shares=list(self.shares)))


@dataclass(frozen=True)
class Scenario:
    """Everything needed to rank a customer table, reproducibly."""

    id_column: str
    factors: tuple[FactorSpec, ...]
    method: str = "weighted_sum"
    missing: str = "median"
    as_of: str | None = None
    name_column: str | None = None
    tiers: TierSpec = field(default_factory=TierSpec)
    name: str = ""
    playbook: dict[str, dict[str, str]] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.id_column, str) or not self.id_column:
            raise ScenarioError(msg("scenario.id_column_must_name_customer"))
        object.__setattr__(self, "factors", tuple(self.factors))
        if not self.factors:
            raise ScenarioError(msg("scenario.factors_empty_include_least_one"))
        columns = [f.column for f in self.factors]
        repeated = sorted({c for c in columns if columns.count(c) > 1})
        if repeated:
            raise ScenarioError(
                msg("scenario.factor_column_listed_twice", columns=", ".join(repeated))
            )
        object.__setattr__(self, "overrides", tuple(self.overrides))
        check_overrides(self.overrides)
        _choice(self.method, METHODS, "scenario.unknown_method")
        _choice(self.missing, MISSING_POLICIES, "scenario.unknown_missing_policy")
        if self.as_of is not None:
            try:
                as_of = date.fromisoformat(str(self.as_of))
            except ValueError:
                raise ScenarioError(msg("scenario.not_date_write_yyyy_mm", v=self.as_of)) from None
            # Stored as YYYY-MM-DD so callers can parse it (a JSON number would not be).
            object.__setattr__(self, "as_of", as_of.isoformat())
        if sum(f.weight for f in self.factors) <= 0:
            raise ScenarioError(msg("scenario.all_factor_weights_zero_give"))

    @property
    def columns(self) -> list[str]:
        """The factor columns, in order."""
        return [f.column for f in self.factors]

    @property
    def weights(self) -> np.ndarray:
        """Relative weights normalised to sum 1, in factor order."""
        raw = np.array([f.weight for f in self.factors], dtype=float)
        return raw / raw.sum()

    def validate(self, columns: Iterable[str]) -> None:
        """Raise ScenarioError if a column this scenario names is not in the data."""
        available = list(columns)
        named = [
            self.id_column,
            *self.columns,
            self.name_column,
            self.tiers.value_column,
            self.tiers.potential_column,
        ]
        for column in named:
            if column is not None and column not in available:
                shown = ", ".join(map(str, available[:20]))
                raise ScenarioError(
                    msg("scenario.column_not_data_available_columns", c=column, columns=shown)
                )

    def with_weights(self, weights: Mapping[str, float]) -> Scenario:
        """A copy with new weights for the named columns (others keep theirs)."""
        factors = tuple(replace(f, weight=weights.get(f.column, f.weight)) for f in self.factors)
        return replace(self, factors=factors)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the contract in the module docstring)."""
        data = asdict(self)
        data["factors"] = [asdict(f) for f in self.factors]
        data["tiers"] = {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in asdict(self.tiers).items()
            if v is not None
        }
        extra = data.pop("extra")
        data["overrides"] = [
            {k: v for k, v in asdict(o).items() if v not in (None, "")} for o in self.overrides
        ]
        return {k: v for k, v in {**extra, **data}.items() if v not in (None, "", {}, [])}

    def to_json(self, indent: int | None = 2) -> str:
        """The scenario as JSON text (UTF-8, Chinese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Build and check a scenario from parsed JSON; ScenarioError names any problem."""
        if not isinstance(data, Mapping):
            raise ScenarioError(msg("scenario.expected_json_object_with_id"))
        for key in ("id_column", "factors"):
            if key not in data:
                raise ScenarioError(msg("scenario.missing_required_field", field=key))
        raw_factors = data["factors"]
        if not isinstance(raw_factors, list) or not all(
            isinstance(f, Mapping) for f in raw_factors
        ):
            raise ScenarioError(msg("scenario.factors_must_list_objects_with"))
        tiers_raw = data.get("tiers") or {}
        if not isinstance(tiers_raw, Mapping):
            raise ScenarioError(msg("scenario.tiers_must_object_such_scheme"))
        factor_fields = set(FactorSpec.__dataclass_fields__)
        tier_fields = set(TierSpec.__dataclass_fields__)
        override_fields = set(Override.__dataclass_fields__)
        nested = {"factors", "tiers", "overrides", "extra"}
        own = {k: v for k, v in data.items() if k in set(cls.__dataclass_fields__) - nested}
        extra = {k: v for k, v in data.items() if k not in own and k not in nested - {"extra"}}
        raw_overrides = data.get("overrides") or []
        if not isinstance(raw_overrides, list) or not all(
            isinstance(o, Mapping) for o in raw_overrides
        ):
            raise ScenarioError(msg("scenario.overrides_must_list_objects"))
        try:
            # A factor without 'column' gets "" so FactorSpec names the problem itself.
            factors = tuple(
                FactorSpec(**{"column": "", **{k: v for k, v in f.items() if k in factor_fields}})
                for f in raw_factors
            )
            tiers = TierSpec(**{k: v for k, v in tiers_raw.items() if k in tier_fields})
            overrides = tuple(
                Override(
                    **{"customer_id": "", **{k: v for k, v in o.items() if k in override_fields}}
                )
                for o in raw_overrides
            )
            return cls(factors=factors, tiers=tiers, overrides=overrides, extra=extra, **own)
        except TypeError as exc:
            raise ScenarioError(msg("scenario.field_has_wrong_type", detail=exc)) from None

    @classmethod
    def from_json(cls, text: str | bytes, source: str | None = None) -> Scenario:
        """Parse JSON text; a syntax error names the line and column (and ``source``, by
        default "scenario")."""
        source = msg("word.scenario") if source is None else source
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScenarioError(
                msg("scenario.not_json_at", source=source, line=exc.lineno, column=exc.colno)
            ) from None
        except UnicodeDecodeError:
            raise ScenarioError(msg("scenario.not_json", source=source)) from None
        return cls.from_dict(data)

    def to_token(self) -> str:
        """A compact URL-safe token (zlib + base64) for share links."""
        raw = zlib.compress(self.to_json(indent=None).encode("utf-8"), 9)
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def from_token(cls, token: str) -> Scenario:
        """Inverse of :meth:`to_token`; a damaged token raises ScenarioError."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            text = zlib.decompress(raw).decode("utf-8")
        except (ValueError, zlib.error, UnicodeDecodeError):
            raise ScenarioError(msg("scenario.share_link_scenario_link_damaged")) from None
        return cls.from_json(text, source=msg("word.share_link"))
