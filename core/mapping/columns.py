"""Column mapping: what each column of the data *is* — the customer ID, the name, a grouping
attribute, a candidate factor — never which factors rank the customers.

The :class:`~core.method.scenario.Scenario` owns the factors, their directions and weights, and the
ID and name columns. A mapping is derived: :func:`detect_mapping` looks at headers (the catalog's
synonyms) and values (types, uniqueness). A *candidate* factor carries a suggested direction,
used only when the user adds it to the scenario. Where a mapping and a scenario meet — the
default scenario of a mapping, the mapping a scenario implies, a mapping edit as a scenario
edit — is core.method.scenario_mapping, above both.

On a freshly detected mapping, ``include`` is detection's suggestion (known catalog factors
with values; other numeric columns become *custom* candidates, not included), which only the
default scenario reads; on a mapping laid over a scenario it says whether the scenario ranks
on the column.

Date factors are turned into "days since the as-of date" by :func:`factor_values`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.i18n.message import render
from core.ingest.parsing import is_date_header
from core.mapping.catalog import (
    BENEFIT,
    attribute_of,
    factor_by_key,
    find_factor,
    is_id_header,
    is_name_header,
)

NUMBER_LIKE_SHARE = 0.8  # share of a text column's cells that start like a number


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
    (:func:`~core.method.scenario_mapping.mapping_for`)."""

    id_column: str
    name_column: str | None
    roles: tuple[ColumnRole, ...]
    # text columns whose cells look like numbers the reader does not read ("100kg", "~5"):
    # (column, an example cell), named when no factor is found
    unread_numbers: tuple[tuple[str, str], ...] = ()

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


def factor_kind(column: str, values: pd.Series | None = None) -> str:
    """A factor column's kind (:func:`column_kind`) from its values when they are known, else
    from its header: 'date' for 最近购买日期 or last_order_date, 'number' otherwise (a room or a
    saved scenario knows its columns' names only)."""
    if values is not None:
        return column_kind(values)
    return "date" if is_date_header(str(column)) else "number"


def direction_word(direction: str, kind: str | None) -> str:
    """How a factor's direction reads for its kind: ``benefit`` / ``cost`` for numbers, and
    ``date_benefit`` (earlier is better) / ``date_cost`` (more recent is better) for dates,
    which are scored as days since (:func:`factor_values`)."""
    return f"date_{direction}" if kind == "date" else direction


def direction_text(direction: str, kind: str | None, lang: str) -> str:
    """The direction of a factor in words, in ``lang``: 越高越好 / 越低越好 for numbers,
    越早越好 / 越近越好 for dates (``report.text.<direction_word>``)."""
    return render(f"report.text.{direction_word(direction, kind)}", {}, lang)


def _is_unique_key(values: pd.Series) -> bool:
    present = values.dropna()
    return len(present) > 0 and present.is_unique and len(present) >= 0.95 * len(values)


def find_id(frame: pd.DataFrame) -> str | None:
    """The customer ID column: the first whose header names an ID, else the first text
    column unique in (almost) every row; None when no column is one."""
    columns = list(frame.columns)
    by_header = [c for c in columns if is_id_header(c)]
    if by_header:
        return by_header[0]
    for column in columns:
        if column_kind(frame[column]) == "text" and _is_unique_key(frame[column]):
            return column
    return None


def _pick_id(frame: pd.DataFrame) -> str:
    """:func:`find_id`; a table without one (never read through core.mapping.row_ids) falls
    back to its first text column, never to a column of numbers or dates."""
    if not len(frame.columns):
        raise InputError(msg("mapping.table_has_no_columns_check"))
    found = find_id(frame)
    if found is not None:
        return found
    text = [c for c in frame.columns if column_kind(frame[c]) == "text"]
    if not text:
        raise InputError(msg("mapping.no_id_column"))
    return text[0]


_NUMBER_LIKE = r"\D{0,3}\d"  # digits at the start, after at most a sign or symbol (≈, ~, $)


def _unread_number(values: pd.Series) -> str | None:
    """An example cell when most cells of a text column start like a number, else None."""
    present = values.dropna().astype(str)
    looks = present.str.match(_NUMBER_LIKE)
    if present.empty or looks.mean() < NUMBER_LIKE_SHARE:
        return None
    return str(present[looks].iloc[0])


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
    unread = tuple(
        (r.column, example)
        for r in roles
        if r.role in ("ignored", "attribute")
        and (example := _unread_number(frame[r.column])) is not None
    )
    return Mapping(id_column, name_column, tuple(roles), unread)


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


def latest_date(frame: pd.DataFrame, columns: list[str], today: date | None = None) -> date | None:
    """The default as-of date: the latest day in the given date columns that is not after
    ``today`` (default: the clock's), or ``today`` when every date is after it; None without
    dates. A date after it never becomes the as-of date (:func:`future_dates` flags it)."""
    today = today or date.today()
    dated = [frame[c].dt.normalize() for c in columns if column_kind(frame[c]) == "date"]
    if not any(d.notna().any() for d in dated):
        return None
    past = [d[d <= pd.Timestamp(today)].max() for d in dated]
    past = [d for d in past if pd.notna(d)]
    return max(past).date() if past else today


def future_dates(
    frame: pd.DataFrame, columns: list[str], as_of: date | None
) -> dict[str, np.ndarray]:
    """Per date column with days after ``as_of``: the mask of those rows (which
    :func:`factor_values` reads as missing)."""
    if as_of is None:
        return {}
    found = {}
    for column in columns:
        if column_kind(frame[column]) == "date":
            after = (frame[column].dt.normalize() > pd.Timestamp(as_of)).to_numpy(dtype=bool)
            if after.any():
                found[column] = after
    return found


def factor_values(frame: pd.DataFrame, columns: list[str], as_of: date | None) -> np.ndarray:
    """The factor matrix (customers × factors, float, NaN = missing).

    Date columns become days since ``as_of`` (days since the last purchase, days since the
    first order), missing for a day after ``as_of`` (see :func:`future_dates`); numbers are
    taken as they are.
    """
    out = np.empty((len(frame), len(columns)), dtype=float)
    for j, column in enumerate(columns):
        values = frame[column]
        if column_kind(values) == "date":
            if as_of is None:
                raise InputError(msg("mapping.column_holds_dates_but_no", column=column))
            delta = pd.Timestamp(as_of) - values
            days = delta.dt.days.to_numpy(dtype=float, na_value=np.nan)
            after = (values.dt.normalize() > pd.Timestamp(as_of)).to_numpy(dtype=bool)
            out[:, j] = np.where(after, np.nan, days)
        elif column_kind(values) == "number":
            out[:, j] = values.to_numpy(dtype=float, na_value=np.nan)
        else:
            raise InputError(msg("mapping.column_holds_text_not_numbers", column=column))
    return out
