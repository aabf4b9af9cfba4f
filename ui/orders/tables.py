"""Tables of the Orders & RFM and Periodic review pages as shown on screen: translated
headers and labels (no Streamlit here; ``t`` is a page's translate function)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pandas as pd

from core.orders.log import OrdersReport
from core.orders.rfm import FREQUENCY_CLASSES, SegmentRule
from core.review.periods import Review
from ui.tables import alias_column, change_labels, customer_aliases

Translate = Callable[..., str]
FEATURE_COLUMNS = (
    "customer_id", "customer_name", "orders", "recency_days", "monetary_total", "monetary_mean",
    "profit", "tenure_days", "growth", "r_score", "f_score", "m_score", "rfm_cell",
)  # fmt: skip
KPI_FORMATS = {"top20_revenue_share": "{:.1%}", "retention_rate": "{:.1%}"}
PERCENT_KPIS = ("top20_revenue_share", "retention_rate")


def parse_cuts(text: str) -> list[float] | None:
    """Cut points typed as "30, 90, 180, 365" (commas, spaces or 、); None when blank.
    ValueError when a part is not a number."""
    parts = [p for p in re.split(r"[,，、;\s]+", text.strip()) if p]
    return [float(p) for p in parts] if parts else None


def issues_table(report: OrdersReport, t: Translate) -> pd.DataFrame:
    """One row per category of lines not used as purchases: count, amount, example rows."""
    return pd.DataFrame(
        {
            t("orders.col.category"): [t(f"orders.issue.{i.category}") for i in report.issues],
            t("orders.col.lines"): [i.lines for i in report.issues],
            t("orders.col.amount"): [i.amount for i in report.issues],
            t("orders.col.rows"): [
                ", ".join(map(str, i.rows)) + (" …" if i.lines > len(i.rows) else "")
                for i in report.issues
            ],
        }
    )


def segment_names(rules: tuple[SegmentRule, ...], lang: str) -> dict[str, str]:
    """Segment key → its name in ``lang`` (from the rule table)."""
    return {r.segment: r.zh if lang == "zh" else r.en for r in rules}


def overview_table(overview: pd.DataFrame, lang: str, t: Translate) -> pd.DataFrame:
    """:func:`core.orders.rfm.segment_overview` with the segment names and translated headers."""
    return pd.DataFrame(
        {
            t("orders.col.segment"): overview["zh" if lang == "zh" else "en"],
            t("orders.col.customers"): overview["customers"],
            t("orders.col.customer_share"): overview["customer_share"] * 100,
            t("orders.col.orders"): overview["orders"],
            t("orders.col.revenue"): overview["revenue"].round(0),
            t("orders.col.revenue_share"): overview["revenue_share"] * 100,
            t("orders.col.avg_order_value"): overview["avg_order_value"].round(0),
            t("orders.col.mean_recency"): overview["mean_recency_days"].round(0),
        }
    )


def frequency_counts(classes: pd.Series, lang: str) -> list[tuple[str, int]]:
    """(class name, customers) for every frequency class, in the method's order."""
    counts = classes.value_counts()
    side = 0 if lang == "zh" else 1
    return [(names[side], int(counts.get(key, 0))) for key, names in FREQUENCY_CLASSES.items()]


def customers_table(
    rfm: pd.DataFrame, rules, lang: str, t: Translate, presentation: bool = False
) -> pd.DataFrame:
    """Per customer: features (the log's name, an alias in presentation mode), R/F/M scores,
    segment and frequency class, headers translated."""
    shown = rfm[[c for c in FEATURE_COLUMNS if c in rfm.columns]].copy()
    if presentation:  # the alias replaces the name, and the ID is not shown
        aliases = alias_column(shown.pop("customer_id"), lang)
        shown = shown.drop(columns="customer_name", errors="ignore")
        shown.insert(0, "customer_name", aliases)
    shown["growth"] = shown["growth"] * 100
    shown["segment"] = rfm["segment"].map(segment_names(rules, lang))
    side = 0 if lang == "zh" else 1
    shown["frequency_class"] = rfm["frequency_class"].map(
        {k: v[side] for k, v in FREQUENCY_CLASSES.items()}
    )
    return shown.rename(columns={c: t(f"orders.col.{c}") for c in shown.columns})


def compact_money(value: float, lang: str, sign: bool = False) -> str:
    """A money figure short enough for a metric: 508,449,246 → "508.4 M" / "5.08 亿"."""
    units = ((1e8, "亿", 2), (1e4, "万", 1)) if lang == "zh" else ((1e9, "B", 2), (1e6, "M", 1))
    plus = "+" if sign else ""
    for size, unit, digits in units:
        if abs(value) >= size:
            return f"{value / size:{plus},.{digits}f} {unit}"
    return f"{value:{plus},.0f}"


def kpi_strip(review: Review, t: Translate, lang: str) -> list[tuple[str, str, str | None]]:
    """(label, value in B, delta B − A or None) per KPI, formatted for st.metric."""
    out = []
    for row in review.kpis.itertuples(index=False):
        money = row.kpi == "revenue"
        if _missing(row.period_b):
            value = "—"
        elif money:
            value = compact_money(row.period_b, lang)
        else:
            value = KPI_FORMATS.get(row.kpi, "{:,.0f}").format(row.period_b)
        if _missing(row.change):
            delta = None
        elif row.kpi in PERCENT_KPIS:
            delta = f"{100 * row.change:+.1f} pp"
        else:
            delta = compact_money(row.change, lang, sign=True) if money else f"{row.change:+,.0f}"
        out.append((t(f"review.kpi.{row.kpi}"), value, delta))
    return out


def _missing(value: float) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def movers_table(review: Review, names: dict[str, str], t: Translate, top: int) -> pd.DataFrame:
    """The ``top`` largest moves (changed customers only), arrows for the change."""
    movers = review.movers[review.movers["change"].fillna(1) != 0].head(top)
    return pd.DataFrame(
        {
            t("col.customer_id"): movers["customer_id"].astype(str),
            t("col.name"): movers["customer_id"].astype(str).map(names),
            t("review.rank_a"): movers["rank_a"],
            t("review.rank_b"): movers["rank_b"],
            t("col.change"): change_labels(movers["change"], t("review.new")),
            t("review.tier_a"): movers["tier_a"],
            t("review.tier_b"): movers["tier_b"],
        }
    )


def watchlist_table(table: pd.DataFrame, snapshot_names: list[str], t: Translate) -> pd.DataFrame:
    """:func:`core.storage.snapshots.watchlist` with translated headers and "new" for no earlier
    rank."""
    shown = pd.DataFrame({t("col.customer_id"): table["customer_id"], t("col.name"): table["name"]})
    for name in snapshot_names:
        shown[name] = table[name]
    label = t("review.new") if len(snapshot_names) > 1 else "—"
    shown[t("review.trend")] = change_labels(table["change"], label)
    return shown


def customer_labels(
    rankings, lang: str, presentation: bool, known: dict[str, str] | None = None
) -> dict[str, str]:
    """Customer ID → the name to show: an alias in presentation mode, else from the rankings'
    name column (later ones win), else from ``known`` (e.g. the customer table), else the ID."""
    ids = pd.concat([r.table["customer_id"].astype(str) for r in rankings], ignore_index=True)
    if presentation:
        return customer_aliases(ids, lang)
    names = {i: (known or {}).get(i, i) for i in ids}
    for ranking in rankings:
        column = ranking.scenario.name_column
        if column and column in ranking.table.columns:
            found = ranking.table[column].astype("string")
            keys = ranking.table["customer_id"].astype(str)
            names |= {k: str(v) for k, v in zip(keys, found, strict=True) if not pd.isna(v)}
    return names
