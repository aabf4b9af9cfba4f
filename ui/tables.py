"""Tables as shown on screen: translated headers, number formats, anonymised names in
presentation mode."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd
import streamlit as st

from core.mapping.catalog import attribute_of, is_code_name
from core.mapping.columns import Mapping, column_kind
from core.method.ranking import Ranking
from core.report.anonymize import anonymous_names, with_more_names
from ui import state
from ui.i18n import t, t_plain

MONEY = ("revenue", "profit")


def local_times(stamps: pd.Series, zone: str | None) -> pd.Series:
    """ISO 8601 time stamps (UTC when they name no zone) as wall-clock text in the IANA time
    zone ``zone`` (the browser's; UTC when unknown): "2024-05-01 14:03:09". A missing or
    unreadable stamp becomes ""."""
    try:
        tz = ZoneInfo(zone) if zone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        tz = UTC
    moments = pd.to_datetime(stamps, errors="coerce", utc=True, format="ISO8601")
    text = moments.dt.tz_convert(tz).dt.strftime("%Y-%m-%d %H:%M:%S")
    return text.astype(object).where(moments.notna(), "")


def column_for(mapping: Mapping, factor_key: str) -> str | None:
    """The data column mapped to a catalog factor (e.g. 'monetary' → 销售额), if any."""
    return next((r.column for r in mapping.roles if r.factor_key == factor_key), None)


ALIASES = "customer_aliases"  # (data digest, ID column, language) → the data set's aliases


def data_aliases(lang: str) -> dict[str, str]:
    """ID (as text) → alias (客户 A / Customer A) for every customer of the current data set,
    made once per data set, ID column and language: every page shows a customer under one
    alias. Empty before any data is loaded."""
    if state.INGEST not in st.session_state:
        return {}
    ingest, id_column = state.ingest_result(), state.current_scenario().id_column
    key = (state.data_digest(), id_column, lang)
    kept = st.session_state.get(ALIASES)
    if kept is None or kept[0] != key:
        ids = ingest.frame[id_column].dropna() if id_column in ingest.frame else []
        kept = (key, anonymous_names(ids, lang))
        st.session_state[ALIASES] = kept
    return kept[1]


def customer_aliases(ids: Iterable[object], lang: str) -> dict[str, str]:
    """:func:`data_aliases`, with aliases after the data set's own for any of ``ids`` the data
    does not hold (an order log's customers, an older snapshot's)."""
    return with_more_names(data_aliases(lang), ids, lang)


def alias_column(ids: pd.Series, lang: str) -> pd.Series:
    """Each ID's alias (:func:`customer_aliases`); a missing ID stays missing."""
    text = ids.astype("string")
    aliases = customer_aliases(text.dropna(), lang)
    return text.map(aliases, na_action="ignore").astype(object).where(text.notna(), None)


def customer_names(ranking: Ranking, mapping: Mapping, lang: str, presentation: bool) -> pd.Series:
    """The name to show per ranked customer: an alias in presentation mode, else the name."""
    table = ranking.table
    if presentation:
        return alias_column(table["customer_id"], lang)
    if mapping.name_column and mapping.name_column in table.columns:
        return table[mapping.name_column].astype("string").fillna("")
    return table["customer_id"].astype(str)


def aliased_rows(frame: pd.DataFrame, mapping: Mapping, lang: str) -> pd.DataFrame:
    """Rows of the data as presentation mode shows them: the ID and the name column both hold
    the customer's alias (like the exports), every other column as it is."""
    out = frame.copy()
    if mapping.id_column in out:
        aliases = alias_column(out[mapping.id_column], lang)
        out[mapping.id_column] = aliases
        if mapping.name_column and mapping.name_column in out:
            out[mapping.name_column] = aliases
    elif mapping.name_column and mapping.name_column in out:
        out[mapping.name_column] = None
    return out


def without_ids(shown: pd.DataFrame, lang: str, presentation: bool) -> pd.DataFrame:
    """``shown`` without its customer-ID column in presentation mode (its names are aliases)."""
    header = t("col.customer_id", lang)
    return shown.drop(columns=header) if presentation and header in shown else shown


def display_ranking(
    ranking: Ranking,
    mapping: Mapping,
    lang: str,
    presentation: bool,
    extra: dict[str, str] | None = None,
    after_tier: dict[str, pd.Series] | None = None,
) -> pd.DataFrame:
    """rank, ID (hidden in presentation mode), name, score, tier, the ``after_tier`` columns
    (header → values), then the ``extra`` columns of the table (header → column).

    A tier set by an expert override is marked ✎, with the reason beside it (the reason is
    hidden in presentation mode, where it could name a customer).
    """
    table = ranking.table
    shown: dict[str, object] = {t("col.rank", lang): table["rank"]}
    if not presentation:
        shown[t("col.customer_id", lang)] = table["customer_id"].astype(str)
    shown[t("col.name", lang)] = customer_names(ranking, mapping, lang, presentation)
    shown[t("col.score", lang)] = table["score"].round(1)
    shown[t("col.tier", lang)] = table["tier"]
    if "override" in table.columns:
        overridden = table["override"].notna() & (table["override"].astype(str) != "")
        shown[t("col.tier", lang)] = table["tier"].where(~overridden, table["tier"] + " ✎")
        if not presentation:
            shown[t("col.override", lang)] = table["override"].where(overridden, "")
    shown |= after_tier or {}
    shown |= {header: table[column] for header, column in (extra or {}).items()}
    return pd.DataFrame(shown, index=table.index)


def change_labels(change: pd.Series, new_label: str) -> pd.Series:
    """Rank changes as text: 3 → "▲ 3", -2 → "▼ 2", 0 → "—", <NA> → ``new_label``."""
    numbers = pd.to_numeric(change, errors="coerce")
    numbers = pd.Series(numbers).to_numpy(dtype="float64", na_value=np.nan)
    # each distinct move is labelled once (a ranking has far fewer moves than customers)
    moves, where = np.unique(numbers, return_inverse=True)
    labels = np.array([_change_label(move, new_label) for move in moves], dtype=object)
    return pd.Series(labels[where.reshape(-1)], index=change.index, dtype=object)


def _change_label(move: float, new_label: str) -> str:
    if np.isnan(move):
        return new_label
    if move == 0:
        return "—"
    return f"{'▲' if move > 0 else '▼'} {int(abs(move))}"


def search_matches(ids: pd.Series, names: pd.Series, query: str) -> pd.Series:
    """True where the ID or the shown name contains ``query`` (case-insensitive, trimmed)."""
    needle = query.strip().casefold()
    if not needle:
        return pd.Series(True, index=ids.index)
    found = ids.astype(str).str.casefold().str.contains(needle, regex=False)
    named = names.astype(str).str.casefold().str.contains(needle, regex=False)
    return (found | named).fillna(False).astype(bool)


def attribute_header(column: str, lang: str) -> str:
    """The header of a grouping-attribute column: the column's own name when it is already
    written for people in ``lang`` (行业 for zh, Sector for en) or no known attribute; the
    translated attribute for a header written like an identifier (industry → Industry, 行业);
    else the translated attribute first ("Industry 行业")."""
    attribute = attribute_of(column)
    if attribute is None:
        return column
    if is_code_name(column):
        return t_plain(f"col.{attribute}", lang)
    if column.isascii() == (lang == "en"):
        return column
    return f"{t_plain(f'col.{attribute}', lang)} {column}"


def tier_summary_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """core.method.tiers.tier_summary with translated headers and money in whole units."""
    shown = summary.copy()
    for column in MONEY:
        if column in shown.columns:
            shown[column] = shown[column].round(0)
    return shown.rename(columns={c: t(f"col.{c}", lang) for c in summary.columns})


def show_tier_summary(summary: pd.DataFrame, lang: str) -> None:
    """Draw the tier summary: translated headers, shares as percentages, localized numbers."""
    shown = tier_summary_table(summary, lang)
    header = dict(zip(summary.columns, shown.columns, strict=True))
    number = st.column_config.NumberColumn
    formats = {
        **{c: number(format="percent") for c in summary.columns if c.endswith("_share")},
        **{c: number(format="localized") for c in ("customers", *MONEY) if c in header},
        "mean_score": number(format="%.1f"),
    }
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={header[c]: f for c, f in formats.items() if c in header},
    )


def with_plain_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose date-time columns hold calendar dates (missing → None), so a table shows
    2024-12-31 rather than 2024-12-31 00:00:00."""
    dates = [c for c in frame.columns if column_kind(frame[c]) == "date"]
    out = frame.copy()
    for column in dates:
        values = frame[column]
        out[column] = values.dt.date.astype(object).where(values.notna(), None)
    return out
