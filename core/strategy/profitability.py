"""Profitability by segment (盈利分析, METHOD.md §7): who really earns money.

All functions read a customer table (a ranking table or the raw data) and return new frames.
Money columns are read as numbers; missing counts 0, so segment totals always add up to the
overall totals. A missing segment value is its own segment (shown as NaN).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import ScenarioError
from core.i18n import msg
from core.method.explain import source_column
from core.method.normalize import scaled_down

TOP_SHARE = 0.2  # the 20 of the 80/20 rule
PARETO_SHARE = 0.8


def _money(table: pd.DataFrame, column: str) -> pd.Series:
    source = source_column(table, column)
    if source not in table.columns:
        shown = ", ".join(map(str, list(table.columns)[:20]))
        raise ScenarioError(
            msg("profitability.column_not_data_available_columns", c=column, columns=shown)
        )
    return pd.to_numeric(table[source], errors="coerce").fillna(0.0).astype(float)


def _net(table: pd.DataFrame, profit: str, cost_to_serve: str | None) -> pd.Series:
    net = _money(table, profit)
    return net - _money(table, cost_to_serve) if cost_to_serve else net


def segment_profitability(
    table: pd.DataFrame,
    by: str | Sequence[str],
    revenue: str,
    profit: str,
    cost_to_serve: str | None = None,
) -> pd.DataFrame:
    """One row per segment (``by`` columns), most profit first: customers, revenue, profit,
    margin = profit / revenue (NaN when revenue is 0), revenue_share, profit_share, and with
    ``cost_to_serve``: cost_to_serve, net_profit = profit − cost_to_serve, net_share."""
    keys = [by] if isinstance(by, str) else list(by)
    if not keys:
        raise ScenarioError(msg("profitability.name_least_one_segment_column"))
    data = pd.DataFrame({k: table[source_column(table, k)] for k in keys if _has(table, k)})
    missing = [k for k in keys if k not in data.columns]
    if missing:
        raise ScenarioError(msg("profitability.segment_column_not_data", columns=missing))
    data["revenue"] = _money(table, revenue)
    data["profit"] = _money(table, profit)
    if cost_to_serve:
        data["cost_to_serve"] = _money(table, cost_to_serve)
        data["net_profit"] = data["profit"] - data["cost_to_serve"]
    grouped = data.groupby(keys, dropna=False, sort=False, observed=True)
    out = grouped.sum(numeric_only=True)
    out.insert(0, "customers", grouped.size())
    out.insert(3, "margin", out["profit"] / out["revenue"].replace(0.0, np.nan))
    for name in ("revenue", "profit", *(["net_profit"] if cost_to_serve else [])):
        total = data[name].sum()
        short = "net" if name == "net_profit" else name
        out[f"{short}_share"] = out[name] / total if total else np.nan
    return out.sort_values("profit", ascending=False, kind="stable").reset_index()


def _has(table: pd.DataFrame, column: str) -> bool:
    return source_column(table, column) in table.columns


def pareto_share(values: pd.Series | np.ndarray, share: float = PARETO_SHARE) -> float:
    """The smallest share of customers (largest values first) whose values reach ``share`` of
    the total: k / n for the first k with Σ top-k ≥ share · Σ all. NaN when the total ≤ 0."""
    clean = scaled_down(np.nan_to_num(np.asarray(values, dtype=float), nan=0.0))[0]
    total = clean.sum()
    if len(clean) == 0 or total <= 0:
        return float("nan")
    running = np.cumsum(np.sort(clean)[::-1])
    k = int(np.searchsorted(running, share * total - 1e-9 * abs(total), side="left")) + 1
    return min(k, len(clean)) / len(clean)


def top_share(values: pd.Series | np.ndarray, share: float = TOP_SHARE) -> float:
    """The share of the total that the top ``share`` of customers hold (largest values first;
    k = ⌈share · n⌉ customers; missing and negative values count as 0). NaN when the total
    is 0."""
    clean = scaled_down(
        np.clip(np.nan_to_num(np.asarray(values, dtype=float), nan=0.0), 0.0, None)
    )[0]
    total = clean.sum()
    if len(clean) == 0 or total <= 0:
        return float("nan")
    k = int(np.ceil(share * len(clean)))
    return float(np.sort(clean)[::-1][:k].sum() / total)


@dataclass(frozen=True)
class ProfitPicture:
    """The 80/20 view of profit (net of cost to serve when given)."""

    customers: int
    total_profit: float
    pareto_share: float  # share of customers making 80 % of the profit
    profitable: int  # customers with profit > 0
    profit_of_profitable: float  # their profit: more than the total when others lose money
    loss_making: int  # customers with profit < 0
    loss: float  # their profit (≤ 0)


def profit_picture(
    table: pd.DataFrame, profit: str, cost_to_serve: str | None = None
) -> ProfitPicture:
    """Who really earns money: the 80/20 share, and how much the loss makers take back."""
    net = _net(table, profit, cost_to_serve).to_numpy()
    gains, losses = net[net > 0], net[net < 0]
    return ProfitPicture(
        customers=len(net),
        total_profit=float(net.sum()),
        pareto_share=pareto_share(net),
        profitable=len(gains),
        profit_of_profitable=float(gains.sum()),
        loss_making=len(losses),
        loss=float(losses.sum()),
    )


def unprofitable_customers(
    table: pd.DataFrame, profit: str, cost_to_serve: str | None = None
) -> pd.DataFrame:
    """Customers who cost more than they bring, worst first: net = profit − cost_to_serve (or
    profit alone) < 0. Columns: rank and tier when the table has them, customer_id, profit,
    cost_to_serve (when given) and net_profit."""
    id_column = "customer_id" if "customer_id" in table.columns else table.columns[0]
    out = pd.DataFrame({c: table[c] for c in ("rank", "tier") if c in table.columns})
    out.insert(min(1, out.shape[1]), "customer_id", table[id_column])
    out["profit"] = _money(table, profit)
    if cost_to_serve:
        out["cost_to_serve"] = _money(table, cost_to_serve)
    out["net_profit"] = _net(table, profit, cost_to_serve)
    losing = out[out["net_profit"] < 0]
    return losing.sort_values("net_profit", kind="stable").reset_index(drop=True)
