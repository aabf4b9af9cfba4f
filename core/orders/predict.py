"""Buy-till-you-die predictions from the CLV-ready summary: BG/NBD and Gamma-Gamma.

BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase it drops out with
probability p ~ Beta(a, b). Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"): a
customer's spend per repeat day averages ν ~ Gamma(q, γ), each day's spend ~ Gamma(p, ν).
Both are fitted by maximum likelihood (scipy's L-BFGS-B on the log-parameters), over the
distinct (frequency, recency, T) / (frequency, spend) rows weighted by how many customers
share them. Inputs are lifetimes' summary in days (``clv_frequency``, ``clv_recency``,
``clv_T``, ``clv_monetary_value``; core.orders.features), and the formulas are lifetimes'
(``BetaGeoFitter``, ``GammaGammaFitter``), which the tests use as the reference.

Predicted CLV over ``horizon_days`` sums the expected purchases in 30-day steps times the
expected spend per purchase day, each step discounted at an annual rate
(``(1 + rate) ** (step end / 365)``); lifetimes' ``customer_lifetime_value`` with a monthly
rate of ``(1 + rate) ** (30 / 365) - 1`` gives the same when the horizon is whole months.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special

from core.errors import InputError
from core.i18n import msg

MIN_CUSTOMERS = 20
MIN_REPEAT_BUYERS = 10  # a rate of dropping out needs customers who came back
MAX_PARAMETER = 1e6  # a fitted parameter beyond this means the data cannot pin it down
STEP_DAYS = 30
DEFAULT_HORIZON_DAYS = 365
EXPECTED_BUYER_MIN = 1.0  # expected purchase days in the horizon that make an expected buyer


class PredictionError(InputError):
    """The models cannot be fitted to these customers (the message says why)."""


@dataclass(frozen=True)
class BgNbd:
    """A fitted BG/NBD model (days as the time unit)."""

    r: float
    alpha: float
    a: float
    b: float
    customers: int
    repeat_buyers: int
    log_likelihood: float


@dataclass(frozen=True)
class GammaGamma:
    """A fitted Gamma-Gamma spend model."""

    p: float
    q: float
    v: float
    customers: int  # repeat buyers with a positive spend, the ones it was fitted on

    @property
    def mean_spend(self) -> float:
        """The population's expected spend per purchase day: p·v / (q − 1)."""
        return self.p * self.v / (self.q - 1)


def _grouped(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """The distinct rows of ``columns`` and how many times each occurs."""
    rows, counts = np.unique(np.column_stack(columns), axis=0, return_counts=True)
    return [rows[:, j] for j in range(rows.shape[1])], counts.astype(float)


def _fit(negative_ll, start: np.ndarray, what: str) -> np.ndarray:
    """Maximum likelihood over log-parameters; PredictionError when it does not converge to
    finite, moderate values."""
    with np.errstate(all="ignore"):
        found = optimize.minimize(
            negative_ll, np.log(start), method="L-BFGS-B", options={"ftol": 1e-13, "gtol": 1e-9}
        )
    params = np.exp(found.x)
    if not found.success or not np.all(np.isfinite(params)) or np.any(params > MAX_PARAMETER):
        raise PredictionError(msg("predict.no_fit", model=what))
    return params


def _check_summary(frequency: np.ndarray, recency: np.ndarray, T: np.ndarray) -> None:
    values = np.column_stack([frequency, recency, T])
    bad = ~np.isfinite(values).all(axis=1) | (frequency < 0) | (recency < 0) | (recency > T)
    if bad.any():
        raise PredictionError(msg("predict.bad_summary", n=int(bad.sum())))


def bg_nbd_log_likelihood(
    params: np.ndarray, frequency: np.ndarray, recency: np.ndarray, T: np.ndarray
) -> np.ndarray:
    """Each customer's BG/NBD log-likelihood under ``params`` = (r, α, a, b)."""
    r, alpha, a, b = params
    x = frequency
    part1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    part2 = (
        special.gammaln(a + b) + special.gammaln(b + x)
        - special.gammaln(b) - special.gammaln(a + b + x)
    )  # fmt: skip
    alive = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        gone = np.where(
            x > 0,
            np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + recency),
            -np.inf,
        )
    return part1 + part2 + np.logaddexp(alive, gone)


def fit_bg_nbd(frequency: np.ndarray, recency: np.ndarray, T: np.ndarray) -> BgNbd:
    """Fit BG/NBD to customers' (repeat days, first→last day, first day→as-of) in days."""
    frequency, recency, T = (np.asarray(c, dtype=float) for c in (frequency, recency, T))
    _check_summary(frequency, recency, T)
    repeat = int((frequency > 0).sum())
    if len(frequency) < MIN_CUSTOMERS or repeat < MIN_REPEAT_BUYERS:
        raise PredictionError(
            msg("predict.too_few_repeat_buyers", repeat=repeat, n=len(frequency),
                min_repeat=MIN_REPEAT_BUYERS, min_n=MIN_CUSTOMERS)
        )  # fmt: skip
    (x, t_x, t), weight = _grouped(frequency, recency, T)
    scale = max(float(np.mean(T)), 1.0)

    def negative_ll(log_params: np.ndarray) -> float:
        value = -np.sum(weight * bg_nbd_log_likelihood(np.exp(log_params), x, t_x, t))
        return float(value) if np.isfinite(value) else 1e300

    r, alpha, a, b = _fit(negative_ll, np.array([1.0, scale, 1.0, 1.0]), "BG/NBD")
    ll = float(np.sum(weight * bg_nbd_log_likelihood(np.array([r, alpha, a, b]), x, t_x, t)))
    return BgNbd(float(r), float(alpha), float(a), float(b), len(frequency), repeat, ll)


def _odds_gone(model: BgNbd, frequency, recency, T) -> np.ndarray:
    """a/(b+x−1)·((α+T)/(α+t_x))^(r+x) for repeat buyers, 0 otherwise (lifetimes' ``d``)."""
    x = np.asarray(frequency, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = (model.a / (model.b + x - 1)) * (
            (model.alpha + np.asarray(T, float)) / (model.alpha + np.asarray(recency, float))
        ) ** (model.r + x)
    return np.where(x > 0, ratio, 0.0)


def p_alive(model: BgNbd, frequency, recency, T) -> np.ndarray:
    """Probability each customer is still alive (will buy again) at the as-of date."""
    return 1.0 / (1.0 + _odds_gone(model, frequency, recency, T))


def expected_purchases(model: BgNbd, days: float, frequency, recency, T) -> np.ndarray:
    """Expected purchase days in the next ``days`` days, per customer."""
    x = np.asarray(frequency, dtype=float)
    T = np.asarray(T, dtype=float)
    r, alpha, a, b = model.r, model.alpha, model.a, model.b
    z = days / (alpha + T + days)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        hyper = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        top = (
            (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + days)) ** (r + x) * hyper)
        )
    return top / (1.0 + _odds_gone(model, x, recency, T))


def gamma_gamma_log_likelihood(params: np.ndarray, frequency, spend) -> np.ndarray:
    """Each repeat buyer's Gamma-Gamma log-likelihood under ``params`` = (p, q, v)."""
    p, q, v = params
    x, m = frequency, spend
    return (
        special.gammaln(p * x + q) - special.gammaln(q) + q * np.log(v)
        - special.gammaln(p * x) + (p * x - 1) * np.log(m) + p * x * np.log(x)
        - (p * x + q) * np.log(x * m + v)
    )  # fmt: skip


def fit_gamma_gamma(frequency: np.ndarray, spend: np.ndarray) -> GammaGamma:
    """Fit Gamma-Gamma to the repeat buyers' (repeat days, mean spend per repeat day)."""
    frequency, spend = np.asarray(frequency, dtype=float), np.asarray(spend, dtype=float)
    used = (frequency > 0) & (spend > 0) & np.isfinite(spend)
    if used.sum() < MIN_REPEAT_BUYERS:
        raise PredictionError(
            msg("predict.too_few_spenders", n=int(used.sum()), min_repeat=MIN_REPEAT_BUYERS)
        )
    (x, m), weight = _grouped(frequency[used], spend[used])
    scale = float(np.mean(m))

    def negative_ll(log_params: np.ndarray) -> float:
        value = -np.sum(weight * gamma_gamma_log_likelihood(np.exp(log_params), x, m))
        return float(value) if np.isfinite(value) else 1e300

    p, q, v = _fit(negative_ll, np.array([1.0, 2.0, scale]), "Gamma-Gamma")
    if q <= 1:  # the population's mean spend would be infinite
        raise PredictionError(msg("predict.no_fit", model="Gamma-Gamma"))
    return GammaGamma(float(p), float(q), float(v), int(used.sum()))


def expected_spend(model: GammaGamma, frequency, spend) -> np.ndarray:
    """Expected spend per purchase day: the customer's mean pulled towards the population's
    (lifetimes' ``conditional_expected_average_profit``); the population's mean without a
    repeat purchase."""
    x = np.asarray(frequency, dtype=float)
    m = np.nan_to_num(np.asarray(spend, dtype=float))
    own = model.p * (model.v + x * m) / (model.p * x + model.q - 1)
    return np.where(x > 0, own, model.mean_spend)


def predicted_clv(
    bg: BgNbd, gg: GammaGamma, frequency, recency, T, spend,
    horizon_days: int = DEFAULT_HORIZON_DAYS, annual_discount: float = 0.0,
) -> np.ndarray:  # fmt: skip
    """Expected spend over the next ``horizon_days`` days, discounted (see the module)."""
    ends = np.minimum(np.arange(1, -(-horizon_days // STEP_DAYS) + 1) * STEP_DAYS, horizon_days)
    per_day = expected_spend(gg, frequency, spend)
    total = np.zeros(len(per_day))
    before = np.zeros(len(per_day))
    for end in ends:
        upto = expected_purchases(bg, float(end), frequency, recency, T)
        total += per_day * (upto - before) / (1.0 + annual_discount) ** (end / 365.0)
        before = upto
    return total


def simulate_bg_nbd(
    r: float, alpha: float, a: float, b: float, T: np.ndarray, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Customers drawn from the BG/NBD story itself: a first purchase at 0, then purchases at
    rate λ ~ Gamma(r, 1/α) until T, each repeat purchase followed by dropping out with
    probability p ~ Beta(a, b). Returns (frequency, recency, T)."""
    rng = np.random.default_rng(seed)
    rate, drop = rng.gamma(r, 1 / alpha, len(T)), rng.beta(a, b, len(T))
    x, t_x, now = np.zeros(len(T)), np.zeros(len(T)), np.zeros(len(T))
    active = np.ones(len(T), dtype=bool)
    while active.any():
        now[active] += rng.exponential(1 / rate[active])
        bought = active & (now <= T)
        x[bought] += 1
        t_x[bought] = now[bought]
        active = bought & (rng.random(len(T)) >= drop)
    return x, t_x, T


@dataclass(frozen=True)
class Forecast:
    """The fitted models and, per customer (the features' order), the predictions."""

    bg_nbd: BgNbd
    gamma_gamma: GammaGamma
    horizon_days: int
    annual_discount: float
    columns: pd.DataFrame  # p_alive, expected_purchases_<N>d, expected_purchase_value,
    # predicted_clv, expected_buyer


def purchases_column(days: int) -> str:
    """The name of the expected-purchases column for a horizon of ``days`` days."""
    return f"expected_purchases_{days}d"


def forecast(
    features: pd.DataFrame, horizon_days: int = DEFAULT_HORIZON_DAYS,
    annual_discount: float = 0.0,
) -> Forecast:  # fmt: skip
    """Fit both models to ``features`` (the rfm table's clv_* columns) and predict every
    customer; PredictionError (with the reason) when they cannot be fitted.

    ``expected_buyer`` is the method's "expected to buy in a coming period" (未来购买), by a
    stated rule: at least :data:`EXPECTED_BUYER_MIN` expected purchase days in the horizon."""
    if not 1 <= horizon_days <= 3650:
        raise PredictionError(msg("predict.bad_horizon", days=horizon_days, most=3650))
    if not 0 <= annual_discount < 1:
        raise PredictionError(msg("predict.bad_discount", rate=annual_discount))
    x = features["clv_frequency"].to_numpy(float)
    t_x = features["clv_recency"].to_numpy(float)
    T = features["clv_T"].to_numpy(float)
    m = features["clv_monetary_value"].to_numpy(float)
    bg = fit_bg_nbd(x, t_x, T)
    gg = fit_gamma_gamma(x, m)
    purchases = expected_purchases(bg, horizon_days, x, t_x, T)
    columns = pd.DataFrame(
        {
            "p_alive": p_alive(bg, x, t_x, T),
            purchases_column(horizon_days): purchases,
            "expected_purchase_value": expected_spend(gg, x, m),
            "predicted_clv": predicted_clv(bg, gg, x, t_x, T, m, horizon_days, annual_discount),
            "expected_buyer": purchases >= EXPECTED_BUYER_MIN,
        },
        index=features.index,
    )
    return Forecast(bg, gg, horizon_days, annual_discount, columns)
