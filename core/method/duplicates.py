"""Repeated customer IDs: find them, and apply the scenario's policy for them.

An ID is compared as text with surrounding spaces removed (``C001`` and ``C001 `` are the same
customer); rows without an ID are not repeats (the ranking excludes them on its own). Rows are
spreadsheet rows (core.ingest.rows.sheet_rows). Policies (stable keys, the scenario's
``duplicate_ids``):

- ``first`` (the default): keep each ID's first row; the others are excluded with their reason.
- ``sum``: one row per ID, at its first row; the other rows are excluded as "merged into row N".
  The columns the ranking reads (:func:`combine_rule`) are combined so that the row stands for
  the whole customer: amounts and counts (revenue, profit, orders, cost to serve, complaints,
  any other number) are **summed**; rates, shares and scores (a catalog rate or score such as
  satisfaction, margin, share of wallet, growth; a header with ``%``, 率, 比例, 占比, 度, 评分,
  得分, 指数, rate, ratio, share, pct, percent, score, index) are **averaged**; dates take the
  **latest**, except a first-order date (tenure), which takes the **earliest**; days since the
  last order take the **smallest**, years as a customer the **largest**. Missing cells are
  left out (all missing stays missing). Every other column keeps the first row's value.
- ``refuse``: raise :class:`~core.errors.InputError` naming the repeated IDs and their rows.

Rows of the same ID whose names differ (compared without case and extra spaces; an empty name
differs from none) are called out whatever the policy: likely two customers under one ID.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import InputError
from core.i18n import Items, Message, msg
from core.ingest.rows import ROW_INDEX, sheet_rows
from core.mapping.catalog import find_factor
from core.mapping.columns import column_kind

DUPLICATE_POLICIES = ("first", "sum", "refuse")
DEFAULT_POLICY = "first"
EXAMPLES_SHOWN = 3  # IDs named in a warning or error
ROWS_SHOWN = 5  # rows named per ID

# Catalog factors whose values add up over a customer's rows; other catalog numbers are levels.
ADDED_FACTORS = frozenset({"frequency", "monetary", "profit", "cost_to_serve", "churn_risk"})
RATE_HEADER = re.compile(
    r"%|率|比例|占比|度$|评分|得分|指数|(?:^|[^a-z])(?:rate|ratio|share|pct|percent|score|index)"
    r"(?:[^a-z]|$)",
    re.IGNORECASE,
)
RULES = ("sum", "mean", "latest", "earliest", "smallest", "largest", "first")


@dataclass(frozen=True)
class DuplicateIds:
    """The repeated IDs of a table."""

    rows: Mapping[str, tuple[int, ...]]  # each repeated ID → its sheet rows, in file order
    names: Mapping[str, tuple[str, ...]]  # IDs whose rows carry different names → the names

    @property
    def ids(self) -> tuple[str, ...]:
        """The repeated IDs, in order of first appearance."""
        return tuple(self.rows)

    @property
    def conflicts(self) -> tuple[str, ...]:
        """The repeated IDs whose rows carry different names ("likely a data problem")."""
        return tuple(self.names)

    @property
    def extra_rows(self) -> int:
        """Rows beyond each ID's first one."""
        return sum(len(r) - 1 for r in self.rows.values())

    def __bool__(self) -> bool:
        return bool(self.rows)


@dataclass(frozen=True)
class PolicyResult:
    """What a duplicate policy leaves for the ranking."""

    frame: pd.DataFrame  # the rows to rank; with repeats, indexed by sheet row ("row")
    excluded: pd.DataFrame  # row, customer_id, reason (a Message)
    warnings: tuple[Message, ...]
    duplicates: DuplicateIds


def _text_ids(frame: pd.DataFrame, id_column: str) -> pd.Series:
    text = frame[id_column].astype("string").str.strip()
    return text.mask(text == "")


def _folded(name: object) -> str | None:
    if name is None or (not isinstance(name, str) and pd.isna(name)):
        return None
    return " ".join(str(name).split()).casefold()


def _name_conflicts(
    frame: pd.DataFrame, name_column: str, positions: Mapping[str, np.ndarray]
) -> dict[str, tuple[str, ...]]:
    names = frame[name_column].to_numpy(dtype=object)
    conflicts = {}
    for customer, at in positions.items():
        spelled: dict[str, str] = {}
        for name in names[at]:
            folded = _folded(name)
            if folded is not None:
                spelled.setdefault(folded, " ".join(str(name).split()))
        if len(spelled) > 1:
            conflicts[customer] = tuple(spelled.values())
    return conflicts


def _positions(frame: pd.DataFrame, id_column: str) -> dict[str, np.ndarray]:
    """Each repeated ID → the positions of its rows, in order of first appearance."""
    text = _text_ids(frame, id_column)
    repeated = (text.duplicated(keep=False) & text.notna()).to_numpy()
    if not repeated.any():
        return {}
    at = np.flatnonzero(repeated)
    keys = text.to_numpy(dtype=object)[at]
    groups = pd.Series(at).groupby(keys, sort=False).agg(list)
    return {str(k): np.asarray(v) for k, v in groups.items()}


def _find(
    frame: pd.DataFrame, id_column: str, name_column: str | None
) -> tuple[DuplicateIds, dict[str, np.ndarray]]:
    positions = _positions(frame, id_column)
    rows = sheet_rows(frame)
    found = {k: tuple(int(r) for r in rows[v]) for k, v in positions.items()}
    names = {}
    if name_column is not None and name_column in frame.columns and positions:
        names = _name_conflicts(frame, name_column, positions)
    return DuplicateIds(found, names), positions


def find_duplicate_ids(
    frame: pd.DataFrame, id_column: str, name_column: str | None = None
) -> DuplicateIds:
    """The IDs of ``frame[id_column]`` that appear in more than one row, with their sheet rows,
    and (given ``name_column``) those whose rows carry different names."""
    return _find(frame, id_column, name_column)[0]


def combine_rule(column: str, values: pd.Series) -> str:
    """How the ``sum`` policy combines a column over an ID's rows (one of :data:`RULES`; see
    the module docstring)."""
    kind = column_kind(values)
    factor = find_factor(column)
    key = factor.key if factor else None
    if kind == "date":
        return "earliest" if key == "tenure" else "latest"
    if kind != "number":
        return "first"
    if key == "recency":
        return "smallest"
    if key == "tenure":
        return "largest"
    if key in ADDED_FACTORS and not RATE_HEADER.search(str(column)):
        return "sum"
    if key is not None or RATE_HEADER.search(str(column)):
        return "mean"
    return "sum"


def _combined(values: pd.Series, keys: np.ndarray, rule: str) -> pd.Series:
    grouped = values.groupby(keys, sort=False)
    if rule == "sum":
        return grouped.sum(min_count=1)
    if rule == "mean":
        return grouped.mean()
    return grouped.max() if rule in ("latest", "largest") else grouped.min()


def _examples(found: DuplicateIds) -> Items:
    shown = [
        msg("duplicates.example", id=k, rows=Items(map(str, v[:ROWS_SHOWN]), "comma"))
        for k, v in list(found.rows.items())[:EXAMPLES_SHOWN]
    ]
    return Items([*shown, "…"] if len(found.rows) > EXAMPLES_SHOWN else shown)


def duplicates_summary(found: DuplicateIds) -> Message:
    """How many IDs repeat, with the first few and their rows: "2 customer ID(s) appear more
    than once (C1 rows 2, 4; C2 rows 3, 7)"."""
    return msg("duplicates.found", n=len(found.rows), examples=_examples(found))


def name_conflicts(found: DuplicateIds) -> list[Message]:
    """One message per repeated ID whose rows carry different names."""
    return [
        msg(
            "duplicates.name_conflict",
            id=customer,
            rows=Items(map(str, found.rows[customer][:ROWS_SHOWN]), "comma"),
            names=Items(names, "comma"),
        )
        for customer, names in found.names.items()
    ]


def _rules_text(rules: Mapping[str, str]) -> Items:
    by_rule: dict[str, list[str]] = {}
    for column, rule in rules.items():
        by_rule.setdefault(rule, []).append(column)
    return Items(
        [
            msg(f"duplicates.rule.{rule}", columns=Items(columns, "comma"))
            for rule, columns in by_rule.items()
            if rule != "first"
        ],
        "list",
    )


def _exclusions(
    frame: pd.DataFrame, id_column: str, positions: Mapping[str, np.ndarray], policy: str
) -> tuple[np.ndarray, pd.DataFrame]:
    rows, ids = sheet_rows(frame), frame[id_column].to_numpy(dtype=object)
    drop, out_rows, out_ids, reasons = [], [], [], []
    message_id = (
        "duplicates.merged_into" if policy == "sum" else "ranking.duplicate_customer_id_first_seen"
    )
    for customer, at in positions.items():
        first = int(rows[at[0]])
        for i in at[1:]:
            drop.append(i)
            out_rows.append(int(rows[i]))
            out_ids.append(ids[i])
            reasons.append(msg(message_id, id=customer, row=first))
    order = np.argsort(out_rows, kind="stable")
    # object columns: each reason stays a Message (pandas would make plain strings of them)
    excluded = pd.DataFrame(
        {
            "row": np.asarray(out_rows, dtype=int)[order],
            "customer_id": pd.Series([out_ids[i] for i in order], dtype=object),
            "reason": pd.Series([reasons[i] for i in order], dtype=object),
        }
    )
    return np.asarray(drop, dtype=int), excluded


def _empty_excluded() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": pd.Series(dtype=int),
            "customer_id": pd.Series(dtype=object),
            "reason": pd.Series(dtype=object),
        }
    )


def apply_duplicate_policy(
    frame: pd.DataFrame,
    id_column: str,
    policy: str = DEFAULT_POLICY,
    *,
    columns: Iterable[str] = (),
    name_column: str | None = None,
) -> PolicyResult:
    """Apply ``policy`` (:data:`DUPLICATE_POLICIES`) to the repeated IDs of ``frame``.

    ``columns`` are the ones the ``sum`` policy combines (the factors and tier columns the
    ranking reads); ``name_column`` finds name conflicts. Without repeats the frame comes back
    as it is. Returns the frame to rank (with repeats: indexed by sheet row, so later messages
    keep the file's row numbers), the rows left out with their reason, and the warnings: one
    for the repeats, one per name conflict. ``refuse`` raises InputError instead.
    """
    if policy not in DUPLICATE_POLICIES:
        raise InputError(
            msg(
                "scenario.unknown_duplicate_policy",
                value=policy,
                allowed=", ".join(DUPLICATE_POLICIES),
            )
        )
    found, positions = _find(frame, id_column, name_column)
    if not found:
        return PolicyResult(frame, _empty_excluded(), (), found)
    n, examples = len(found.rows), _examples(found)
    if policy == "refuse":
        raise InputError(msg("duplicates.refused", n=n, examples=examples))
    out = frame.copy()
    out.index = pd.Index(sheet_rows(frame), name=ROW_INDEX)
    warning = msg("duplicates.kept_first", n=n, examples=examples)
    if policy == "sum":
        rules = _sum_columns(out, positions, [c for c in dict.fromkeys(columns) if c in out])
        warning = msg("duplicates.summed", n=n, examples=examples, rules=_rules_text(rules))
    drop, excluded = _exclusions(frame, id_column, positions, policy)
    keep = np.ones(len(out), dtype=bool)
    keep[drop] = False
    return PolicyResult(out[keep], excluded, (warning, *name_conflicts(found)), found)


def _sum_columns(
    out: pd.DataFrame, positions: Mapping[str, np.ndarray], columns: list[str]
) -> dict[str, str]:
    """Combine ``columns`` of ``out`` over each repeated ID's rows into its first row, in
    place; returns the rule used per column."""
    at = np.concatenate(list(positions.values()))
    keys = np.concatenate([[k] * len(v) for k, v in positions.items()])
    firsts = np.array([v[0] for v in positions.values()])
    rules = {}
    for column in columns:
        rules[column] = rule = combine_rule(column, out[column])
        if rule == "first":
            continue
        values = out[column]
        if rule == "mean" and not pd.api.types.is_float_dtype(values):
            values = values.astype(float)
        combined = _combined(values.iloc[at].reset_index(drop=True), keys, rule)
        column_values = values.to_numpy(copy=True)
        column_values[firsts] = combined.reindex(list(positions)).to_numpy()
        out[column] = pd.Series(column_values, index=out.index, dtype=values.dtype)
    return rules
