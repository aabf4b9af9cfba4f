"""Data: load a customer table (upload or sample), map its columns, read the ingest report."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.catalog import FACTORS, attribute_of, factor_by_key
from core.errors import InputError
from core.ingest import list_sheets
from core.mapping import Mapping, with_factor
from ui import state
from ui.shell import page_shell

PREVIEW_ROWS = 20
EDITOR_ROW_PX = 35  # the data editor's default row height: show every row, no inner scroll
EDITOR_VERSION = "data_mapping_version"  # bumped after each edit so the editor redraws clean
MAPPING_ERROR = "data_mapping_error"


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
    state.load_dataset(
        state.make_dataset(book.name, book.content, st.session_state["sheet"]), _lang()
    )


def _on_sample(lang: str) -> None:
    state.load_dataset(state.sample_dataset(lang), _lang())


def _apply(mapping: Mapping) -> None:
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1
    try:
        state.set_mapping(mapping)
        st.session_state[MAPPING_ERROR] = None
    except InputError as exc:
        st.session_state[MAPPING_ERROR] = str(exc)


def _release(mapping: Mapping, column: str) -> Mapping:
    """A column that stops being the ID or name: a custom factor, an attribute, or ignored."""
    kind = mapping.role_of(column).kind
    if kind != "text":
        return with_factor(
            mapping,
            column,
            role="factor",
            factor_key="custom",
            direction="benefit",
            dimension="custom",
            include=False,
        )
    attribute = attribute_of(column)
    return with_factor(
        mapping, column, role="attribute" if attribute else "ignored", attribute=attribute
    )


def _claim(mapping: Mapping, column: str, role: str) -> Mapping:
    return with_factor(
        mapping,
        column,
        role=role,
        include=False,
        factor_key=None,
        direction=None,
        dimension=None,
        attribute=None,
    )


def _on_id() -> None:
    mapping, new = state.current_mapping(), st.session_state["id_column"]
    name = None if new == mapping.name_column else mapping.name_column
    mapping = _claim(_release(mapping, mapping.id_column), new, "id")
    _apply(replace(mapping, id_column=new, name_column=name))


def _on_name() -> None:
    mapping, new = state.current_mapping(), st.session_state["name_column"]
    if mapping.name_column:
        mapping = _release(mapping, mapping.name_column)
    if new:
        mapping = _claim(mapping, new, "name")
    _apply(replace(mapping, name_column=new))


def _edited(mapping: Mapping, before: pd.DataFrame, after: pd.DataFrame) -> Mapping:
    """The mapping with the editor's changed cells applied (a new factor brings its defaults)."""
    for i in range(len(before)):
        updates = {k: v for k, v in after.iloc[i].items() if v != before.iloc[i][k]}
        if "factor" in updates:
            known = factor_by_key(updates.pop("factor"))
            updates |= {"factor_key": known.key if known else "custom"}
            updates |= {"dimension": known.dimension if known else "custom"}
            updates.setdefault("direction", known.direction if known else "benefit")
        if updates:
            mapping = with_factor(mapping, before["column"].iloc[i], **updates)
    return mapping


page = page_shell("data")
t = page.t
dataset, ingest = st.session_state[state.DATASET], page.ingest
st.title(t("data.title"))
st.caption(t("data.intro"))

left, right = st.columns([2, 1])
left.file_uploader(
    t("data.upload"),
    type=["csv", "tsv", "txt", "xlsx", "xlsm", "parquet"],
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
frame = ingest.frame
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

st.subheader(t("data.mapping"))
mapping = page.mapping
columns = list(frame.columns)
pick_id, pick_name = st.columns(2)
st.session_state["id_column"] = mapping.id_column
pick_id.selectbox(t("data.id_column"), columns, key="id_column", on_change=_on_id)
st.session_state["name_column"] = mapping.name_column
pick_name.selectbox(
    t("data.name_column"),
    [None, *(c for c in columns if c != mapping.id_column)],
    key="name_column",
    format_func=lambda c: t("data.no_name") if c is None else c,
    on_change=_on_name,
)
factors = mapping.factors
editor = pd.DataFrame(
    {
        "column": [r.column for r in factors],
        "kind": [t(f"data.kind.{r.kind}") for r in factors],
        "factor": [r.factor_key or "custom" for r in factors],
        "direction": [r.direction or "benefit" for r in factors],
        "include": [r.include for r in factors],
    }
)
names = {f.key: f.zh if page.lang == "zh" else f.en for f in FACTORS}
names["custom"] = t("data.custom")
edited = st.data_editor(
    editor,
    key=f"mapping_editor_{st.session_state.get(EDITOR_VERSION, 0)}",
    hide_index=True,
    width="stretch",
    height=EDITOR_ROW_PX * (len(editor) + 1) + 3,
    disabled=["column", "kind"],
    column_config={
        "column": st.column_config.TextColumn(t("data.col.column")),
        "kind": st.column_config.TextColumn(t("data.col.kind")),
        "factor": st.column_config.SelectboxColumn(
            t("data.col.factor"), options=list(names), format_func=names.get, required=True
        ),
        "direction": st.column_config.SelectboxColumn(
            t("data.col.direction"),
            options=["benefit", "cost"],
            format_func=lambda d: t(f"data.{d}"),
            required=True,
        ),
        "include": st.column_config.CheckboxColumn(t("data.col.include")),
    },
)
st.caption(t("data.mapping_help"))
if (changed := _edited(mapping, editor, edited)) != mapping:
    _apply(changed)
    st.rerun()
others = [r.column for r in mapping.roles if r.role in ("attribute", "ignored")]
if others:
    st.caption(t("data.other_columns", columns=", ".join(map(str, others))))
if st.session_state.get(MAPPING_ERROR):
    st.error(t("data.mapping_error", error=st.session_state[MAPPING_ERROR]), icon="⚠️")
if not any(r.include for r in factors):
    st.info(t("data.no_factors"), icon="👉")

preview, report = st.tabs([t("data.preview", n=PREVIEW_ROWS), t("data.report")])
dates = {c: st.column_config.DateColumn(c) for c in columns if mapping.role_of(c).kind == "date"}
preview.dataframe(frame.head(PREVIEW_ROWS), hide_index=True, width="stretch", column_config=dates)
with report:
    facts = st.columns(3)
    facts[0].metric(t("data.format"), ingest.file_format.upper())
    facts[1].metric(t("data.encoding"), ingest.encoding or "—")
    facts[2].metric(
        t("data.delimiter"), {"\t": "Tab"}.get(ingest.delimiter, ingest.delimiter or "—")
    )
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
        st.warning(warning)
    if not ingest.warnings:
        st.caption(t("data.no_warnings"))
    excluded = page.ranking.excluded if page.ranking is not None else pd.DataFrame()
    st.markdown(f"**{t('data.excluded', n=len(excluded))}**")
    if len(excluded):
        shown = excluded.rename(
            columns={
                "row": t("data.ex.row"),
                "customer_id": t("col.customer_id"),
                "reason": t("data.ex.reason"),
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch")
    else:
        st.caption(t("data.no_excluded"))
