"""core.report.html: the self-contained HTML client report."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest

import core.report.figures as report_figures
import core.report.html as report
from core.i18n import phrases
from core.method.ranking import rank_customers
from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.report.html import build_report

FRAME = pd.DataFrame(
    {
        "客户编号": ["C001", "C002", "C003", "C004", "C005", None],
        "客户名称": [
            "华东钢铁有限公司",
            "<script>alert(1)</script>",
            "南方物流",
            "北方能源",
            "西部建材",
            "无编号",
        ],
        "销售额": [500.0, 400.0, 300.0, 200.0, None, 50.0],
        "毛利": [50.0, 60.0, 30.0, -20.0, 10.0, 5.0],
    }
)
NAMES = ["华东钢铁有限公司", "南方物流", "北方能源", "西部建材"]
IDS = ["C001", "C002", "C003", "C004", "C005"]


def scenario(**changes) -> Scenario:
    base = Scenario(
        id_column="客户编号",
        name_column="客户名称",
        factors=(FactorSpec("销售额", weight=3), FactorSpec("毛利", weight=1)),
        tiers=TierSpec(shares=(0.2, 0.4, 0.4)),
    )
    return Scenario.from_dict({**base.to_dict(), **changes})


def html_of(lang: str = "zh", anonymize: bool = False, **changes) -> str:
    ranking = rank_customers(FRAME, scenario(**changes))
    return build_report(ranking, "客户.csv", lang, anonymize, revenue="销售额", profit="毛利")


def assert_self_contained(html: str) -> None:
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "@import" not in html and "url(http" not in html
    assert html.startswith("<!DOCTYPE html>")


def test_chinese_report_is_self_contained_with_every_section() -> None:
    html = html_of("zh")
    assert_self_contained(html)
    assert "<title>客户重要性排序报告</title>" in html
    assert '<html lang="zh-CN">' in html
    for heading in ("评估方案", "重点客户名单（前 5 名）", "分组概况", "分组策略", "提示"):
        assert f"<h2>{heading}</h2>" in html
    assert "<dt>排除的行</dt><dd>1</dd>" in html  # the row without an ID
    assert '<td>销售额</td><td>越高越好</td><td class="n">75.0%</td>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # a name is text, never markup
    assert "定制化产品与服务" in html  # the playbook's top-tier service level
    assert "<li>列「销售额」：1 个缺失值已用该列中位数填补</li>" in html  # warnings in Chinese too


def test_english_report_and_tier_summary() -> None:
    html = html_of("en")
    assert "<title>Customer importance ranking report</title>" in html
    assert "<h2>Groups at a glance</h2>" in html
    assert "<th>Share of profit</th>" in html
    assert "Customised products and services" in html


def test_anonymized_report_hides_names_and_ids() -> None:
    html = html_of("zh", anonymize=True)
    for real in [*NAMES, *IDS, "alert(1)"]:
        assert real not in html
    assert "客户 A" in html and "客户 E" in html
    assert "本报告已隐去客户真实名称。" in html
    english = html_of("en", anonymize=True)
    assert "Customer A" in english
    assert not any(real in english for real in NAMES + IDS)


def test_anonymized_overrides_replace_names_in_reasons() -> None:
    overrides = [
        {
            "customer_id": "C004",
            "tier": "关键客户",
            "reason": "北方能源 is strategic",
            "author": "李",
        },
        {"customer_id": "C999", "rank": 1, "reason": "left", "author": "王"},
    ]
    html = html_of("zh", anonymize=True, overrides=overrides)
    assert "<h2>专家评估调整</h2>" in html
    assert "北方能源" not in html and "C004" not in html and "C999" not in html
    assert "客户 D is strategic" in html
    assert "数据中无此客户" in html
    plain = html_of("en", overrides=overrides)
    assert "<td>C004</td><td>Ordinary" not in plain  # the zh labels are the scenario's own
    assert "<td>C004</td><td>普通客户 / 5</td><td>关键客户 / 5</td>" in plain
    assert "not applied: &#x27;C999&#x27;" in plain


def test_charts_are_inline_svg() -> None:
    pytest.importorskip("vl_convert")
    html = html_of("zh")
    assert html.count("<svg") == 3
    assert "因素权重" in html and "各组客户数" in html


def test_without_vl_convert_the_report_still_renders(monkeypatch) -> None:
    monkeypatch.setattr(report, "vl_convert", lambda: None)
    html = html_of("en")
    assert "<svg" not in html
    assert "Charts could not be drawn (vl-convert is missing)" in html
    assert_self_contained(html)


def test_missing_chinese_font_is_noted(monkeypatch) -> None:
    pytest.importorskip("vl_convert")
    monkeypatch.setattr(report_figures, "cjk_font_dir", lambda: None)
    assert "未找到中文字体" in html_of("zh")
    assert "No Chinese font found" not in html_of("en")


def test_the_report_words_come_from_the_catalogues_in_both_languages() -> None:
    zh, en = phrases("report.text.", "zh"), phrases("report.text.", "en")
    assert zh.keys() == en.keys() and len(zh) > 50
    assert (
        zh["title"] == "客户重要性排序报告" and en["title"] == "Customer importance ranking report"
    )
    assert all(zh[k] != en[k] for k in zh if k not in ("kpis",))  # each one translated


def test_the_report_prints_to_a4_without_splitting_rows_or_charts() -> None:
    html = html_of("en")
    css = html[html.index("<style>") : html.index("</style>")]
    assert "@page{size:A4;" in css
    printed = css[css.index("@media print") :]
    assert "tr,figure" in printed and "break-inside:avoid" in printed
    assert "max-width:100%;height:auto;max-height:88mm" in printed  # a chart leaves room
    assert "th,td.k{word-break:keep-all}" in css  # no 关/键/客/户 down a narrow column
    assert '<td class="k">关键客户</td>' in html  # the scenario's own tier labels
    assert "save it as a PDF" in html[html.index("<footer>") :]
    assert "另存为 PDF" in html_of("zh")[html_of("zh").index("<footer>") :]


def test_main_drivers_name_lifts_and_pulls_against_the_average_not_equal_factors() -> None:
    frame = FRAME.assign(投诉次数=1.0)  # everyone equal: explains nothing
    factors = (*scenario().factors, FactorSpec("投诉次数", direction="cost", weight=2))
    ranking = rank_customers(frame, replace(scenario(), factors=factors))
    html = build_report(ranking, "客户.csv", "zh")
    start = html.index("<h2>重点客户名单")
    top = html[start : html.index("<h2>", start + 4)]
    cells = re.findall(r"<td>([^<]*(?:销售额|毛利|投诉次数)[^<]*)</td>", top)
    assert cells and not any("投诉次数" in c for c in cells)
    assert re.search(r"销售额 \+\d", cells[0])  # the first customer: lifted by revenue
    assert any("−" in c for c in cells)  # someone is pulled below the average
    assert phrases("report.text.", "zh")["drivers_note"] in html
