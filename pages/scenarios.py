"""Scenarios & comparison: save, load, duplicate, rename, delete and pin scenarios; compare
two of them on the current data (rank correlations, top-N overlap, migration, movers)."""

import math

import pandas as pd
import streamlit as st

from core.compare import DEFAULT_TOP_N, compare_rankings
from core.errors import InputError
from core.ranking import rank_customers
from ui import state
from ui.charts_compare import migration_heatmap, slope_chart
from ui.shell import page_shell
from ui.tables import customer_names

FLASH = "scenarios_flash"
CURRENT, EQUAL = "\x00current", "\x00equal"  # never a saved name (names are trimmed text)
MOVERS_SHOWN = 15


def _do(action: str, *args: str) -> None:
    """Run one store action from a callback and leave a message for the next draw."""
    store = state.scenario_store()
    try:
        if action == "save":
            name = st.session_state["scenarios_name"]
            overwrite = st.session_state["scenarios_overwrite"]
            done = store.save(name, state.current_scenario(), overwrite=overwrite).name
        elif action == "load":
            loaded = store.load(args[0])
            loaded.validate(state.ingest_result().frame.columns)
            state.set_scenario(loaded)
            done = args[0]
        elif action in ("rename", "duplicate"):
            new = st.session_state["scenarios_new_name"]
            done = getattr(store, action)(args[0], new).name
            if action == "rename" and store.baseline_name() == done:
                st.session_state[state.BASELINE] = store.load(done)
        elif action == "delete":
            if store.baseline_name() == args[0]:
                st.session_state[state.BASELINE] = None
            store.delete(args[0])
            done = args[0]
        elif action == "pin":
            store.pin(args[0])
            st.session_state[state.BASELINE] = store.load(args[0])
            done = args[0]
        else:  # unpin
            store.unpin()
            st.session_state[state.BASELINE] = None
            done = args[0]
        st.session_state[FLASH] = ("success", f"scenarios.done.{action}", done)
        st.session_state["scenarios_pick"] = None if action == "delete" else done
    except InputError as exc:
        st.session_state[FLASH] = ("error", "scenarios.store_error", str(exc))
    st.session_state["scenarios_confirm"] = False


page = page_shell("scenarios")
t = page.t
st.title(t("scenarios.title"))
st.caption(t("scenarios.intro"))
try:
    store = state.scenario_store()
    saved = store.list_scenarios()
except InputError as exc:
    st.error(t("scenarios.store_error", error=str(exc)), icon="⚠️")
    st.stop()
flash = st.session_state.pop(FLASH, None)
if flash and flash[0] == "success":
    st.success(t(flash[1], name=flash[2]), icon="✅")
elif flash:
    st.error(t(flash[1], error=flash[2]), icon="⚠️")

save_col, list_col = st.columns([2, 3], gap="large")
with save_col, st.form("scenarios_save_form"):
    st.markdown(f"**{t('scenarios.save')}**")
    st.text_input(t("scenarios.name"), key="scenarios_name", placeholder=t("scenarios.name_hint"))
    st.checkbox(t("scenarios.overwrite"), key="scenarios_overwrite")
    st.form_submit_button(t("scenarios.save_button"), type="primary", on_click=_do, args=("save",))

with list_col:
    st.markdown(f"**{t('scenarios.saved', n=len(saved))}**")
    if not saved:
        st.info(t("scenarios.empty"), icon="💡")
    else:
        listing = pd.DataFrame(
            {
                t("scenarios.col_name"): [s.name for s in saved],
                t("scenarios.col_updated"): [s.updated.replace("T", " ")[:16] for s in saved],
                t("scenarios.col_method"): [t(f"method.{s.method}") for s in saved],
                t("scenarios.col_factors"): [s.factor_count for s in saved],
                t("scenarios.col_pinned"): ["★" if s.pinned else "" for s in saved],
            }
        )
        st.dataframe(listing, hide_index=True, width="stretch")
        names = [s.name for s in saved]
        if st.session_state.get("scenarios_pick") not in names:
            st.session_state["scenarios_pick"] = names[0]
        pick = st.selectbox(t("scenarios.pick"), names, key="scenarios_pick")
        pinned = next(s.pinned for s in saved if s.name == pick)
        with st.container(horizontal=True):
            st.button(t("scenarios.load"), key="scenarios_load", on_click=_do, args=("load", pick))
            if pinned:
                st.button(
                    t("scenarios.unpin"), key="scenarios_unpin", on_click=_do, args=("unpin", pick)
                )
            else:
                st.button(
                    t("scenarios.pin"),
                    key="scenarios_pin",
                    on_click=_do,
                    args=("pin", pick),
                    help=t("scenarios.pin_help"),
                )
            st.button(
                t("scenarios.delete"),
                key="scenarios_delete",
                icon=":material/delete:",
                on_click=lambda: st.session_state.update({"scenarios_confirm": True}),
            )
        if st.session_state.get("scenarios_confirm"):
            st.warning(t("scenarios.confirm_delete", name=pick))
            with st.container(horizontal=True):
                st.button(
                    t("scenarios.confirm_yes"),
                    key="scenarios_delete_yes",
                    type="primary",
                    on_click=_do,
                    args=("delete", pick),
                )
                st.button(
                    t("scenarios.confirm_no"),
                    key="scenarios_delete_no",
                    on_click=lambda: st.session_state.update({"scenarios_confirm": False}),
                )
        with st.form("scenarios_rename_form", border=False):
            st.text_input(t("scenarios.new_name"), key="scenarios_new_name")
            with st.container(horizontal=True):
                st.form_submit_button(t("scenarios.rename"), on_click=_do, args=("rename", pick))
                st.form_submit_button(
                    t("scenarios.duplicate"), on_click=_do, args=("duplicate", pick)
                )

# Compare two scenarios on the current data
st.divider()
st.subheader(t("scenarios.compare"))
if page.ranking is None:
    st.info(t("empty.no_ranking"))
    st.stop()
choices = [CURRENT, EQUAL, *[s.name for s in saved]]
labels = {CURRENT: t("scenarios.current"), EQUAL: t("scenarios.equal")}
for key, default in (("scenarios_a", CURRENT), ("scenarios_b", EQUAL)):
    state.seed_widget(key, default)
    if st.session_state[key] not in choices:
        st.session_state[key] = default
a_col, b_col, n_col = st.columns([2, 2, 2])
pick_a = a_col.selectbox(
    "A",
    choices,
    key="scenarios_a",
    format_func=lambda c: labels.get(c, c),
    on_change=state.remember_widget,
    args=("scenarios_a",),
)
pick_b = b_col.selectbox(
    "B",
    choices,
    key="scenarios_b",
    format_func=lambda c: labels.get(c, c),
    on_change=state.remember_widget,
    args=("scenarios_b",),
)
state.seed_widget("scenarios_top_n", DEFAULT_TOP_N)
top_n = n_col.slider(
    t("scenarios.top_n"),
    5,
    100,
    key="scenarios_top_n",
    on_change=state.remember_widget,
    args=("scenarios_top_n",),
)


def _ranking(choice: str):
    if choice == CURRENT:
        return page.ranking
    scenario = state.equal_weights(page.scenario) if choice == EQUAL else store.load(choice)
    return rank_customers(page.ingest.frame, scenario)


try:
    ranking_a, ranking_b = _ranking(pick_a), _ranking(pick_b)
except InputError as exc:
    st.error(t("scenarios.compare_error", error=str(exc)), icon="⚠️")
    st.stop()
result = compare_rankings(ranking_a, ranking_b, top_n=top_n)
name_of = dict(
    zip(
        page.ranking.table["customer_id"],
        customer_names(page.ranking, page.mapping, page.lang, page.presentation),
        strict=True,
    )
)


def _number(value: float, fmt: str) -> str:
    return "—" if math.isnan(value) else format(value, fmt)


metrics = st.columns(4)
metrics[0].metric(
    t("scenarios.spearman"), _number(result.spearman, ".3f"), help=t("scenarios.spearman_help")
)
metrics[1].metric(
    t("scenarios.kendall"), _number(result.kendall, ".3f"), help=t("scenarios.kendall_help")
)
metrics[2].metric(t("scenarios.overlap", n=top_n), _number(result.top_n_overlap, ".0%"))
metrics[3].metric(t("scenarios.common"), f"{result.common:,}")

a_title, b_title = f"A · {labels.get(pick_a, pick_a)}", f"B · {labels.get(pick_b, pick_b)}"
left, right = st.columns(2, gap="large")
with left:
    st.markdown(f"**{t('scenarios.migration')}**")
    st.caption(t("scenarios.migration_caption"))
    heat = migration_heatmap(result.migration, a_title, b_title, t("scenarios.customers"))
    st.altair_chart(heat, width="stretch")
    st.markdown(f"**{t('scenarios.movers')}**")
    movers = result.movers[result.movers["change"] != 0].head(MOVERS_SHOWN)
    if movers.empty:
        st.info(t("scenarios.no_movers"))
    else:
        shown = pd.DataFrame(
            {
                t("col.customer_id"): movers["customer_id"].astype(str),
                t("col.name"): movers["customer_id"].map(name_of),
                t("scenarios.rank_a"): movers["rank_a"],
                t("scenarios.rank_b"): movers["rank_b"],
                t("col.change"): [f"▲ {c}" if c > 0 else f"▼ {-c}" for c in movers["change"]],
                t("scenarios.tier_a"): movers["tier_a"],
                t("scenarios.tier_b"): movers["tier_b"],
            }
        )
        if page.presentation:
            shown = shown.drop(columns=t("col.customer_id"))
        st.dataframe(shown, hide_index=True, width="stretch")
with right:
    st.markdown(f"**{t('scenarios.slope', n=top_n)}**")
    st.caption(t("scenarios.slope_caption"))
    slope = result.slope.assign(customer=result.slope["customer_id"].map(name_of))
    chart = slope_chart(slope, a_title, b_title, t("col.rank"), t("col.name"))
    st.altair_chart(chart, width="stretch")
