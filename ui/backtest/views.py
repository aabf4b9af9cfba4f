"""The Backtest page's table, gain chart and plain-language reading."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd

from core.i18n import localize, msg
from core.review.backtest import PROFIT, BacktestResult, scenario_label


def label_of(name: str, lang: str) -> str:
    """A measured scenario's name as the page shows it."""
    return str(localize(scenario_label(name.removeprefix("saved:")), lang))


def value_word(result: BacktestResult, lang: str) -> str:
    """The realised value measured ("revenue" / "profit") in ``lang``."""
    return str(localize(msg(f"backtest.value.{result.value}"), lang))


def figures_table(result: BacktestResult, t: Callable[..., str], lang: str) -> pd.DataFrame:
    """One row per scenario, headers in ``lang``; shares as percentages."""
    table = result.table()
    return pd.DataFrame(
        {
            t("backtest.col.scenario"): [label_of(n, lang) for n in table["scenario"]],
            t("backtest.col.rho"): table["rho"].round(3),
            t(_profit_key("backtest.col.top_tier", result)): (100 * table["top_tier_share"]).round(
                1
            ),
            t("backtest.col.precision"): (100 * table["precision_top20"]).round(1),
            t("backtest.col.recall"): (100 * table["recall_top20"]).round(1),
            t("backtest.col.note"): [
                "" if n is None else str(localize(n, lang)) for n in table["note"]
            ],
        }
    )


def gain_chart(result: BacktestResult, t: Callable[..., str], lang: str) -> alt.LayerChart:
    """Cumulative gain: one line per scenario and the diagonal of a random order."""
    curves = result.gain_curves().dropna()
    curves = curves.assign(scenario=[label_of(n, lang) for n in curves["scenario"]])
    x = alt.X("customer_share:Q", title=t("backtest.chart.x"), axis=alt.Axis(format="%"))
    y = alt.Y(
        "revenue_share:Q",
        title=t(_profit_key("backtest.chart.y", result)),
        axis=alt.Axis(format="%"),
    )
    lines = (
        alt.Chart(curves)
        .mark_line()
        .encode(x, y, color=alt.Color("scenario:N", title=t("backtest.col.scenario")))
    )
    random = pd.DataFrame({"customer_share": [0.0, 1.0], "revenue_share": [0.0, 1.0]})
    diagonal = alt.Chart(random).mark_line(strokeDash=[4, 4], color="gray").encode(x, y)
    return alt.layer(lines, diagonal).properties(height=360)


def reading(result: BacktestResult, t: Callable[..., str], lang: str) -> str | None:
    """A plain sentence about the scenario with the highest ρ (None when none applies)."""
    usable = [f for f in result.figures if f.applicable and f.rho == f.rho]
    if not usable:
        return None
    best = max(usable, key=lambda f: f.rho)
    return t(
        "backtest.reading", name=label_of(best.name, lang), cutoff=result.cutoff,
        days=result.window_days, rho=best.rho, precision=100 * best.precision,
        share=100 * best.top_tier_share, value=value_word(result, lang),
    )  # fmt: skip


def _profit_key(key: str, result: BacktestResult) -> str:
    """``key`` or, when the realised value is profit, its ``_profit`` variant."""
    return f"{key}_profit" if result.value == PROFIT else key
