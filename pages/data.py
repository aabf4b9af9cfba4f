"""Data: load a customer table (upload or sample), map its columns, read the ingest report."""

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.ingest import list_sheets
from core.mapping import column_kind
from ui import state
from ui.i18n import localize
from ui.mapping_editor import mapping_editor
from ui.shell import page_shell
from ui.tables import with_plain_dates

PREVIEW_ROWS = 20
FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "parquet"]


def _lang() -> str:
    return st.session_state[state.LANG]


def _on_upload() -> None:
    upload = st.session_state["upload"]
    if upload is None:
        return
    dataset = state.make_dataset(upload.name, upload.getvalue())
    if dataset.digest != st.session_state[state.DATASET].digest:
        state.load_dataset(dataset, _lang())


def _workbook() -> state.Dataset:
    """The upload when there is one (its first sheet may have failed to load), else the data."""
    upload = st.session_state.get("upload")
    if upload is None:
        return st.session_state[state.DATASET]
    return state.make_dataset(upload.name, upload.getvalue())


@st.cache_data(show_spinner=False, max_entries=8)
def _sheets(digest: str, name: str, _content: bytes) -> list[str]:
    try:
        return list_sheets(_content, name)
    except InputError:
        return []


def _on_sheet() -> None:
    book = _workbook()
    sheet = st.session_state["sheet"]
    state.load_dataset(state.make_dataset(book.name, book.content, sheet), _lang())


def _on_sample(lang: str) -> None:
    state.load_dataset(state.sample_dataset(lang), _lang())


page = page_shell("data")
t = page.t
dataset, ingest, frame = st.session_state[state.DATASET], page.ingest, page.ingest.frame
st.title(t("data.title"))
st.caption(t("data.intro"))

# Load: upload, samples, sheet
left, right = st.columns([2, 1])
left.file_uploader(
    t("data.upload"),
    type=FILE_TYPES,
    key="upload",
    on_change=_on_upload,
    help=t("data.upload_help"),
)
with right:
    st.markdown(f"**{t('data.samples')}**")
    for lang in ("zh", "en"):
        st.button(
            t(f"data.sample_{lang}"),
            key=f"sample_{lang}",
            width="stretch",
            on_click=_on_sample,
            args=(lang,),
        )
if st.session_state.get(state.LOAD_ERROR):
    st.info(t("data.error_hint"), icon="💡")
st.markdown(t("data.current", name=ingest.source, rows=len(frame), cols=len(frame.columns)))
if dataset.is_sample:
    st.info(t("data.sample_note"), icon="👉")
book = _workbook()
sheets = _sheets(book.digest, book.name, book.content)
if len(sheets) > 1:
    st.session_state["sheet"] = ingest.sheet if book.digest == dataset.digest else None
    st.selectbox(
        t("data.sheet"),
        sheets,
        key="sheet",
        index=None,
        placeholder=t("data.sheet_choose"),
        on_change=_on_sheet,
        help=t("data.sheet_help"),
    )

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
preview.dataframe(
    with_plain_dates(frame.head(PREVIEW_ROWS)),
    hide_index=True,
    width="stretch",
    column_config=dates,
)
with report:
    facts = st.columns(3)
    facts[0].metric(t("data.format"), ingest.file_format.upper())
    facts[1].metric(t("data.encoding"), ingest.encoding or "—")
    delimiter = {"\t": "Tab"}.get(ingest.delimiter, ingest.delimiter or "—")
    facts[2].metric(t("data.delimiter"), delimiter)
    st.markdown(f"**{t('data.conversions')}**")
    conversions = pd.DataFrame(
        {
            t("data.col.column"): [c.column for c in ingest.conversions],
            t("data.col.kind"): [t(f"data.kind.{c.kind}") for c in ingest.conversions],
            t("data.conv.parsed"): [c.parsed for c in ingest.conversions],
            t("data.conv.failed"): [c.failed for c in ingest.conversions],
            t("data.conv.missing"): [c.missing for c in ingest.conversions],
            t("data.conv.examples"): ["; ".join(c.failed_examples) for c in ingest.conversions],
            t("data.conv.note"): [c.note for c in ingest.conversions],
        }
    )
    st.dataframe(conversions, hide_index=True, width="stretch")
    st.markdown(f"**{t('data.warnings')}**")
    for warning in ingest.warnings:
        st.warning(localize(warning, page.lang))
    if not ingest.warnings:
        st.caption(t("data.no_warnings"))
    excluded = page.ranking.excluded if page.ranking is not None else pd.DataFrame()
    st.markdown(f"**{t('data.excluded', n=len(excluded))}**")
    if len(excluded):
        headers = {
            "row": "data.ex.row",
            "customer_id": "col.customer_id",
            "reason": "data.ex.reason",
        }
        excluded = excluded.assign(reason=[localize(r, page.lang) for r in excluded["reason"]])
        shown = excluded.rename(columns={c: t(k) for c, k in headers.items()})
        st.dataframe(shown, hide_index=True, width="stretch")
    else:
        st.caption(t("data.no_excluded"))
