"""Periodic review: rank two periods of the order log (or two uploaded snapshots) with one
scenario; KPIs, movers, tier migration, new and lost customers, early warnings with reasons;
keep rankings as snapshots and follow the top customers across them."""

from dataclasses import fields
from datetime import timedelta

import streamlit as st

from core.errors import InputError
from core.orders.names import mismatch_text
from core.review.periods import GONE, NEW, WarningRules, review_snapshots
from ui import state
from ui.charts.compare import migration_heatmap
from ui.charts.show import show_chart
from ui.data.source import FILE_TYPES
from ui.i18n import escape_markdown, markdown_of, message_of
from ui.orders import state as orders
from ui.orders.inputs import period_inputs
from ui.orders.tables import customer_labels, kpi_strip, movers_table
from ui.review.snapshots import keep_buttons, watchlist_section
from ui.review.warnings import warnings_section
from ui.shell import page_shell
from ui.tables import without_ids
from ui.widgets import kept_widget

MOVERS_SHOWN = 20


def _submit_rules() -> None:
    values = {f.name: st.session_state[f"review_rule_{f.name}"] for f in fields(WarningRules)}
    values["spend_drop"] = values["spend_drop"] / 100
    st.session_state[orders.WARNING_RULES] = WarningRules(**values)


page = page_shell("review")
t = page.t
st.title(t("review.title"))
st.caption(t("review.intro"))
source = kept_widget(
    st.segmented_control, "review_source", "log", t("review.source"), ["log", "snapshots"],
    format_func=lambda s: t(f"review.source.{s}"), required=True,
)  # fmt: skip
rules = orders.warning_rules()
with st.expander(t("review.rules")), st.form("review_rules_form", border=False):
    boxes = st.columns(3)
    for k, spec in enumerate(fields(WarningRules)):
        value = getattr(rules, spec.name)
        label, key = t(f"review.rule.{spec.name}"), f"review_rule_{spec.name}"
        if isinstance(value, bool):
            boxes[k % 3].checkbox(label, value=value, key=key)
        elif spec.name == "spend_drop":
            boxes[k % 3].number_input(label, 0.0, 100.0, value * 100, 5.0, key=key)
        else:
            boxes[k % 3].number_input(label, 0 * value, None, value, key=key)
    st.form_submit_button(t("review.rules_apply"), on_click=_submit_rules)

try:
    if source == "log":
        dataset = orders.orders_dataset()
        frame, excluded, columns = orders.log_and_columns(dataset, t)
        picked = tuple(columns.items())
        period_col, as_of_col, note_col = st.columns([1, 1, 2], vertical_alignment="bottom")
        with st.spinner(orders.running_text(t)):  # with the Orders page's engine
            period, as_of, _ = period_inputs(
                "review", dataset, picked, frame, t, (period_col, as_of_col), excluded=excluded
            )
            review = orders.review_log(dataset.digest, as_of, period, picked, rules, page.lang,
                                       frame, orders.line_rules(), excluded,
                                       *orders.chosen_engine())  # fmt: skip
        end_a, end_b = (r.as_of for r in review.reports)
        start_a = end_a - timedelta(days=period)
        note_col.caption(t("review.periods", a0=start_a, a1=end_a, b1=end_b, name=dataset.name))
        label_a, label_b = t("review.period_a"), t("review.period_b")
    else:
        uploads = st.columns(2)
        for box, side in zip(uploads, ("a", "b"), strict=True):
            box.file_uploader(
                t(f"review.upload_{side}"), type=FILE_TYPES, help=t("data.upload_help"),
                key=f"review_upload_{side}", on_change=orders.on_snapshot_upload, args=(side,),
            )  # fmt: skip
        files = orders.snapshot_uploads()  # always two
        if None in files:
            st.info(t("review.upload_both"), icon="👉")
            st.stop()
        frames = [state.read_dataset(d).frame for d in files]
        scenario = orders.shared_scenario(page.scenario, frames)
        review = review_snapshots(*frames, scenario=scenario, rules=rules)
        end_a, end_b = review.a.as_of, review.b.as_of
        label_a, label_b = (
            f"{t(f'review.snapshot_{s}')} · {d.name}" for s, d in zip("ab", files, strict=True)
        )
except InputError as exc:  # the message as text (a Spark error quotes the cluster's)
    st.error(t("review.error", error=message_of(exc)), icon="⚠️")
    st.stop()

names = customer_labels([review.a, review.b], page.lang, page.presentation, orders.master_names())
mismatches = orders.log_name_mismatches([review.a, review.b]) if source == "log" else ()
if mismatches and not page.presentation:
    st.warning(markdown_of(mismatch_text(mismatches), page.lang), icon="🏷️")
for box, (label, value, delta) in zip(st.columns(6), kpi_strip(review, t, page.lang), strict=True):
    box.metric(label, value, delta)
st.caption(t("review.kpi_caption"))

# On a projector the heatmap needs the page's width: it goes below the movers.
left, right = (
    (st.container(), st.container()) if page.presentation else st.columns([3, 2], gap="large")
)
with left:
    st.markdown(f"**{t('review.movers')}**")
    movers = without_ids(movers_table(review, names, t, MOVERS_SHOWN), page.lang, page.presentation)
    st.dataframe(movers, hide_index=True, width="stretch")
with right:
    st.markdown(f"**{t('review.migration')}**")
    matrix = review.migration.rename(
        index={NEW: t("review.tier_new")}, columns={GONE: t("review.tier_gone")}
    )
    heat = migration_heatmap(matrix, label_a, label_b, t("review.customers"), page.presentation)
    show_chart(st, heat, width="content" if page.presentation else "stretch")
new_col, lost_col = st.columns(2, gap="large")
for box, key, ids in ((new_col, "new_list", review.new_customers),
                      (lost_col, "lost_list", review.lost_customers)):  # fmt: skip
    shown = ", ".join(escape_markdown(names.get(i, i)) for i in ids[:30])
    shown += " …" if len(ids) > 30 else ""
    box.markdown(f"**{t(f'review.{key}', n=len(ids))}**")
    box.caption(shown or t("review.none"))

warnings_section(review, names, page.lang, page.presentation)

st.subheader(t("review.snapshots"))
st.caption(t("review.snapshots_caption"))
keep_buttons(
    [(t("review.current"), page.ranking, page.ranking.as_of if page.ranking else None),
     (label_a, review.a, end_a), (label_b, review.b, end_b)],
    t,
)  # fmt: skip
watchlist_section(t, page.lang, page.presentation)
