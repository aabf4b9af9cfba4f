"""AppTest of the Periodic review page: the two last periods of the sample log (KPIs, movers,
migration, warnings with reasons, thresholds), two uploaded snapshots, and snapshots kept in
the store feeding the watchlist (always on a private CIW_DATA_DIR)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apptest_support import LANGS, ROOT, app

PAGE = "pages/review.py"
KPIS = {
    "en": ["Customers", "Active", "Revenue", "Top-20 % revenue share", "Churned", "Retention rate"],
    "zh": ["客户数", "活跃客户", "收入", "前 20% 客户收入占比", "流失客户", "留存率"],
}
SAMPLE_EN = ROOT / "data" / "sample_customers_en.csv"


@pytest.fixture(autouse=True)
def _private_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def review_page(lang: str = "en") -> AppTest:
    at = app(lang).switch_page(PAGE).run()
    assert not at.exception
    return at


def frame_with(at: AppTest, header: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if header in d.value.columns)


def warning_tables(at: AppTest, lang: str = "en") -> list[pd.DataFrame]:
    """The top warnings, then all of them (the table behind the expander)."""
    reason = "原因" if lang == "zh" else "Reason"
    return [d.value for d in at.dataframe if reason in d.value.columns]


def warnings(at: AppTest, lang: str = "en") -> pd.DataFrame:
    """Every warning: the full table behind the expander (the top ones are shown above it)."""
    return warning_tables(at, lang)[-1]


@pytest.mark.parametrize("lang", LANGS)
def test_two_periods_of_the_sample_log(lang: str) -> None:
    at = review_page(lang)
    assert not at.error
    metrics = {m.label: m for m in at.metric}
    assert list(metrics)[:6] == KPIS[lang]  # then one count per kind of warning
    customers = metrics[KPIS[lang][0]]
    assert (customers.value, customers.delta) == ("500", "+15")
    assert metrics[KPIS[lang][3]].value.endswith("%")
    movers = frame_with(at, "A 排名" if lang == "zh" else "Rank A")
    assert len(movers) == 20 and (movers.iloc[:, 4] != "—").all()
    found = warnings(at, lang)
    reason, kind_column = ("原因", "预警") if lang == "zh" else ("Reason", "Warning")
    assert len(found) > 0 and found[reason].str.len().gt(0).all()  # every one has a reason
    kind = "长期未下单" if lang == "zh" else "Inactive"
    row = found[found[kind_column] == kind].iloc[0]
    if lang == "zh":  # the reason is in the page's language
        assert row[reason].startswith("已 ") and "（阈值 90 天）" in row[reason]
    else:
        assert row[reason].startswith("no order for") and "(limit 90)" in row[reason]
    tier = "关键客户" if lang == "zh" else "Key"
    assert tier in set(found.iloc[:, 5])  # tiers labelled in the page's language
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1  # the migration heatmap (no snapshots yet: no watchlist chart)
    cells = pa.ipc.open_stream(charts[0].proto.datasets[0].data.data).read_all().to_pandas()
    assert ("（新客户）" if lang == "zh" else "(new)") in set(cells["from"])  # labelled in lang
    assert at.info[0].value.startswith("还没有快照" if lang == "zh" else "No snapshots yet")


@pytest.mark.parametrize("lang", LANGS)
def test_warnings_to_act_on_first_counted_per_kind_and_all_in_a_csv(lang: str) -> None:
    at = review_page(lang)
    top, every = warning_tables(at, lang)
    assert len(top) == min(10, len(every))
    pd.testing.assert_frame_equal(top, every.head(len(top)))
    severity = "严重程度" if lang == "zh" else "Severity"
    order = {"High": 0, "Medium": 1, "Low": 2, "高": 0, "中": 1, "低": 2}
    assert every[severity].map(order).is_monotonic_increasing  # most severe first
    counts = {m.label: int(m.value) for m in at.metric if m.label not in KPIS[lang]}
    kinds = "预警" if lang == "zh" else "Warning"
    assert counts == every[kinds].value_counts().to_dict()  # one count per kind
    expander = "全部" if lang == "zh" else "All"
    assert any(e.label.startswith(expander) for e in at.expander)
    button = at.get("download_button")
    label = "下载全部预警（CSV）" if lang == "zh" else "Download all warnings (CSV)"
    assert label in [b.proto.label for b in button]


def test_the_warnings_csv_lists_every_warning_with_kind_severity_customer_reason() -> None:
    from core.review.periods import review_orders
    from core.review.priority import ranked_warnings, warnings_export

    ranked = ranked_warnings(review_orders(ROOT / "data" / "sample_orders.csv"))
    names = {c: f"Name {c}" for c in ranked["customer_id"]}
    export = warnings_export(ranked, "en", names, anonymize=False)
    assert export.columns.tolist()[:6] == [
        "priority", "kind", "severity", "customer_id", "customer", "reason"
    ]  # fmt: skip
    assert len(export) == len(ranked) and export["priority"].tolist()[:3] == [1, 2, 3]
    assert export["reason"].str.len().gt(0).all()
    hidden = warnings_export(ranked, "zh", names, anonymize=True)
    assert not hidden["customer_id"].str.startswith("C0").any()
    assert hidden["reason"].str.contains("[\u4e00-\u9fff]").all()  # reasons in Chinese


def test_thresholds_change_the_warnings() -> None:
    at = review_page()
    before = warnings(at)
    assert (before["Warning"] == "Inactive").sum() > 0
    at.number_input(key="review_rule_inactive_days").set_value(1000)
    at.checkbox(key="review_rule_key_downgrade").uncheck()
    at = next(b for b in at.button if b.label == "Apply thresholds").click().run()
    assert not at.exception
    after = warnings(at)
    assert set(after["Warning"]) == {"Spend drop"}
    assert len(after) == (before["Warning"] == "Spend drop").sum()
    at.number_input(key="review_rule_spend_drop").set_value(100.0)
    at = next(b for b in at.button if b.label == "Apply thresholds").click().run()
    assert at.success[0].value == "No warnings at these thresholds."


def test_kept_snapshots_feed_the_watchlist_and_history() -> None:
    at = review_page()
    at = at.button(key="review_keep_1").click().run()  # period A
    assert at.success[0].value.startswith('Kept snapshot "Period A · 2024-01-01"')
    at = at.button(key="review_keep_2").click().run()  # period B
    assert not at.exception
    watch = frame_with(at, "Trend")
    assert list(watch.columns[2:]) == ["Period A · 2024-01-01", "Period B · 2024-12-31", "Trend"]
    assert len(watch) == 10 and watch["Period B · 2024-12-31"].tolist() == list(range(1, 11))
    moved = watch["Period A · 2024-01-01"] - watch["Period B · 2024-12-31"]
    expected = ["▲ " + str(m) if m > 0 else "▼ " + str(-m) if m < 0 else "—" for m in moved]
    assert watch["Trend"].tolist() == expected
    assert watch["Customer"].iloc[0] != watch["Customer ID"].iloc[0]  # names from the master
    assert len(at.get("vega_lite_chart")) == 3  # heatmap, watchlist, one customer
    first = watch["Customer ID"].iloc[0]
    at = at.selectbox(key="review_history_pick").set_value(first).run()
    history = frame_with(at, "Score")
    assert history["Snapshot"].tolist() == ["Period A · 2024-01-01", "Period B · 2024-12-31"]
    assert history["Rank"].tolist()[-1] == 1
    # A fresh session on the same store still sees them; deleting one leaves the other.
    again = review_page()
    assert len(frame_with(again, "Trend")) == 10
    again.selectbox(key="review_doomed").set_value("Period A · 2024-01-01")
    again = next(b for b in again.button if b.label == "Delete snapshot").click().run()
    assert again.success[0].value == 'Deleted snapshot "Period A · 2024-01-01".'
    assert list(frame_with(again, "Trend").columns[2:]) == ["Period B · 2024-12-31", "Trend"]


def test_two_uploaded_snapshots(tmp_path: Path) -> None:
    later = pd.read_csv(SAMPLE_EN)
    later.loc[later["customer_id"] == "C0001", "revenue"] = 1.0  # a key customer collapses
    at = review_page()
    at.session_state["review_source"] = "snapshots"
    at = at.run()
    assert at.info[0].value.startswith("Upload two customer tables")
    at = (
        at.file_uploader(key="review_upload_a")
        .upload("q3.csv", SAMPLE_EN.read_bytes(), "text/csv")
        .run()
    )
    at = (
        at.file_uploader(key="review_upload_b")
        .upload("q4.csv", later.to_csv(index=False).encode(), "text/csv")
        .run()
    )
    assert not at.exception and not at.error
    found = warnings(at)
    spend = found[(found["Customer ID"] == "C0001") & (found["Warning"] == "Spend drop")]
    assert spend["Reason"].iloc[0].startswith("spend fell 100 %")
    assert at.metric[0].value == "500"


def test_a_named_log_is_reviewed_with_its_own_names() -> None:
    """The customer table loaded (the Chinese sample) names other companies under the same
    IDs: the review shows the log's names and warns about the differences."""
    log = (
        "客户编号,订单日期,金额,客户名称\n"
        "C0001,2023-01-10,500,甲方订单公司\nC0001,2024-06-01,10,甲方订单公司\n"
        "C0002,2023-01-10,10,乙方_订单_公司\nC0002,2024-06-01,500,乙方_订单_公司\n"
        "C0003,2023-01-10,300,南京安泰科技有限公司\nC0003,2024-06-01,300,南京安泰科技有限公司\n"
    ).encode()  # C0003's name is the customer table's own
    at = app("zh").switch_page("pages/orders.py").run()
    at.file_uploader(key="orders_upload").upload("named.csv", log, "text/csv").run()
    at = at.switch_page(PAGE).run()
    assert not at.exception and not at.error
    movers = frame_with(at, "A 排名").set_index("客户编号")["客户名称"]
    assert movers.to_dict() == {"C0001": "甲方订单公司", "C0002": "乙方_订单_公司"}
    assert set(warnings(at, "zh")["客户名称"]) == {"甲方订单公司"}
    table_names = at.session_state["ingest"].frame.set_index("客户编号")["客户名称"]
    assert table_names["C0001"] != "甲方订单公司"  # the table does name it otherwise
    (warning,) = [w.value for w in at.warning]
    assert warning.startswith("2 个客户编号在客户表中的名称与订单表不一致")
    assert f"C0001: 甲方订单公司 ≠ {table_names['C0001']}" in warning
    assert "乙方_订单_公司" in warning and "C0003" not in warning  # a_b is no emphasis
