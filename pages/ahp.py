"""AHP & objective weights: pairwise judgements per judge (Saaty 1–9), consistency, combined
judges; entropy and CRITIC weights from the data, blended with the current weights."""

import numpy as np
import pandas as pd
import streamlit as st

from core.ahp import ahp_weights, combine_judges
from core.ahp_apply import ahp_shares, judgement_matrix
from core.catalog import COST
from core.errors import InputError
from core.normalize import constant_columns
from core.sensitivity import filled_matrix
from core.weights import blend, critic_weights, entropy_weights
from ui import state
from ui.ahp_editor import APPLIED, apply_shares, consistency, factor_picker, judge_bar, pair_sliders
from ui.charts_compare import weights_comparison_chart
from ui.shell import page_shell


def comparison_chart(wide: pd.DataFrame, title: str):
    """Grouped bars of the wide table's share columns, one group per factor (first column)."""
    long = wide.melt(id_vars=wide.columns[0], var_name="source", value_name="share")
    return weights_comparison_chart(long.rename(columns={wide.columns[0]: "factor"}), title, "")


page = page_shell("ahp")
t, scenario, lang = page.t, page.scenario, page.lang
st.title(t("ahp.title"))
st.caption(t("ahp.intro"))
if st.session_state.pop(APPLIED, False):
    st.toast(t("ahp.applied"), icon="✅")
percent = st.column_config.NumberColumn(format="percent")

# Which factors, which judge
chosen = factor_picker(scenario, lang)
judges, judge = judge_bar(lang)
if len(chosen) < 2:
    st.info(t("ahp.need_two"))
    st.stop()

editor, results = st.columns([3, 2], gap="large")
with editor:
    st.subheader(t("ahp.pairs", judge=judge))
    st.caption(t("ahp.scale_help"))
    pair_sliders(judges[judge], judge, chosen, lang)

with results:
    try:
        mine = ahp_weights(judgement_matrix(judges[judge], chosen), names=chosen)
        combined = ahp_weights(
            combine_judges([judgement_matrix(j, chosen) for j in judges.values()])
        )
    except InputError as exc:
        st.error(t("ahp.error", error=str(exc)), icon="⚠️")
        st.stop()
    st.subheader(t("ahp.result_judge", judge=judge))
    consistency(mine, chosen, judge, lang)
    final = mine
    if len(judges) > 1:
        st.subheader(t("ahp.result_combined", n=len(judges)))
        consistency(combined, chosen, None, lang)
        final = combined
    current = dict(zip(scenario.columns, map(float, scenario.weights), strict=True))
    applied = ahp_shares(current, chosen, final.weights)
    within = np.array([current[c] for c in chosen])
    table = pd.DataFrame(
        {
            t("ahp.col_factor"): chosen,
            t("ahp.col_current"): within / within.sum() if within.sum() else within,
            t("ahp.col_ahp"): final.weights,
            t("ahp.col_applied"): [applied[c] for c in chosen],
        }
    )
    config = {c: percent for c in table.columns[1:]}
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)
    st.altair_chart(comparison_chart(table.iloc[:, :3], t("ahp.share")), width="stretch")
    st.button(
        t("ahp.apply"),
        key="ahp_apply",
        type="primary",
        on_click=apply_shares,
        args=(applied,),
        help=t("ahp.apply_help"),
    )

# Objective weights from the data
st.divider()
st.subheader(t("ahp.objective"))
st.caption(t("ahp.objective_intro"))
if page.ranking is None:
    st.info(t("empty.no_ranking"))
    st.stop()
columns = scenario.columns
x = filled_matrix(page.ingest.frame, page.ranking)
cost = np.array([f.direction == COST for f in scenario.factors])
try:
    entropy = entropy_weights(x, cost, columns)
    critic = critic_weights(x, cost, columns)
except InputError as exc:
    st.error(t("ahp.objective_error", error=str(exc)), icon="⚠️")
    st.stop()
flat = [c for c, f in zip(columns, constant_columns(x), strict=True) if f]
if flat:
    st.warning(t("ahp.constant", columns=", ".join(flat)))
for warning in critic.warnings[len(flat) :]:
    st.warning(warning)

state.seed_widget("ahp_objective_method", "entropy")
state.seed_widget("ahp_alpha", 0.5)
pick, alpha_col = st.columns(2)
method = pick.radio(
    t("ahp.objective_method"),
    ["entropy", "critic"],
    key="ahp_objective_method",
    format_func=lambda m: t(f"ahp.method.{m}"),
    horizontal=True,
    on_change=state.remember_widget,
    args=("ahp_objective_method",),
)
alpha = alpha_col.slider(
    t("ahp.alpha"),
    0.0,
    1.0,
    step=0.05,
    key="ahp_alpha",
    help=t("ahp.alpha_help"),
    on_change=state.remember_widget,
    args=("ahp_alpha",),
)
blended = blend(scenario.weights, entropy.weights if method == "entropy" else critic.weights, alpha)
sources = {
    t("ahp.col_current"): scenario.weights,
    t("ahp.method.entropy"): entropy.weights,
    t("ahp.method.critic"): critic.weights,
    t("ahp.col_blended"): blended,
}
wide = pd.DataFrame({t("ahp.col_factor"): columns, **sources})
chart_col, table_col = st.columns([3, 2], gap="large")
chart_col.altair_chart(comparison_chart(wide, t("ahp.share")), width="stretch")
table_col.dataframe(
    wide,
    hide_index=True,
    width="stretch",
    height="content",
    column_config=dict.fromkeys(sources, percent),
)
table_col.button(
    t("ahp.apply_blend", alpha=alpha),
    key="ahp_apply_blend",
    type="primary",
    on_click=apply_shares,
    args=(dict(zip(columns, map(float, blended), strict=True)),),
)
