"""Orders & RFM: read a transaction log, report every line not used, score R/F/M, segment the
customers by an editable rule table, and rank the order customers on the other pages."""

import streamlit as st

from core.errors import InputError
from core.orders.names import mismatch_text
from core.orders.rfm import rfm_table, segment_overview
from ui import state
from ui.charts.review import segment_chart
from ui.charts.show import show_chart
from ui.data.source import FILE_TYPES
from ui.i18n import markdown_of, message_of
from ui.orders import state as orders
from ui.orders.forecast import forecast_section
from ui.orders.inputs import period_inputs
from ui.orders.tables import customers_table, frequency_counts, issues_table, overview_table
from ui.progress import staged
from ui.shell import page_shell
from ui.widgets import kept_widget


def _rank(rfm, merge: bool) -> None:
    try:
        warnings = orders.rank_from_orders(rfm, merge, st.session_state[state.LANG])
        st.session_state[orders.FLASH] = ("success", warnings)
    except InputError as exc:
        st.session_state[orders.FLASH] = ("error", message_of(exc))


page = page_shell("orders")
t = page.t
st.title(t("orders.title"))
st.caption(t("orders.intro"))

dataset = orders.orders_dataset()
up_col, source_col = st.columns([3, 2], vertical_alignment="center")
up_col.file_uploader(
    t("orders.upload"), type=FILE_TYPES,
    key="orders_upload", on_change=orders.on_upload, args=("orders_upload",),
    help=t("orders.upload_help"),
)  # fmt: skip
source_col.markdown(t("orders.source", name=dataset.name))
if dataset.is_sample:
    source_col.caption(t("orders.sample_note"))
else:
    source_col.button(t("orders.use_sample"), on_click=orders.use_sample)
try:
    ingest = state.read_dataset(dataset)
    frame, excluded = ingest.frame, getattr(ingest, "excluded", None)
except InputError as exc:
    st.error(t("orders.read_error", error=message_of(exc)), icon="⚠️")
    st.stop()

# Columns (detected, overridable), period and as-of date
orders.column_pickers(frame, dataset.digest, t)
columns = orders.chosen_columns(frame, dataset.digest)
if not orders.columns_ready(columns):
    st.warning(t("orders.pick_columns"), icon="👉")
    st.stop()
picked = tuple(columns.items())
period_col, as_of_col, engine_col = st.columns([1, 1, 2])
orders.engine_input(t, engine_col)
try:
    with staged(orders.running_text(t), "orders.progress.", page.lang, keep=False) as step:
        step("aggregating", 0.1)
        period, as_of, latest = period_inputs(
            "orders", dataset, picked, frame, t, (period_col, as_of_col), True, excluded
        )
        result = latest
        if as_of != latest.report.as_of:
            step("as_of", 0.6)
            result = orders.aggregate(
                dataset.digest, dataset.name, as_of, period, picked, frame, orders.line_rules(),
                excluded, *orders.chosen_engine(),
            )  # fmt: skip
    st.session_state[orders.LAST_GOOD] = (dataset.digest, result)
except InputError as exc:  # e.g. Spark out of reach: the error as text, the last good result
    st.error(t("orders.aggregate_error", error=message_of(exc)), icon="⚠️")
    last = st.session_state.get(orders.LAST_GOOD)
    if last is None or last[0] != dataset.digest:
        st.stop()
    result = last[1]
    st.info(t("orders.last_good", engine=orders.engine_label(result.report.engine, t)))

# What happened to every line: nothing is dropped silently
report = result.report
st.subheader(t("orders.report"))
st.markdown(
    t("orders.report_summary", lines=report.lines, purchases=report.purchase_lines,
      customers=report.customers, as_of=report.as_of,
      engine=orders.engine_label(report.engine, t))
)  # fmt: skip
orders.line_rule_inputs(t, tuple(st.columns(2)))
copies = next((i for i in report.issues if i.category in ("identical", "duplicate")), None)
if copies is None:
    st.caption(t("orders.identical_none"))
else:
    rows = ", ".join(map(str, copies.rows)) + (" …" if copies.lines > len(copies.rows) else "")
    kept = "kept" if copies.category == "identical" else "dropped"
    st.info(t(f"orders.identical_{kept}", n=copies.lines, amount=copies.amount, rows=rows))
if report.issues:
    st.dataframe(
        issues_table(report, t), hide_index=True, width="stretch",
        column_config={t("orders.col.amount"): st.column_config.NumberColumn(format="localized")},
    )  # fmt: skip
else:
    st.success(t("orders.no_issues"))
if report.no_purchase_customers:
    ids = ", ".join(report.no_purchase_customers[:10])
    st.info(t("orders.no_purchase", n=len(report.no_purchase_customers), ids=ids))
if report.ignored_customers:
    ids = ", ".join(report.ignored_customers[:10])
    st.info(t("orders.ignored_customers", n=len(report.ignored_customers), ids=ids))
if report.name_conflicts and report.name_conflicts.count and not page.presentation:
    st.warning(markdown_of(report.name_conflicts.text, page.lang), icon="🏷️")

# RFM scores and segments
st.subheader(t("orders.rfm"))
mode = kept_widget(
    st.segmented_control, "orders_rfm_mode", "quintiles", t("orders.rfm_mode"),
    ["quintiles", "cuts"], format_func=lambda m: t(f"orders.mode.{m}"), required=True,
)  # fmt: skip
cuts = orders.cut_inputs(t) if mode == "cuts" else {}
with st.expander(t("orders.rules")):
    rules = orders.rule_editor(t)
try:
    rfm = rfm_table(result.features, rules, cuts)
except InputError as exc:
    st.error(t("orders.cuts_error", error=message_of(exc)), icon="⚠️")
    rfm = rfm_table(result.features, rules)
overview = segment_overview(rfm, rules)
st.markdown(f"**{t('orders.segments')}**")
st.caption(t("orders.segments_caption"))
chart_col, table_col = st.columns([2, 3], gap="large")
shares = overview.assign(segment=overview["zh" if page.lang == "zh" else "en"])
chart = segment_chart(shares, t("orders.customers"), t("orders.revenue"), t("orders.share"))
show_chart(chart_col, chart, width="stretch")
table_col.dataframe(
    overview_table(overview, page.lang, t), hide_index=True, width="stretch",
    column_config=orders.overview_formats(t), height=35 * (len(overview) + 1) + 3,
)  # fmt: skip

# Frequency classes (prospective: in the customer table, no order)
joined = orders.master_join(rfm)
st.markdown(f"**{t('orders.frequency')}**")
st.caption(t("orders.frequency_caption" if joined else "orders.frequency_no_master"))
if joined and joined.name_mismatches and not page.presentation:
    st.warning(markdown_of(mismatch_text(joined.name_mismatches), page.lang), icon="🏷️")
classes = joined.table["frequency_class"] if joined else rfm["frequency_class"]
for box, (label, count) in zip(st.columns(4), frequency_counts(classes, page.lang), strict=True):
    box.metric(label, f"{count:,}")
with st.expander(t("orders.customers_table", n=len(rfm))):
    shown = customers_table(rfm, rules, page.lang, t, page.presentation)
    st.dataframe(shown, hide_index=True, width="stretch")

# Predicted purchases and CLV: columns to rank with
# (the CLV summary depends on the log, its columns, the line rules and the as-of date only)
forecast_key = (dataset.digest, report.as_of, picked, orders.line_rules(), report.engine)
rfm = forecast_section(rfm, forecast_key, t)

# Rank these customers on the other pages
st.subheader(t("orders.rank"))
st.caption(t("orders.rank_caption"))
choice = st.radio(
    t("orders.rank_mode"), ["merge", "alone"] if joined else ["alone"], key="orders_rank_mode",
    format_func=lambda m: t(f"orders.rank_mode.{m}"), horizontal=True,
)  # fmt: skip
st.button(t("orders.rank_button"), type="primary", on_click=_rank, args=(rfm, choice == "merge"))
flash = st.session_state.pop(orders.FLASH, None)
if flash and flash[0] == "success":
    st.success(t("orders.rank_done", n=len(state.ingest_result().frame)), icon="✅")
    if flash[1]:
        st.info("\n\n".join(markdown_of(w, page.lang) for w in flash[1]))
    st.page_link("pages/ranking.py", label=t("orders.go_ranking"), icon="🏆")
elif flash:
    st.error(t("orders.rank_error", error=flash[1]), icon="⚠️")
