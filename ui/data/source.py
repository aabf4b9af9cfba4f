"""The Data page's loader: upload a table, load a bundled sample, pick a workbook's sheet and
the header row (automatic, or a row number). Each choice loads through
:func:`ui.state.load_dataset` in a widget callback."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace

import streamlit as st

from core.errors import InputError
from core.ingest.read import IngestResult, list_sheets
from ui import state
from ui.i18n import t, t_plain
from ui.progress import staged

FILE_TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm", "parquet"]
HEADER_ROWS = 30  # rows offered by the header-row picker
PARQUET_MAGIC = b"PAR1"
PROGRESS = "data.progress."  # the words of each loading stage: ui.data.progress.<stage>


def _lang() -> str:
    return st.session_state[state.LANG]


def _on_upload() -> None:
    upload = st.session_state["upload"]
    if upload is None:
        return
    dataset = state.make_dataset(upload.name, upload.getvalue())
    if dataset.digest != st.session_state[state.DATASET].digest:
        lang = _lang()
        with staged(t_plain("data.progress.title", lang, file=upload.name), PROGRESS, lang) as step:
            state.load_dataset(dataset, lang, progress=step)
            if st.session_state.get(state.LOAD_ERROR) is None:
                step("ranking", 0.9)
                _warm_ranking()


def _warm_ranking() -> None:
    """Rank the new data once, so the page that follows reuses what the ranking prepared."""
    with suppress(InputError):  # the page says why it cannot rank
        state.rank_current_data(state.current_scenario())


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


def _on_header_row() -> None:
    book, current = _workbook(), st.session_state[state.DATASET]
    sheet = current.sheet if book.digest == current.digest else st.session_state.get("sheet")
    chosen = st.session_state["header_row"]
    dataset = state.make_dataset(book.name, book.content, sheet, book.is_sample, chosen)
    state.load_dataset(dataset, _lang())


def _found_header(book: state.Dataset) -> int | None:
    """The header row ingest finds by itself in ``book`` (None when the file cannot be read)."""
    try:
        return state.read_dataset(replace(book, header_row=None)).header_row
    except InputError:
        return None


def _header_row_picker(dataset: state.Dataset, lang: str) -> None:
    """Automatic (with the row found) or a row number; not for Parquet (no header rows)."""
    book = _workbook()
    if book.content[:4] == PARQUET_MAGIC:
        return
    chosen = dataset.header_row if book.digest == dataset.digest else None
    st.session_state["header_row"] = chosen
    found = _found_header(book if book.digest != dataset.digest else dataset)
    rows = sorted({*range(1, HEADER_ROWS + 1), *([chosen] if chosen else [])})

    def label(row: int | None) -> str:
        if row is not None:
            return t("data.header_row_n", lang, row=row)
        if found is None:
            return t("data.header_auto_unknown", lang)
        return t("data.header_auto", lang, row=found)

    st.selectbox(
        t("data.header_row", lang),
        [None, *rows],
        key="header_row",
        format_func=label,
        placeholder=label(None),  # a None value shows the placeholder, not the None option
        on_change=_on_header_row,
        help=t("data.header_row_help", lang),
    )


def _on_sample(lang: str) -> None:
    state.load_dataset(state.sample_dataset(lang), _lang())


def _sheet_picker(dataset: state.Dataset, current_sheet: str | None, lang: str) -> None:
    """A sheet picker when the upload (or the data) is a workbook of several sheets."""
    book = _workbook()
    sheets = _sheets(book.digest, book.name, book.content)
    if len(sheets) < 2:
        return
    st.session_state["sheet"] = current_sheet if book.digest == dataset.digest else None
    st.selectbox(
        t("data.sheet", lang),
        sheets,
        key="sheet",
        index=None,
        placeholder=t("data.sheet_choose", lang),
        on_change=_on_sheet,
        help=t("data.sheet_help", lang),
    )


def draw_data_source(ingest: IngestResult, lang: str) -> None:
    """The uploader, the sample buttons, what is loaded now (``ingest``), the sheet picker and
    the header-row picker."""
    dataset = st.session_state[state.DATASET]
    left, right = st.columns([2, 1])
    left.file_uploader(
        t("data.upload", lang),
        type=FILE_TYPES,
        key="upload",
        on_change=_on_upload,
        help=t("data.upload_help", lang),
    )
    with right:
        st.markdown(f"**{t('data.samples', lang)}**")
        for sample in ("zh", "en"):
            st.button(
                t(f"data.sample_{sample}", lang),
                key=f"sample_{sample}",
                width="stretch",
                on_click=_on_sample,
                args=(sample,),
            )
    if st.session_state.get(state.LOAD_ERROR):
        st.info(t("data.error_hint", lang), icon="💡")
    rows, cols = len(ingest.frame), len(ingest.frame.columns)
    st.markdown(t("data.current", lang, name=ingest.source, rows=rows, cols=cols))
    if dataset.is_sample:
        st.info(t("data.sample_note", lang), icon="👉")
    sheet_column, header_column = st.columns(2)
    with sheet_column:
        _sheet_picker(dataset, ingest.sheet, lang)
    with header_column:
        _header_row_picker(dataset, lang)
