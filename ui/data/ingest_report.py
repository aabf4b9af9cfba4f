"""The Data page's ingest report: file format, encoding, delimiter and header row, the reader's
notes (where it found the header), the type conversions per column, the reader's warnings and
the rows left out (with the reason): those ingest took out (totals, notes …) come through the
Ranking, or straight from ingest when nothing could be ranked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.ingest.read import IngestResult
from core.method.ranking import Ranking
from ui.i18n import localize, markdown_of, t
from ui.tables import alias_column

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


def _excluded(ingest: IngestResult, ranking: Ranking | None, lang: str, presentation: bool) -> None:
    excluded = ranking.excluded if ranking is not None else ingest.excluded
    st.markdown(f"**{t('data.excluded', lang, n=len(excluded))}**")
    if not len(excluded):
        st.caption(t("data.no_excluded", lang))
        return
    excluded = excluded[list(EXCLUDED_HEADERS)]
    excluded = excluded.assign(reason=[localize(r, lang) for r in excluded["reason"]])
    if presentation:
        excluded = excluded.assign(customer_id=alias_column(excluded["customer_id"], lang))
    shown = excluded.rename(columns={c: t(k, lang) for c, k in EXCLUDED_HEADERS.items()})
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="")


def draw_ingest_report(
    ingest: IngestResult, ranking: Ranking | None, lang: str, presentation: bool = False
) -> None:
    """The report: four facts, the notes, the conversions, the warnings, the excluded rows
    (under their aliases in presentation mode)."""
    facts = st.columns(4)
    facts[0].metric(t("data.format", lang), ingest.file_format.upper())
    facts[1].metric(t("data.encoding", lang), ingest.encoding or "—")
    delimiter = {"\t": "Tab"}.get(ingest.delimiter, ingest.delimiter or "—")
    facts[2].metric(t("data.delimiter", lang), delimiter)
    facts[3].metric(t("data.header_fact", lang), ingest.header_row)
    for note in ingest.notes:  # row numbers only: no data in the text
        st.info(markdown_of(note, lang), icon="ℹ️")
    st.markdown(f"**{t('data.conversions', lang)}**")
    st.dataframe(conversions_table(ingest, lang), hide_index=True, width="stretch")
    st.markdown(f"**{t('data.warnings', lang)}**")
    for warning in ingest.warnings:
        st.warning(markdown_of(warning, lang))
    if not ingest.warnings:
        st.caption(t("data.no_warnings", lang))
    _excluded(ingest, ranking, lang, presentation)
