"""The client report on the Export page: language and anonymisation, one build, then the HTML
report and its charts as PNG (zip) to download, and a preview.

Both files are made by one click under one progress box (the HTML, then the charts) from the
same settings, so the charts in the zip are the report's own (same titles, language, aliases).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from core.report.figures import font_note
from core.report.images import ChartRenderError, chart_pngs, charts_zip
from ui import state
from ui.i18n import LANG_NAMES, LANGS
from ui.progress import staged
from ui.share import client_report
from ui.shell import Page

# The last report built (BuiltReport); offered while its settings are the current ones.
REPORT = "export_report"
PREVIEW_HEIGHT = 520


@dataclass(frozen=True)
class BuiltReport:
    """The HTML report and its charts zip (None when they cannot be drawn) for ``settings``."""

    settings: tuple
    html: str
    charts: bytes | None


def _build(
    page: Page, lang: str, anonymize: bool, settings: tuple, step: Callable[[str, float], None]
) -> BuiltReport:
    step("html", 0.0)
    html = client_report(page.ranking, page.mapping, page.ingest, lang, anonymize)
    step("charts", 0.5)
    try:
        charts = charts_zip(chart_pngs(page.ranking, lang, anonymize))
    except ChartRenderError:
        charts = None  # said on the page; the HTML report notes it too
    return BuiltReport(settings, html, charts)


def _downloads(page: Page, built: BuiltReport, lang: str) -> None:
    html_col, png_col = st.columns(2)
    html_col.download_button(
        page.t("export.report_download"),
        data=built.html.encode("utf-8"),
        file_name=f"customer_report_{lang}.html",
        mime="text/html",
        on_click="ignore",
        icon="⬇️",
        key="download_report",
        type="primary",
        width="stretch",
    )
    if built.charts is None:
        png_col.warning(page.t("export.charts_missing"), icon="⚠️")
        return
    png_col.download_button(
        page.t("export.charts_download"),
        data=built.charts,
        file_name=f"customer_report_charts_{lang}.zip",
        mime="application/zip",
        on_click="ignore",
        icon="🖼️",
        key="download_charts",
        help=page.t("export.charts_help"),
        width="stretch",
    )
    if font_note(lang):
        png_col.caption(page.t("export.charts_font_missing"))


def report_panel(page: Page) -> None:
    """The report section; needs ``page.ranking``."""
    lang_col, anon_col = st.columns(2)
    report_lang = lang_col.segmented_control(
        page.t("export.report_lang"),
        LANGS,
        default=page.lang,
        format_func=LANG_NAMES.get,
        key="report_lang",
        required=True,
    )
    anonymize = anon_col.toggle(
        page.t("export.report_anonymize"),
        value=page.presentation,
        key="report_anonymize",
        help=page.t("export.report_anonymize_help"),
    )
    settings = (report_lang, anonymize, page.scenario.to_json(), state.data_digest())
    if st.button(page.t("export.report_build"), icon="📝", key="report_build"):
        title = page.t_plain("export.report_building")
        with staged(title, "export.report_progress.", page.lang) as step:
            st.session_state[REPORT] = _build(page, report_lang, anonymize, settings, step)
    built = st.session_state.get(REPORT)
    if built is None:
        return
    if built.settings != settings:
        st.caption(page.t("export.report_stale"))
        return
    _downloads(page, built, report_lang)
    st.caption(page.t("export.report_preview", kb=len(built.html.encode("utf-8")) / 1024))
    st.container(border=True).iframe(built.html, height=PREVIEW_HEIGHT)
