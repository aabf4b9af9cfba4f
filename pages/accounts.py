"""Key accounts & resources page: expert overrides, key-account types and the CLV × profit
matrix, resource allocation, and profitability by segment."""

import pandas as pd
import streamlit as st

from core.errors import ScenarioError
from core.strategy.profitability import (
    profit_picture,
    segment_profitability,
    unprofitable_customers,
)
from ui.accounts.allocation import draw_allocation
from ui.accounts.key_accounts import draw_key_accounts
from ui.accounts.overrides import draw_overrides
from ui.charts.accounts import segment_profit_chart
from ui.charts.show import show_chart
from ui.i18n import escape_markdown, message_of
from ui.shell import page_shell
from ui.tables import column_for, customer_names

page = page_shell("accounts")
st.title(page.t("accounts.title"))
st.caption(page.t("accounts.caption"))
if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
    st.stop()
table = page.ranking.table

# 1. Expert assessment
st.subheader(page.t("accounts.ov_title"))
st.caption(page.t("accounts.ov_caption"))
draw_overrides(page)

# 2. Key-account types and the CLV × profit matrix
st.subheader(page.t("accounts.ka_title"))
st.caption(page.t("accounts.ka_caption"))
draw_key_accounts(page)

# 3. Resource allocation
st.subheader(page.t("accounts.al_title"))
st.caption(page.t("accounts.al_caption"))
draw_allocation(page)

# 4. Profitability by segment
st.subheader(page.t("accounts.pf_title"))
revenue, profit = column_for(page.mapping, "monetary"), column_for(page.mapping, "profit")
cost = column_for(page.mapping, "cost_to_serve")
if revenue is None or profit is None:
    st.info(page.t("accounts.pf_missing"))
    st.stop()
st.caption(page.t("accounts.pf_caption", revenue=revenue, profit=profit))
segments = ["tier", *(c for c in page.mapping.attributes.values() if c in table.columns)]
by = st.segmented_control(
    page.t("accounts.pf_segment"),
    segments,
    default="tier",
    key="pf_segment",
    format_func=lambda c: page.t("col.tier") if c == "tier" else escape_markdown(c),
    required=True,
)
try:
    by_segment = segment_profitability(table, by, revenue, profit, cost)
    picture = profit_picture(table, profit, cost)
    losers = unprofitable_customers(table, profit, cost)
except ScenarioError as exc:
    st.error(page.t("accounts.pf_error", error=message_of(exc)), icon="⚠️")
    st.stop()
segment_title = page.t("col.tier") if by == "tier" else by
headers = {c: page.t(f"accounts.pf_col_{c}") for c in by_segment.columns if c != by}
percent = st.column_config.NumberColumn(format="percent")
money = st.column_config.NumberColumn(format="localized")
st.dataframe(
    by_segment.rename(columns={by: segment_title, **headers}),
    hide_index=True,
    width="stretch",
    column_config={
        **{headers[c]: percent for c in headers if c.endswith("share") or c == "margin"},
        **{
            headers[c]: money
            for c in ("revenue", "profit", "cost_to_serve", "net_profit")
            if c in headers
        },
    },
)
chart_frame = by_segment.rename(columns={by: "segment"})
show_chart(st, segment_profit_chart(chart_frame, segment_title, revenue, profit), width="stretch")

st.markdown(f"**{page.t('accounts.pf_pareto_title')}**")
a, b, c = st.columns(3)
a.metric(page.t("accounts.pf_pareto"), f"{picture.pareto_share:.1%}")
b.metric(page.t("accounts.pf_total"), f"{picture.total_profit:,.0f}")
c.metric(page.t("accounts.pf_loss_making"), picture.loss_making, f"{picture.loss:,.0f}")
st.caption(
    page.t(
        "accounts.pf_pareto_caption",
        share=picture.pareto_share,
        profitable=picture.profit_of_profitable,
        total=picture.total_profit,
    )
)

st.markdown(f"**{page.t('accounts.pf_losers_title', n=len(losers))}**")
if losers.empty:
    st.caption(page.t("accounts.pf_no_losers"))
else:
    position = pd.Series(range(len(table)), index=table["customer_id"].astype(str))
    names = customer_names(page.ranking, page.mapping, page.lang, page.presentation)
    shown = losers.drop(columns="customer_id")
    shown.insert(1, "name", names.iloc[position[losers["customer_id"].astype(str)]].to_numpy())
    shown = shown.rename(
        columns={
            "rank": page.t("col.rank"),
            "tier": page.t("col.tier"),
            "name": page.t("col.name"),
            **{
                k: page.t(f"accounts.pf_col_{k}") for k in ("profit", "cost_to_serve", "net_profit")
            },
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch")
