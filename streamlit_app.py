"""Home page: the ranking at a glance on the current data (the bundled sample at first)."""

import streamlit as st

from core.tiers import tier_summary
from ui.charts import score_distribution_chart
from ui.shell import page_shell
from ui.tables import column_for, display_ranking, show_tier_summary

TOP_N = 10
TOP_SHARE = 0.2  # the 80/20 question: how much revenue do the top 20 % bring?
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
if revenue:
    values = ranking.table[revenue].fillna(0).clip(lower=0).sort_values(ascending=False)
    top = values.head(max(1, round(len(values) * TOP_SHARE))).sum() / max(values.sum(), 1e-12)
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
    st.altair_chart(chart, width="stretch")
st.info(page.t("home.next"), icon="👉")
