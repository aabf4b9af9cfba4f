"""Export page: file contents (ui/share.py), scenario upload, share link and its restore."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.ingest.read import read_table
from core.mapping.columns import Mapping, detect_mapping
from core.method.ranking import Ranking, rank_customers
from core.method.scenario import FactorSpec, Scenario, TierSpec
from core.method.scenario_mapping import default_scenario
from core.report.export import to_csv_bytes, to_xlsx_bytes
from tests.app.apptest_support import ENTRYPOINT, app
from ui.share import export_table, scenario_sheet, share_link, workbook_sheets
from ui.tables import customer_names

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_EN = ROOT / "data" / "sample_customers_en.csv"
SAMPLE_ZH = ROOT / "data" / "sample_customers_zh.csv"
SHEETS = ("Ranking", "Tier summary", "Scenario", "Drivers")


def _ranked(path: Path, lang: str):
    frame = read_table(path).frame
    mapping = detect_mapping(frame)
    return frame, mapping, rank_customers(frame, default_scenario(mapping, lang))


@pytest.fixture(scope="module")
def english():
    return _ranked(SAMPLE_EN, "en")


def _fresh(lang: str = "en", **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _export_page(lang: str = "en") -> AppTest:
    at = _fresh(lang)
    at.switch_page("pages/export.py").run()
    assert not at.exception
    return at


# --- file contents -------------------------------------------------------------------------


def test_export_table_columns_start_with_rank_id_score_tier(english):
    _frame, mapping, ranking = english
    table = export_table(ranking, mapping, "en", presentation=False)
    assert list(table.columns[:5]) == ["rank", "customer_id", "score", "tier", "customer_name"]
    # The input ID column repeats customer_id and is dropped; contributions come last.
    assert "customer_id (input)" not in table.columns
    assert list(table.columns[-len(ranking.contribution_columns) :]) == (
        ranking.contribution_columns
    )
    assert len(table) == len(ranking.table) == 500
    assert table["rank"].tolist() == list(range(1, 501))
    assert table["customer_id"].tolist() == ranking.table["customer_id"].tolist()


def test_export_table_drops_a_differently_named_id_column():
    _frame, mapping, ranking = _ranked(SAMPLE_ZH, "zh")
    table = export_table(ranking, mapping, "zh", presentation=False)
    assert list(table.columns[:5]) == ["rank", "customer_id", "score", "tier", "客户名称"]
    assert "客户编号" not in table.columns


def test_presentation_export_uses_the_screen_aliases(english):
    frame, mapping, ranking = english
    table = export_table(ranking, mapping, "en", presentation=True)
    shown = customer_names(ranking, mapping, "en", presentation=True)
    assert table["customer_id"].tolist() == shown.tolist()
    assert table["customer_name"].tolist() == shown.tolist()
    assert set(table["customer_name"]).isdisjoint(set(frame["customer_name"]))
    assert table["customer_name"].str.match(r"^Customer [A-Z]+$").all()


def test_csv_is_bom_utf8_with_the_documented_header(english):
    _frame, mapping, ranking = english
    data = to_csv_bytes(export_table(ranking, mapping, "en", presentation=False))
    assert data.startswith(b"\xef\xbb\xbfrank,customer_id,score,tier,customer_name,")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert len(back) == 500
    assert back["customer_id"].iloc[0] == ranking.table["customer_id"].iloc[0]


def _tiny() -> tuple[Mapping, Ranking]:
    frame = pd.DataFrame(
        {
            "id": ["A1", "A2", "A3"],
            "name": ['=HYPERLINK("http://x")', "@cmd", "Plain Co."],
            "sales": [3.0, 2.0, 1.0],
            "days": [5.0, 1.0, 9.0],
        }
    )
    scenario = Scenario(
        "id",
        (FactorSpec("sales", weight=3), FactorSpec("days", "cost", 1, "percentile")),
        name_column="name",
        tiers=TierSpec(labels=("Key", "Other"), shares=(0.25, 0.75)),
    )
    return Mapping("id", "name", ()), rank_customers(frame, scenario)


def test_csv_neutralises_formula_names():
    mapping, ranking = _tiny()
    back = pd.read_csv(io.BytesIO(to_csv_bytes(export_table(ranking, mapping, "en", False))))
    assert back.columns.tolist()[:5] == ["rank", "customer_id", "score", "tier", "name"]
    assert back["name"].tolist() == ['\'=HYPERLINK("http://x")', "'@cmd", "Plain Co."]


def test_xlsx_has_ranking_tier_summary_scenario_and_drivers_sheets(english):
    _frame, mapping, ranking = english
    data = to_xlsx_bytes(workbook_sheets(ranking, mapping, "en", False, SHEETS))
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == list(SHEETS)
    ranked = list(book["Ranking"].iter_rows(values_only=True))
    assert ranked[0][:4] == ("rank", "customer_id", "score", "tier")
    assert len(ranked) == 501
    tiers = list(book["Tier summary"].iter_rows(values_only=True))
    assert [row[0] for row in tiers[1:]] == list(ranking.scenario.tiers.labels)
    assert [row[1] for row in tiers[1:]] == [100, 150, 250]
    scenario_rows = dict(list(book["Scenario"].iter_rows(values_only=True))[1:])
    assert Scenario.from_json(scenario_rows["json"]) == ranking.scenario
    assert scenario_rows["method"] == "weighted_sum"
    drivers = pd.read_excel(io.BytesIO(data), sheet_name="Drivers", engine="openpyxl")
    assert drivers.columns.tolist()[:5] == [
        "rank",
        "customer_id",
        "score",
        "score_vs_average",
        "main_drivers",
    ]
    assert len(drivers) == 500
    relative = drivers.filter(like="vs_average:")
    assert relative.sum(axis=1).to_numpy() == pytest.approx(
        drivers["score_vs_average"].to_numpy(), abs=1e-3
    )


def test_drivers_sheet_uses_aliases_in_presentation_mode(english):
    _frame, mapping, ranking = english
    sheet = workbook_sheets(ranking, mapping, "zh", True, SHEETS)["Drivers"]
    assert sheet["customer_id"].str.match(r"^客户 [A-Z]+$").all()


def test_scenario_sheet_rows():
    _, ranking = _tiny()
    sheet = scenario_sheet(ranking.scenario)
    assert sheet.columns.tolist() == ["key", "value"]
    assert sheet.iloc[:-1].values.tolist() == [
        ["name", ""],
        ["id_column", "id"],
        ["name_column", "name"],
        ["method", "weighted_sum"],
        ["missing", "median"],
        ["duplicate_ids", "first"],
        ["as_of", ""],
        ["tiers.scheme", "share"],
        ["tiers.labels", "Key / Other"],
        ["factor:sales", "benefit, weight 75.0%, minmax"],
        ["factor:days", "cost, weight 25.0%, percentile"],
    ]
    assert sheet.iloc[-1].tolist() == ["json", ranking.scenario.to_json()]


# --- share link ------------------------------------------------------------------------------


def test_share_link_replaces_the_query_and_keeps_the_path():
    _, ranking = _tiny()
    link = share_link("http://host:8501/base/export", "zh", ranking.scenario)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "host:8501", "/base/export")
    query = parse_qs(parts.query)
    assert query["lang"] == ["zh"]
    assert Scenario.from_token(query["s"][0]) == ranking.scenario


def test_share_link_without_a_known_url_is_relative():
    _, ranking = _tiny()
    token = ranking.scenario.to_token()
    assert share_link(None, "en", ranking.scenario) == f"/?lang=en&s={token}"


# --- the page -----------------------------------------------------------------------------


def _export_page(lang: str = "en") -> AppTest:
    at = app(lang)
    at.switch_page("pages/export.py").run()
    assert not at.exception
    return at


def _link_scenario(at: AppTest) -> tuple[str, Scenario]:
    query = parse_qs(urlsplit(at.code[0].value).query)
    return query["lang"][0], Scenario.from_token(query["s"][0])


@pytest.mark.parametrize(
    ("lang", "title", "buttons"),
    [
        (
            "en",
            "Export and share",
            ["Download CSV", "Download Excel (XLSX)", "Download scenario JSON"],
        ),
        ("zh", "导出与分享", ["下载 CSV", "下载 Excel（XLSX）", "下载方案 JSON"]),
    ],
)
def test_page_offers_the_three_downloads_and_the_share_link(lang, title, buttons):
    at = _export_page(lang)
    assert at.title[0].value == title
    assert [b.label for b in at.get("download_button")] == buttons
    assert _link_scenario(at) == (lang, at.session_state["scenario"])
    assert not at.error


def test_presentation_mode_says_the_files_are_anonymised():
    at = _export_page("en")
    assert not at.info
    at.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    assert not at.exception
    assert at.info[0].value.startswith("Presentation mode is on: customer IDs and names")


def test_uploaded_scenario_replaces_the_weights_once():
    at = _export_page("en")
    uploaded = at.session_state["scenario"].with_weights({"revenue": 100, "profit": 0})
    at.file_uploader(key="scenario_upload").upload(
        "mine.json", uploaded.to_json().encode(), "application/json"
    ).run()
    assert not at.exception
    assert at.session_state["scenario"] == uploaded
    assert at.success[0].value == "Applied the scenario from mine.json."
    assert _link_scenario(at) == ("en", uploaded)
    # A slider moved afterwards wins: the file still in the uploader is not applied again.
    at.sidebar.slider(key="w_sidebar_profit").set_value(80).run()
    weights = {f.column: f.weight for f in at.session_state["scenario"].factors}
    assert (weights["revenue"], weights["profit"]) == (100, 80)


def test_bad_scenario_upload_keeps_the_current_scenario():
    at = _export_page("en")
    before = at.session_state["scenario"]
    bad = json.dumps({"id_column": "customer_id", "factors": [{"column": "销售额"}]})
    at.file_uploader(key="scenario_upload").upload(
        "zh.json", bad.encode(), "application/json"
    ).run()
    assert not at.exception
    assert at.session_state["scenario"] == before
    assert at.error[0].value.startswith(
        "That scenario cannot be applied; the current one is kept. "
        "scenario: column '销售额' is not in the data;"
    )


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'{"id_column": ', "bad.json：第 1 行第 15 列不是有效的 JSON；请检查文件"),
        (
            json.dumps({"id_column": "customer_id", "factors": [{"column": "a", "weight": -5}]}),
            "方案：因素「a」的权重为负或无效（-5）；权重必须是 ≥ 0 的数",
        ),
    ],
)
def test_bad_scenario_upload_says_why_in_chinese(content, why):
    at = _export_page("zh")
    data = content if isinstance(content, bytes) else content.encode()
    at.file_uploader(key="scenario_upload").upload("bad.json", data, "application/json").run()
    assert not at.exception
    assert at.error[0].value.startswith(f"无法应用该方案，当前方案保持不变。{why}。")


def test_opening_a_share_link_restores_the_weights():
    source = app("en")
    shared = source.session_state["scenario"].with_weights({"revenue": 100, "nps": 0})
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["lang"] = "en"
    at.query_params["s"] = shared.to_token()
    at.run()
    assert not at.exception
    weights = {f.column: f.weight for f in at.session_state["scenario"].factors}
    assert weights == {f.column: f.weight for f in shared.factors}
    assert weights["revenue"] == 100 and weights["nps"] == 0
    assert at.sidebar.slider(key="w_sidebar_revenue").value == 100
    # The shared scenario is applied once; a slider moved afterwards is not undone.
    at.sidebar.slider(key="w_sidebar_revenue").set_value(10).run()
    assert at.session_state["scenario"].factors[0].weight == 10


def test_a_damaged_share_link_shows_an_error_and_keeps_the_default():
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["lang"] = "en"
    at.query_params["s"] = "not-a-token"
    at.run()
    assert not at.exception
    assert at.session_state["scenario"] == app("en").session_state["scenario"]
    assert "the scenario in the link is damaged; copy it again" in at.error[0].value
