"""One customer explained (Ranking page): rank, score, tier and move, then what lifts or pulls
the score against the average customer (points per factor) and where the customer stands on
each factor (percentiles)."""

from __future__ import annotations

import streamlit as st

from core.method.explain import contributions, customer_profile, spread_factors
from core.method.ranking import Ranking
from core.method.scenario import Scenario
from core.report.palette import factor_domain
from ui.charts.ranking import contribution_chart, percentile_chart
from ui.charts.show import show_chart
from ui.i18n import factor_labels, t, t_plain


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

    label = factor_labels(scenario.columns, lang)
    factor_t = t_plain("ranking.axis_factor", lang)
    varying = spread_factors(table, scenario.columns)
    parts = contributions(table, customer, varying)
    parts = parts.assign(factor=parts["factor"].map(label))
    domain, colors = factor_domain(scenario.columns, label)
    titles = {
        "factor": factor_t,
        "relative": t_plain("ranking.axis_relative", lang),
        "contribution": t_plain("ranking.axis_points", lang),
        "share": t_plain("ranking.axis_share", lang),
    }
    directions = [f.direction for f in scenario.factors]
    profile = customer_profile(table, customer, scenario.columns, directions, ranking.as_of)
    profile = profile.assign(factor=profile["factor"].map(label))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('ranking.contrib_title', lang)}**")
        mean = float(table["score"].mean())
        st.caption(
            t(
                "ranking.contrib_caption",
                lang,
                score=row["score"],
                mean=mean,
                gap=row["score"] - mean,
            )
        )
        equal = len(scenario.columns) - len(varying)
        if equal:
            st.caption(t("ranking.contrib_equal", lang, n=equal))
        chart = contribution_chart(parts, titles, domain, colors)
        show_chart(st, chart, width="stretch")
    with right:
        st.markdown(f"**{t('ranking.percentile_title', lang)}**")
        st.caption(t("ranking.percentile_caption", lang))
        percentile_t = t_plain("ranking.axis_percentile", lang)
        value_t = t_plain("ranking.axis_value", lang)
        chart = percentile_chart(profile, factor_t, percentile_t, value_t)
        show_chart(st, chart, width="stretch")
