"""One customer explained (Ranking page): rank, score, tier and move, then what made the
score (points per factor) and where the customer stands on each factor (percentiles)."""

from __future__ import annotations

import streamlit as st

from core.method.explain import contributions, customer_profile
from core.method.ranking import Ranking
from core.method.scenario import Scenario
from ui.charts.ranking import contribution_chart, percentile_chart
from ui.charts.show import show_chart
from ui.i18n import factor_label, t


def explain_customer(
    ranking: Ranking, scenario: Scenario, customer: str, moved: str, lang: str
) -> None:
    """Metrics and two charts for ``customer`` (an ID as text); ``moved`` is its change label."""
    table = ranking.table
    row = table[table["customer_id"].astype(str) == customer].iloc[0]
    metrics = st.columns(4)
    metrics[0].metric(t("ranking.metric_rank", lang), f"#{row['rank']}")
    metrics[1].metric(t("ranking.metric_score", lang), f"{row['score']:.1f}")
    metrics[2].metric(t("ranking.metric_tier", lang), row["tier"])
    metrics[3].metric(t("ranking.metric_change", lang), moved)

    label = {c: factor_label(c, lang) for c in scenario.columns}
    factor_t, points_t = t("ranking.axis_factor", lang), t("ranking.axis_points", lang)
    parts = contributions(table, customer, scenario.columns)
    parts = parts.assign(factor=parts["factor"].map(label))
    directions = [f.direction for f in scenario.factors]
    profile = customer_profile(table, customer, scenario.columns, directions, ranking.as_of)
    profile = profile.assign(factor=profile["factor"].map(label))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('ranking.contrib_title', lang)}**")
        st.caption(t("ranking.contrib_caption", lang, score=row["score"]))
        chart = contribution_chart(parts, factor_t, points_t, t("ranking.axis_share", lang))
        show_chart(st, chart, width="stretch")
    with right:
        st.markdown(f"**{t('ranking.percentile_title', lang)}**")
        st.caption(t("ranking.percentile_caption", lang))
        percentile_t, value_t = t("ranking.axis_percentile", lang), t("ranking.axis_value", lang)
        chart = percentile_chart(profile, factor_t, percentile_t, value_t)
        show_chart(st, chart, width="stretch")
