"""Groups & strategies page: the tier scheme, the groups at a glance, and a strategy per group."""

import pandas as pd
import streamlit as st

from core.method.explain import source_column
from core.method.tiers import tier_summary
from core.strategy.playbook import resolve_playbook
from core.strategy.profitability import pareto_share
from ui.charts.ranking import pareto_chart, score_distribution_chart, value_potential_chart
from ui.charts.show import show_chart
from ui.groups.strategy_cards import resources_check, strategy_cards
from ui.groups.tier_controls import DEFAULT_CUTS, scheme_controls, value_columns
from ui.shell import page_shell
from ui.tables import column_for, customer_names, show_tier_summary

page = page_shell("groups")
st.title(page.t("groups.title"))
st.caption(page.t("groups.caption"))
if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
    st.stop()
ranking, table, spec = page.ranking, page.ranking.table, page.scenario.tiers
columns = value_columns(page.mapping)
revenue, profit = column_for(page.mapping, "monetary"), column_for(page.mapping, "profit")

# 1. The scheme
st.subheader(page.t("groups.scheme_title"))
scheme_controls(spec, page.lang, columns)

# 2. The groups at a glance
st.subheader(page.t("groups.summary_title"))
summary = tier_summary(table, spec.labels, revenue, profit)
show_tier_summary(summary, page.lang)

left, right = st.columns(2)
abc = spec.scheme == "abc"
pareto_column = spec.value_column if abc and spec.value_column else columns.value
with left:
    st.markdown(f"**{page.t('groups.pareto_title')}**")
    if pareto_column:
        values = table[source_column(table, pareto_column)]
        top = pareto_share(values.clip(lower=0))
        if top == top:  # not NaN: the column has a positive total
            st.caption(page.t("groups.pareto_caption", column=pareto_column, top=top))
        chart = pareto_chart(
            values,
            spec.cuts if abc else DEFAULT_CUTS,
            page.t("groups.pareto_customers"),
            page.t_plain("groups.pareto_value", column=pareto_column),
        )
        show_chart(st, chart, width="stretch")
    else:
        st.info(page.t("groups.no_value"))
with right:
    st.markdown(f"**{page.t('chart.score_distribution')}**")
    titles = [page.t(f"groups.axis_{k}") for k in ("score", "count", "tier")]
    show_chart(st, score_distribution_chart(table, spec.labels, *titles), width="stretch")

st.markdown(f"**{page.t('groups.matrix_title')}**")
quadrant = spec.scheme == "quadrant"
x_column = spec.value_column if quadrant else columns.value
y_column = spec.potential_column if quadrant else columns.potential
if x_column and y_column:
    st.caption(page.t("groups.matrix_caption"))
    points = pd.DataFrame(
        {
            "name": customer_names(ranking, page.mapping, page.lang, page.presentation),
            "value": table[source_column(table, x_column)],
            "potential": table[source_column(table, y_column)],
            "tier": table["tier"],
        }
    ).dropna(subset=["value", "potential"])
    tier_t, name_t = page.t("groups.axis_tier"), page.t("groups.axis_name")
    chart = value_potential_chart(points, spec.labels, x_column, y_column, tier_t, name_t)
    show_chart(st, chart, width="stretch")
else:
    st.info(page.t("groups.matrix_missing"))

# 3. Strategy per group
st.subheader(page.t("groups.playbook_title"))
st.caption(page.t("groups.playbook_caption"))
playbook = resolve_playbook(page.scenario.playbook, spec.labels, spec.scheme, page.lang)
resources_check(playbook, page.lang)
strategy_cards(spec.labels, summary, playbook, page.lang, page.presentation, spec.keys)
