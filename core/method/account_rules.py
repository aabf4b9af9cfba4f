"""Key-account rules (大客户类型规则) as a typed scenario field.

A rule names a key-account type by its stable name (``strategic``, ``partner``,
``transactional`` for the defaults, shown translated; a typed name stays as typed) and the
minimum standing 0–100 on scale, potential and influence (core.strategy.key_accounts applies them).
:class:`KeyAccountRules` is ``Scenario.key_account_rules``: the rules and, optionally, the data
columns for the three dimensions. Kept apart from core.strategy.key_accounts so that
core.method.scenario can hold rules without importing the ranking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.errors import ScenarioError
from core.i18n import LANGUAGES, msg, phrases
from core.method.numbers import as_number

KEY_ACCOUNT_LABELS = {lang: phrases("key_accounts.type.", lang) for lang in LANGUAGES}
DIMENSIONS = ("scale", "potential", "influence")
COLUMN_FIELDS = tuple(f"{d}_column" for d in DIMENSIONS)


@dataclass(frozen=True)
class AccountRule:
    """A key-account type and the minimum standing (0–100) on each dimension to get it."""

    name: str
    scale: float = 0.0
    potential: float = 0.0
    influence: float = 0.0

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise ScenarioError(msg("key_accounts.account_rules_every_rule_needs"))
        for dimension in DIMENSIONS:
            value = getattr(self, dimension)
            number = as_number(value)
            if not 0 <= number <= 100:
                raise ScenarioError(
                    msg(
                        "key_accounts.account_rules_has_use_percentile",
                        name=self.name,
                        dimension=msg(f"key_accounts.dimension_{dimension}"),
                        value=value,
                    )
                )
            object.__setattr__(self, dimension, number)


# Strategic: large, influential and still growing; partner: mid-size with room to grow;
# transactional: everyone else (the catch-all).
DEFAULT_RULES = (
    AccountRule("strategic", scale=70, potential=40, influence=60),
    AccountRule("partner", scale=40, potential=50, influence=0),
    AccountRule("transactional"),
)


def check_rules(rules: Sequence[AccountRule]) -> None:
    """ScenarioError when there is no rule or a type name repeats."""
    if not rules:
        raise ScenarioError(msg("key_accounts.account_rules_rule_table_empty"))
    names = [r.name for r in rules]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ScenarioError(
            msg("key_accounts.account_rules_type_listed_twice", names=", ".join(twice))
        )


def stable_name(name: str) -> str:
    """Back from a translated default type name (战略型, Strategic) to its stable name."""
    for labels in KEY_ACCOUNT_LABELS.values():
        for key, label in labels.items():
            if str(name).strip() == label:
                return key
    return str(name).strip()


def _rule(raw: object) -> AccountRule:
    if isinstance(raw, AccountRule):
        return raw
    if not isinstance(raw, Mapping):
        raise ScenarioError(msg("account_rules.not_an_object"))
    known = {k: v for k, v in raw.items() if k in AccountRule.__dataclass_fields__}
    return AccountRule(**{"name": "", **known})


@dataclass(frozen=True)
class KeyAccountRules:
    """The rule table (first match wins, the last rule catches everyone else) and the columns
    of the three dimensions (None: the column the data's mapping suggests)."""

    rules: tuple[AccountRule, ...] = DEFAULT_RULES
    scale_column: str | None = None
    potential_column: str | None = None
    influence_column: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.rules, str | bytes | Mapping) or not isinstance(self.rules, Sequence):
            raise ScenarioError(msg("account_rules.not_a_list"))
        rules = tuple(_rule(r) for r in self.rules)
        rules = tuple(
            AccountRule(stable_name(r.name), *(getattr(r, d) for d in DIMENSIONS)) for r in rules
        )
        check_rules(rules)
        object.__setattr__(self, "rules", rules)
        for name in COLUMN_FIELDS:
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value):
                raise ScenarioError(msg("account_rules.column", field=name))

    @property
    def columns(self) -> dict[str, str | None]:
        """Dimension → its column (None when not set)."""
        return {d: getattr(self, f"{d}_column") for d in DIMENSIONS}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"rules": [{name, scale, potential, influence}…], "<dim>_column"…}``."""
        data: dict[str, Any] = {"rules": [vars(r).copy() for r in self.rules]}
        data |= {n: getattr(self, n) for n in COLUMN_FIELDS if getattr(self, n) is not None}
        return data

    @classmethod
    def from_value(cls, raw: object) -> KeyAccountRules:
        """From JSON: the object of :meth:`to_dict`, or the older bare list of rules."""
        if isinstance(raw, KeyAccountRules):
            return raw
        if isinstance(raw, list):
            return cls(rules=tuple(raw))
        if not isinstance(raw, Mapping):
            raise ScenarioError(msg("account_rules.expected"))
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**{"rules": DEFAULT_RULES, **known})
        except TypeError as exc:
            raise ScenarioError(msg("account_rules.wrong_type", detail=str(exc))) from None
