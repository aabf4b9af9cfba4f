"""Sensitivity: how stable the ranking is when the weights move (Monte Carlo rank intervals,
the robust top N) and where one factor's weight changes a top customer's tier (sweep)."""

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.sensitivity import factor_matrix, monte_carlo, robust_top, weight_sweep
from ui import state
from ui.charts_compare import rank_interval_chart, sweep_chart
from ui.shell import page_shell
from ui.tables import customer_names

DEFAULTS = {"sens_draws": 1000, "sens_kappa": 100.0, "sens_seed": 0, "sens_top_n": 20}
SWEEP_POINTS = 101

page = page_shell("sensitivity")
t = page.t
st.title(t("sensitivity.title"))
st.caption(t("sensitivity.intro"))
if page.ranking is None:
    st.info(t("empty.no_ranking"))
    st.stop()
try:
    fm = factor_matrix(page.ingest.frame, page.ranking)
except InputError as exc:
    st.error(t("sensitivity.error", error=str(exc)), icon="⚠️")
    st.stop()
names = customer_names(page.ranking, page.mapping, page.lang, page.presentation)
name_of = dict(zip(page.ranking.table["customer_id"], names, strict=True))
data_key = f"{page.scenario.to_json(indent=None)}|{state.data_digest()}"

for key, default in DEFAULTS.items():
    state.seed_widget(key, default)
with st.form("sens_form", border=True):
    cols = st.columns(4)
    draws = cols[0].number_input(
        t("sensitivity.draws"),
        10,
        20_000,
        step=100,
        key="sens_draws",
        help=t("sensitivity.draws_help"),
    )
    kappa = cols[1].number_input(
        t("sensitivity.kappa"),
        1.0,
        10_000.0,
        step=10.0,
        key="sens_kappa",
        help=t("sensitivity.kappa_help"),
    )
    seed = cols[2].number_input(t("sensitivity.seed"), 0, 2**31 - 1, key="sens_seed")
    top_n = cols[3].number_input(t("sensitivity.top_n"), 1, 500, key="sens_top_n")
    run = st.form_submit_button(
        t("sensitivity.run"),
        type="primary",
        icon=":material/casino:",
        on_click=lambda: [state.remember_widget(k) for k in DEFAULTS],
    )

if run:
    bar = st.progress(0.0, text=t("sensitivity.running"))
    try:
        intervals = monte_carlo(
            fm,
            int(draws),
            float(kappa),
            int(seed),
            int(top_n),
            progress=lambda done: bar.progress(done, text=t("sensitivity.running")),
        )
    except InputError as exc:
        st.error(t("sensitivity.error", error=str(exc)), icon="⚠️")
        st.stop()
    bar.empty()
    params = {"draws": int(draws), "kappa": float(kappa), "top_n": int(top_n)}
    st.session_state[state.SENSITIVITY] = {"key": data_key, "intervals": intervals, **params}

result = st.session_state.get(state.SENSITIVITY)
if result is None:
    st.info(t("sensitivity.not_run"), icon="👆")
else:
    if result["key"] != data_key:
        st.warning(t("sensitivity.stale"), icon="⚠️")
    n = result["top_n"]
    intervals = result["intervals"]
    top = intervals.head(n).assign(customer=lambda f: f["customer_id"].map(name_of))
    st.subheader(t("sensitivity.intervals", n=n))
    st.caption(t("sensitivity.intervals_caption", draws=result["draws"], kappa=result["kappa"]))
    rank_t, median_t = t("col.rank"), t("sensitivity.median")
    st.altair_chart(rank_interval_chart(top, rank_t, t("col.name"), median_t), width="stretch")
    shown = pd.DataFrame(
        {
            t("col.rank"): top["rank"],
            t("col.name"): top["customer"],
            "p5": top["rank_p5"].round(0),
            median_t: top["median_rank"].round(0),
            "p95": top["rank_p95"].round(0),
            t("sensitivity.p_top_tier"): top["p_top_tier"],
            t("sensitivity.p_top_n", n=n): top["p_top_n"],
        }
    )
    share = st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent")
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={shown.columns[-2]: share, shown.columns[-1]: share},
    )
    robust = robust_top(intervals)
    st.markdown(f"**{t('sensitivity.robust', n=n, k=len(robust))}**")
    st.caption(t("sensitivity.robust_caption", n=n))
    if robust.empty:
        st.info(t("sensitivity.robust_none", n=n))
    else:
        ranks = zip(robust["customer_id"], robust["rank"], strict=True)
        st.markdown("\n".join(f"1. #{r} {name_of[c]}" for c, r in ranks))

# One-factor sweep
st.divider()
st.subheader(t("sensitivity.sweep"))
st.caption(t("sensitivity.sweep_caption"))
movable = [c for c, has in zip(fm.columns, fm.has_values, strict=True) if has]
if len(movable) < 2:
    st.info(t("sensitivity.sweep_need_two"))
    st.stop()
state.seed_widget("sens_factor", movable[0])
if st.session_state["sens_factor"] not in movable:
    st.session_state["sens_factor"] = movable[0]
pick_col, n_col = st.columns([3, 1])
column = pick_col.selectbox(
    t("sensitivity.factor"),
    movable,
    key="sens_factor",
    on_change=state.remember_widget,
    args=("sens_factor",),
)
state.seed_widget("sens_sweep_n", 10)
sweep_n = n_col.number_input(
    t("sensitivity.sweep_n"),
    1,
    50,
    key="sens_sweep_n",
    on_change=state.remember_widget,
    args=("sens_sweep_n",),
)
sweep = weight_sweep(fm, column, points=SWEEP_POINTS, top_n=int(sweep_n))
st.caption(t("sensitivity.current_weight", factor=column, weight=sweep.weight))
grid = sweep.grid.assign(customer=lambda f: f["customer_id"].map(name_of))
weight_t = t("sensitivity.weight_of", factor=column)
chart = sweep_chart(grid, sweep.weight, weight_t, t("col.rank"), t("col.name"))
st.altair_chart(chart, width="stretch")
s = sweep.switches


def _at(weights: pd.Series) -> list[str]:
    return ["—" if pd.isna(w) else f"{w:.0%}" for w in weights]


table = pd.DataFrame(
    {
        t("col.rank"): s["rank"],
        t("col.name"): s["customer_id"].map(name_of),
        t("col.tier"): s["tier"],
        t("sensitivity.below"): _at(s["below"]),
        t("sensitivity.tier_below"): s["tier_below"].fillna("—"),
        t("sensitivity.above"): _at(s["above"]),
        t("sensitivity.tier_above"): s["tier_above"].fillna("—"),
    }
)
st.dataframe(table, hide_index=True, width="stretch", key="sens_switches")
st.caption(t("sensitivity.switch_caption"))
