"""Join order-log features to a customer master table, and the default scenario for features.

:func:`merge_master` is a left join on the customer ID (compared as text): every master row is
kept; master customers without orders get ``orders = 0`` and the frequency class *prospective*;
IDs found on only one side are reported, never dropped silently. Names: when the features carry
the log's ``customer_name`` (core.orders.names) it is the name shown for a customer with orders,
the customer table's name column only fills the IDs the log does not name; the same ID named
differently on the two sides is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.ingest.parsing import as_text, is_missing
from core.mapping.catalog import BENEFIT, COST
from core.method.scenario import DEFAULT_TIER_LABELS, FactorSpec, Scenario, TierSpec
from core.orders.names import NAME, mismatch_text, name_mismatches

ORDER_FACTORS = (
    ("recency_days", COST),
    ("orders", BENEFIT),
    ("monetary_total", BENEFIT),
    ("profit", BENEFIT),
    ("predicted_clv", BENEFIT),  # when the forecast (core.orders.predict) joined the features
    ("p_alive", BENEFIT),
)


@dataclass(frozen=True)
class MergeResult:
    """The joined table and the IDs that matched on one side only."""

    table: pd.DataFrame  # master columns, then the feature columns (clashing names + " (orders)")
    only_in_master: tuple[str, ...]  # no order: prospective customers
    only_in_orders: tuple[str, ...]  # ordered but not in the master: left out of the table
    # (ID, name in the log, name in the customer table) where the two differ
    name_mismatches: tuple[tuple[str, str, str], ...] = ()
    name_column: str | None = None  # the names to show: the log's first, then the table's

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per side with unmatched IDs (first five shown), then the name
        mismatches."""
        out = []
        for ids, message_id in (
            (self.only_in_master, "orders.ids_without_orders"),
            (self.only_in_orders, "orders.ids_not_in_customer_table"),
        ):
            if ids:
                out.append(msg(message_id, n=len(ids), ids=", ".join(ids[:5])))
        if self.name_mismatches:
            out.append(mismatch_text(self.name_mismatches))
        return tuple(out)


def merge_master(
    master: pd.DataFrame, features: pd.DataFrame, id_column: str, name_column: str | None = None
) -> MergeResult:
    """Left join ``features`` (with ``customer_id``) onto ``master`` by ``id_column``;
    ``name_column`` is the master's name column (see the module docstring for names)."""
    for column in (id_column, name_column):
        if column is not None and column not in master.columns:
            raise InputError(
                msg(
                    "orders.customer_table_no_column_available",
                    column=column,
                    columns=", ".join(map(str, master)),
                )
            )
    keys = as_text(master[id_column])
    clash = set(features.columns) & set(master.columns)
    right = features.rename(columns={c: f"{c} (orders)" for c in clash - {"customer_id"}})
    right = right.rename(columns={"customer_id": "__key"})
    table = master.assign(__key=keys.to_numpy()).merge(right, on="__key", how="left")
    table.index = master.index  # keeps the spreadsheet rows for ranking messages
    table = table.drop(columns="__key")
    orders = "orders (orders)" if "orders" in clash else "orders"
    table[orders] = table[orders].fillna(0).astype("int64")
    if "frequency_class" in right.columns:
        table["frequency_class"] = table["frequency_class"].fillna("prospective")
    known = set(features["customer_id"])
    present = set(keys.dropna())
    shown, mismatches = name_column, ()
    if NAME in features.columns:
        shown = f"{NAME} (orders)" if NAME in clash else NAME
        if name_column is not None:
            theirs = as_text(master[name_column]).mask(is_missing(master[name_column]))
            table[shown] = table[shown].where(table[shown].notna(), theirs.to_numpy(object))
            mismatches = name_mismatches(_names(features["customer_id"], features[NAME]),
                                         _names(keys, theirs))  # fmt: skip
    return MergeResult(
        table,
        tuple(sorted(k for k in present if k not in known)),
        tuple(sorted(k for k in known if k not in present)),
        mismatches,
        shown,
    )


def _names(ids: pd.Series, names: pd.Series) -> dict[str, str]:
    keep = ids.notna().to_numpy() & names.notna().to_numpy()
    return dict(zip(ids[keep].astype(str), names[keep].astype(str), strict=True))


def order_scenario(
    features: pd.DataFrame,
    factors: tuple[tuple[str, str], ...] = ORDER_FACTORS,
    id_column: str = "customer_id",
    lang: str = "zh",
    name_column: str | None = None,
) -> Scenario:
    """Equal weights over the given feature columns that exist (recency is a cost); the name
    column is ``name_column``, else the log's ``customer_name`` when the features have it."""
    specs = tuple(FactorSpec(c, d, 1.0) for c, d in factors if c in features.columns)
    if not specs:
        raise InputError(msg("orders.features_none_default_factor_columns"))
    if name_column is None and NAME in features.columns:
        name_column = NAME
    return Scenario(
        id_column=id_column, factors=specs, name_column=name_column,
        tiers=TierSpec(labels=DEFAULT_TIER_LABELS[lang]),
    )  # fmt: skip
