"""The AHP page's objective weights: entropy and CRITIC weights from the data, a blend of one
of them with the current weights (share α), and a button that applies the blend."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from core.analysis.sensitivity import filled_matrix
from core.errors import InputError
from core.mapping.catalog import COST
from core.method.normalize import constant_columns
from core.method.objective import blend, critic_weights, entropy_weights
from ui.charts.show import show_chart
from ui.charts.weights import weights_table_chart
from ui.i18n import factor_label, factor_labels, markdown_of, message_of, t
from ui.weights.ahp_editor import apply_shares
from ui.widgets import kept_choice, kept_widget

METHOD = "ahp_objective_method"
ALPHA = "ahp_alpha"


def _method_and_alpha(lang: str) -> tuple[str, float]:
    """The radio of the objective method and the slider of its share α in the blend."""
    pick, alpha_col = st.columns(2)
    method = kept_choice(
        pick.radio, METHOD, "entropy", t("ahp.objective_method", lang), ["entropy", "critic"],
        format_func=lambda m: t(f"ahp.method.{m}", lang), horizontal=True,
    )  # fmt: skip
    alpha = kept_widget(
        alpha_col.slider, ALPHA, 0.5, t("ahp.alpha", lang), 0.0, 1.0, step=0.05,
        help=t("ahp.alpha_help", lang),
    )  # fmt: skip
    return method, alpha


def draw_objective_weights(page) -> None:
    """The section under its header; stops the page without a ranking or with unusable data."""
    lang, scenario = page.lang, page.scenario
    st.subheader(t("ahp.objective", lang))
    st.caption(t("ahp.objective_intro", lang))
    if page.ranking is None:
        st.info(t("empty.no_ranking", lang))
        st.stop()
    columns = scenario.columns
    x = filled_matrix(page.ingest.frame, page.ranking)
    cost = np.array([f.direction == COST for f in scenario.factors])
    try:
        entropy = entropy_weights(x, cost, columns)
        critic = critic_weights(x, cost, columns)
    except InputError as exc:
        st.error(t("ahp.objective_error", lang, error=message_of(exc)), icon="⚠️")
        st.stop()
    flat = [c for c, f in zip(columns, constant_columns(x), strict=True) if f]
    if flat:
        st.warning(t("ahp.constant", lang, columns=", ".join(factor_label(c, lang) for c in flat)))
    for warning in critic.warnings[len(flat) :]:
        st.warning(markdown_of(warning, lang))

    method, alpha = _method_and_alpha(lang)
    chosen = entropy.weights if method == "entropy" else critic.weights
    blended = blend(scenario.weights, chosen, alpha)
    sources = {
        t("ahp.col_current", lang): scenario.weights,
        t("ahp.method.entropy", lang): entropy.weights,
        t("ahp.method.critic", lang): critic.weights,
        t("ahp.col_blended", lang): blended,
    }
    names = list(factor_labels(columns, lang).values())
    wide = pd.DataFrame({t("ahp.col_factor", lang): names, **sources})
    chart_col, table_col = st.columns([3, 2], gap="large")
    show_chart(chart_col, weights_table_chart(wide, t("ahp.share", lang)), width="stretch")
    percent = st.column_config.NumberColumn(format="percent")
    table_col.dataframe(
        wide,
        hide_index=True,
        width="stretch",
        height="content",
        column_config=dict.fromkeys(sources, percent),
    )
    table_col.button(
        t("ahp.apply_blend", lang, alpha=alpha),
        key="ahp_apply_blend",
        type="primary",
        on_click=apply_shares,
        args=(dict(zip(columns, map(float, blended), strict=True)),),
    )
