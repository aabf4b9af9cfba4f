"""The two order-log engines behind :func:`core.orders.log.aggregate_orders`: pandas and DuckDB.

Both apply the line rules of :mod:`core.orders.log` and return the same raw per-customer sums
(:class:`EngineResult`); the derived columns are computed once, in ``finish_features``.
Days are whole days since 1970-01-01 (a time of day is dropped). Row numbers count the header
as row 1; the DuckDB engine numbers a file's lines in read order, so a CSV with blank lines
inside is numbered as if they were not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from core.errors import InputError
from core.i18n import msg
from core.ingest.parsing import as_text, is_missing, parse_date_series, parse_number_series
from core.ingest.rows import sheet_rows

CATEGORIES = {  # category → what happens to its lines (a Message; str() is the English)
    "duplicate": msg("orders.line.duplicate"),
    "missing_customer": msg("orders.line.missing_customer"),
    "bad_date": msg("orders.line.bad_date"),
    "bad_amount": msg("orders.line.bad_amount"),
    "missing_order_id": msg("orders.line.missing_order_id"),
    "future": msg("orders.line.future"),
    "return": msg("orders.line.return"),
    "zero_amount": msg("orders.line.zero_amount"),
    "missing_profit": msg("orders.line.missing_profit"),
}
UNUSABLE = ("missing_customer", "bad_date", "bad_amount", "missing_order_id")
EXAMPLES = 5
EPOCH = date(1970, 1, 1)
ROW = "__row"
Args = tuple[str, str, str, str | None, str | None]  # customer, date, amount, profit, order id


@dataclass(frozen=True)
class EngineResult:
    """Raw per-customer sums (days as integers) and the line counts of the report."""

    raw: pd.DataFrame
    issues: tuple[tuple[str, int, float, tuple[int, ...]], ...]  # category, lines, amount, rows
    lines: int
    purchase_lines: int
    as_of: date
    no_purchase: tuple[str, ...]


def _days(value: date) -> int:
    return (value - EPOCH).days


def _no_lines(what: str) -> InputError:
    return InputError(msg("orders.log_check_customer_date_amount", what=what))


def prepare_frame(frame: pd.DataFrame, args: Args) -> pd.DataFrame:
    """A copy with the role columns typed (IDs text, date to the day, numbers) and ``__row``.

    The value rules are core.ingest.rules', as the DuckDB engine's SQL: the date column reads
    Excel serial numbers (it is a date column by its role)."""
    customer, day, amount, profit, order = args
    out = frame.copy()
    for column in (customer, order):
        if column is not None:
            out[column] = as_text(frame[column]).mask(is_missing(frame[column]))
    out[day] = parse_date_series(frame[day], allow_serial=True).dt.floor("D")  # as in SQL
    for column in (amount, profit):
        if column is not None:
            out[column] = parse_number_series(frame[column])
    out[ROW] = sheet_rows(frame)
    return out


def pandas_engine(frame: pd.DataFrame, args: Args, as_of: date | None, period: int) -> EngineResult:
    """The rules and sums in pandas, for logs that fit in memory."""
    customer, day_col, amount, profit, order = args
    data = prepare_frame(frame, args)
    rows = data[ROW].to_numpy()
    body = data.drop(columns=ROW)
    dup = body.duplicated(keep="first").to_numpy()
    last_copy = dup & ~body.duplicated(keep="last").to_numpy()
    cust = data[customer]
    stamp = data[day_col]
    day = np.where(stamp.isna(), 0, stamp.to_numpy("datetime64[D]").astype("int64", copy=False))
    amt = data[amount].to_numpy(dtype=float)
    prof = data[profit].to_numpy(dtype=float) if profit else np.zeros(len(data))
    oid = data[order] if order else None
    masks = {
        "duplicate": dup,
        "missing_customer": cust.isna().to_numpy(),
        "bad_date": stamp.isna().to_numpy(),
        "bad_amount": np.isnan(amt),
        "missing_order_id": oid.isna().to_numpy() if oid is not None else np.zeros(len(data), bool),
    }
    taken = np.zeros(len(data), dtype=bool)
    for name in ("duplicate", *UNUSABLE):
        masks[name] = masks[name] & ~taken
        taken |= masks[name]
    if as_of is None:
        if taken.all():
            raise _no_lines(msg("orders.no_complete_line"))
        as_of = EPOCH + timedelta(days=int(day[~taken].max()))
    end = _days(as_of)
    masks["future"] = ~taken & (day > end)
    taken |= masks["future"]
    masks["return"] = ~taken & (amt < 0)
    masks["zero_amount"] = ~taken & (amt == 0)
    buy = ~taken & (amt > 0)
    used = buy | masks["return"]
    masks["missing_profit"] = used & np.isnan(prof) if profit else np.zeros(len(data), bool)
    issues = []
    for name in CATEGORIES:
        mask = masks[name]
        shown = rows[last_copy] if name == "duplicate" else rows[mask]
        total = float("nan") if name == "bad_amount" else float(np.nansum(amt[mask]))
        issues.append((name, int(mask.sum()), total, tuple(np.sort(shown)[:EXAMPLES].tolist())))
    lines = pd.DataFrame(
        {"cust": cust.to_numpy(dtype=object)[used], "day": day[used], "amt": amt[used],
         "prof": np.nan_to_num(prof[used]), "key": (oid.to_numpy(dtype=object)[used]
                                                    if oid is not None else day[used])}
    )  # fmt: skip
    raw = _pandas_sums(lines, end, period)
    if raw.empty:
        raise _no_lines(msg("orders.no_purchase_up_to_as_of"))
    side = cust[masks["return"] | masks["zero_amount"]].dropna().unique()
    no_purchase = tuple(sorted(set(side) - set(raw["customer_id"])))
    return EngineResult(raw, tuple(issues), len(data), int(buy.sum()), as_of, no_purchase)


def _pandas_sums(lines: pd.DataFrame, end: int, period: int) -> pd.DataFrame:
    off = end - lines["day"]
    cur, prev = off < period, (off >= period) & (off < 2 * period)
    buy = lines[lines["amt"] > 0]
    by = buy.groupby("cust", sort=True)
    day_totals = buy.groupby(["cust", "day"], sort=True)["amt"].sum()
    per_day = day_totals.groupby(level=0)
    months = pd.Series(
        (np.datetime64("1970-01-01", "D") + buy["day"].to_numpy().astype("timedelta64[D]"))
        .astype("datetime64[M]")
        .astype("int64"),
        index=buy.index,
    )

    def spend(mask: pd.Series) -> pd.Series:
        return lines["amt"].where(mask, 0.0).groupby(lines["cust"]).sum()

    def orders(mask: pd.Series) -> pd.Series:
        return buy["key"][mask[buy.index]].groupby(buy["cust"][mask[buy.index]]).nunique()

    returns = lines["amt"].where(lines["amt"] < 0, 0.0).groupby(lines["cust"])
    raw = pd.DataFrame(
        {
            "orders": by["key"].nunique(),
            "purchase_days": per_day.size(),
            "first_day": by["day"].min(),
            "last_day": by["day"].max(),
            "first_day_total": per_day.first(),
            "gross_total": by["amt"].sum(),
            "returns_total": returns.sum(),
            "return_lines": (lines["amt"] < 0).groupby(lines["cust"]).sum(),
            "profit": lines["prof"].groupby(lines["cust"]).sum(),
            "active_months": months.groupby(buy["cust"]).nunique(),
            "spend_current": spend(cur),
            "spend_previous": spend(prev),
            "orders_current": orders(cur),
            "orders_previous": orders(prev),
        }
    )
    raw = raw.loc[raw["purchase_days"].notna()]
    raw[["orders_current", "orders_previous"]] = raw[["orders_current", "orders_previous"]].fillna(
        0
    )
    return raw.rename_axis("customer_id").reset_index()
