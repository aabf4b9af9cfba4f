"""Home page: the ranking at a glance on the current data (the bundled sample at first)."""

import streamlit as st

from core.tiers import tier_summary
from ui.shell import page_shell
from ui.tables import column_for, display_ranking

page = page_shell("home")
st.title(page.t("app.title"))
st.caption(page.t("app.tagline"))

if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
    st.stop()

ranking = page.ranking
revenue = column_for(page.mapping, "monetary")
summary = tier_summary(
    ranking.table, page.scenario.tiers.labels, revenue, column_for(page.mapping, "profit")
)
kpis = st.columns(4)
kpis[0].metric(page.t("home.customers"), f"{len(ranking.table):,}")
kpis[1].metric(page.t("home.excluded"), f"{len(ranking.excluded):,}")
if revenue:
    values = ranking.table[revenue].fillna(0).clip(lower=0).sort_values(ascending=False)
    top = values.head(max(1, round(len(values) * 0.2))).sum() / max(values.sum(), 1e-12)
    kpis[2].metric(page.t("home.top_share"), f"{top:.0%}")
kpis[3].metric(page.t("home.method"), page.t(f"method.{page.scenario.method}"))

left, right = st.columns([3, 2])
with left:
    st.subheader(page.t("home.top_list", n=10))
    st.dataframe(
        display_ranking(ranking, page.mapping, page.lang, page.presentation).head(10),
        hide_index=True,
        width="stretch",
    )
with right:
    st.subheader(page.t("home.tiers"))
    st.dataframe(summary, hide_index=True, width="stretch")
st.info(page.t("home.next"), icon="👉")
