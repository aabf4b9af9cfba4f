"""The two order-log engines behind :func:`core.orders.log.aggregate_orders`: pandas and DuckDB.

Both apply the line rules of :mod:`core.orders.log` under the user's :class:`LineRules` and
return the same raw per-customer sums (:class:`EngineResult`: order lines for orders and order
dates, every counted line for the amounts and the ``txn_*`` days of the CLV summary); the
derived columns are computed once, in ``finish_features``.
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
from core.orders.noncustomer import KINDS, non_customer_kinds

CATEGORIES = {  # category → what happens to its lines (a Message; str() is the English)
    "total_row": msg("orders.line.total_row"),
    "note_row": msg("orders.line.note_row"),
    "header_row": msg("orders.line.header_row"),
    "duplicate": msg("orders.line.duplicate"),
    "identical": msg("orders.line.identical"),
    "missing_customer": msg("orders.line.missing_customer"),
    "bad_date": msg("orders.line.bad_date"),
    "bad_amount": msg("orders.line.bad_amount"),
    "missing_order_id": msg("orders.line.missing_order_id"),
    "future": msg("orders.line.future"),
    "return": msg("orders.line.return"),
    "zero_amount": msg("orders.line.zero_amount"),
    "zero_ignored": msg("orders.line.zero_ignored"),
    "missing_profit": msg("orders.line.missing_profit"),
}
COPIES = ("duplicate", "identical")  # identical lines: dropped, or kept
UNUSABLE = ("missing_customer", "bad_date", "bad_amount", "missing_order_id")
NO_AMOUNT = ("total_row", "note_row", "header_row", "bad_amount")  # amount shown as NaN
EXAMPLES = 5
EPOCH = date(1970, 1, 1)
ROW = "__row"
Args = tuple[str, str, str, str | None, str | None]  # customer, date, amount, profit, order id


@dataclass(frozen=True)
class LineRules:
    """The choices a user makes about lines (docs/rfm.md §2): drop identical lines even
    without an order-ID column; ignore zero-amount lines instead of counting them."""

    drop_copies: bool = False
    ignore_zero: bool = False

    def drops_copies(self, has_order: bool) -> bool:
        """Whether identical lines are dropped: always with an order-ID column (the same order
        ID and content twice is a copy), else only when asked."""
        return has_order or self.drop_copies

    def zero_category(self) -> str:
        """The report category of zero-amount lines under these rules."""
        return "zero_ignored" if self.ignore_zero else "zero_amount"


DEFAULT_RULES = LineRules()


@dataclass(frozen=True)
class EngineResult:
    """Raw per-customer sums (days as integers) and the line counts of the report."""

    raw: pd.DataFrame  # one row per customer with a counted line (SUMS, customer_id)
    issues: tuple[tuple[str, int, float, tuple[int, ...]], ...]  # category, lines, amount, rows
    lines: int
    purchase_lines: int
    as_of: date
    no_purchase: tuple[str, ...]  # customers with a row but no order (only returns)
    ignored: tuple[str, ...] = ()  # customers whose only lines were ignored zero lines
    written: int | None = None  # customers written elsewhere (Spark's --features-out), not raw

    @property
    def customers(self) -> int:
        return len(self.raw) if self.written is None else self.written


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


def pandas_engine(
    frame: pd.DataFrame, args: Args, as_of: date | None, period: int,
    rules: LineRules = DEFAULT_RULES,
) -> EngineResult:  # fmt: skip
    """The rules and sums in pandas, for logs that fit in memory."""
    customer, day_col, amount, profit, order = args
    data = prepare_frame(frame, args)
    rows = data[ROW].to_numpy()
    cust = data[customer]
    kinds = non_customer_kinds(cust, customer)
    masks = {kind: kinds == kind for kind in KINDS}
    taken = kinds != ""
    body = data.drop(columns=ROW)[~taken]
    dup = np.zeros(len(data), dtype=bool)
    dup[~taken] = body.duplicated(keep="first").to_numpy()
    last_copy = np.zeros(len(data), dtype=bool)
    last_copy[~taken] = ~body.duplicated(keep="last").to_numpy()
    last_copy &= dup
    copies = "duplicate" if rules.drops_copies(order is not None) else "identical"
    masks[copies] = dup
    stamp = data[day_col]
    day = np.where(stamp.isna(), 0, stamp.to_numpy("datetime64[D]").astype("int64", copy=False))
    amt = data[amount].to_numpy(dtype=float)
    prof = data[profit].to_numpy(dtype=float) if profit else np.zeros(len(data))
    oid = data[order] if order else None
    masks |= {
        "missing_customer": cust.isna().to_numpy(),
        "bad_date": stamp.isna().to_numpy(),
        "bad_amount": np.isnan(amt),
        "missing_order_id": oid.isna().to_numpy() if oid is not None else np.zeros(len(data), bool),
    }
    for name in ("duplicate", *UNUSABLE) if copies == "duplicate" else UNUSABLE:
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
    zero = ~taken & (amt == 0)
    masks[rules.zero_category()] = zero
    buy = ~taken & (amt > 0)
    counted = buy | zero if not rules.ignore_zero else buy  # order lines
    used = counted | masks["return"]
    masks["missing_profit"] = used & np.isnan(prof) if profit else np.zeros(len(data), bool)
    issues = []
    for name in CATEGORIES:
        mask = masks.get(name, np.zeros(len(data), dtype=bool))
        shown = rows[last_copy] if name in COPIES else rows[mask]
        total = float("nan") if name in NO_AMOUNT else float(np.nansum(amt[mask]))
        issues.append((name, int(mask.sum()), total, tuple(np.sort(shown)[:EXAMPLES].tolist())))
    lines = pd.DataFrame(
        {"cust": cust.to_numpy(dtype=object)[used], "day": day[used], "amt": amt[used],
         "prof": np.nan_to_num(prof[used]), "order": counted[used],
         "key": oid.to_numpy(dtype=object)[used] if oid is not None else day[used]}
    )  # fmt: skip
    raw = _pandas_sums(lines, end, period)
    if raw.empty:
        raise _no_lines(msg("orders.no_line_up_to_as_of"))
    no_purchase = tuple(raw.loc[raw["orders"] == 0, "customer_id"])
    ignored = cust[zero].dropna().unique() if rules.ignore_zero else ()
    ignored = tuple(sorted(set(ignored) - set(raw["customer_id"])))
    return EngineResult(raw, tuple(issues), len(data), int(buy.sum()), as_of, no_purchase, ignored)


def _pandas_sums(lines: pd.DataFrame, end: int, period: int) -> pd.DataFrame:
    """SUMS per customer: every counted line (purchases, returns, counted zero lines) for the
    amounts and the transaction days, the order lines (purchases, counted zero lines) for
    orders, order days and months."""
    off = end - lines["day"]
    cur, prev = off < period, (off >= period) & (off < 2 * period)
    orders = lines[lines["order"]]
    by = orders.groupby("cust", sort=True)
    day_totals = lines.groupby(["cust", "day"], sort=True)["amt"].sum()
    per_day = day_totals.reset_index().groupby("cust", sort=True)
    months = pd.Series(
        (np.datetime64("1970-01-01", "D") + orders["day"].to_numpy().astype("timedelta64[D]"))
        .astype("datetime64[M]")
        .astype("int64"),
        index=orders.index,
    )

    def spend(mask: pd.Series) -> pd.Series:
        return lines["amt"].where(mask, 0.0).groupby(lines["cust"]).sum()

    def distinct_orders(mask: pd.Series) -> pd.Series:
        inside = mask[orders.index]
        return orders["key"][inside].groupby(orders["cust"][inside]).nunique()

    raw = pd.DataFrame(
        {
            "orders": by["key"].nunique(),
            "first_day": by["day"].min(),
            "last_day": by["day"].max(),
            "gross_total": lines["amt"].where(lines["amt"] > 0, 0.0).groupby(lines["cust"]).sum(),
            "returns_total": lines["amt"].where(lines["amt"] < 0, 0.0).groupby(lines["cust"]).sum(),
            "return_lines": (lines["amt"] < 0).groupby(lines["cust"]).sum(),
            "profit": lines["prof"].groupby(lines["cust"]).sum(),
            "active_months": months.groupby(orders["cust"]).nunique(),
            "spend_current": spend(cur),
            "spend_previous": spend(prev),
            "orders_current": distinct_orders(cur),
            "orders_previous": distinct_orders(prev),
            "txn_days": per_day.size(),
            "txn_first": per_day["day"].min(),
            "txn_last": per_day["day"].max(),
            "txn_first_total": per_day["amt"].first(),
        }
    )
    counts = ["orders", "active_months", "orders_current", "orders_previous"]
    raw[counts] = raw[counts].fillna(0)
    return raw.rename_axis("customer_id").reset_index()
