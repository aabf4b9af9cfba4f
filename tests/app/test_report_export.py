"""AppTest of the client report on the Export page: options, build, download data, preview."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from conftest import ROOT, app
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from core.anonymize import anonymous_names
from core.overrides import Override
from core.ranking import rank_customers
from ui.override_editor import with_override

PAGE = "pages/export.py"
SAMPLES = {
    lang: pd.read_csv(ROOT / "data" / f"sample_customers_{lang}.csv") for lang in ("zh", "en")
}
BUILD = {"zh": "生成报告", "en": "Build report"}
DOWNLOAD = {"zh": "下载报告（HTML）", "en": "Download report (HTML)"}


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
    assert at.session_state["export_report"][1].startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in at.session_state["export_report"][1]
