"""Data: load a customer table (upload or sample), decide what repeated customer IDs mean, map
its columns, read the ingest report."""

import streamlit as st

from core.mapping.columns import column_kind
from ui.data.duplicates import draw_duplicates
from ui.data.ingest_report import draw_ingest_report
from ui.data.mapping_editor import mapping_editor
from ui.data.source import draw_data_source
from ui.shell import page_shell
from ui.tables import aliased_rows, with_plain_dates

PREVIEW_ROWS = 20

page = page_shell("data")
t = page.t
ingest, frame = page.ingest, page.ingest.frame
st.title(t("data.title"))
st.caption(t("data.intro"))

if page.presentation:  # no loading or editing in front of an audience; aliases, not names
    st.info(t("data.presenting"), icon="🕶️")
else:
    # Load: upload, samples, sheet
    draw_data_source(ingest, page.lang)
    draw_duplicates(frame, page.scenario, page.lang)

    # Map the columns
    st.subheader(t("data.mapping"))
    mapping_editor(page.mapping, list(frame.columns), page.lang)

# Preview and ingest report
preview, report = st.tabs([t("data.preview", n=PREVIEW_ROWS), t("data.report")])
dates = {
    c: st.column_config.DateColumn(format="YYYY-MM-DD")
    for c in frame.columns
    if column_kind(frame[c]) == "date"
}
rows = frame.head(PREVIEW_ROWS)
if page.presentation:
    rows = aliased_rows(rows, page.mapping, page.lang)
preview.dataframe(
    with_plain_dates(rows),
    hide_index=True,
    width="stretch",
    column_config=dates,
    placeholder="",  # a missing value is an empty cell, never "None"
)
with report:
    draw_ingest_report(ingest, page.ranking, page.lang, page.presentation)
