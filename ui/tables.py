"""Ranking tables as shown on screen: translated headers, anonymised names in presentation mode."""

from __future__ import annotations

import pandas as pd

from core.anonymize import anonymous_names
from core.mapping import Mapping
from core.ranking import Ranking
from ui.i18n import t


def column_for(mapping: Mapping, factor_key: str) -> str | None:
    """The data column mapped to a catalog factor (e.g. 'monetary' → 销售额), if any."""
    return next((r.column for r in mapping.roles if r.factor_key == factor_key), None)


def customer_names(ranking: Ranking, mapping: Mapping, lang: str, presentation: bool) -> pd.Series:
    """The name to show per ranked customer: an alias in presentation mode, else the name."""
    table = ranking.table
    if presentation:
        aliases = anonymous_names(table["customer_id"], lang)
        return table["customer_id"].astype(str).map(aliases)
    if mapping.name_column and mapping.name_column in table.columns:
        return table[mapping.name_column].astype("string").fillna("")
    return table["customer_id"].astype(str)


def display_ranking(
    ranking: Ranking,
    mapping: Mapping,
    lang: str,
    presentation: bool,
    extra: list[str] | None = None,
) -> pd.DataFrame:
    """rank, ID (hidden in presentation mode), name, score, tier, then ``extra`` columns."""
    table = ranking.table
    shown = pd.DataFrame({t("col.rank", lang): table["rank"]})
    if not presentation:
        shown[t("col.customer_id", lang)] = table["customer_id"].astype(str)
    shown[t("col.name", lang)] = customer_names(ranking, mapping, lang, presentation)
    shown[t("col.score", lang)] = table["score"].round(1)
    shown[t("col.tier", lang)] = table["tier"]
    for column in extra or []:
        shown[column] = table[column]
    return shown


def change_labels(change: pd.Series, new_label: str) -> pd.Series:
    """Rank changes as text: 3 → "▲ 3", -2 → "▼ 2", 0 → "—", <NA> → ``new_label``."""

    def label(value: object) -> str:
        if pd.isna(value):
            return new_label
        if value > 0:
            return f"▲ {value}"
        return f"▼ {-value}" if value < 0 else "—"

    return change.map(label).astype(object)


def search_matches(ids: pd.Series, names: pd.Series, query: str) -> pd.Series:
    """True where the ID or the shown name contains ``query`` (case-insensitive, trimmed)."""
    needle = query.strip().casefold()
    if not needle:
        return pd.Series(True, index=ids.index)
    found = ids.astype(str).str.casefold().str.contains(needle, regex=False)
    named = names.astype(str).str.casefold().str.contains(needle, regex=False)
    return (found | named).fillna(False).astype(bool)
