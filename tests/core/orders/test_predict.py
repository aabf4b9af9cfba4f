"""BG/NBD and Gamma-Gamma against lifetimes (the reference) on CDNOW and on simulated customers
with known parameters; clear refusals for data the models cannot be fitted to."""

from __future__ import annotations

import warnings
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.orders import predict as P
from tests.core.orders.order_corpus import cdnow

lifetimes = pytest.importorskip("lifetimes")
from lifetimes.utils import summary_data_from_transaction_data  # noqa: E402

AS_OF = "1998-06-30"


@cache
def cdnow_summary() -> pd.DataFrame:
    """lifetimes' own daily summary of CDNOW up to 1998-06-30 (23,570 customers)."""
    return summary_data_from_transaction_data(
        cdnow(), "customer", "date", monetary_value_col="amount",
        observation_period_end=AS_OF, freq="D",
    )  # fmt: skip


@cache
def references():
    summary = cdnow_summary()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bg = lifetimes.BetaGeoFitter().fit(summary.frequency, summary.recency, summary["T"])
        repeat = summary[(summary.frequency > 0) & (summary.monetary_value > 0)]
        gg = lifetimes.GammaGammaFitter().fit(repeat.frequency, repeat.monetary_value)
    return bg, gg


@cache
def ours() -> tuple[P.BgNbd, P.GammaGamma]:
    s = cdnow_summary()
    return P.fit_bg_nbd(s.frequency, s.recency, s["T"]), P.fit_gamma_gamma(
        s.frequency, s.monetary_value
    )


def test_bg_nbd_parameters_match_lifetimes_within_a_percent() -> None:
    bg, _ = ours()
    ref = references()[0].params_
    assert bg.customers == 23570 and bg.repeat_buyers == int((cdnow_summary().frequency > 0).sum())
    for name, value in (("r", bg.r), ("alpha", bg.alpha), ("a", bg.a), ("b", bg.b)):
        assert value == pytest.approx(ref[name], rel=0.01), name


def test_bg_nbd_predictions_match_lifetimes_within_1e_3() -> None:
    s, bg, ref = cdnow_summary(), ours()[0], references()[0]
    for days in (30, 365):
        mine = P.expected_purchases(bg, days, s.frequency, s.recency, s["T"])
        theirs = ref.conditional_expected_number_of_purchases_up_to_time(
            days, s.frequency, s.recency, s["T"]
        )
        assert np.max(np.abs(mine - theirs)) < 1e-3
    alive = P.p_alive(bg, s.frequency, s.recency, s["T"])
    theirs = ref.conditional_probability_alive(s.frequency, s.recency, s["T"])
    assert np.max(np.abs(alive - theirs)) < 1e-3


def test_gamma_gamma_and_clv_match_lifetimes() -> None:
    s = cdnow_summary()
    bg, gg = ours()
    ref_bg, ref_gg = references()
    for name, value in (("p", gg.p), ("q", gg.q), ("v", gg.v)):
        assert value == pytest.approx(ref_gg.params_[name], rel=0.01), name
    repeat = s[(s.frequency > 0) & (s.monetary_value > 0)]
    spend = P.expected_spend(gg, repeat.frequency, repeat.monetary_value)
    theirs = ref_gg.conditional_expected_average_profit(repeat.frequency, repeat.monetary_value)
    np.testing.assert_allclose(spend, theirs, rtol=1e-3)
    clv = P.predicted_clv(bg, gg, repeat.frequency, repeat.recency, repeat["T"],
                          repeat.monetary_value, horizon_days=360, annual_discount=0.1)  # fmt: skip
    monthly = 1.1 ** (30 / 365) - 1
    theirs = ref_gg.customer_lifetime_value(ref_bg, repeat.frequency, repeat.recency,
                                            repeat["T"], repeat.monetary_value, time=12,
                                            discount_rate=monthly, freq="D")  # fmt: skip
    np.testing.assert_allclose(clv, theirs.to_numpy(), rtol=1e-3)


def test_a_customer_without_repeat_gets_the_population_spend() -> None:
    _, gg = ours()
    assert P.expected_spend(gg, [0], [0.0])[0] == pytest.approx(gg.p * gg.v / (gg.q - 1))


@pytest.mark.parametrize(("r", "alpha", "a", "b"), [(0.25, 4.0, 0.8, 2.5), (1.2, 20.0, 0.4, 3.0)])
def test_known_parameters_are_recovered_from_simulated_customers(r, alpha, a, b) -> None:
    T = np.random.default_rng(3).uniform(200, 700, 20_000)
    fit = P.fit_bg_nbd(*P.simulate_bg_nbd(r, alpha, a, b, T, seed=17))
    assert fit.r == pytest.approx(r, rel=0.1)
    assert fit.alpha == pytest.approx(alpha, rel=0.15)
    assert fit.a == pytest.approx(a, rel=0.15)
    assert fit.b == pytest.approx(b, rel=0.2)


def test_simulated_fits_equal_lifetimes_fits() -> None:
    x, t_x, T = P.simulate_bg_nbd(0.5, 8.0, 0.6, 2.0, np.linspace(100, 400, 5_000), seed=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = lifetimes.BetaGeoFitter().fit(x, t_x, T).params_
    fit = P.fit_bg_nbd(x, t_x, T)
    for name in ("r", "alpha", "a", "b"):
        assert getattr(fit, name) == pytest.approx(ref[name], rel=0.01), name


def test_too_few_repeat_buyers_is_refused_with_the_counts() -> None:
    frequency = np.r_[np.zeros(95), np.ones(5)]
    with pytest.raises(P.PredictionError, match=r"5 of 100 customers bought on more than one"):
        P.fit_bg_nbd(frequency, frequency * 10, np.full(100, 50.0))


def test_an_impossible_summary_is_refused() -> None:
    with pytest.raises(P.PredictionError, match="2 customer"):
        P.fit_bg_nbd([1, 2, 3], [5, 50, np.nan], [10, 10, 10])


def test_too_few_spenders_is_refused() -> None:
    with pytest.raises(P.PredictionError, match="3 found, at least 10"):
        P.fit_gamma_gamma([0, 1, 2, 3, 0], [0, 5, 6, 7, 0])


def test_forecast_adds_the_columns_and_checks_its_options() -> None:
    s = cdnow_summary()
    features = pd.DataFrame({"clv_frequency": s.frequency, "clv_recency": s.recency,
                             "clv_T": s["T"], "clv_monetary_value": s.monetary_value})  # fmt: skip
    result = P.forecast(features, horizon_days=90)
    assert list(result.columns) == ["p_alive", "expected_purchases_90d",
                                    "expected_purchase_value", "predicted_clv",
                                    "expected_buyer"]  # fmt: skip
    assert result.columns.index.equals(features.index)
    assert np.isfinite(result.columns.drop(columns="expected_buyer").to_numpy()).all()
    buyers = result.columns["expected_buyer"]
    assert buyers.equals(result.columns["expected_purchases_90d"] >= P.EXPECTED_BUYER_MIN)
    assert 0 < buyers.sum() < len(buyers)
    with pytest.raises(P.PredictionError, match="from 1 to 3650"):
        P.forecast(features, horizon_days=0)
    with pytest.raises(P.PredictionError, match="below 1"):
        P.forecast(features, annual_discount=1.5)


@given(
    days=st.integers(1, 2000),
    x=st.integers(0, 60),
    share=st.floats(0, 1),
    T=st.floats(1, 1000),
    rate=st.floats(0, 0.9),
)
def test_predictions_are_sane_for_any_customer(days, x, share, T, rate) -> None:
    bg, gg = ours()
    t_x = share * T if x else 0.0
    alive = P.p_alive(bg, [x], [t_x], [T])[0]
    sooner = P.expected_purchases(bg, days, [x], [t_x], [T])[0]
    later = P.expected_purchases(bg, days + 30, [x], [t_x], [T])[0]
    assert 0 < alive <= 1
    assert 0 <= sooner <= later
    clv = P.predicted_clv(bg, gg, [x], [t_x], [T], [20.0], days, 0.0)[0]
    discounted = P.predicted_clv(bg, gg, [x], [t_x], [T], [20.0], days, rate)[0]
    assert 0 <= discounted <= clv + 1e-9
