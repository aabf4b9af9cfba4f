"""The Sensitivity page's Monte Carlo section: the settings form, the run (with a progress bar),
and its kept result — rank intervals, the probabilities table and the robust top N."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from core.analysis.sensitivity import FactorMatrix, monte_carlo, robust_top
from core.errors import InputError
from ui import state
from ui.charts.sensitivity import rank_interval_chart
from ui.charts.show import show_chart
from ui.i18n import escape_markdown, message_of, t, t_plain
from ui.progress import staged

# name → (default, min, max, step); widget key "sens_<name>", label "sensitivity.<name>"
SETTINGS = {
    "draws": (1000, 10, 20_000, 100),
    "kappa": (100.0, 1.0, 10_000.0, 10.0),
    "seed": (0, 0, 2**31 - 1, 1),
    "top_n": (20, 1, 500, 1),
}
WITH_HELP = ("draws", "kappa")


def _remember_settings() -> None:
    for name in SETTINGS:
        state.remember_widget(f"sens_{name}")


def settings_form(lang: str) -> dict[str, float] | None:
    """The four settings in one form (kept across page switches); their values when Run
    was pressed, else None."""
    for name, (default, *_) in SETTINGS.items():
        state.seed_widget(f"sens_{name}", default)
    with st.form("sens_form", border=True):
        boxes = st.columns(len(SETTINGS))
        values = {
            name: box.number_input(
                t(f"sensitivity.{name}", lang),
                low,
                high,
                step=step,
                key=f"sens_{name}",
                help=t(f"sensitivity.{name}_help", lang) if name in WITH_HELP else None,
            )
            for box, (name, (_, low, high, step)) in zip(boxes, SETTINGS.items(), strict=True)
        }
        run = st.form_submit_button(
            t("sensitivity.run", lang),
            type="primary",
            icon=":material/casino:",
            on_click=_remember_settings,
        )
    return values if run else None


def run_monte_carlo(fm: FactorMatrix, settings: dict[str, float], data_key: str, lang: str) -> None:
    """Simulate with a progress bar and keep the result (with ``data_key``, to tell when it
    is stale) under :data:`ui.state.SENSITIVITY`; stops the page on an InputError."""
    params = {
        "draws": int(settings["draws"]),
        "kappa": float(settings["kappa"]),
        "top_n": int(settings["top_n"]),
    }
    try:
        with staged(t_plain("sensitivity.running", lang), "sensitivity.progress.", lang) as step:
            intervals = monte_carlo(
                fm,
                params["draws"],
                params["kappa"],
                int(settings["seed"]),
                params["top_n"],
                progress=lambda done: step("drawing", done),
            )
    except InputError as exc:
        st.error(t("sensitivity.error", lang, error=message_of(exc)), icon="⚠️")
        st.stop()
    st.session_state[state.SENSITIVITY] = {"key": data_key, "intervals": intervals, **params}


def intervals_table(top: pd.DataFrame, n: int, lang: str) -> pd.DataFrame:
    """The top ``n`` as shown: rank, name, the rounded 5th / median / 95th percentile rank,
    then P(top tier) and P(top n) (the last two columns, shares 0–1)."""
    return pd.DataFrame(
        {
            t("col.rank", lang): top["rank"],
            t("col.name", lang): top["customer"],
            "p5": top["rank_p5"].round(0),
            t("sensitivity.median", lang): top["median_rank"].round(0),
            "p95": top["rank_p95"].round(0),
            t("sensitivity.p_top_tier", lang): top["p_top_tier"],
            t("sensitivity.p_top_n", lang, n=n): top["p_top_n"],
        }
    )


def _robust_list(intervals: pd.DataFrame, n: int, name_of: Mapping[str, str], lang: str) -> None:
    robust = robust_top(intervals)
    st.markdown(f"**{t('sensitivity.robust', lang, n=n, k=len(robust))}**")
    st.caption(t("sensitivity.robust_caption", lang, n=n))
    if robust.empty:
        st.info(t("sensitivity.robust_none", lang, n=n))
    else:
        ranks = zip(robust["customer_id"], robust["rank"], strict=True)
        st.markdown("\n".join(f"1. #{r} {escape_markdown(name_of[c])}" for c, r in ranks))


def draw_result(data_key: str, name_of: Mapping[str, str], lang: str) -> None:
    """The kept result (marked stale when the weights or data changed since), or a hint to
    run the simulation."""
    result = st.session_state.get(state.SENSITIVITY)
    if result is None:
        st.info(t("sensitivity.not_run", lang), icon="👆")
        return
    if result["key"] != data_key:
        st.warning(t("sensitivity.stale", lang), icon="⚠️")
    n, intervals = result["top_n"], result["intervals"]
    top = intervals.head(n).assign(customer=lambda f: f["customer_id"].map(name_of))
    st.subheader(t("sensitivity.intervals", lang, n=n))
    caption = t("sensitivity.intervals_caption", lang, draws=result["draws"], kappa=result["kappa"])
    st.caption(caption)
    titles = (t("col.rank", lang), t("col.name", lang), t("sensitivity.median", lang))
    # Without the ID: a chart sends its whole frame to the browser (presentation mode).
    chart = rank_interval_chart(top.drop(columns="customer_id"), *titles)
    show_chart(st, chart, width="stretch")
    shown = intervals_table(top, n, lang)
    share = st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent")
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={shown.columns[-2]: share, shown.columns[-1]: share},
    )
    _robust_list(intervals, n, name_of, lang)
