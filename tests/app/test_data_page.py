"""The Data page: samples, uploads (good, bad, GBK, multi-sheet XLSX), mapping edits."""

from __future__ import annotations

import io
import json
import random
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.i18n.markdown import escape_markdown
from core.method.scenario import Scenario
from tests.app.apptest_support import ROOT, app

SAMPLE_ZH = ROOT / "data" / "sample_customers_zh.csv"
EDIT = {"added_rows": [], "deleted_rows": []}


def data_page(lang: str = "en") -> AppTest:
    return app(lang).switch_page("pages/data.py").run()


def source(at: AppTest) -> str:
    return at.session_state["ingest"].source


def test_loads_with_the_english_sample() -> None:
    at = data_page()
    assert not at.exception
    assert at.title[0].value == "Data"
    assert at.file_uploader(key="upload").label == "Upload a customer table"
    assert at.selectbox(key="id_column").value == "customer_id"
    assert at.selectbox(key="name_column").value == "customer_name"
    editor = at.data_editor[0].value
    assert editor["column"].tolist()[:3] == ["revenue", "profit", "orders"]
    assert editor["include"].all()
    assert "Current data: **sample_customers_en.csv** · 500 rows · 15 columns" in [
        m.value for m in at.markdown
    ]
    assert at.metric[0].value == "CSV"


def test_loads_with_the_chinese_sample() -> None:
    at = data_page("zh")
    assert not at.exception
    assert at.title[0].value == "数据"
    assert at.selectbox(key="id_column").value == "客户编号"
    assert at.data_editor[0].value["column"].tolist()[:2] == ["销售额", "毛利"]


def test_language_switch_changes_the_labels() -> None:
    at = data_page()
    at.sidebar.segmented_control(key="lang_choice").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == "数据"
    assert at.file_uploader(key="upload").label == "上传客户表"
    assert at.selectbox(key="id_column").label == "客户编号列"


def test_bad_upload_shows_its_error_and_keeps_the_data() -> None:
    at = data_page()
    junk = b"\x89PNG\r\n\x1a\n" + random.Random(4).randbytes(256)
    at.file_uploader(key="upload").set_value(("bad.csv", junk, "text/csv")).run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith("That data could not be used; the previous data is kept.")
    assert "bad.csv does not look like a text table (binary content)" in at.error[0].value
    assert any(i.value.startswith("Hint: save the file as CSV") for i in at.info)
    assert source(at) == "sample_customers_en.csv"
    assert len(at.session_state["ingest"].frame) == 500


def test_good_upload_replaces_the_data_and_a_rerun_keeps_the_weights() -> None:
    at = data_page()
    content = SAMPLE_ZH.read_bytes()
    at.file_uploader(key="upload").set_value(("customers.csv", content, "text/csv")).run()
    assert not at.exception and not at.error
    assert source(at) == "customers.csv"
    assert at.session_state["scenario"].id_column == "客户编号"
    assert at.selectbox(key="id_column").value == "客户编号"
    at.sidebar.slider(key="w_sidebar_销售额").set_value(90).run()
    at.run()
    weights = {f.column: f.weight for f in at.session_state["scenario"].factors}
    assert weights["销售额"] == 90 and weights["毛利"] == 50


def test_gbk_csv_upload() -> None:
    at = data_page()
    text = (
        "客户编号,客户名称,销售额,满意度\nA1,甲公司,100,4.5\nA2,乙公司,300,3.9\nA3,丙公司,200,4.8\n"
    )
    at.file_uploader(key="upload").set_value(("gbk.csv", text.encode("gbk"), "text/csv")).run()
    assert not at.exception and not at.error
    assert len(at.session_state["ingest"].frame) == 3
    assert [m.value for m in at.metric] == ["CSV", "gb18030", ",", "1"]  # header row 1
    assert at.session_state["scenario"].columns == ["销售额", "满意度"]
    assert at.selectbox(key="name_column").value == "客户名称"


def test_workbook_with_several_sheets_offers_a_sheet_picker() -> None:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter") as writer:
        pd.DataFrame({"note": ["read me"]}).to_excel(writer, sheet_name="说明", index=False)
        pd.DataFrame({"customer_id": ["X1", "X2"], "revenue": [5.0, 9.0]}).to_excel(
            writer, sheet_name="customers", index=False
        )
    at = data_page()
    upload = ("book.xlsx", buffer.getvalue(), "application/octet-stream")
    at.file_uploader(key="upload").set_value(upload).run()
    # The first sheet holds no factor column: it is refused, yet its sheets are offered.
    assert "no factor columns found" in at.error[0].value
    assert source(at) == "sample_customers_en.csv"
    picker = at.selectbox(key="sheet")
    assert picker.value is None
    assert picker.options == ["说明", "customers"]
    picker.set_value("customers").run()
    assert not at.exception
    assert at.session_state["ingest"].sheet == "customers"
    assert at.session_state["scenario"].columns == ["revenue"]
    assert not at.error
    assert at.selectbox(key="sheet").value == "customers"


def test_excluding_a_factor_removes_it_from_the_scenario() -> None:
    at = data_page()
    key = at.data_editor[0].key
    at.session_state[key] = {"edited_rows": {0: {"include": False}}, **EDIT}
    at.run()
    assert not at.exception
    assert "revenue" not in at.session_state["scenario"].columns
    assert len(at.session_state["scenario"].columns) == 10
    assert not at.data_editor[0].value["include"].iloc[0]
    assert "w_sidebar_revenue" not in [s.key for s in at.sidebar.slider]


def test_choosing_a_catalog_factor_brings_its_direction() -> None:
    at = data_page()
    column = at.data_editor[0].value["column"].tolist().index("nps")
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {column: {"factor": "credit_risk"}},
        **EDIT,
    }
    at.run()
    spec = next(f for f in at.session_state["scenario"].factors if f.column == "nps")
    assert spec.direction == "cost"
    assert at.session_state["mapping"].role_of("nps").dimension == "risk"


def test_excluding_every_factor_is_refused_with_a_message() -> None:
    at = data_page()
    rows = len(at.data_editor[0].value)
    edits = {i: {"include": False} for i in range(rows)}
    at.session_state[at.data_editor[0].key] = {"edited_rows": edits, **EDIT}
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("That change could not be applied: no factor columns")
    assert len(at.session_state["scenario"].columns) == 11
    assert at.data_editor[0].value["include"].all()


def test_picking_the_id_and_name_columns() -> None:
    at = data_page()
    at.selectbox(key="name_column").set_value(None).run()
    assert at.session_state["scenario"].name_column is None
    at.selectbox(key="id_column").set_value("customer_name").run()
    assert not at.exception
    assert at.session_state["scenario"].id_column == "customer_name"
    assert at.session_state["mapping"].role_of("customer_id").role == "ignored"


def test_sample_buttons_switch_the_data() -> None:
    at = data_page()
    at.button(key="sample_zh").click().run()
    assert not at.exception
    assert source(at) == "sample_customers_zh.csv"
    assert at.title[0].value == "Data"


# ── repeated customer IDs ─────────────────────────────────────────────────────────────────

REPEATED = ROOT / "tests" / "corpus" / "duplicate_ids.csv"  # C003 in rows 4 and 5, two names
# C009's name is Markdown: it must show as typed, never as a link or bold text
MARKDOWN_NAME = "**[粗体](http://x)**"


def repeated_ids_upload(at: AppTest) -> AppTest:
    content = REPEATED.read_bytes().decode("utf-8")
    content += f'C009,{MARKDOWN_NAME},"10,000",1000,2,2023-05-01,50%\n'
    content += 'C009,另一家公司,"20,000",2000,3,2023-08-01,70%\n'
    upload = ("dupes.csv", content.encode("utf-8"), "text/csv")
    return at.file_uploader(key="upload").set_value(upload).run()


def ranked_revenue(at: AppTest, column: str = "销售额") -> dict[str, float]:
    """The Ranking page's table: customer ID → the revenue it shows."""
    at.switch_page("pages/ranking.py").run()
    assert not at.exception
    table = at.dataframe(key="ranking_table").value
    ids = table.iloc[:, 2] if "C001" in set(table.iloc[:, 2]) else table.iloc[:, 1]
    # the header is the column's name, with its display name beside it on an English page
    shown = next(c for c in table.columns if c == column or c.startswith(f"{column} · "))
    return dict(zip(ids, table[shown], strict=True))


def test_repeated_ids_banner_and_the_policy_choice() -> None:
    at = repeated_ids_upload(data_page())
    assert not at.exception
    banner = [w.value for w in at.warning if "appear more than once" in w.value]
    assert len(banner) == 1
    assert banner[0].startswith("2 customer ID(s) appear more than once (C003 rows 4, 5; ")
    assert "2 row(s) repeat an ID that appears earlier" in banner[0]
    conflicts = at.error[0].value
    assert conflicts.startswith("Same ID, different names: likely a data problem")
    assert "customer ID 'C003' has different names in rows 4, 5" in conflicts
    # data is escaped: the Markdown name keeps its asterisks and brackets as text
    assert escape_markdown("**[粗体](http://x)**") in conflicts
    policy = at.radio(key="data_duplicate_ids")
    assert policy.value == "first"
    assert policy.options == ["Keep the first row", "Sum the rows", "Refuse the file"]
    assert at.session_state["scenario"].duplicate_ids == "first"
    assert ranked_revenue(at)["C003"] == 432100  # the first row only

    # Sum: one row per ID with the summed values; the policy is the scenario's
    at.switch_page("pages/data.py").run()
    at.radio(key="data_duplicate_ids").set_value("sum").run()
    assert not at.exception
    assert at.session_state["scenario"].duplicate_ids == "sum"
    assert any(c.value.startswith("Each ID's rows become one") for c in at.caption)
    revenue = ranked_revenue(at)
    assert list(revenue).count("C003") == 1 and list(revenue).count("C009") == 1
    assert (revenue["C003"], revenue["C009"]) == (530100, 30000)
    # … kept across page switches, in the share link
    at.switch_page("pages/export.py").run()
    query = parse_qs(urlsplit(at.code[0].value).query)
    assert Scenario.from_token(query["s"][0]).duplicate_ids == "sum"
    at.switch_page("pages/data.py").run()
    assert at.radio(key="data_duplicate_ids").value == "sum"
    excluded = at.dataframe[-1].value
    assert excluded.iloc[:, 2].tolist() == [
        "duplicate customer ID 'C003': merged into row 4",
        "duplicate customer ID 'C009': merged into row 10",
    ]

    # Refuse: a clear error on the page, no traceback; the banner stays to choose again
    at.radio(key="data_duplicate_ids").set_value("refuse").run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(
        "2 customer ID(s) appear more than once (C003 rows 4, 5; C009 rows 10, 11) and "
        "repeated IDs are refused: remove the repeated rows from the file" in e
        for e in errors
    )
    at.radio(key="data_duplicate_ids").set_value("first").run()
    assert not at.exception
    assert not any("refused" in e.value for e in at.error)


def test_repeated_ids_banner_in_chinese_and_none_without_repeats() -> None:
    at = data_page("zh")
    assert not [w for w in at.warning if "出现多次" in w.value]  # the sample has no repeats
    with pytest.raises(KeyError):
        at.radio(key="data_duplicate_ids")
    at = repeated_ids_upload(at)
    assert not at.exception
    banner = [w.value for w in at.warning if "出现多次" in w.value]
    assert banner[0].startswith("2 个客户编号出现多次（C003：第 4、5 行；C009：第 10、11 行）")
    assert at.error[0].value.startswith("同一编号对应不同名称，可能是数据问题")
    assert at.radio(key="data_duplicate_ids").options == ["保留第一行", "合并相加", "拒绝该文件"]


ERP_EXPORT = ROOT / "tests" / "corpus" / "erp_export.csv"


def erp_upload(lang: str = "en") -> AppTest:
    at = data_page(lang)
    upload = ("erp_export.csv", ERP_EXPORT.read_bytes(), "text/csv")
    return at.file_uploader(key="upload").set_value(upload).run()


def excluded_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Reason" in d.value.columns)


def test_an_erp_export_ranks_exactly_its_customers_with_the_header_note() -> None:
    at = erp_upload()
    assert not at.exception and not at.error
    frame = at.session_state["ingest"].frame
    assert frame["客户编号"].tolist() == [f"C00{i}" for i in range(1, 9)]
    assert "header on row 3; rows 1–2 are a title" in [i.value for i in at.info]
    assert [m.value for m in at.metric][3] == "3"
    excluded = excluded_table(at)
    assert excluded["Row"].tolist() == [12, 13]
    assert excluded["Customer ID"].tolist()[0] == "合计"
    assert excluded["Reason"].tolist() == [
        "total row (合计): not a customer",
        "note row: not a customer",
    ]
    warnings = [w.value for w in at.warning]
    assert "erp_export.csv: column '毛利': 1 placeholder cell(s) read as missing: '—' (row 6)" in (
        warnings
    )
    ranking = at.switch_page("pages/ranking.py").run()
    assert not ranking.exception
    shown = [str(v) for d in ranking.dataframe for v in d.value.to_numpy().ravel()]
    assert "合计" not in shown and "C005" in shown


def test_the_header_row_picker_chooses_a_row_and_goes_back_to_automatic() -> None:
    at = erp_upload()
    picker = at.selectbox(key="header_row")
    assert picker.value is None
    assert picker.options[:3] == ["automatic (row 3)", "row 1", "row 2"]
    picker.set_value(3).run()
    assert not at.exception and not at.error
    assert at.session_state["ingest"].header_row == 3
    assert "header on row 3, as chosen" in [i.value for i in at.info]
    at.selectbox(key="header_row").set_value(2).run()  # the blank row: refused, data kept
    assert "row 2 is empty, so it cannot be the header" in at.error[0].value
    assert at.session_state["ingest"].header_row == 3
    assert at.selectbox(key="header_row").value == 3
    at.selectbox(key="header_row").set_value(None).run()
    assert not at.error
    assert at.session_state["dataset"].header_row is None
    assert at.session_state["ingest"].notes[0] == "header on row 3; rows 1–2 are a title"


def test_the_header_row_picker_speaks_chinese() -> None:
    at = erp_upload("zh")
    assert at.selectbox(key="header_row").label == "表头行"
    assert at.selectbox(key="header_row").options[:2] == ["自动（第 3 行）", "第 1 行"]
    assert "表头在第 3 行；第 1–2 行是标题" in [i.value for i in at.info]
    reasons = excluded_table_zh(at)
    assert reasons == ["合计行（合计）：不是客户", "备注行：不是客户"]


def excluded_table_zh(at: AppTest) -> list[str]:
    return next(d.value for d in at.dataframe if "原因" in d.value.columns)["原因"].tolist()


def preview_table(at: AppTest):
    return next(d for d in at.dataframe if "客户编号" in d.value.columns)


def test_the_preview_shows_missing_values_as_empty_cells() -> None:
    at = erp_upload()
    preview = preview_table(at)
    # Streamlit draws a missing value as its placeholder text ("None" when none is set).
    assert preview.proto.HasField("placeholder") and preview.proto.placeholder == ""
    assert preview.value["毛利"].isna().sum() == 1  # C003's '—' is a missing value, not text
    cells = preview.value.astype(str).to_numpy().ravel().tolist()
    assert "—" not in cells
    excluded = next(d for d in at.dataframe if "Reason" in d.value.columns)
    assert excluded.proto.HasField("placeholder") and excluded.proto.placeholder == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_upload_shows_its_loading_stages_in_a_status_box(lang: str) -> None:
    at = repeated_ids_upload(data_page(lang))
    assert not at.exception
    boxes = [e for e in at.get("status") if e.proto.label.startswith(("Loading", "正在载入"))]
    assert [b.proto.label for b in boxes] == [
        "Loading dupes.csv" if lang == "en" else "正在载入 dupes.csv"
    ]
    words = [p.proto.text for p in at.get("progress")]
    assert words[-1] == ("Loaded." if lang == "en" else "已载入。")


@pytest.mark.parametrize(
    ("lang", "column", "words"),
    [("en", "last_order_date", "↓ more recent is better"), ("zh", "最近购买日期", "↓ 越近越好")],
)
def test_a_date_factor_reads_more_recent_is_better(lang: str, column: str, words: str) -> None:
    at = data_page(lang)
    editor = at.data_editor[0]
    rows = editor.value.set_index("column")
    assert rows.loc[column, "direction"] == "date_cost"
    assert rows.iloc[0]["direction"] == "benefit"  # revenue / 销售额: a number
    config = json.loads(editor.proto.columns)["direction"]["type_config"]["options"]
    labels = {o["value"]: o["label"] for o in config}
    assert labels["date_cost"] == words
    assert labels["cost"] == ("↓ lower is better" if lang == "en" else "↓ 越低越好")
    slider = at.sidebar.slider(key=f"w_sidebar_{column}")
    assert words.removeprefix("↓ ") in slider.help
    assert "↓" in slider.label


def test_flipping_a_date_factor_keeps_its_date_wording() -> None:
    at = data_page()
    position = at.data_editor[0].value["column"].tolist().index("last_order_date")
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {position: {"direction": "date_benefit"}},
        **EDIT,
    }
    at.run()
    assert not at.exception
    spec = next(f for f in at.session_state["scenario"].factors if f.column == "last_order_date")
    assert spec.direction == "benefit"
    assert at.data_editor[0].value["direction"].iloc[position] == "date_benefit"
    assert "earlier is better" in at.sidebar.slider(key="w_sidebar_last_order_date").help
