"""The Sensitivity page's one-factor sweep: pick a factor and how many top customers to follow,
see their ranks over the factor's weight and the weights at which their tier changes."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from core.analysis.sensitivity import FactorMatrix, weight_sweep
from ui.charts.sensitivity import sweep_chart
from ui.charts.show import show_chart
from ui.i18n import t, t_plain
from ui.widgets import kept_choice, kept_widget

POINTS = 101  # grid points from 0 % to 100 %: one per percent
FOLLOWED = 10  # top customers followed at first


def _percent_or_dash(weights: pd.Series) -> list[str]:
    return ["—" if pd.isna(w) else f"{w:.0%}" for w in weights]


def switches_table(switches: pd.DataFrame, name_of: Mapping[str, str], lang: str) -> pd.DataFrame:
    """Per followed customer: rank, name, tier, and the nearest lower / higher weight at which
    its tier changes with the tier it changes to ("—" where it holds in that direction)."""
    return pd.DataFrame(
        {
            t("col.rank", lang): switches["rank"],
            t("col.name", lang): switches["customer_id"].map(name_of),
            t("col.tier", lang): switches["tier"],
            t("sensitivity.below", lang): _percent_or_dash(switches["below"]),
            t("sensitivity.tier_below", lang): switches["tier_below"].fillna("—"),
            t("sensitivity.above", lang): _percent_or_dash(switches["above"]),
            t("sensitivity.tier_above", lang): switches["tier_above"].fillna("—"),
        }
    )


def draw_sweep(fm: FactorMatrix, name_of: Mapping[str, str], lang: str) -> None:
    """The section under its header; a note instead when fewer than two factors have values."""
    st.subheader(t("sensitivity.sweep", lang))
    st.caption(t("sensitivity.sweep_caption", lang))
    movable = [c for c, has in zip(fm.columns, fm.has_values, strict=True) if has]
    if len(movable) < 2:
        st.info(t("sensitivity.sweep_need_two", lang))
        return
    pick_col, n_col = st.columns([3, 1])
    label = t("sensitivity.factor", lang)
    column = kept_choice(pick_col.selectbox, "sens_factor", movable[0], label, movable)
    label = t("sensitivity.sweep_n", lang)
    followed = kept_widget(n_col.number_input, "sens_sweep_n", FOLLOWED, label, 1, 50)
    sweep = weight_sweep(fm, column, points=POINTS, top_n=int(followed))
    st.caption(t("sensitivity.current_weight", lang, factor=column, weight=sweep.weight))
    # A chart sends its whole frame to the browser: the ID stays here (presentation mode).
    grid = sweep.grid.assign(customer=lambda f: f["customer_id"].map(name_of))
    grid = grid.drop(columns="customer_id")
    weight_t = t_plain("sensitivity.weight_of", lang, factor=column)
    chart = sweep_chart(grid, sweep.weight, weight_t, t("col.rank", lang), t("col.name", lang))
    show_chart(st, chart, width="stretch")
    shown = switches_table(sweep.switches, name_of, lang)
    st.dataframe(shown, hide_index=True, width="stretch", key="sens_switches")
    st.caption(t("sensitivity.switch_caption", lang))
