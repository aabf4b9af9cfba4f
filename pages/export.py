"""Export page: the ranked list as CSV / XLSX, the scenario as JSON, a share link, and the
client report (one self-contained HTML file, its charts as PNG in a zip: ui.export.report_panel)."""

import streamlit as st

from core.errors import InputError
from core.report.export import to_csv_bytes, to_xlsx_bytes
from ui import state
from ui.export.report_panel import report_panel
from ui.i18n import message_of
from ui.share import export_table, share_link, workbook_sheets
from ui.shell import page_shell

UPLOAD = "scenario_upload"
# (file_id, ok, text): the outcome of the last scenario upload, shown while that file stays.
UPLOAD_OUTCOME = "export_upload_outcome"


def _apply_upload() -> None:
    """Uploader callback: runs once per distinct upload, before the shell ranks."""
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        st.session_state[UPLOAD_OUTCOME] = None
        return
    try:
        state.adopt(upload.getvalue(), origin=upload.name)
    except InputError as exc:
        st.session_state[UPLOAD_OUTCOME] = (upload.file_id, False, message_of(exc))
        return
    st.session_state[UPLOAD_OUTCOME] = (upload.file_id, True, upload.name)


page = page_shell("export")
st.title(page.t("export.title"))
st.caption(page.t("export.intro"))

st.subheader(page.t("export.ranked_header"))
if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
else:
    ranking = page.ranking
    if page.presentation:
        st.info(page.t("export.presentation_note"), icon="🕶️")
    table = export_table(ranking, page.mapping, page.lang, page.presentation)
    sheet_names = (page.t("export.sheet_ranking"), page.t("export.sheet_tiers"))
    sheets = workbook_sheets(
        ranking,
        page.mapping,
        page.lang,
        page.presentation,
        (*sheet_names, page.t("export.sheet_scenario"), page.t("export.sheet_drivers")),
    )
    st.caption(page.t("export.ranked_caption", rows=len(table), columns=len(table.columns)))
    csv_col, xlsx_col = st.columns(2)
    # Files are built only when clicked (deferred callables): large tables cost nothing here.
    csv_col.download_button(
        page.t("export.csv"),
        data=lambda: to_csv_bytes(table),
        file_name="customer_ranking.csv",
        mime="text/csv",
        on_click="ignore",
        icon="📄",
        key="download_csv",
        width="stretch",
    )
    xlsx_col.download_button(
        page.t("export.xlsx"),
        data=lambda: to_xlsx_bytes(sheets),
        file_name="customer_ranking.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon="📊",
        key="download_xlsx",
        help=page.t("export.xlsx_help"),
        width="stretch",
    )
    st.caption(page.t("export.formula_note"))

st.subheader(page.t("export.scenario_header"))
st.caption(page.t("export.scenario_caption"))
st.download_button(
    page.t("export.json"),
    data=page.scenario.to_json(),
    file_name="scenario.json",
    mime="application/json",
    on_click="ignore",
    icon="💾",
    key="download_json",
)
upload = st.file_uploader(
    page.t("export.upload"),
    type=["json"],
    key=UPLOAD,
    help=page.t("export.upload_help"),
    on_change=_apply_upload,
)
outcome = st.session_state.get(UPLOAD_OUTCOME)
if upload is not None and outcome and outcome[0] == upload.file_id:
    if outcome[1]:
        st.success(page.t("export.upload_ok", name=outcome[2]), icon="✅")
    else:
        st.error(page.t("export.upload_error", error=outcome[2]), icon="⚠️")

st.subheader(page.t("export.share_header"))
st.caption(page.t("export.share_caption"))
st.code(share_link(st.context.url, page.lang, page.scenario), language=None, wrap_lines=True)

st.subheader(page.t("export.report_header"))
st.caption(page.t("export.report_caption"))
if page.ranking is None:
    st.caption(page.t("empty.no_ranking"))
    st.stop()
report_panel(page)
