"""Join order-log features to a customer master table, and the default scenario for features.

:func:`merge_master` is a left join on the customer ID (compared as text): every master row is
kept; master customers without orders get ``orders = 0`` and the frequency class *prospective*;
IDs found on only one side are reported, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.ingest.parsing import as_text
from core.mapping.catalog import BENEFIT, COST
from core.method.scenario import DEFAULT_TIER_LABELS, FactorSpec, Scenario, TierSpec

ORDER_FACTORS = (
    ("recency_days", COST),
    ("orders", BENEFIT),
    ("monetary_total", BENEFIT),
    ("profit", BENEFIT),
)


@dataclass(frozen=True)
class MergeResult:
    """The joined table and the IDs that matched on one side only."""

    table: pd.DataFrame  # master columns, then the feature columns (clashing names + " (orders)")
    only_in_master: tuple[str, ...]  # no order: prospective customers
    only_in_orders: tuple[str, ...]  # ordered but not in the master: left out of the table

    @property
    def warnings(self) -> tuple[str, ...]:
        """One line per side with unmatched IDs (first five shown)."""
        out = []
        for ids, message_id in (
            (self.only_in_master, "orders.ids_without_orders"),
            (self.only_in_orders, "orders.ids_not_in_customer_table"),
        ):
            if ids:
                out.append(msg(message_id, n=len(ids), ids=", ".join(ids[:5])))
        return tuple(out)


def merge_master(master: pd.DataFrame, features: pd.DataFrame, id_column: str) -> MergeResult:
    """Left join ``features`` (with ``customer_id``) onto ``master`` by ``id_column``."""
    if id_column not in master.columns:
        raise InputError(
            msg(
                "orders.customer_table_no_column_available",
                column=id_column,
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
    return MergeResult(
        table,
        tuple(sorted(k for k in present if k not in known)),
        tuple(sorted(k for k in known if k not in present)),
    )


def order_scenario(
    features: pd.DataFrame,
    factors: tuple[tuple[str, str], ...] = ORDER_FACTORS,
    id_column: str = "customer_id",
    lang: str = "zh",
) -> Scenario:
    """Equal weights over the given feature columns that exist (recency is a cost)."""
    specs = tuple(FactorSpec(c, d, 1.0) for c, d in factors if c in features.columns)
    if not specs:
        raise InputError(msg("orders.features_none_default_factor_columns"))
    return Scenario(
        id_column=id_column, factors=specs, tiers=TierSpec(labels=DEFAULT_TIER_LABELS[lang])
    )
