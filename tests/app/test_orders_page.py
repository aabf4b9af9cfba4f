"""AppTest of the Orders & RFM page: the sample log, its report, segments, editable rules,
column overrides on an upload, the engine choice (Spark only when configured), and "rank these
customers" (always on a private CIW_DATA_DIR)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.errors import InputError
from core.i18n import msg
from tests.app.apptest_support import LANGS, app

PAGE = "pages/orders.py"
EDIT = {"added_rows": [], "deleted_rows": []}
SEGMENT = {"zh": "分群", "en": "Segment"}
CUSTOMERS = {"zh": "客户数", "en": "Customers"}


SPARK_ENV = ("SPARK_REMOTE", "SPARK_MASTER")
SPARK_TIMEOUT = 120  # Spark's first run starts a session


@pytest.fixture(autouse=True)
def _private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))
    for name in SPARK_ENV:  # no Spark connection unless a test configures one
        monkeypatch.delenv(name, raising=False)


def orders_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def table(at: AppTest, first_header: str) -> pd.DataFrame:
    """The first data frame whose first column is ``first_header``."""
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_header)


def overview(at: AppTest, lang: str = "en") -> pd.Series:
    frame = table(at, SEGMENT[lang])
    return frame.set_index(SEGMENT[lang])[CUSTOMERS[lang]]


def click(at: AppTest, label: str) -> AppTest:
    at = next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_sample_log_report_and_segments(lang: str) -> None:
    at = orders_page(lang)
    assert not at.error
    summary = next(m.value for m in at.markdown if "14,995" in m.value)
    assert ("500 位客户" if lang == "zh" else "500 customers") in summary
    report = at.dataframe[0].value
    assert report.iloc[:, 1].tolist() == [3, 6]  # 3 copies of an order, 6 returns
    expected = "前面某行的副本" if lang == "zh" else "Copy of an earlier line"
    assert report.iloc[0, 0].startswith(expected)
    assert report.iloc[0, 3] == "8426, 10476, 10716"
    copies = (
        "3 行与前面某行完全相同，已作为副本去除" if lang == "zh" else "3 identical line(s) dropped"
    )
    assert [i.value for i in at.info if i.value.startswith(copies)]
    counts = overview(at, lang)
    assert len(counts) == 11 and counts.sum() == 500  # every customer in exactly one segment
    customers = at.dataframe[-1].value
    assert len(customers) == 500 and customers.iloc[:, 0].is_unique
    assert customers[SEGMENT[lang]].notna().all()
    classes = at.metric[:4]  # then the forecast's figures
    labels = [m.label for m in classes]
    assert labels == (
        ["高频购买", "低频购买", "首次购买", "潜在客户"]
        if lang == "zh"
        else ["High-frequency", "Low-frequency", "First-time", "Prospective"]
    )
    assert sum(int(m.value) for m in classes) == 500


def test_editing_a_rule_changes_the_overview() -> None:
    at = orders_page()
    before = overview(at)
    editor = at.data_editor[0]
    assert editor.value["segment"].iloc[0] == "champions"
    at.session_state[editor.key] = {"edited_rows": {0: {"r_min": 5}}, **EDIT}
    at.run()
    assert not at.exception and not at.error
    after = overview(at)
    assert after["Champions"] < before["Champions"]
    assert after.sum() == 500


def test_an_invalid_rule_table_keeps_the_last_good_rules() -> None:
    at = orders_page()
    before = overview(at)
    at.session_state[at.data_editor[0].key] = {"edited_rows": {10: {"r_min": 2}}, **EDIT}
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("Those rules are not valid; the last valid rules stay")
    assert "must cover R 1–5 and FM 1–5" in at.error[0].value
    assert overview(at).equals(before)


def test_cut_points_score_recency_by_days() -> None:
    at = orders_page()
    at.session_state["orders_rfm_mode"] = "cuts"
    at.run()
    at.text_input(key="orders_cuts_r").input("1, 2, 3, 4").run()
    assert not at.exception
    customers = at.dataframe[-1].value
    recent = customers["Recency (days)"] <= 1
    assert (customers.loc[recent, "R"] == 5).all() and (customers.loc[~recent, "R"] < 5).all()
    at.text_input(key="orders_cuts_r").input("9, 3").run()
    assert "give 4 increasing numbers" in at.error[0].value


def test_an_upload_with_unknown_headers_is_mapped_by_hand() -> None:
    log = (
        b"buyer,day,value\nA,2024-01-05,100\nA,2024-02-01,50\nB,2024-02-01,0\n"
        b"B,2024-02-03,70\nC,not a date,10\nA,2024-02-01,-20\n"
    )
    at = orders_page()
    at.file_uploader(key="orders_upload").upload("log.csv", log, "text/csv").run()
    assert not at.exception
    assert at.warning[0].value.startswith("Choose the customer, date and amount columns")
    for role, column in (("customer", "buyer"), ("date", "day"), ("amount", "value")):
        box = next(s for s in at.selectbox if s.key.startswith(f"orders_col_{role}_"))
        at = box.set_value(column).run()
    assert not at.exception and not at.warning
    report = at.dataframe[0].value
    assert dict(zip(report["Category"], report["Lines"], strict=True)) == {
        "Date missing or unreadable: excluded": 1,
        "Negative amount (return): lowers amount and profit, not an order": 1,
        "Zero amount: counted as an order of 0": 1,
    }
    assert at.dataframe[-1].value["Customer ID"].tolist() == ["A", "B"]
    assert at.date_input[0].value.isoformat() == "2024-02-03"


def test_a_log_without_purchases_is_explained_in_chinese() -> None:
    """A customer with only returns keeps a row (0 orders); a zero line is an order of 0
    until zero lines are ignored, and then its customer is named as left out."""
    log = "客户编号,订单日期,金额\nA,2024-01-05,-100\nB,2024-02-01,0\n".encode()
    at = orders_page("zh")
    at.file_uploader(key="orders_upload").upload("退货.csv", log, "text/csv").run()
    assert not at.exception and not at.error
    assert "1 位客户截止日前只有退货，已纳入汇总，订单数为 0：A" in [i.value for i in at.info]
    assert at.dataframe[-1].value.iloc[:, 0].tolist() == ["A", "B"]
    at = at.checkbox(key="orders_ignore_zero").check().run()
    assert not at.exception and not at.error
    assert "1 位客户只有 0 金额行，因 0 金额行已忽略而未纳入汇总：B" in [i.value for i in at.info]
    assert at.dataframe[-1].value.iloc[:, 0].tolist() == ["A"]


def test_identical_lines_are_counted_until_dropped() -> None:
    log = b"customer,date,amount\nA,2024-01-05,100\nA,2024-01-05,100\nB,2024-02-01,30\n"
    at = orders_page()
    at.file_uploader(key="orders_upload").upload("copies.csv", log, "text/csv").run()
    assert not at.exception and not at.error
    infos = [i.value for i in at.info]
    assert "1 identical line(s) kept and counted (amount 100.00), e.g. rows 3." in infos
    customers = at.dataframe[-1].value.set_index("Customer ID")
    assert customers.loc["A", "Monetary (net)"] == 200.0
    at = at.checkbox(key="orders_drop_copies").check().run()
    assert not at.exception
    assert "1 identical line(s) dropped as copies (amount 100.00), e.g. rows 3." in [
        i.value for i in at.info
    ]
    assert at.dataframe[-1].value.set_index("Customer ID").loc["A", "Monetary (net)"] == 100.0


def test_the_forecast_is_read_in_both_languages_and_can_be_turned_off() -> None:
    for lang, reading in (("en", "While active, a typical customer buys about"),
                          ("zh", "活跃期间，典型客户每月约购买")):  # fmt: skip
        at = orders_page(lang)
        assert any(m.value.startswith(reading) for m in at.markdown)
        figures = [m.value for m in at.metric[4:]]
        assert len(figures) == 4 and figures[0].endswith("%")
        assert [list(t.value.index) for t in at.table] == [["BG/NBD"] * 4 + ["Gamma-Gamma"] * 3]
    at.toggle(key="orders_predict").set_value(False).run()
    assert not at.exception and not at.table and len(at.metric) == 4


def test_a_log_too_short_for_the_forecast_says_why() -> None:
    at = orders_page()
    log = b"customer_id,order_date,amount\nA,2024-01-01,10\nA,2024-02-01,20\nB,2024-01-05,5\n"
    at.file_uploader(key="orders_upload").upload("short.csv", log, "text/csv").run()
    assert not at.exception
    assert any(i.value.startswith("No forecast for this log: the purchase model needs customers "
                                  "who came back: 1 of 2") for i in at.info)  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_rank_these_customers_joined_to_the_customer_table(lang: str) -> None:
    at = click(orders_page(lang), "为这些客户排名" if lang == "zh" else "Rank these customers")
    assert at.success
    scenario = at.session_state["scenario"]
    # The English master has its own "orders" column: the log's count is the suffixed one.
    orders = "orders" if lang == "zh" else "orders (orders)"
    assert scenario.columns[:3] == ["recency_days", orders, "monetary_total"]
    assert [f.direction for f in scenario.factors][:2] == ["cost", "benefit"]
    at = at.switch_page("pages/ranking.py").run()
    assert not at.exception
    ranked = at.dataframe[0].value
    assert len(ranked) == 500 and ranked.iloc[0, 0] == 1
    # Back on the Orders page the customer table is the original master: no double merge.
    at = at.switch_page(PAGE).run()
    assert not at.exception and not at.error
    at = click(at, "为这些客户排名" if lang == "zh" else "Rank these customers")
    assert at.session_state["scenario"].columns[1] == orders


def test_unmatched_ids_after_ranking_are_listed_in_chinese() -> None:
    log = "客户编号,订单日期,金额\nC0001,2024-01-05,100\nX9,2024-02-01,50\n".encode()
    at = orders_page("zh")
    at.file_uploader(key="orders_upload").upload("新订单.csv", log, "text/csv").run()
    at = click(at, "为这些客户排名")
    assert at.info[-1].value.startswith("499 个客户编号在客户表中但没有订单（潜在客户）：C0002, ")
    assert at.info[-1].value.endswith("1 个客户编号在订单表中但不在客户表中（未纳入）：X9")


def test_rank_the_order_features_alone() -> None:
    at = orders_page()
    at.radio(key="orders_rank_mode").set_value("alone").run()
    at = click(at, "Rank these customers")
    scenario = at.session_state["scenario"]
    assert scenario.id_column == "customer_id"
    assert scenario.columns == [
        "recency_days",
        "orders",
        "monetary_total",
        "profit",
        "predicted_clv",
        "p_alive",
    ]  # the forecast's columns are factors too
    assert len(at.session_state["ingest"].frame) == 500
    at = at.switch_page("pages/ranking.py").run()
    assert not at.exception and len(at.dataframe[0].value) == 500


NAMED_LOG = (
    "客户编号,订单日期,金额,客户名称\n"
    "C0001,2023-01-10,500,甲方订单公司\nC0001,2024-06-01,10,甲方订单公司\n"
    "C0002,2023-01-10,10,珠海长青网络科技有限公司\nC0002,2024-06-01,500,珠海长青网络科技有限公司\n"
    "C0003,2023-01-10,300,丙*公司*\nC0003,2024-06-01,300,丙*公司*\nX9,2024-05-01,50,\n"
).encode()  # C0002's name is the customer table's; C0001's and C0003's are not


def named_log_page(lang: str = "zh") -> AppTest:
    at = orders_page(lang)
    at.file_uploader(key="orders_upload").upload("named.csv", NAMED_LOG, "text/csv").run()
    assert not at.exception
    return at


def test_a_logs_names_are_shown_and_mismatches_with_the_customer_table_warned() -> None:
    at = named_log_page()
    box = next(s for s in at.selectbox if s.key.startswith("orders_col_name_"))
    assert box.value == "客户名称"
    customers = table(at, "客户编号")
    assert customers["客户名称"].tolist()[:3] == [
        "甲方订单公司",
        "珠海长青网络科技有限公司",
        "丙*公司*",
    ]
    assert pd.isna(customers["客户名称"].iloc[3])  # X9: no name in the log
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("2 个客户编号在客户表中的名称与订单表不一致")
    assert "甲方订单公司 ≠ 银川万通供应链有限公司" in warning
    assert r"丙\*公司\*" in warning  # data is text, never Markdown


def test_ranking_from_a_named_log_shows_the_logs_names_first() -> None:
    at = click(named_log_page(), "为这些客户排名")
    assert at.session_state["scenario"].name_column == "customer_name"
    assert "名称与订单表不一致" in at.info[-1].value
    at = at.switch_page("pages/ranking.py").run()
    assert not at.exception
    ranked = at.dataframe[0].value.set_index("客户编号")
    names = ranked.iloc[:, 1]
    assert names["C0001"] == "甲方订单公司" and names["C0003"] == "丙*公司*"
    assert names["C0004"] == "济南正元教育科技有限公司"  # no order: the table's own name


def test_presentation_mode_hides_the_logs_names() -> None:
    at = named_log_page()
    at = at.sidebar.toggle(key="presentation_toggle").set_value(True).run()
    assert not at.exception
    customers = table(at, "客户名称")  # aliases first, the IDs left out
    assert customers.columns[0] == "客户名称" and "客户编号" not in customers.columns
    assert customers["客户名称"].str.fullmatch(r"客户 [A-Z]+").all()
    assert "甲方订单公司" not in set(customers["客户名称"]) and not at.warning


def test_a_customer_named_two_ways_in_the_log_is_reported() -> None:
    log = b"customer_id,date,amount,company\nX1,2024-01-05,100,Acme\nX1,2024-02-01,50,ACME Inc\n"
    at = orders_page()
    at.file_uploader(key="orders_upload").upload("log.csv", log, "text/csv").run()
    assert not at.exception
    assert table(at, "Customer ID")["Customer name"].tolist() == ["ACME Inc"]
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("1 customer ID(s) carry more than one name in the order log")
    assert "X1 (ACME Inc / Acme)" in warning  # plain text: nothing in it is Markdown


def summary(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "14,995" in m.value)


def customers(at: AppTest) -> pd.DataFrame:
    """The customer table's IDs and net monetary values, by ID."""
    shown = table(at, "Customer ID")[["Customer ID", "Monetary (net)"]]
    return shown.sort_values("Customer ID").reset_index(drop=True)


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_spark_connection_the_local_engines_are_offered(lang: str) -> None:
    at = orders_page(lang)
    box = at.selectbox(key="orders_engine")
    assert box.value == "auto"  # automatic by default: pandas on the sample
    assert box.options == (["自动", "pandas", "DuckDB"] if lang == "zh" else
                           ["Automatic", "pandas", "DuckDB"])  # fmt: skip
    assert ("引擎 pandas" if lang == "zh" else "engine pandas") in summary(at)
    at = box.set_value("duckdb").run()
    assert not at.exception and not at.error
    assert ("引擎 DuckDB" if lang == "zh" else "engine DuckDB") in summary(at)
    at = at.switch_page("pages/review.py").run()  # the review aggregates with DuckDB too
    assert not at.exception and not at.error
    at = at.switch_page(PAGE).run()
    assert at.selectbox(key="orders_engine").value == "duckdb"  # kept across page switches


def test_a_spark_choice_falls_back_to_automatic_when_spark_is_no_longer_configured() -> None:
    at = app()
    at.session_state["orders_engine.kept"] = "spark"  # picked while Spark was configured
    at = at.switch_page(PAGE).run()
    assert not at.exception and not at.error
    assert at.selectbox(key="orders_engine").value == "auto"
    assert "engine pandas" in summary(at)


@pytest.mark.spark
def test_with_a_spark_master_spark_is_offered_and_gives_duckdbs_table(spark, monkeypatch) -> None:
    monkeypatch.setenv("SPARK_MASTER", "local[2]")  # the run's one session
    at = orders_page()
    at.default_timeout = SPARK_TIMEOUT
    box = at.selectbox(key="orders_engine")
    assert box.options == ["Automatic", "pandas", "DuckDB", "Spark · local[2]"]
    assert box.value == "auto"
    at = box.set_value("duckdb").run()
    assert not at.exception and not at.error
    on_duckdb = customers(at)
    at = at.selectbox(key="orders_engine").set_value("spark").run()
    assert not at.exception and not at.error
    assert r"engine Spark · local\[2\]" in summary(at)  # the master as text, not a link
    assert "500 customers" in summary(at)
    pd.testing.assert_frame_equal(customers(at), on_duckdb)


def test_spark_out_of_reach_is_an_error_and_the_last_good_result_stays(monkeypatch) -> None:
    monkeypatch.setenv("SPARK_MASTER", "spark://nowhere:7077")
    detail = "Connection refused: nowhere/[*]:7077"  # Markdown characters, shown as text

    def unreachable(target=None):
        raise InputError(msg("orders.spark_cannot_connect", target=target.label(), detail=detail))

    monkeypatch.setattr("core.orders.spark_engine.spark_session", unreachable)
    at = orders_page()
    before = customers(at)
    at = at.selectbox(key="orders_engine").set_value("spark").run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert error.startswith("The orders could not be aggregated: cannot start or reach Spark at")
    assert r"nowhere/\[\*\]\:7077" in error  # escaped: the detail is text, never Markdown
    assert "the last result that could be computed (engine pandas)" in at.info[0].value
    assert "engine pandas" in summary(at)
    pd.testing.assert_frame_equal(customers(at), before)
