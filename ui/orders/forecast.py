"""The Orders page's forecast: BG/NBD and Gamma-Gamma fitted to the aggregated log
(core.orders.predict), their parameters read in plain words, and the predictions joined to the
RFM table so they can be ranked like any factor."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from core.orders.predict import (
    DEFAULT_HORIZON_DAYS,
    EXPECTED_BUYER_MIN,
    Forecast,
    PredictionError,
    forecast,
)
from ui.charts.forecast import alive_chart
from ui.i18n import message_of
from ui.widgets import kept_widget

MAX_HORIZON = 3650


@st.cache_data(show_spinner=False, max_entries=8)
def _fitted(key: tuple, _features: pd.DataFrame, horizon: int, discount: float) -> Forecast:
    """:func:`core.orders.predict.forecast`, once per aggregated log (``key``) and settings."""
    return forecast(_features, horizon, discount)


def forecast_section(rfm: pd.DataFrame, key: tuple, t: Callable[..., str]) -> pd.DataFrame:
    """Draw the forecast section; returns ``rfm`` with the prediction columns when the models
    fit (else unchanged, with the reason shown)."""
    st.subheader(t("orders.forecast"))
    st.caption(t("orders.forecast_caption", min=EXPECTED_BUYER_MIN))
    on_col, days_col, rate_col = st.columns([1, 1, 1], vertical_alignment="bottom")
    if not kept_widget(on_col.toggle, "orders_predict", True, t("orders.forecast_on")):
        return rfm
    horizon = kept_widget(
        days_col.number_input, "orders_predict_days", DEFAULT_HORIZON_DAYS,
        t("orders.forecast_days"), min_value=1, max_value=MAX_HORIZON, step=30,
    )  # fmt: skip
    rate = kept_widget(
        rate_col.number_input, "orders_discount_pct", 0.0, t("orders.forecast_discount"),
        min_value=0.0, max_value=90.0, step=1.0, help=t("orders.forecast_discount_help"),
    )  # fmt: skip
    try:
        with st.spinner(t("orders.forecast_running")):
            fitted = _fitted(key, rfm, int(horizon), float(rate) / 100)
    except PredictionError as exc:
        st.info(t("orders.forecast_error", error=message_of(exc)), icon="ℹ️")
        return rfm
    _reading(fitted, t)
    return pd.concat([rfm, fitted.columns], axis=1)


def _reading(fitted: Forecast, t: Callable[..., str]) -> None:
    bg, gg, columns = fitted.bg_nbd, fitted.gamma_gamma, fitted.columns
    buyers = int(columns["expected_buyer"].sum())
    boxes = st.columns(4)
    boxes[0].metric(t("orders.forecast_alive"), f"{columns['p_alive'].mean():.0%}")
    boxes[1].metric(t("orders.forecast_buyers", days=fitted.horizon_days), f"{buyers:,}")
    boxes[2].metric(t("orders.forecast_clv", days=fitted.horizon_days),
                    f"{columns['predicted_clv'].sum():,.0f}")  # fmt: skip
    boxes[3].metric(t("orders.forecast_spend"), f"{gg.mean_spend:,.2f}")
    st.markdown(
        t("orders.forecast_reading", per_month=30 * bg.r / bg.alpha, drop=bg.a / (bg.a + bg.b),
          spend=gg.mean_spend, buyers=buyers, n=len(columns), days=fitted.horizon_days)
    )  # fmt: skip
    chart_col, table_col = st.columns([3, 2], gap="large")
    chart_col.altair_chart(
        alive_chart(columns["p_alive"], t("orders.forecast_alive_axis"), t("orders.customers")),
        width="stretch",
    )
    parameters = pd.DataFrame(
        {
            t("orders.forecast_model"): ["BG/NBD"] * 4 + ["Gamma-Gamma"] * 3,
            t("orders.forecast_parameter"): ["r", "α", "a", "b", "p", "q", "v"],
            t("orders.forecast_value"): [bg.r, bg.alpha, bg.a, bg.b, gg.p, gg.q, gg.v],
        }
    )
    table_col.table(parameters.set_index(t("orders.forecast_model")), border="horizontal")
    table_col.caption(t("orders.forecast_fitted", n=bg.customers, repeat=bg.repeat_buyers))
