"""The scenario and the column mapping: a mapping's default scenario, the mapping a scenario
implies, and a mapping edit as a scenario edit.

The mapping (core.mapping.columns) records what each column *is*; the Scenario owns which factors
rank the customers. These functions are where the two meet, above both.
"""

from __future__ import annotations

from dataclasses import replace

from core.errors import InputError
from core.i18n import Items, msg
from core.mapping.catalog import BENEFIT
from core.mapping.columns import Mapping, data_language, with_id_column, with_name_column
from core.method.scenario import DEFAULT_TIER_LABELS, FactorSpec, Scenario, TierSpec


def _no_factors(mapping: Mapping) -> InputError:
    """No factor: naming the text columns that look like numbers the reader does not read."""
    if not mapping.unread_numbers:
        return InputError(msg("mapping.no_factor_columns_found_table"))
    columns = Items(
        (msg("mapping.unread_column", column=c, example=e) for c, e in mapping.unread_numbers),
        "and",
    )
    return InputError(msg("mapping.unread_numbers", columns=columns))


def default_scenario(mapping: Mapping, lang: str | None = None) -> Scenario:
    """Equal weights over the included factors, share tiers, min–max, median imputation.

    Tier labels follow ``lang``, or the data's own language (:func:`data_language`).
    """
    lang = lang or data_language(mapping)
    factors = tuple(
        FactorSpec(r.column, r.direction or BENEFIT, 1.0) for r in mapping.factors if r.include
    )
    if not factors:
        raise _no_factors(mapping)
    return Scenario(
        id_column=mapping.id_column,
        name_column=mapping.name_column,
        factors=factors,
        tiers=TierSpec(labels=DEFAULT_TIER_LABELS[lang]),
    )


def mapping_for(mapping: Mapping, scenario: Scenario) -> Mapping:
    """``mapping`` (what each column is) as ``scenario`` uses it: the scenario's ID and name
    columns, and on every candidate factor whether the scenario ranks on it (``include``) and
    in which direction. Candidates the scenario leaves out keep their suggested direction.

    Columns the mapping does not know (the scenario does not fit the data) are left out; a
    scenario is checked against the data's columns before it is used (Scenario.validate).
    """
    if scenario.id_column != mapping.id_column and mapping.role_of(scenario.id_column):
        mapping = with_id_column(mapping, scenario.id_column)
    name = scenario.name_column
    known = name is None or (mapping.role_of(name) is not None and name != mapping.id_column)
    if name != mapping.name_column and known:
        mapping = with_name_column(mapping, name)
    chosen = {f.column: f.direction for f in scenario.factors}
    roles = tuple(
        replace(r, include=r.column in chosen, direction=chosen.get(r.column, r.direction))
        if r.role == "factor"
        else r
        for r in mapping.roles
    )
    return replace(mapping, roles=roles)


def scenario_after_edit(
    scenario: Scenario, before: Mapping, after: Mapping, weight: float = 1.0
) -> Scenario:
    """The scenario after a mapping edit that turned ``before`` into ``after`` (both as
    :func:`mapping_for` gives them for ``scenario``).

    The ID and name columns follow ``after``. A factor whose column's role is untouched keeps
    its spec exactly; one whose role changed stays (with the new direction) while the column
    is an included factor, and is dropped when it is left out or becomes the ID or name.
    A newly included candidate is appended with its direction and ``weight``. Every other
    scenario fact (method, tiers, overrides, playbook …) is kept. InputError when no factor
    would be left.
    """
    factors = []
    for spec in scenario.factors:
        old, new = before.role_of(spec.column), after.role_of(spec.column)
        if new is None or new == old:
            factors.append(spec)
        elif new.role == "factor" and new.include:
            factors.append(replace(spec, direction=new.direction or spec.direction))
    kept = {f.column for f in scenario.factors}
    for role in after.factors:
        if role.include and role.column not in kept:
            factors.append(FactorSpec(role.column, role.direction or BENEFIT, weight))
    if not factors:
        raise _no_factors(after)
    return replace(
        scenario,
        id_column=after.id_column,
        name_column=after.name_column,
        factors=tuple(factors),
    )
