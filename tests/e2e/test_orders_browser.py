"""The Orders & RFM and Periodic review pages in a real headless Chromium: the segment overview
of the sample log, the KPI strip of the review, screenshots of both pages in both languages
(artifacts/screenshots/orders_rfm_<lang>.png and review_kpis_<lang>.png).

Run with ``python -m pytest tests/e2e -m browser``.
"""

from __future__ import annotations

import pytest

from tests.e2e.test_browser import go, open_app, photograph

pytestmark = pytest.mark.browser

SEGMENTS = {"en": "Segment overview", "zh": "分群概况"}
FIRST_SEGMENT = {"en": "Champions", "zh": "重要价值客户"}
KPIS = {
    "en": ["Customers", "Active", "Revenue", "Top-20 % revenue share", "Churned", "Retention rate"],
    "zh": ["客户数", "活跃客户", "收入", "前 20% 客户收入占比", "流失客户", "留存率"],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_orders_segments_then_review_kpis(tab, app_url, screenshots, lang):
    open_app(tab, app_url, lang)
    go(tab, "orders")
    tab.get_by_text(SEGMENTS[lang], exact=True).wait_for()
    chart = tab.locator('[data-testid="stVegaLiteChart"]').first
    chart.wait_for()
    assert chart.bounding_box()["height"] > 150  # eleven segments, two bars each
    overview = tab.locator('[data-testid="stDataFrame"]').nth(2)
    overview.locator('[data-testid="glide-cell-0-0"]').wait_for(state="attached")
    assert overview.locator('[data-testid="glide-cell-0-0"]').text_content() == FIRST_SEGMENT[lang]
    photograph(tab, screenshots / f"orders_rfm_{lang}.png")

    go(tab, "review")
    metrics = tab.locator('[data-testid="stMetric"]')
    metrics.nth(5).wait_for()
    labels = tab.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert [label.strip() for label in labels[:6]] == KPIS[lang]
    assert tab.locator('[data-testid="stMetricValue"]').first.inner_text() == "500"
    photograph(tab, screenshots / f"review_kpis_{lang}.png")
