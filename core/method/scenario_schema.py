"""The scenario JSON schema: its version, the known fields and the migration of old files.

- ``schema_version`` 2 (:data:`SCHEMA_VERSION`) is written in every scenario; a file without it
  is version 1, whose overrides, playbook and allocation named tier *labels*: reading maps
  them to tier keys (:func:`migrate_names`), so such files still load in any language.
- :func:`check_known` reports every unknown field (top level, in a factor, the tiers, an
  override, a playbook entry, the allocation or the key-account rules) as a warning naming
  the nearest known field (difflib), instead of ignoring it silently.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from core.errors import ScenarioError
from core.i18n import Message, msg
from core.method.account_rules import AccountRule, KeyAccountRules
from core.method.allocation_policy import AllocationPolicy
from core.method.overrides import Override
from core.method.tiers import DEFAULT_TIER_LABELS, QUADRANT_KEYS, QUADRANT_LABELS

if TYPE_CHECKING:  # core.method.scenario imports this module
    from core.method.scenario import Scenario, TierSpec

SCHEMA_VERSION = 2
FIRST_VERSION = 1  # no schema_version: tier labels instead of keys

# The fields of one playbook entry (core.strategy.playbook fills them in per tier).
PLAYBOOK_FIELDS = (
    "service_level",
    "contact_frequency",
    "account_team",
    "marketing",
    "resources",
    "kpis",
)
FACTOR_FIELDS = ("column", "direction", "weight", "normalize")
TIER_FIELDS = (
    *("scheme", "labels", "keys", "shares", "thresholds", "cuts"),
    *("value_column", "potential_column", "value_cut", "potential_cut"),
)
SCENARIO_FIELDS = (
    *("schema_version", "id_column", "name_column", "name", "method", "missing", "as_of"),
    "duplicate_ids",
    *("factors", "tiers", "playbook", "overrides", "allocation", "key_account_rules", "extra"),
)


def read_version(data: Mapping[str, Any], warnings: list[Message]) -> int:
    """The file's schema version (absent → 1); a newer one is read with a warning."""
    raw = data.get("schema_version", FIRST_VERSION)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < FIRST_VERSION:
        raise ScenarioError(msg("scenario_schema.bad_version", value=raw))
    if raw > SCHEMA_VERSION:
        warnings.append(msg("scenario_schema.newer_version", version=raw, known=SCHEMA_VERSION))
    return raw


def _unknown(
    fields: Iterable[str], known: Iterable[str], where: str, warnings: list[Message]
) -> None:
    known = list(known)
    for name in fields:
        if name in known:
            continue
        path = f"{where}.{name}" if where else str(name)
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        if close:
            warnings.append(msg("scenario_schema.unknown_hint", field=path, suggestion=close[0]))
        else:
            warnings.append(msg("scenario_schema.unknown", field=path))


def _objects(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def check_known(
    data: Mapping[str, Any],
    warnings: list[Message],
    factors: list[Mapping[str, Any]],
    tiers: Mapping[str, Any],
    overrides: list[Mapping[str, Any]],
) -> None:
    """Append a warning per unknown field of a scenario's JSON object to ``warnings``."""
    _unknown(data, SCENARIO_FIELDS, "", warnings)
    for k, factor in enumerate(factors, start=1):
        _unknown(factor, FACTOR_FIELDS, f"factors[{k}]", warnings)
    _unknown(tiers, TIER_FIELDS, "tiers", warnings)
    for k, override in enumerate(overrides, start=1):
        _unknown(override, Override.__dataclass_fields__, f"overrides[{k}]", warnings)
    playbook = data.get("playbook")
    if isinstance(playbook, Mapping):
        for tier, entry in playbook.items():
            if isinstance(entry, Mapping):
                _unknown(entry, PLAYBOOK_FIELDS, f"playbook.{tier}", warnings)
    allocation = data.get("allocation")
    if isinstance(allocation, Mapping):
        _unknown(allocation, AllocationPolicy.__dataclass_fields__, "allocation", warnings)
    rules = data.get("key_account_rules")
    if isinstance(rules, Mapping):
        _unknown(rules, KeyAccountRules.__dataclass_fields__, "key_account_rules", warnings)
        rules = rules.get("rules")
        where = "key_account_rules.rules"
    else:
        where = "key_account_rules"
    for k, rule in enumerate(_objects(rules), start=1):
        _unknown(rule, AccountRule.__dataclass_fields__, f"{where}[{k}]", warnings)


def default_label_key(name: str) -> str | None:
    """The key a default label of any scheme and language stands for (关键客户 → t1,
    Strategic → strategic), for names of tiers the current scheme does not have."""
    for labels in QUADRANT_LABELS.values():
        if name in labels:
            return QUADRANT_KEYS[labels.index(name)]
    for labels in DEFAULT_TIER_LABELS.values():
        if name in labels:
            return f"t{labels.index(name) + 1}"
    return None


def tier_key(tiers: TierSpec, name: str, prefer_labels: bool) -> str | None:
    """The key a stored tier name stands for under ``tiers``, else a default label's key."""
    return tiers.tier_key(name, prefer_labels) or default_label_key(str(name))


def _rekey(values: Mapping[str, Any], tiers: TierSpec, prefer_labels: bool) -> dict[str, Any]:
    """Names → keys; a name that is the current tiers' own key or label wins a clash."""
    out: dict[str, Any] = {}
    own = set(tiers.keys) | {str(x) for x in tiers.labels}
    for name in sorted(values, key=lambda n: str(n) in own):
        out[tier_key(tiers, name, prefer_labels) or name] = values[name]
    return out


def migrate_names(
    scenario: Scenario, prefer_labels: bool
) -> tuple[tuple[Override, ...], dict[str, Any], AllocationPolicy | None]:
    """The overrides, playbook and allocation of ``scenario`` with every tier they name as
    a key (core.method.scenario calls it on every new Scenario).

    ``prefer_labels`` (files of version 1) reads a name as a label before a key. A name that
    is no tier stays as it is (an override then fails when applied, as before)."""
    tiers = scenario.tiers
    overrides = tuple(
        replace(o, tier=tier_key(tiers, o.tier, prefer_labels) or o.tier)
        if o.tier is not None
        else o
        for o in scenario.overrides
    )
    playbook = _rekey(scenario.playbook, tiers, prefer_labels)
    allocation = scenario.allocation
    if allocation is not None:
        allocation = replace(
            allocation,
            tier_shares=_rekey(allocation.tier_shares, tiers, prefer_labels),
            tier_minimum=_rekey(allocation.tier_minimum, tiers, prefer_labels),
        )
    return overrides, playbook, allocation
