"""BG/NBD and Gamma-Gamma predictions against pymc-marketing (the second reference), at the
same fixed parameters: its BetaGeoModel and GammaGammaModel are built on the customers and given
a one-draw posterior holding those parameters, so its own formulas (expected_probability_alive,
expected_purchases, expected_customer_spend) are evaluated without any sampling or fitting.

pymc-marketing 1.3 needs Python ≥ 3.12 (requirements-dev.txt installs it there only); on an
older Python this file is skipped."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.orders import predict as P

pytest.importorskip("pymc_marketing", minversion="1.3")
import xarray as xr
from pymc_marketing.clv import BetaGeoModel, GammaGammaModel

# lifetimes' maximum-likelihood fit of CDNOW (daily, as of 1998-06-30) and a second set
BG_PARAMETERS = [(0.2671, 41.91, 0.4835, 2.1116), (1.3, 8.0, 0.9, 4.5)]
GG_PARAMETERS = [(6.25, 3.74, 15.44), (2.1, 1.8, 40.0)]
CUSTOMERS = 5_000


def _posterior(**values: float) -> xr.DataTree:
    """A posterior of one chain and one draw holding ``values``."""
    data = xr.Dataset({k: (("chain", "draw"), [[v]]) for k, v in values.items()})
    return xr.DataTree.from_dict({"posterior": data})


def _customers(r: float, alpha: float, a: float, b: float, seed: int) -> pd.DataFrame:
    """Customers simulated from the model, with whole-day T from 1 to 540 days."""
    T = np.random.default_rng(seed).integers(1, 541, CUSTOMERS).astype(float)
    x, t_x, T = P.simulate_bg_nbd(r, alpha, a, b, T, seed)
    return pd.DataFrame({"customer_id": np.arange(CUSTOMERS), "frequency": x, "recency": t_x,
                         "T": T})  # fmt: skip


def _values(array: xr.DataArray) -> np.ndarray:
    return np.asarray(array.squeeze(("chain", "draw"))).ravel()


@pytest.mark.parametrize(("r", "alpha", "a", "b"), BG_PARAMETERS)
def test_p_alive_and_expected_purchases_equal_pymc_marketing(r, alpha, a, b) -> None:
    data = _customers(r, alpha, a, b, seed=3)
    assert (data["frequency"] > 0).sum() > 500  # repeat buyers and one-time buyers both
    model = BetaGeoModel()
    model.build_model(data)
    model.fit_result = _posterior(r=r, alpha=alpha, a=a, b=b)
    ours = P.BgNbd(r, alpha, a, b, CUSTOMERS, int((data["frequency"] > 0).sum()), 0.0)
    x, t_x, T = data["frequency"], data["recency"], data["T"]
    reference = _values(model.expected_probability_alive(data))
    np.testing.assert_allclose(P.p_alive(ours, x, t_x, T), reference, rtol=1e-9, atol=1e-12)
    for days in (30, 365):
        reference = _values(model.expected_purchases(data, future_t=days))
        mine = P.expected_purchases(ours, float(days), x, t_x, T)
        np.testing.assert_allclose(mine, reference, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("p", "q", "v"), GG_PARAMETERS)
def test_expected_spend_equals_pymc_marketing(p, q, v) -> None:
    rng = np.random.default_rng(5)
    frequency = rng.integers(1, 30, CUSTOMERS).astype(float)
    spend = rng.gamma(2.0, 25.0, CUSTOMERS)
    data = pd.DataFrame({"customer_id": np.arange(CUSTOMERS), "frequency": frequency,
                         "monetary_value": spend})  # fmt: skip
    model = GammaGammaModel()
    model.build_model(data)
    model.fit_result = _posterior(p=p, q=q, v=v)
    reference = _values(model.expected_customer_spend(data))
    mine = P.expected_spend(P.GammaGamma(p, q, v, CUSTOMERS), frequency, spend)
    np.testing.assert_allclose(mine, reference, rtol=1e-12)
