"""Column mapping: what each column of the data *is* — the customer ID, the name, a grouping
attribute, a candidate factor — never which factors rank the customers.

The :class:`~core.scenario.Scenario` owns the factors, their directions and weights, and the ID
and name columns. A mapping is derived: :func:`detect_mapping` looks at headers (the catalog's
synonyms) and values (types, uniqueness); :func:`mapping_for` lays a scenario over it (its ID
and name columns, which candidates it ranks on and in which direction). A *candidate* factor
carries a suggested direction, used only when the user adds it to the scenario.

On a freshly detected mapping, ``include`` is detection's suggestion (known catalog factors
with values; other numeric columns become *custom* candidates, not included), which only
:func:`default_scenario` reads; on a mapping from :func:`mapping_for` it says whether the
scenario ranks on the column. An edit of the Data page's mapping editor is an edit of the
scenario (:func:`scenario_after_edit`): every other scenario fact (weights, normalisers,
tiers, overrides …) is kept, and nothing is regenerated from the mapping.

Date factors are turned into "days since the as-of date" by :func:`factor_values`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from core.catalog import (
    BENEFIT,
    attribute_of,
    factor_by_key,
    find_factor,
    is_id_header,
    is_name_header,
)
from core.errors import InputError
from core.i18n import msg
from core.scenario import DEFAULT_TIER_LABELS, FactorSpec, Scenario, TierSpec


@dataclass(frozen=True)
class ColumnRole:
    """What one column of the data is used for."""

    column: str
    role: str  # "id" | "name" | "attribute" | "factor" (a candidate factor) | "ignored"
    kind: str  # "number" | "date" | "text"
    factor_key: str | None = None  # a catalog key, or "custom"
    direction: str | None = None  # the scenario's, when it ranks on the column; else suggested
    dimension: str | None = None
    include: bool = False  # the scenario ranks on it (mapping_for); detected: suggested
    attribute: str | None = None  # "industry" | "region" | "channel"


@dataclass(frozen=True)
class Mapping:
    """The role of every column: detected from the data, or derived for a scenario
    (:func:`mapping_for`)."""

    id_column: str
    name_column: str | None
    roles: tuple[ColumnRole, ...]

    @property
    def factors(self) -> tuple[ColumnRole, ...]:
        """Every factor column, included or not."""
        return tuple(r for r in self.roles if r.role == "factor")

    @property
    def attributes(self) -> dict[str, str]:
        """Grouping attributes found, e.g. {"industry": "行业", "region": "区域"}."""
        return {r.attribute: r.column for r in self.roles if r.attribute}

    def role_of(self, column: str) -> ColumnRole | None:
        """The role of one column, or None if the mapping does not know it."""
        return next((r for r in self.roles if r.column == column), None)


def column_kind(values: pd.Series) -> str:
    """'date', 'number' or 'text' from a column's dtype."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return "number"
    return "text"


def _is_unique_key(values: pd.Series) -> bool:
    present = values.dropna()
    return len(present) > 0 and present.is_unique and len(present) >= 0.95 * len(values)


def _pick_id(frame: pd.DataFrame) -> str:
    columns = list(frame.columns)
    by_header = [c for c in columns if is_id_header(c)]
    if by_header:
        return by_header[0]
    for column in columns:
        if column_kind(frame[column]) == "text" and _is_unique_key(frame[column]):
            return column
    if not columns:
        raise InputError(msg("mapping.table_has_no_columns_check"))
    return columns[0]


def detect_mapping(frame: pd.DataFrame) -> Mapping:
    """Guess every column's role from its header and values."""
    id_column = _pick_id(frame)
    names = [c for c in frame.columns if c != id_column and is_name_header(c)]
    name_column = names[0] if names else None
    roles = []
    for column in frame.columns:
        kind = column_kind(frame[column])
        if column == id_column:
            roles.append(ColumnRole(column, "id", kind))
        elif column == name_column:
            roles.append(ColumnRole(column, "name", kind))
        elif attribute_of(column) and kind == "text":
            roles.append(ColumnRole(column, "attribute", kind, attribute=attribute_of(column)))
        elif kind == "text":
            roles.append(ColumnRole(column, "ignored", kind))
        else:
            known = find_factor(column)
            has_values = frame[column].notna().any()
            if known:
                roles.append(
                    ColumnRole(
                        column,
                        "factor",
                        kind,
                        known.key,
                        known.direction,
                        known.dimension,
                        include=bool(has_values),
                    )
                )
            else:
                roles.append(ColumnRole(column, "factor", kind, "custom", BENEFIT, "custom"))
    return Mapping(id_column, name_column, tuple(roles))


def with_factor(mapping: Mapping, column: str, **changes: object) -> Mapping:
    """A copy of the mapping with one column's role fields changed (include, direction …)."""
    roles = tuple(replace(r, **changes) if r.column == column else r for r in mapping.roles)
    return replace(mapping, roles=roles)


def release_column(mapping: Mapping, column: str) -> Mapping:
    """A column that stops being the ID or name becomes what detection would have made of it:
    a custom factor (not included) when it holds numbers or dates, else a grouping attribute
    when its header names one, else ignored."""
    if mapping.role_of(column).kind != "text":
        return with_factor(
            mapping,
            column,
            role="factor",
            factor_key="custom",
            direction=BENEFIT,
            dimension="custom",
            include=False,
        )
    attribute = attribute_of(column)
    return with_factor(
        mapping, column, role="attribute" if attribute else "ignored", attribute=attribute
    )


def claim_column(mapping: Mapping, column: str, role: str) -> Mapping:
    """``column`` takes ``role`` ("id" or "name"); its factor and attribute fields are cleared."""
    return with_factor(
        mapping,
        column,
        role=role,
        include=False,
        factor_key=None,
        direction=None,
        dimension=None,
        attribute=None,
    )


def with_id_column(mapping: Mapping, column: str) -> Mapping:
    """``column`` becomes the customer ID; the old ID is released, and the name column is
    dropped when it is the new ID."""
    name = None if column == mapping.name_column else mapping.name_column
    changed = claim_column(release_column(mapping, mapping.id_column), column, "id")
    return replace(changed, id_column=column, name_column=name)


def with_name_column(mapping: Mapping, column: str | None) -> Mapping:
    """``column`` becomes the display name (None: no name column); the old name is released."""
    changed = release_column(mapping, mapping.name_column) if mapping.name_column else mapping
    if column:
        changed = claim_column(changed, column, "name")
    return replace(changed, name_column=column)


def with_edits(mapping: Mapping, before: pd.DataFrame, after: pd.DataFrame) -> Mapping:
    """The mapping with a factor editor's changed cells applied.

    ``before`` and ``after`` hold one row per factor in the same order: ``column`` plus the
    editable fields (``factor`` – a catalog key or "custom" –, ``direction``, ``include``).
    A cell equal in both is left alone; a new ``factor`` brings its catalog dimension and,
    unless the direction changed too, its catalog direction.
    """
    for i in range(len(before)):
        updates = {k: v for k, v in after.iloc[i].items() if v != before.iloc[i][k]}
        if "factor" in updates:
            known = factor_by_key(updates.pop("factor"))
            updates["factor_key"] = known.key if known else "custom"
            updates["dimension"] = known.dimension if known else "custom"
            updates.setdefault("direction", known.direction if known else BENEFIT)
        if updates:
            mapping = with_factor(mapping, before["column"].iloc[i], **updates)
    return mapping


def data_language(mapping: Mapping) -> str:
    """'zh' when the ID column's header is Chinese (any non-ASCII text), else 'en'."""
    return "en" if mapping.id_column.isascii() else "zh"


def _no_factors() -> InputError:
    return InputError(msg("mapping.no_factor_columns_found_table"))


def default_scenario(mapping: Mapping, lang: str | None = None) -> Scenario:
    """Equal weights over the included factors, share tiers, min–max, median imputation.

    Tier labels follow ``lang``, or the data's own language (:func:`data_language`).
    """
    lang = lang or data_language(mapping)
    factors = tuple(
        FactorSpec(r.column, r.direction or BENEFIT, 1.0) for r in mapping.factors if r.include
    )
    if not factors:
        raise _no_factors()
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
        raise _no_factors()
    return replace(
        scenario,
        id_column=after.id_column,
        name_column=after.name_column,
        factors=tuple(factors),
    )


def latest_date(frame: pd.DataFrame, columns: list[str]) -> date | None:
    """The latest date in the given date columns (the default as-of date), or None."""
    dates = [frame[c].max() for c in columns if column_kind(frame[c]) == "date"]
    dates = [d for d in dates if pd.notna(d)]
    return max(dates).date() if dates else None


def factor_values(frame: pd.DataFrame, columns: list[str], as_of: date | None) -> np.ndarray:
    """The factor matrix (customers × factors, float, NaN = missing).

    Date columns become days since ``as_of`` (days since the last purchase, days since the
    first order); numbers are taken as they are.
    """
    out = np.empty((len(frame), len(columns)), dtype=float)
    for j, column in enumerate(columns):
        values = frame[column]
        if column_kind(values) == "date":
            if as_of is None:
                raise InputError(msg("mapping.column_holds_dates_but_no", column=column))
            delta = pd.Timestamp(as_of) - values
            out[:, j] = delta.dt.days.to_numpy(dtype=float, na_value=np.nan)
        elif column_kind(values) == "number":
            out[:, j] = values.to_numpy(dtype=float, na_value=np.nan)
        else:
            raise InputError(msg("mapping.column_holds_text_not_numbers", column=column))
    return out
