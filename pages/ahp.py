"""AHP & objective weights: pairwise judgements per judge (Saaty 1–9), consistency, combined
judges; entropy and CRITIC weights from the data, blended with the current weights."""

import numpy as np
import pandas as pd
import streamlit as st

from core.errors import InputError
from core.method.ahp import ahp_weights, combine_judges
from core.method.ahp_apply import ahp_shares, judgement_matrix
from ui.charts.show import show_chart
from ui.charts.weights import weights_table_chart
from ui.i18n import factor_labels, message_of
from ui.shell import page_shell
from ui.weights.ahp_editor import (
    APPLIED,
    apply_shares,
    consistency,
    factor_picker,
    judge_bar,
    pair_sliders,
)
from ui.weights.objective import draw_objective_weights

page = page_shell("ahp")
t, scenario, lang = page.t, page.scenario, page.lang
st.title(t("ahp.title"))
st.caption(t("ahp.intro"))
if st.session_state.pop(APPLIED, False):
    st.toast(t("ahp.applied"), icon="✅")

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
        st.error(t("ahp.error", error=message_of(exc)), icon="⚠️")
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
            t("ahp.col_factor"): list(factor_labels(chosen, lang).values()),
            t("ahp.col_current"): within / within.sum() if within.sum() else within,
            t("ahp.col_ahp"): final.weights,
            t("ahp.col_applied"): [applied[c] for c in chosen],
        }
    )
    percent = st.column_config.NumberColumn(format="percent")
    config = dict.fromkeys(table.columns[1:], percent)
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)
    show_chart(st, weights_table_chart(table.iloc[:, :3], t("ahp.share")), width="stretch")
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
draw_objective_weights(page)
