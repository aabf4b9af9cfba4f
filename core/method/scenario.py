"""The Scenario: one serialisable object that describes a ranking completely.

The same object flows through the app's session state, the URL, JSON files, the CLI and saved
scenarios. Its JSON contract (schema version 2; unknown fields are kept in ``extra`` and, when
the caller passes a ``warnings`` list, reported with the nearest known field)::

    {"schema_version": 2,
     "id_column": "客户编号", "method": "weighted_sum", "missing": "median",
     "as_of": "2024-12-31", "duplicate_ids": "first",
     "factors": [{"column": "销售额", "direction": "benefit", "weight": 40, "normalize": "minmax"},
                 {"column": "最近购买日期", "direction": "cost", "weight": 20}],
     "tiers": {"scheme": "share", "labels": ["关键客户", "重点客户", "普通客户"],
               "keys": ["t1", "t2", "t3"], "shares": [0.2, 0.3, 0.5]},
     "overrides": [{"customer_id": "C0042", "tier": "t1", "rank": 3,
                    "reason": "strategic partner", "author": "Li", "at": "2025-01-06"}],
     "playbook": {"t1": {"contact_frequency": "每周"}},
     "allocation": {"budget": 100, "tier_shares": {"t1": 50, "t2": 35, "t3": 15}},
     "key_account_rules": {"rules": [{"name": "strategic", "scale": 70}, {"name": "other"}]}}

Tiers have stable **keys** (core.method.tiers.tier_keys: ``t1`` … by position, ``A`` … for ABC, the
quadrant names for value × potential); labels are display text. Overrides, the playbook and
the allocation's tier shares and minimums name keys, so they survive new labels (another
language). ``tiers.keys`` is written for readers and checked on reading. Files without
``schema_version`` (version 1) named tier labels: those are mapped to keys when read.
``overrides`` (expert assessment), ``playbook``, ``allocation`` (core.method.allocation_policy) and
``key_account_rules`` (core.method.account_rules) are written only when set; core.method.overrides
applies the overrides after the ranking. ``duplicate_ids`` is the policy for repeated customer
IDs (``first``, ``sum`` or ``refuse``; absent means ``first``; core.method.duplicates).

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

from core.errors import ScenarioError
from core.i18n import Items, Message, msg
from core.ingest.date_range import checked_as_of
from core.mapping.catalog import DIRECTIONS
from core.method.account_rules import KeyAccountRules
from core.method.allocation_policy import AllocationPolicy
from core.method.duplicates import DEFAULT_POLICY, DUPLICATE_POLICIES
from core.method.json_limits import MAX_JSON_BYTES, check_json_limits
from core.method.normalize import NORMALIZERS
from core.method.numbers import as_number
from core.method.overrides import Override, check_overrides
from core.method.scenario_schema import SCHEMA_VERSION, check_known, migrate_names, read_version
from core.method.tiers import DEFAULT_TIER_LABELS, default_label_position, relabel, tier_keys

__all__ = [
    "DEFAULT_TIER_LABELS",
    "SCHEMA_VERSION",
    "AllocationPolicy",
    "FactorSpec",
    "KeyAccountRules",
    "Override",
    "Scenario",
    "TierSpec",
]

METHODS = ("weighted_sum", "topsis")
MISSING_POLICIES = ("median", "worst", "skip")
TIER_SCHEMES = ("share", "threshold", "abc", "quadrant")
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
        weight = as_number(self.weight)
        if math.isnan(weight):
            raise ScenarioError(msg("scenario.weight_not_number", c=self.column, w=self.weight))
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

    Each tier also has a stable key (:attr:`keys`: ``t1`` …, ``A`` …, or the quadrant names)
    that whatever is stored about a tier names; :meth:`tier_key` reads a stored name,
    :meth:`relabelled` gives the default labels of another language.
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
        self._check_numbers()
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

    @property
    def keys(self) -> tuple[str, ...]:
        """The tiers' stable keys, in label order (core.method.tiers.tier_keys)."""
        return tier_keys(self.scheme, len(self.labels))

    def label_of(self, key: str) -> str:
        """The label of the tier with ``key`` (KeyError when there is none)."""
        return str(self.labels[self.keys.index(key)]) if key in self.keys else _no_tier(key)

    def key_of(self, label: str) -> str:
        """The key of the tier labelled ``label`` (KeyError when there is none)."""
        labels = [str(x) for x in self.labels]
        return self.keys[labels.index(str(label))] if str(label) in labels else _no_tier(label)

    def tier_key(self, name: str, prefer_labels: bool = False) -> str | None:
        """The key a stored tier name means: a key, a label, or a default label (either
        language) at its tier's position; None when it is no tier. ``prefer_labels`` reads a
        label first (files of schema version 1 named labels)."""
        name = str(name)
        labels = [str(x) for x in self.labels]
        first, second = (labels, self.keys) if prefer_labels else (self.keys, labels)
        for names in (first, second):
            if name in names:
                return self.keys[names.index(name)]
        at = default_label_position(name, self.scheme, len(labels))
        return None if at is None else self.keys[at]

    def relabelled(self, lang: str) -> TierSpec:
        """A copy whose default labels are ``lang``'s (typed labels stay as typed)."""
        return replace(self, labels=relabel(self.labels, self.scheme, lang))

    def _check_numbers(self) -> None:
        """Shares, thresholds, cuts and the quadrant cuts are numbers (a boolean is none)."""
        cuts = {"value_cut": self.value_cut, "potential_cut": self.potential_cut}
        given = {name: getattr(self, name) for name in ("shares", "thresholds", "cuts")}
        given |= {name: (value,) for name, value in cuts.items() if value is not None}
        for name, values in given.items():
            for value in values:
                if not math.isfinite(as_number(value)):
                    raise ScenarioError(msg("scenario.tier_not_number", field=name, value=value))

    def _check_shares(self) -> None:
        if len(self.shares) != len(self.labels):
            raise ScenarioError(
                msg("scenario.tier_labels_but_shares_give", n=len(self.labels), k=len(self.shares))
            )
        if any(s < 0 for s in self.shares) or not math.isclose(sum(self.shares), 1.0, abs_tol=1e-6):
            raise ScenarioError(msg("scenario.tier_shares_must_add_up", shares=list(self.shares)))


def _no_tier(name: str) -> str:
    raise KeyError(name)


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
    allocation: AllocationPolicy | None = None
    key_account_rules: KeyAccountRules | None = None
    # Repeated customer IDs: "first", "sum" or "refuse" (core.method.duplicates).
    duplicate_ids: str = DEFAULT_POLICY
    # The version the fields were written in; older ones are migrated here, so it is always
    # SCHEMA_VERSION afterwards (see core.method.scenario_schema).
    schema_version: int = SCHEMA_VERSION

    def __post_init__(self) -> None:
        self._typed_from_extra()
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
        _choice(self.duplicate_ids, DUPLICATE_POLICIES, "scenario.unknown_duplicate_policy")
        if self.as_of is not None:
            try:
                as_of = date.fromisoformat(str(self.as_of))
            except ValueError:
                raise ScenarioError(msg("scenario.not_date_write_yyyy_mm", v=self.as_of)) from None
            checked_as_of(as_of, ScenarioError)
            # Stored as YYYY-MM-DD so callers can parse it (a JSON number would not be).
            object.__setattr__(self, "as_of", as_of.isoformat())
        if sum(f.weight for f in self.factors) <= 0:
            raise ScenarioError(msg("scenario.all_factor_weights_zero_give"))
        if not isinstance(self.tiers, TierSpec):
            raise ScenarioError(msg("scenario.tiers_must_object_such_scheme"))
        legacy = self.schema_version < SCHEMA_VERSION
        overrides, playbook, allocation = migrate_names(self, prefer_labels=legacy)
        object.__setattr__(self, "overrides", overrides)
        object.__setattr__(self, "playbook", playbook)
        object.__setattr__(self, "allocation", allocation)
        object.__setattr__(self, "schema_version", SCHEMA_VERSION)

    def _typed_from_extra(self) -> None:
        """Allocation and key-account rules given in ``extra`` (the older, untyped place) or
        as plain JSON values become the typed fields; ScenarioError names a bad one."""
        extra = dict(self.extra)
        allocation = extra.pop("allocation", self.allocation)
        rules = extra.pop("key_account_rules", self.key_account_rules)
        if allocation is not None and not isinstance(allocation, AllocationPolicy):
            allocation = AllocationPolicy.from_dict(allocation)
        if rules is not None and not isinstance(rules, KeyAccountRules):
            rules = KeyAccountRules.from_value(rules)
        object.__setattr__(self, "extra", extra)
        object.__setattr__(self, "allocation", allocation)
        object.__setattr__(self, "key_account_rules", rules)

    @property
    def columns(self) -> list[str]:
        """The factor columns, in order."""
        return [f.column for f in self.factors]

    @property
    def weights(self) -> np.ndarray:
        """Relative weights normalised to sum 1, in factor order."""
        raw = np.array([f.weight for f in self.factors], dtype=float)
        top = raw.max() if len(raw) else 0.0
        raw = raw / top if top > 0 else raw  # weights of 1e308 must not sum to infinity
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
                shown = Items(map(str, available), "comma")
                raise ScenarioError(
                    msg("scenario.column_not_data_available_columns", c=column, columns=shown)
                )

    def with_weights(self, weights: Mapping[str, float]) -> Scenario:
        """A copy with new weights for the named columns (others keep theirs)."""
        factors = tuple(replace(f, weight=weights.get(f.column, f.weight)) for f in self.factors)
        return replace(self, factors=factors)

    def key_without_weights(self) -> str:
        """The compact JSON of this scenario with every weight 1: equal for two scenarios that
        differ only in their weights (what a prepared ranking is kept by)."""
        kept = self.__dict__
        if "_key_without_weights" not in kept:
            equal = self.with_weights(dict.fromkeys(self.columns, 1.0))
            kept["_key_without_weights"] = equal.to_json(indent=None)
        return kept["_key_without_weights"]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the contract in the module docstring)."""
        data = {f: getattr(self, f) for f in self.__dataclass_fields__}
        data["factors"] = [asdict(f) for f in self.factors]
        tiers = asdict(self.tiers)
        head = {"scheme": tiers.pop("scheme"), "labels": tiers.pop("labels")}
        tiers = {**head, "keys": self.tiers.keys, **tiers}
        data["tiers"] = {
            k: list(v) if isinstance(v, tuple) else v for k, v in tiers.items() if v is not None
        }
        data["playbook"] = {k: dict(v) for k, v in self.playbook.items()}
        extra = data.pop("extra")
        data["overrides"] = [
            {k: v for k, v in asdict(o).items() if v not in (None, "")} for o in self.overrides
        ]
        data["allocation"] = self.allocation.to_dict() if self.allocation else None
        rules = self.key_account_rules
        data["key_account_rules"] = rules.to_dict() if rules else None
        merged = {"schema_version": data.pop("schema_version"), **extra, **data}
        return {k: v for k, v in merged.items() if v not in (None, "", {}, [])}

    def to_json(self, indent: int | None = 2) -> str:
        """The scenario as JSON text (UTF-8, Chinese kept readable).

        A scenario is never changed once built, so its text is kept on the instance (a rerun
        of the app asks for it several times, as cache keys)."""
        kept = self.__dict__.setdefault("_json_by_indent", {})  # not a field: no eq, no repr
        if indent not in kept:
            kept[indent] = json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
        return kept[indent]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], warnings: list[Message] | None = None) -> Scenario:
        """Build and check a scenario from parsed JSON; ScenarioError names any problem.

        Files of an older schema version are migrated (tier labels → keys). Unknown fields
        are kept in ``extra`` (nested ones dropped); when ``warnings`` is a list, a warning
        naming each unknown field and the nearest known one is appended to it.
        """
        if not isinstance(data, Mapping):
            raise ScenarioError(msg("scenario.expected_json_object_with_id"))
        found: list[Message] = []
        version = read_version(data, found)
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
        own["schema_version"] = version
        extra = {k: v for k, v in data.items() if k not in own and k not in nested - {"extra"}}
        raw_overrides = data.get("overrides") or []
        if not isinstance(raw_overrides, list) or not all(
            isinstance(o, Mapping) for o in raw_overrides
        ):
            raise ScenarioError(msg("scenario.overrides_must_list_objects"))
        check_known(data, found, raw_factors, tiers_raw, raw_overrides)
        try:
            # A factor without 'column' gets "" so FactorSpec names the problem itself.
            factors = tuple(
                FactorSpec(**{"column": "", **{k: v for k, v in f.items() if k in factor_fields}})
                for f in raw_factors
            )
            tiers = TierSpec(**{k: v for k, v in tiers_raw.items() if k in tier_fields})
            _check_keys(tiers, tiers_raw.get("keys"))
            overrides = tuple(
                Override(
                    **{"customer_id": "", **{k: v for k, v in o.items() if k in override_fields}}
                )
                for o in raw_overrides
            )
            scenario = cls(factors=factors, tiers=tiers, overrides=overrides, extra=extra, **own)
        except TypeError as exc:
            raise ScenarioError(msg("scenario.field_has_wrong_type", detail=exc)) from None
        if warnings is not None:
            warnings.extend(found)
        return scenario

    @classmethod
    def from_json(
        cls,
        text: str | bytes,
        source: str | Message | None = None,
        warnings: list[Message] | None = None,
    ) -> Scenario:
        """Parse JSON text; a syntax error names the line and column (and ``source``, by
        default "scenario"), text over the size or nesting limit (core.method.json_limits) is
        refused first; ``warnings``: see :meth:`from_dict`."""
        source = msg("word.scenario") if source is None else source
        check_json_limits(text, source)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScenarioError(
                msg("scenario.not_json_at", source=source, line=exc.lineno, column=exc.colno)
            ) from None
        except UnicodeDecodeError:
            raise ScenarioError(msg("scenario.not_json", source=source)) from None
        return cls.from_dict(data, warnings)

    def to_token(self) -> str:
        """A compact URL-safe token (zlib + base64) for share links."""
        raw = zlib.compress(self.to_json(indent=None).encode("utf-8"), 9)
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def from_token(cls, token: str, warnings: list[Message] | None = None) -> Scenario:
        """Inverse of :meth:`to_token`; a damaged token raises ScenarioError, and so does one
        that would decompress past the JSON size limit (it is not decompressed further)."""
        source = msg("word.share_link")
        data = _inflated(token)
        check_json_limits(data, source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ScenarioError(msg("scenario.share_link_scenario_link_damaged")) from None
        return cls.from_json(text, source=source, warnings=warnings)


def _inflated(token: str) -> bytes:
    """A share link's token decompressed, at most one byte past the JSON size limit."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        inflate = zlib.decompressobj()
        data = inflate.decompress(raw, MAX_JSON_BYTES + 1)
    except (ValueError, zlib.error):
        data, inflate = b"", None
    if inflate is None or not (inflate.eof or len(data) > MAX_JSON_BYTES):  # cut short
        raise ScenarioError(msg("scenario.share_link_scenario_link_damaged"))
    return data


def _check_keys(tiers: TierSpec, written: object) -> None:
    """``tiers.keys`` in a file, when present, must be the keys its scheme and count give."""
    if written is None:
        return
    if not isinstance(written, list) or tuple(map(str, written)) != tiers.keys:
        raise ScenarioError(
            msg("scenario_schema.tier_keys", written=written, expected=list(tiers.keys))
        )
