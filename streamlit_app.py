"""Home page: the ranking at a glance on the current data (the bundled sample at first)."""

import streamlit as st

from core.method.tiers import tier_summary
from core.strategy.profitability import top_share
from ui.charts.ranking import score_distribution_chart
from ui.charts.show import show_chart
from ui.shell import page_shell
from ui.tables import column_for, display_ranking, show_tier_summary

TOP_N = 10
# The Groups page shows the whole summary; here it shares the row with the top ten.
SUMMARY_COLUMNS = ("tier", "customers", "revenue_share", "mean_score")

page = page_shell("home")
st.title(page.t("app.title"))
st.caption(page.t("app.tagline"))

if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
    st.stop()

ranking, labels = page.ranking, page.scenario.tiers.labels
revenue = column_for(page.mapping, "monetary")
summary = tier_summary(ranking.table, labels, revenue)
kpis = st.columns(4)
kpis[0].metric(page.t("home.customers"), f"{len(ranking.table):,}")
kpis[1].metric(page.t("home.excluded"), f"{len(ranking.excluded):,}")
top = top_share(ranking.table[revenue]) if revenue else float("nan")
if top == top:  # not NaN: there is revenue to share
    kpis[2].metric(page.t("home.top_share"), f"{top:.0%}")
kpis[3].metric(page.t("home.method"), page.t(f"method.{page.scenario.method}"))

left, right = st.columns([3, 2])
with left:
    st.subheader(page.t("home.top_list", n=TOP_N))
    st.dataframe(
        display_ranking(ranking, page.mapping, page.lang, page.presentation).head(TOP_N),
        hide_index=True,
        width="stretch",
    )
with right:
    st.subheader(page.t("home.tiers"))
    show_tier_summary(summary[[c for c in SUMMARY_COLUMNS if c in summary]], page.lang)
    st.markdown(f"**{page.t('chart.score_distribution')}**")
    titles = [page.t(k) for k in ("col.score", "col.customers", "col.tier")]
    chart = score_distribution_chart(ranking.table, labels, *titles).properties(height=220)
    show_chart(st, chart, width="stretch")
st.info(page.t("home.next"), icon="👉")
