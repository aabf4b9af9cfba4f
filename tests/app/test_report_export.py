"""AppTest of the client report on the Export page: options, build, download data, preview."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

import core.report.images as report_images
from core.method.overrides import Override
from core.method.ranking import rank_customers
from core.report.anonymize import anonymous_names
from core.report.images import PNG_SIGNATURE, chart_pngs
from tests.app.apptest_support import ROOT, app
from ui.accounts.overrides import with_override

PAGE = "pages/export.py"
SAMPLES = {
    lang: pd.read_csv(ROOT / "data" / f"sample_customers_{lang}.csv") for lang in ("zh", "en")
}
BUILD = {"zh": "生成报告", "en": "Build report"}
DOWNLOAD = {"zh": "下载报告（HTML）", "en": "Download report (HTML)"}
CHARTS = {"zh": "图表（PNG，zip）", "en": "Charts (PNG, zip)"}


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> list[MemoryMediaFileStorage]:
    """Every media store AppTest creates (one per run), so a download's bytes can be read."""
    stores: list[MemoryMediaFileStorage] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, endpoint: str) -> None:
            super().__init__(endpoint)
            stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    return stores


def download_data(at: AppTest, stores: list[MemoryMediaFileStorage], label: str) -> bytes:
    button = next(b for b in at.get("download_button") if b.label == label)
    file_id = button.proto.url.rsplit("/", 1)[1].split(".")[0]
    return stores[-1].get_file(file_id).content


def build(lang: str, presentation: bool = False) -> AppTest:
    at = app(lang)
    if presentation:
        at.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert DOWNLOAD[lang] not in [b.label for b in at.get("download_button")]
    at.button(key="report_build").click().run(timeout=120)
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_downloads_as_html_in_the_page_language(lang, media) -> None:
    at = build(lang)
    assert at.segmented_control(key="report_lang").value == lang
    assert at.toggle(key="report_anonymize").value is False
    button = next(b for b in at.get("download_button") if b.label == DOWNLOAD[lang])
    assert button.proto.url.endswith(".html")
    html = download_data(at, media, DOWNLOAD[lang]).decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    title = "客户重要性排序报告" if lang == "zh" else "Customer importance ranking report"
    assert f"<title>{title}</title>" in html
    assert "<svg" in html and "<script" not in html
    ranking = rank_customers(at.session_state["ingest"].frame, at.session_state["scenario"])
    top = ranking.table.iloc[0]
    name_column = ranking.scenario.name_column
    assert f"<td>{top['customer_id']}</td><td>{top[name_column]}</td>" in html  # real names


def test_chinese_report_has_the_chinese_title(media) -> None:
    at = build("zh")
    html = download_data(at, media, DOWNLOAD["zh"]).decode("utf-8")
    assert '<html lang="zh-CN">' in html
    assert "<h1>客户重要性" in html


def test_anonymised_report_hides_every_real_customer_name(media) -> None:
    at = build("zh", presentation=True)
    assert at.toggle(key="report_anonymize").value is True  # presentation mode's default
    html = download_data(at, media, DOWNLOAD["zh"]).decode("utf-8")
    # Aliases follow the sorted IDs, as in presentation mode: the top customer's is on screen.
    ranking = rank_customers(at.session_state["ingest"].frame, at.session_state["scenario"])
    alias = anonymous_names(ranking.table["customer_id"], "zh")[ranking.table["customer_id"][0]]
    assert re.fullmatch(r"客户 [A-Z]+", alias) and f"<td>{alias}</td>" in html
    sample = SAMPLES["zh"]
    leaked = [n for n in sample["客户名称"] if n in html] + [
        c for c in sample["客户编号"] if c in html
    ]
    assert leaked == []


def test_anonymised_english_report_with_an_override_hides_the_name_in_the_reason(media) -> None:
    at = app("en")
    sample = SAMPLES["en"]
    customer, name = sample["customer_id"].iloc[0], sample["customer_name"].iloc[0]
    scenario = at.session_state["scenario"]
    reason = f"{name} signs a framework agreement"
    at.session_state["scenario"] = with_override(
        scenario, Override(customer, tier="Ordinary", reason=reason, author="Li")
    )
    at.switch_page(PAGE).run()
    at.toggle(key="report_anonymize").set_value(True).run()
    at.button(key="report_build").click().run(timeout=120)
    assert not at.exception
    html = download_data(at, media, DOWNLOAD["en"]).decode("utf-8")
    assert "Customer A" in html and "signs a framework agreement" in html
    assert name not in html and customer not in html


def test_changing_the_options_asks_for_a_new_build() -> None:
    at = build("en")
    at.segmented_control(key="report_lang").set_value("zh").run()
    assert not at.exception
    assert DOWNLOAD["en"] not in [b.label for b in at.get("download_button")]
    assert "build the report again" in at.main.caption[-1].value
    at.button(key="report_build").click().run(timeout=120)
    assert DOWNLOAD["en"] in [b.label for b in at.get("download_button")]
    assert at.session_state["export_report"].html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in at.session_state["export_report"].html


def ranking_of(at: AppTest):
    return rank_customers(at.session_state["ingest"].frame, at.session_state["scenario"])


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_charts_download_as_a_zip_of_three_pngs(lang, media) -> None:
    at = build(lang)
    labels = [b.label for b in at.get("download_button")]
    assert labels[labels.index(DOWNLOAD[lang]) + 1] == CHARTS[lang]  # beside the HTML report
    button = next(b for b in at.get("download_button") if b.label == CHARTS[lang])
    assert button.proto.url.endswith(".zip")
    pngs = unzip(download_data(at, media, CHARTS[lang]))
    assert len(pngs) == 3 and all(re.fullmatch(r"0[123]-[a-z-]+\.png", n) for n in pngs)
    assert all(png.startswith(PNG_SIGNATURE) for png in pngs.values())
    assert pngs == chart_pngs(ranking_of(at), lang, anonymize=False)


def test_charts_follow_the_report_language_and_presentation_mode(media) -> None:
    at = build("en", presentation=True)
    at.segmented_control(key="report_lang").set_value("zh").run()
    at.button(key="report_build").click().run(timeout=120)
    assert not at.exception
    pngs = unzip(download_data(at, media, CHARTS["en"]))  # the page in English, the report zh
    ranking = ranking_of(at)
    assert pngs == chart_pngs(ranking, "zh", anonymize=True)
    assert pngs != chart_pngs(ranking, "zh", anonymize=False)


def test_without_vl_convert_the_page_says_so_and_keeps_the_html(monkeypatch) -> None:
    monkeypatch.setattr(report_images, "vl_convert", lambda: None)
    at = build("en")
    labels = [b.label for b in at.get("download_button")]
    assert DOWNLOAD["en"] in labels and CHARTS["en"] not in labels
    assert any("vl-convert is missing" in w.value for w in at.warning)


def test_building_the_report_shows_its_stages() -> None:
    at = build("en")
    titles = [e.proto.label for e in at.get("status")]
    assert "Building the report and its charts…" in titles
    assert "The report is ready." in [p.proto.text for p in at.get("progress")]
