"""The early warnings of the Periodic review page, to act on: ranked by severity and customer
importance (core.review.priority), a count per kind, the top ones first, the full list behind
an expander and as a CSV of every warning (core.review.priority.warnings_export, as the
command line's review writes it)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.report.export import to_csv_bytes
from core.review.periods import Review
from core.review.priority import ranked_warnings, warning_counts, warnings_export
from ui.i18n import localize, t, t_plain

TOP_SHOWN = 10


def warnings_table(
    ranked: pd.DataFrame, names: dict[str, str], lang: str, presentation: bool
) -> pd.DataFrame:
    """One row per warning as shown: severity, kind, customer (the ID too, unless presenting),
    reason in ``lang``, tiers and the customer's score."""
    ids = ranked["customer_id"].astype(str)
    columns = {
        t_plain("review.severity", lang): [
            t_plain(f"review.severity.{s}", lang) for s in ranked["severity"]
        ],
        t_plain("review.warning", lang): [
            t_plain(f"review.warn.{w}", lang) for w in ranked["warning"]
        ],
        **({} if presentation else {t_plain("col.customer_id", lang): ids}),
        t_plain("col.name", lang): ids.map(names),
        t_plain("review.reason", lang): [localize(r, lang) for r in ranked["reason"]],
        t_plain("review.tier_a", lang): ranked["tier_a"],
        t_plain("review.tier_b", lang): ranked["tier_b"],
        t_plain("review.importance", lang): ranked["score"].round(1),
    }
    return pd.DataFrame(columns)


def warnings_section(review: Review, names: dict[str, str], lang: str, presentation: bool) -> None:
    """The heading with the total, a count per kind, the top warnings, then all of them."""
    ranked = ranked_warnings(review)
    st.subheader(t("review.warnings", lang, n=len(ranked)))
    if ranked.empty:
        st.success(t("review.no_warnings", lang))
        return
    counts = warning_counts(ranked)
    boxes = st.columns(max(len(counts), 3))
    for box, row in zip(boxes, counts.itertuples(index=False), strict=False):
        severity = t_plain(f"review.severity.{row.severity}", lang)
        box.metric(t_plain(f"review.warn.{row.warning}", lang), row.count, help=severity)
    shown = min(TOP_SHOWN, len(ranked))
    st.markdown(f"**{t('review.top_warnings', lang, n=shown)}**")
    st.caption(t("review.top_warnings_caption", lang))
    table = warnings_table(ranked, names, lang, presentation)
    st.dataframe(table.head(TOP_SHOWN), hide_index=True, width="stretch", key="review_top_warnings")
    with st.expander(t("review.all_warnings", lang, n=len(ranked))):
        st.dataframe(table, hide_index=True, width="stretch", key="review_all_warnings")
    st.download_button(
        t("review.warnings_csv", lang),
        data=lambda: to_csv_bytes(warnings_export(ranked, lang, names, presentation)),
        file_name="early_warnings.csv",
        mime="text/csv",
        on_click="ignore",
        icon="📄",
        key="review_warnings_csv",
    )
