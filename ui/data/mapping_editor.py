"""The Data page's mapping editor: the ID and name pickers and one editable row per factor
column (catalog factor, direction, include). The table shows the current scenario's use of
the columns (ui.state.current_mapping); an edit is an edit of the scenario
(ui.state.edit_mapping) and a refused one leaves its message under :data:`ERROR`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.mapping.catalog import BENEFIT, DIRECTIONS, FACTORS
from core.mapping.columns import (
    Mapping,
    direction_word,
    with_edits,
    with_id_column,
    with_name_column,
)
from ui import state
from ui.i18n import direction_label, message_of, t

ROW_PX = 35  # the data editor's default row height: show every row, no inner scroll
VERSION = "data_mapping_version"  # bumped after each edit so the editor redraws clean
ERROR = "data_mapping_error"


def _apply(before: Mapping, after: Mapping) -> None:
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    try:
        state.edit_mapping(before, after)
        st.session_state[ERROR] = None
    except InputError as exc:
        st.session_state[ERROR] = message_of(exc)


def _on_id() -> None:
    mapping = state.current_mapping()
    _apply(mapping, with_id_column(mapping, st.session_state["id_column"]))


def _on_name() -> None:
    mapping = state.current_mapping()
    _apply(mapping, with_name_column(mapping, st.session_state["name_column"]))


def _id_and_name(mapping: Mapping, columns: list[str], lang: str) -> None:
    pick_id, pick_name = st.columns(2)
    st.session_state["id_column"] = mapping.id_column
    pick_id.selectbox(t("data.id_column", lang), columns, key="id_column", on_change=_on_id)
    st.session_state["name_column"] = mapping.name_column
    pick_name.selectbox(
        t("data.name_column", lang),
        [None, *(c for c in columns if c != mapping.id_column)],
        key="name_column",
        format_func=lambda c: t("data.no_name", lang) if c is None else c,
        on_change=_on_name,
    )


def factor_rows(mapping: Mapping, lang: str) -> pd.DataFrame:
    """One row per factor column: column, kind (translated), factor key, direction as it
    reads for the column's kind (core.mapping.columns.direction_word: ``date_cost`` is more
    recent is better), include."""
    factors = mapping.factors
    return pd.DataFrame(
        {
            "column": [r.column for r in factors],
            "kind": [t(f"data.kind.{r.kind}", lang) for r in factors],
            "factor": [r.factor_key or "custom" for r in factors],
            "direction": [direction_word(r.direction or BENEFIT, r.kind) for r in factors],
            "include": [r.include for r in factors],
        }
    )


def direction_options(mapping: Mapping, lang: str) -> dict[str, str]:
    """The direction column's choices and their labels: ↑/↓ with the words for numbers, and
    for dates too when a factor column holds dates (one choice list serves every row)."""
    kinds = ["number", *(["date"] if any(r.kind == "date" for r in mapping.factors) else [])]
    return {
        direction_word(d, kind): direction_label(d, kind, lang)
        for kind in kinds
        for d in DIRECTIONS
    }


def _plain_directions(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with ``date_cost`` read back as ``cost`` (a choice made on any row)."""
    return rows.assign(direction=rows["direction"].str.removeprefix("date_"))


def _factor_table(mapping: Mapping, lang: str) -> None:
    rows = factor_rows(mapping, lang)
    names = {f.key: f.zh if lang == "zh" else f.en for f in FACTORS}
    names["custom"] = t("data.custom", lang)
    directions = direction_options(mapping, lang)
    column = st.column_config
    edited = st.data_editor(
        rows,
        key=f"mapping_editor_{st.session_state.get(VERSION, 0)}",
        hide_index=True,
        width="stretch",
        height=ROW_PX * (len(rows) + 1) + 3,
        disabled=["column", "kind"],
        column_config={
            "column": column.TextColumn(t("data.col.column", lang)),
            "kind": column.TextColumn(t("data.col.kind", lang)),
            "factor": column.SelectboxColumn(
                t("data.col.factor", lang),
                options=list(names),
                format_func=names.get,
                required=True,
            ),
            "direction": column.SelectboxColumn(
                t("data.col.direction", lang),
                options=list(directions),
                format_func=directions.get,
                required=True,
            ),
            "include": column.CheckboxColumn(t("data.col.include", lang)),
        },
    )
    if (
        changed := with_edits(mapping, _plain_directions(rows), _plain_directions(edited))
    ) != mapping:
        _apply(mapping, changed)
        st.rerun()
    if edited["direction"].tolist() != rows["direction"].tolist():
        # e.g. "more recent is better" picked for a number: the same direction, redrawn
        st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
        st.rerun()


def mapping_editor(mapping: Mapping, columns: list[str], lang: str) -> None:
    """The pickers, the factor table, the other columns and any refused edit."""
    _id_and_name(mapping, columns, lang)
    _factor_table(mapping, lang)
    st.caption(t("data.mapping_help", lang))
    others = [r.column for r in mapping.roles if r.role in ("attribute", "ignored")]
    if others:
        st.caption(t("data.other_columns", lang, columns=", ".join(map(str, others))))
    if st.session_state.get(ERROR):
        st.error(t("data.mapping_error", lang, error=st.session_state[ERROR]), icon="⚠️")
    if not any(r.include for r in mapping.factors):
        st.info(t("data.no_factors", lang), icon="👉")
