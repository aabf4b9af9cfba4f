"""The Data page's ingest report: file format, encoding and delimiter, the type conversions per
column, the reader's warnings and the rows left out of the ranking (with the reason)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.ingest.read import IngestResult
from core.method.ranking import Ranking
from ui.i18n import localize, t

EXCLUDED_HEADERS = {
    "row": "data.ex.row",
    "customer_id": "col.customer_id",
    "reason": "data.ex.reason",
}


def conversions_table(ingest: IngestResult, lang: str) -> pd.DataFrame:
    """One row per converted column: kind, counts parsed / failed / missing, examples, note."""
    conversions = ingest.conversions
    return pd.DataFrame(
        {
            t("data.col.column", lang): [c.column for c in conversions],
            t("data.col.kind", lang): [t(f"data.kind.{c.kind}", lang) for c in conversions],
            t("data.conv.parsed", lang): [c.parsed for c in conversions],
            t("data.conv.failed", lang): [c.failed for c in conversions],
            t("data.conv.missing", lang): [c.missing for c in conversions],
            t("data.conv.examples", lang): [
                "; ".join(str(localize(e, lang)) for e in c.failed_examples) for c in conversions
            ],
            t("data.conv.note", lang): [localize(c.note, lang) for c in conversions],
        }
    )


def _excluded(ranking: Ranking | None, lang: str) -> None:
    excluded = ranking.excluded if ranking is not None else pd.DataFrame()
    st.markdown(f"**{t('data.excluded', lang, n=len(excluded))}**")
    if not len(excluded):
        st.caption(t("data.no_excluded", lang))
        return
    excluded = excluded.assign(reason=[localize(r, lang) for r in excluded["reason"]])
    shown = excluded.rename(columns={c: t(k, lang) for c, k in EXCLUDED_HEADERS.items()})
    st.dataframe(shown, hide_index=True, width="stretch")


def draw_ingest_report(ingest: IngestResult, ranking: Ranking | None, lang: str) -> None:
    """The report: three facts, the conversions, the warnings, the excluded rows."""
    facts = st.columns(3)
    facts[0].metric(t("data.format", lang), ingest.file_format.upper())
    facts[1].metric(t("data.encoding", lang), ingest.encoding or "—")
    delimiter = {"\t": "Tab"}.get(ingest.delimiter, ingest.delimiter or "—")
    facts[2].metric(t("data.delimiter", lang), delimiter)
    st.markdown(f"**{t('data.conversions', lang)}**")
    st.dataframe(conversions_table(ingest, lang), hide_index=True, width="stretch")
    st.markdown(f"**{t('data.warnings', lang)}**")
    for warning in ingest.warnings:
        st.warning(localize(warning, lang))
    if not ingest.warnings:
        st.caption(t("data.no_warnings", lang))
    _excluded(ranking, lang)
