"""The shell every page calls first: page config, language, data, navigation, weight sliders.

With a ``pages/`` folder Streamlit runs each page script on its own, so each page begins with
``page = page_shell("ranking")`` and then only reads ``page`` and draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from string import Template

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.errors import InputError
from core.ingest.read import IngestResult
from core.mapping.columns import Mapping
from core.method.ranking import Ranking
from core.method.scenario import Scenario
from ui import session, state
from ui.i18n import LANG_NAMES, LANGS, lang_from_locale, markdown_of, message_of, t, t_plain
from ui.widgets import weight_sliders

APP_ROOT = Path(__file__).resolve().parents[1]
PAGES = (
    ("home", "streamlit_app.py", "🏠"),
    ("data", "pages/data.py", "📂"),
    ("weights", "pages/weights.py", "⚖️"),
    ("ahp", "pages/ahp.py", "🧮"),
    ("ranking", "pages/ranking.py", "🏆"),
    ("groups", "pages/groups.py", "🧩"),
    ("accounts", "pages/accounts.py", "🤝"),
    ("scenarios", "pages/scenarios.py", "🗂️"),
    ("sensitivity", "pages/sensitivity.py", "🎲"),
    ("orders", "pages/orders.py", "🧾"),
    ("review", "pages/review.py", "🔁"),
    ("backtest", "pages/backtest.py", "🎯"),
    ("workshop", "pages/workshop.py", "🗳️"),
    ("export", "pages/export.py", "📤"),
)

# Presentation mode, for a projector: larger type (key figures far larger than their labels,
# tables drawn larger: the grid is a canvas, so it is zoomed), a wider sidebar whose labels stay
# whole, and no editing chrome: uploaders, the mapping and rule editors, and the destructive
# buttons (start over, delete a scenario or snapshot, remove a judge or an override). Chart text
# grows through ui.charts.parts.for_projector.
PRESENTATION_HIDDEN = (
    '[data-testid="stFileUploader"]',
    ".st-key-start_over",
    ".st-key-scenarios_delete",
    ".st-key-review_delete",
    ".st-key-review_doomed",
    ".st-key-ahp_remove_judge",
    ".st-key-ov_remove",
    ".st-key-ov_remove_button",
    '[class*="st-key-orders_rules_editor"]',
)
# The table grid is a canvas: zoomed, in a container narrowed to fit its column and as tall as
# the zoomed grid (a table given a height would otherwise run over what follows it).
GRID_ZOOM = 1.4
PRESENTATION_CSS = f"""
<style>
  html, body, [data-testid="stAppViewContainer"] {{ font-size: 20px; }}
  [data-testid="stMain"] [data-testid="stMarkdownContainer"] p {{ font-size: 1.25rem; }}
  h1 {{ font-size: 2.6rem !important; }}
  [data-testid="stMain"] [data-testid="stMetric"] {{ container-type: inline-size; }}
  [data-testid="stMain"] [data-testid="stMetricValue"],
  [data-testid="stMain"] [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {{
    font-size: min(3rem, 24cqi); line-height: 1.15; }}
  [data-testid="stMain"] [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {{
    font-size: 1.1rem; }}
  [data-testid="stMain"] [data-testid="stMetricLabel"] * {{
    white-space: normal; overflow: visible; text-overflow: clip; }}
  [data-testid="stMain"] [data-testid="stDataFrame"] {{
    zoom: {GRID_ZOOM}; height: auto !important; }}
  [data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) {{
    width: calc(100% / {GRID_ZOOM}) !important; max-width: calc(100% / {GRID_ZOOM}) !important;
    height: auto !important; }}
  [data-testid="stTable"] td, [data-testid="stTable"] th {{ font-size: 1.2rem; }}
  [data-testid="stSidebar"] {{ min-width: 340px; }}
  [data-testid="stSidebar"] [data-testid="stMarkdownContainer"] p,
  [data-testid="stSidebar"] [data-testid="stPageLink"] span {{ font-size: 18px; }}
  [data-testid="stSidebar"] [data-testid="stPageLink"] span {{
    white-space: normal; overflow: visible; text-overflow: clip; }}
  {", ".join(PRESENTATION_HIDDEN)} {{ display: none; }}
</style>
"""


# Streamlit has no locale setting: on Chinese pages its own widget text is hidden and drawn again
# in Chinese by CSS. A replaced element becomes a grid whose first column (the English text) is
# zero wide and hidden, so the Chinese ``::after`` keeps the element's own font, size and colour.
# The uploader's type list cannot be reproduced here: each uploader's label or help names them.
# Streamlit's default select placeholders (seen only while a search box is emptied) are hidden.
CHINESE_CHROME_CSS = Template("""<style>
  [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
  [data-testid="stFileUploaderDropzoneInstructions"] span,
  [data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span {
    display: grid; grid-template-columns: 0 auto; visibility: hidden; }
  [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
    content: "上传文件"; visibility: visible; }
  [data-testid="stFileUploaderDropzoneInstructions"] span::after {
    content: "单个文件不超过 ${max_mb}MB"; visibility: visible; }
  [data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span::after {
    content: "将文件拖放到此处"; visibility: visible; }
  [data-testid="InputInstructions"] > span:first-child { display: none; }
  [data-testid="InputInstructions"]::before { content: "按 Enter 键应用"; }
  [data-testid="stForm"] [data-testid="InputInstructions"]::before { content: "按 Enter 键提交"; }
  [data-testid="stTextArea"] [data-testid="InputInstructions"]::before {
    content: "按 Ctrl/⌘+Enter 应用"; }
  [data-testid="stForm"] [data-testid="stTextArea"] [data-testid="InputInstructions"]::before {
    content: "按 Ctrl/⌘+Enter 提交"; }
  [data-testid="stStatusWidgetRunningIcon"] + span button { font-size: 0; }
  [data-testid="stStatusWidgetRunningIcon"] + span button::after {
    content: "停止"; font-size: 0.875rem; }
  input[placeholder="Choose an option"]::placeholder,
  input[placeholder="Choose options"]::placeholder,
  input[placeholder="No options to select"]::placeholder { color: transparent; }
</style>""")


def _chinese_chrome(lang: str) -> None:
    """Show Streamlit's own widget text in Chinese on Chinese pages (English is untouched)."""
    if lang == "zh":
        st.html(CHINESE_CHROME_CSS.substitute(max_mb=st.get_option("server.maxUploadSize")))


@dataclass(frozen=True)
class Page:
    """What a page needs to draw: language, data, mapping, scenario and the live ranking."""

    lang: str
    ingest: IngestResult
    mapping: Mapping
    scenario: Scenario
    ranking: Ranking | None
    presentation: bool
    weights: DeltaGenerator | None = None  # the sidebar's weights expander

    def t(self, key: str, **values: object) -> str:
        """Translate a key into this page's language."""
        return t(key, self.lang, **values)

    def t_plain(self, key: str, **values: object) -> str:
        """:meth:`t` as plain text (a table header, a chart title)."""
        return t_plain(key, self.lang, **values)


def _resolve_lang() -> str:
    if state.LANG not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state[state.LANG] = (
            asked if asked in LANGS else lang_from_locale(st.context.locale)
        )
    return st.session_state[state.LANG]


def _on_lang_change() -> None:
    lang = st.session_state["lang_choice"]
    st.session_state[state.LANG] = lang
    if state.SCENARIO in st.session_state:
        state.set_scenario(state.relabel_default_tiers(state.current_scenario(), lang))


def _language_switch(lang: str) -> None:
    """中文 / English; the choice is kept in the session and the URL (``?lang=``)."""
    st.query_params["lang"] = lang
    st.session_state["lang_choice"] = lang
    st.segmented_control(
        t("shell.language", lang),
        LANGS,
        key="lang_choice",
        format_func=LANG_NAMES.get,
        on_change=_on_lang_change,
        required=True,
    )


def _apply_share_link(lang: str) -> None:
    token = st.query_params.get("s")
    if not token or st.session_state.get(state.SHARE_TOKEN) == token:
        return
    st.session_state[state.SHARE_TOKEN] = token
    try:
        state.adopt(token, origin="share link", token=True)
    except InputError as exc:
        st.session_state[state.LINK_ERROR] = message_of(exc)
        return
    st.session_state[state.LINK_ERROR] = None


def _sidebar(lang: str, current: str, sliders: bool = True) -> DeltaGenerator:
    """The sidebar; returns the weights expander (its sliders drawn here, or by
    :func:`live_results` when ``sliders`` is False)."""
    with st.sidebar:
        _language_switch(lang)
        for page_id, path, icon in PAGES:
            if not (APP_ROOT / path).exists():
                continue
            st.page_link(
                path, label=t(f"nav.{page_id}", lang), icon=icon, disabled=page_id == current
            )
        st.divider()
        result = state.ingest_result()
        st.caption(
            t(
                "shell.data_source",
                lang,
                name=result.source,
                rows=len(result.frame),
                factors=len(state.current_scenario().factors),
            )
        )
        # The toggle's own key is reset on a page switch; the canonical flag is not.
        st.session_state["presentation_toggle"] = st.session_state.get(state.PRESENTATION, False)
        st.toggle(
            t("shell.presentation", lang),
            key="presentation_toggle",
            help=t("shell.presentation_help", lang),
            on_change=state.remember_widget,
            args=("presentation_toggle", state.PRESENTATION),
        )
        weights = st.expander(t("shell.weights", lang), expanded=current != "weights")
        if sliders:
            with weights:
                weight_sliders(lang, location="sidebar")
        st.button(
            t("shell.start_over", lang),
            key="start_over",
            help=t("shell.start_over_help", lang),
            on_click=session.start_over,
            icon=":material/restart_alt:",
        )
    return weights


HIDE_SIDEBAR_CSS = """<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
</style>"""


def participant_shell(title_key: str) -> str:
    """The shell of a page for workshop participants: language only, no sidebar, no navigation
    (participants never see the facilitator's controls). Returns the language."""
    lang = _resolve_lang()
    st.set_page_config(page_title=t(title_key, lang), page_icon="🗳️", layout="centered")
    st.html(HIDE_SIDEBAR_CSS)
    _chinese_chrome(lang)
    _language_switch(lang)
    return lang


def page_shell(current: str, live: bool = False) -> Page:
    """Draw the shared chrome and return the state this page draws from. With ``live`` the
    page draws what the weights drive through :func:`live_results` (which also draws the
    sidebar's sliders), and the page returned has no ranking yet."""
    session.restore()
    lang = _resolve_lang()
    st.set_page_config(
        page_title=t("app.title", lang),
        page_icon="🏅",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    session.apply_pending(lang)
    state.ensure_data(lang)
    _apply_share_link(lang)
    weights = _sidebar(lang, current, sliders=not live)
    presentation = bool(st.session_state.get(state.PRESENTATION))
    if presentation:
        st.html(PRESENTATION_CSS)
    _chinese_chrome(lang)
    for key, message in (
        (state.LOAD_ERROR, "shell.load_error"),
        (state.LINK_ERROR, "shell.link_error"),
    ):
        if st.session_state.get(key):
            st.error(t(message, lang, error=st.session_state[key]), icon="⚠️")
    if (notice := session.notice(lang)) is not None:
        st.warning(notice, icon="⚠️")
    for warning in state.adopted_warnings():  # shown once, on the page drawn after the load
        st.warning(markdown_of(warning, lang), icon="⚠️")
    page = Page(
        lang, state.ingest_result(), state.current_mapping(), state.current_scenario(), None,
        presentation, weights,
    )  # fmt: skip
    return page if live else _ranked(page)


def _ranked(page: Page) -> Page:
    """``page`` with the current scenario and its ranking (a ranking error is shown); the
    session is kept."""
    scenario = state.current_scenario()
    try:
        ranking = state.rank_current_data(scenario)
    except InputError as exc:
        st.error(t("shell.rank_error", page.lang, error=message_of(exc)), icon="⚠️")
        ranking = None
    session.keep(page.lang)
    # the mapping follows the scenario: taken again only when a fragment's rerun changed it
    mapping = page.mapping if scenario is page.scenario else state.current_mapping()
    return replace(page, mapping=mapping, scenario=scenario, ranking=ranking)


def live_results(page: Page, draw: Callable[[Page], None]) -> None:
    """Draw the part of ``page`` that the weights drive (``draw``, given the ranked page) as
    a fragment that also draws the sidebar's weight sliders: moving a slider reruns only the
    sliders and that part, not the chrome or the rest of the page."""

    @st.fragment
    def results() -> None:
        with page.weights:
            weight_sliders(page.lang, location="sidebar")
        draw(_ranked(page))

    results()
