"""The per-customer features every order engine ends with, from its raw per-customer sums:
defined once (docs/rfm.md lists the columns), run where the sums are (the driver, or Spark's
executors batch by batch for ``--features-out``)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa

from core.orders.sql import SUMS


def _days_or_nan(values: np.ndarray) -> np.ndarray:
    """Whole days as int64, or float with NaN when some customer has none."""
    return values.astype("int64") if not np.isnan(values).any() else values


def _dates(days: np.ndarray) -> np.ndarray:
    epoch = np.datetime64("1970-01-01", "D")
    known = ~np.isnan(days)
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[ns]")
    out[known] = (epoch + days[known].astype("int64").astype("timedelta64[D]")).astype(
        "datetime64[ns]"
    )
    return out


def finish_features(raw: pd.DataFrame, as_of: date, profit: str | None) -> pd.DataFrame:
    """Derived columns from the engines' raw per-customer sums (one place, so both agree).

    Orders, order dates, recency and tenure come from the order lines (purchases and counted
    zero lines); a customer with only returns has orders = 0 and NaN/NaT there.
    recency = as_of − last order, tenure = as_of − first order (days);
    monetary_total = purchases + returns; monetary_mean = monetary_total / orders (NaN without
    an order); growth = (spend_current − spend_previous) / spend_previous, NaN when
    spend_previous ≤ 0. The clv_* columns are lifetimes' summary over every counted line
    (purchases, returns, counted zero lines), summed per customer-day:
    clv_frequency = days − 1; clv_recency = last − first day; clv_T = as_of − first day;
    clv_monetary_value = (all amounts − the first day's) / clv_frequency, 0 when 0.
    """
    end = (pd.Timestamp(as_of) - pd.Timestamp("1970-01-01")).days
    first, last = raw["first_day"].to_numpy(float), raw["last_day"].to_numpy(float)
    orders = raw["orders"].to_numpy("int64")
    total = (raw["gross_total"] + raw["returns_total"]).to_numpy(float)
    repeat_days = raw["txn_days"].to_numpy(float) - 1
    repeat_spend = total - raw["txn_first_total"].to_numpy(float)
    txn_first = raw["txn_first"].to_numpy(float)
    prev = raw["spend_previous"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = np.where(prev > 0, (raw["spend_current"].to_numpy() - prev) / prev, np.nan)
        clv_monetary = np.where(repeat_days > 0, repeat_spend / repeat_days, 0.0)
        mean = np.where(orders > 0, total / orders, np.nan)
    columns = {
        "customer_id": pa.array(raw["customer_id"].astype("str")),
        "orders": orders,
        "recency_days": _days_or_nan(end - last),
        "tenure_days": _days_or_nan(end - first),
        "first_order": _dates(first),
        "last_order": _dates(last),
        "monetary_total": total,
        "monetary_mean": mean,
        "gross_total": raw["gross_total"].to_numpy(float),
        "returns_total": raw["returns_total"].to_numpy(float),
        "return_lines": raw["return_lines"].to_numpy("int64"),
        "profit": raw["profit"].to_numpy(float),
        "active_months": raw["active_months"].to_numpy("int64"),
        "spend_current": raw["spend_current"].to_numpy(float),
        "spend_previous": raw["spend_previous"].to_numpy(float),
        "growth": growth,
        "orders_current": raw["orders_current"].to_numpy("int64"),
        "orders_previous": raw["orders_previous"].to_numpy("int64"),
        "clv_frequency": repeat_days,
        "clv_recency": raw["txn_last"].to_numpy(float) - txn_first,
        "clv_T": end - txn_first,
        "clv_monetary_value": clv_monetary.astype(float),
    }
    if profit is None:
        del columns["profit"]
    # via Arrow, one block per column: pandas would copy 1M-row columns into 2-D blocks
    out = pa.table(columns).to_pandas(split_blocks=True)
    if out["customer_id"].is_monotonic_increasing:  # the DuckDB engine sorts in SQL
        return out
    return out.sort_values("customer_id", kind="stable").reset_index(drop=True)


def features_schema(as_of: date, profit: str | None) -> pa.Schema:
    """The Arrow schema of :func:`finish_features`' table whatever the batch: day counts as
    doubles (NaN for a customer without an order), dates in microseconds."""
    sample = {name: [0] for name in SUMS} | {"customer_id": ["x"]}
    sample |= {"first_day": [np.nan], "last_day": [np.nan]}
    table = pa.Table.from_pandas(finish_features(pd.DataFrame(sample), as_of, profit))
    fields = [
        pa.field(f.name, pa.timestamp("us")) if pa.types.is_timestamp(f.type) else f
        for f in table.schema
    ]
    return pa.schema(fields)
