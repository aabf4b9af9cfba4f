"""Rank a customer table under a Scenario: the one entry point the app and the CLI share.

Nothing is lost silently: every input row is either in :attr:`Ranking.table` or in
:attr:`Ranking.excluded` with its reason. Row numbers follow the spreadsheet convention
(header = row 1, first customer = row 2). Repeated customer IDs follow the scenario's
``duplicate_ids`` policy (core.method.duplicates: keep the first row, sum the rows, or refuse),
with a warning naming them and one per ID whose rows carry different names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from core.errors import ScenarioError
from core.i18n import Items, msg
from core.ingest.rows import sheet_rows
from core.mapping.catalog import COST
from core.mapping.columns import factor_values, future_dates, latest_date
from core.method.duplicates import PolicyResult, apply_duplicate_policy
from core.method.normalize import constant_columns
from core.method.overrides import OVERRIDE_COLUMNS, apply_overrides, id_codes
from core.method.scenario import Scenario
from core.method.scoring import fill_missing, normalize_columns, rank_order, topsis, weighted_sum
from core.method.tiers import abc_classes, quadrant_tiers, share_tiers, threshold_tiers

CONTRIB_PREFIX = "contrib:"


@dataclass(frozen=True)
class Ranking:
    """A ranked, tiered and explained customer list."""

    # rank, customer_id, score, tier, [computed_tier, override when the scenario has
    # overrides, see core.method.overrides], contrib:<col>…, original columns
    table: pd.DataFrame
    excluded: pd.DataFrame  # row, customer_id, reason
    warnings: tuple[str, ...]
    scenario: Scenario
    as_of: date | None

    @property
    def contribution_columns(self) -> list[str]:
        """The contribution column names, in factor order."""
        return [CONTRIB_PREFIX + c for c in self.scenario.columns]


def _excluded_rows(
    frame: pd.DataFrame, id_column: str, x: np.ndarray, repeated: pd.DataFrame
) -> pd.DataFrame:
    """The rows left out: ``repeated`` (the duplicate policy's), rows without an ID, rows
    without any factor value; in sheet-row order."""
    ids = frame[id_column]
    rows = sheet_rows(frame)
    text_ids = ids.astype("string").str.strip()
    missing_id = ids.isna().to_numpy() | (text_ids == "").fillna(True).to_numpy()
    no_values = np.isnan(x).all(axis=1) & ~missing_id
    reasons = np.full(len(frame), None, dtype=object)
    reasons[missing_id] = msg("ranking.missing_customer_id_column", column=id_column)
    reasons[no_values] = msg("ranking.no_value_any_factor")
    keep = reasons == None  # noqa: E711 — elementwise test on an object array
    reason = pd.Series(reasons[~keep], dtype=object)  # object: each reason stays a Message
    own = pd.DataFrame({"row": rows[~keep], "customer_id": ids.to_numpy()[~keep], "reason": reason})
    return own.astype({"row": int}) if repeated.empty else with_excluded(repeated, own)


def _repeated_ids(frame: pd.DataFrame, scenario: Scenario) -> PolicyResult:
    """The scenario's duplicate policy applied to ``frame`` (core.method.duplicates); the
    ``sum`` policy combines the columns the ranking reads."""
    tiers = scenario.tiers
    read = [*scenario.columns, tiers.value_column, tiers.potential_column]
    return apply_duplicate_policy(
        frame,
        scenario.id_column,
        scenario.duplicate_ids,
        columns=[c for c in read if c is not None],
        name_column=scenario.name_column,
    )


def ranked_rows(frame: pd.DataFrame, excluded: pd.DataFrame) -> np.ndarray:
    """Boolean mask of the rows of ``frame`` that are not in ``excluded`` (so were ranked)."""
    return ~np.isin(sheet_rows(frame), excluded["row"].to_numpy())


def ranked_input(frame: pd.DataFrame, ranking: Ranking) -> pd.DataFrame:
    """The rows of ``frame`` (the table ``ranking`` was made from) that it ranked, with the
    values it ranked: repeated IDs as its scenario's duplicate policy left them (summed
    rows combined)."""
    deduplicated = _repeated_ids(frame, ranking.scenario).frame
    return deduplicated.loc[ranked_rows(deduplicated, ranking.excluded)]


def _column_warnings(columns: list[str], x: np.ndarray, policy: str) -> list[str]:
    warnings = []
    missing = np.isnan(x).sum(axis=0)
    message_id = {
        "median": "ranking.missing_filled_median",
        "worst": "ranking.missing_filled_worst",
        "skip": "ranking.missing_left_out",
    }[policy]
    for j, column in enumerate(columns):
        if missing[j]:
            warnings.append(msg(message_id, column=column, n=missing[j]))
    return warnings


def _assign_tiers(table: Mapping[str, Any], scenario: Scenario) -> np.ndarray:
    """Each row's tier; ``table`` maps the ranking's columns to arrays (rank, score) or Series
    (the input columns)."""
    spec = scenario.tiers
    if spec.scheme == "share":
        return share_tiers(np.asarray(table["rank"]), spec.shares, spec.labels)
    if spec.scheme == "threshold":
        return threshold_tiers(np.asarray(table["score"]), spec.thresholds, spec.labels)
    value_column = spec.value_column or scenario.columns[0]
    if spec.scheme == "abc":
        return abc_classes(
            table[value_column].to_numpy(dtype=float, na_value=np.nan), spec.cuts, spec.labels
        )
    potential = spec.potential_column
    if potential is None or len(spec.labels) != 4:
        raise ScenarioError(msg("ranking.scenario_quadrant_scheme_needs_potential"))
    return quadrant_tiers(
        table[value_column].to_numpy(dtype=float, na_value=np.nan),
        table[potential].to_numpy(dtype=float, na_value=np.nan),
        spec.labels,
        spec.value_cut,
        spec.potential_cut,
    )


def rank_customers(
    frame: pd.DataFrame, scenario: Scenario, *, excluded: pd.DataFrame | None = None
) -> Ranking:
    """Score, rank, tier and explain every customer of ``frame`` under ``scenario``.

    ``excluded`` holds rows already taken out before ranking (an ingest's
    :attr:`~core.ingest.read.IngestResult.excluded`: totals, notes …); they are listed in
    :attr:`Ranking.excluded` with their reasons, ahead of the ranking's own on the same row,
    the whole list sorted by row. (:func:`prepare_ranking` and :func:`rank_prepared` are its
    two halves, for many weightings of one table.)
    """
    return rank_prepared(prepare_ranking(frame, scenario, excluded=excluded), scenario)


def with_excluded(first: pd.DataFrame, then: pd.DataFrame) -> pd.DataFrame:
    """``first``'s row, customer_id and reason ahead of the excluded list ``then`` (whose
    columns it keeps), sorted by row (``first`` ahead on a tie)."""
    columns = ["row", "customer_id", "reason"]
    both = pd.concat([first[columns], then], ignore_index=True)
    both = both.astype({"row": int, "customer_id": object, "reason": object})
    return both.sort_values("row", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class PreparedRanking:
    """What ranking ``frame`` under a scenario reads from the data before any weight: the
    rows kept and left out, the factor values filled and normalised. Weights move often (a
    slider); this is computed once per data and scenario-without-weights
    (:func:`prepare_ranking`) and scored many times (:func:`rank_prepared`)."""

    key: str  # the scenario without its weights, as JSON
    rows: pd.DataFrame  # the rows ranked (after the duplicate policy)
    id_codes: np.ndarray  # of their IDs, for ties (core.method.overrides.id_codes)
    as_of: date | None
    excluded: pd.DataFrame
    values: np.ndarray  # per kept row and factor: normalised (weighted sum) or filled (TOPSIS)
    cost: np.ndarray
    present: np.ndarray | None
    empty: np.ndarray  # factors with no value left
    warnings: tuple


def prepare_ranking(
    frame: pd.DataFrame, scenario: Scenario, *, excluded: pd.DataFrame | None = None
) -> PreparedRanking:
    """Everything :func:`rank_customers` does before the weights (see PreparedRanking)."""
    before = excluded
    scenario.validate(frame.columns)
    columns = scenario.columns
    as_of = date.fromisoformat(scenario.as_of) if scenario.as_of else latest_date(frame, columns)
    repeated = _repeated_ids(frame, scenario)
    frame = repeated.frame
    raw = factor_values(frame, columns, as_of)
    warnings = [*repeated.warnings, *_future_warnings(frame, columns, as_of)]
    infinite = np.isinf(raw)
    for j in np.flatnonzero(infinite.any(axis=0)):
        rows = sheet_rows(frame)[infinite[:, j]].tolist()
        warnings.append(
            msg(
                "ranking.column_infinite_value_row_treated",
                column=columns[j],
                rows=", ".join(map(str, rows[:5])),
            )
        )
    raw = np.where(infinite, np.nan, raw)
    excluded = _excluded_rows(frame, scenario.id_column, raw, repeated.excluded)
    kept = ranked_rows(frame, excluded)
    if before is not None and not before.empty:
        excluded = with_excluded(before, excluded)
    x = raw[kept]
    if len(x) == 0:
        raise ScenarioError(msg("ranking.no_customer_can_ranked_every"))
    empty = np.isnan(x).all(axis=0)
    for j in np.flatnonzero(empty):
        warnings.append(msg("ranking.column_has_no_values_left", column=columns[j]))
    x[:, empty] = 0.0
    warnings += _column_warnings(columns, x, scenario.missing)
    cost = np.array([f.direction == COST for f in scenario.factors])
    present = ~np.isnan(x) if scenario.missing == "skip" and np.isnan(x).any() else None
    filled = fill_missing(x, cost, scenario.missing)
    for j in np.flatnonzero(constant_columns(filled) & ~empty):
        warnings.append(msg("ranking.column_has_same_value_every", column=columns[j]))
    if scenario.method != "topsis":
        filled = normalize_columns(filled, cost, [f.normalize for f in scenario.factors])
    rows = frame.loc[kept]
    return PreparedRanking(
        scenario.key_without_weights(), rows, id_codes(rows[scenario.id_column]), as_of, excluded,
        filled, cost, present, empty, tuple(warnings),
    )  # fmt: skip


def rank_prepared(prepared: PreparedRanking, scenario: Scenario) -> Ranking:
    """Score, rank, tier and explain ``prepared`` under ``scenario``, which may differ from
    the one it was prepared for only in its weights (ValueError otherwise)."""
    if scenario.key_without_weights() != prepared.key:
        raise ValueError("the scenario differs from the prepared one in more than its weights")
    weights = scenario.weights.copy()
    weights[prepared.empty] = 0.0
    if weights.sum() <= 0:
        raise ScenarioError(msg("ranking.no_factor_with_positive_weight"))
    weights = weights / weights.sum()
    if scenario.method == "topsis":
        score, contrib = topsis(prepared.values, prepared.cost, weights, prepared.present)
    else:
        score, contrib = weighted_sum(prepared.values, weights, prepared.present)
    table = _build_table(prepared, scenario, score, contrib)
    table, override_warnings, _ = apply_overrides(table, scenario)
    warnings = (*prepared.warnings, *override_warnings)
    return Ranking(table, prepared.excluded, warnings, scenario, prepared.as_of)


def _future_warnings(frame: pd.DataFrame, columns: list[str], as_of: date | None) -> list[str]:
    """One warning per date column with days after the as-of date (read as missing)."""
    warnings = []
    for column, after in future_dates(frame, columns, as_of).items():
        rows = sheet_rows(frame)[after].tolist()
        shown = Items([*map(str, rows[:5]), *(["…"] if len(rows) > 5 else [])], "comma")
        warnings.append(
            msg("ranking.dates_after_as_of", column=column, n=len(rows), as_of=as_of, rows=shown)
        )
    return warnings


def _build_table(
    prepared: PreparedRanking, scenario: Scenario, score: np.ndarray, contrib: np.ndarray
) -> pd.DataFrame:
    """rank, customer_id, score, tier, the contributions, then the input columns, best first
    (built in one go: inserting a column into a wide frame copies it)."""
    frame = prepared.rows
    order = rank_order(score, prepared.id_codes)
    head = {
        "rank": np.arange(1, len(order) + 1),
        "customer_id": frame[scenario.id_column].iloc[order].reset_index(drop=True),
        "score": score[order],
    }
    contributions = {CONTRIB_PREFIX + c: contrib[order, j] for j, c in enumerate(scenario.columns)}
    original = frame.iloc[order].reset_index(drop=True)
    # An input column called e.g. "score" must not shadow the computed one.
    computed = {*head, "tier", *contributions, *(OVERRIDE_COLUMNS if scenario.overrides else ())}
    inputs = {f"{c} (input)" if c in computed else c: original[c] for c in original.columns}
    tier = _assign_tiers({**head, **contributions, **inputs}, scenario)
    return pd.DataFrame({**head, "tier": tier, **contributions, **inputs}, copy=False)
