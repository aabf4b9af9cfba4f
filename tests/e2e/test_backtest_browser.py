"""The Backtest page in a real headless Chromium: profit as the realised value, the weight
suggestion behind its button with the overfitting warning, screenshots in both languages
(artifacts/screenshots/backtest_suggest_<lang>.png).

Run with ``python -m pytest tests/e2e -m browser``.
"""

from __future__ import annotations

import pytest

from tests.e2e.test_browser import go, open_app, photograph, settle

pytestmark = pytest.mark.browser

HOLDOUT = {"en": "Holdout (days after the cutoff)", "zh": "检验期（截止日后的天数）"}
PROFIT = {"en": "Profit", "zh": "利润"}
BUTTON = {"en": "Suggest weights", "zh": "建议权重"}
WARNING = {"en": "overfitting", "zh": "过拟合"}
APPLY = {
    "en": "Apply the suggested weights to the current scenario",
    "zh": "把建议权重用于当前方案",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_profit_and_the_weight_suggestion(tab, app_url, screenshots, lang):
    open_app(tab, app_url, lang)
    go(tab, "backtest")
    holdout = tab.get_by_label(HOLDOUT[lang])  # two 180-day windows fit in the sample's log
    holdout.fill("180")
    holdout.press("Enter")
    settle(tab)
    tab.get_by_text(PROFIT[lang], exact=True).click()
    settle(tab)
    tab.get_by_role("button", name=BUTTON[lang], exact=True).click()
    settle(tab)
    tab.get_by_text(WARNING[lang]).first.wait_for()
    assert tab.locator('[data-testid="stDataFrame"]').count() >= 3  # figures, weights, ρ
    photograph(tab, screenshots / f"backtest_suggest_{lang}.png")
    assert tab.get_by_role("button", name=APPLY[lang]).count() == 0  # the sample's scenario
