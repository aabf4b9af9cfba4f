"""The snapshot section of the Periodic review page: keep a ranking as a snapshot, follow the
top customers of the latest snapshot across all of them, and open one customer's history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.method.ranking import Ranking
from core.storage.snapshots import DEFAULT_TOP_N, rank_history, snapshot_frame, watchlist
from ui.charts.review import rank_history_chart
from ui.charts.show import show_chart
from ui.i18n import message_of
from ui.orders import state as orders
from ui.orders.tables import customer_labels, watchlist_table
from ui.tables import customer_aliases, without_ids

FLASH = "snapshot_flash"
Translate = Callable[..., str]


def _keep(name: str, as_of: date, table: pd.DataFrame) -> None:
    try:
        orders.snapshot_store().save(name, as_of, table, overwrite=True)
        st.session_state[FLASH] = ("success", name)
    except InputError as exc:
        st.session_state[FLASH] = ("error", message_of(exc))


def _delete(name: str) -> None:
    try:
        orders.snapshot_store().delete(name)
        st.session_state[FLASH] = ("deleted", name)
    except InputError as exc:
        st.session_state[FLASH] = ("error", message_of(exc))


def keep_buttons(keepable: Sequence[tuple[str, Ranking | None, date | None]], t: Translate):
    """One "keep as snapshot" button per ranking; the snapshot is named "<label> · <as-of>"
    (keeping it again replaces it). Real names are stored, aliases only shown."""
    with st.container(horizontal=True):
        for k, (label, ranking, as_of) in enumerate(keepable):
            if ranking is None:
                continue
            day = as_of or date.today()
            names = customer_labels([ranking], "en", False, orders.master_names())
            table = ranking.table.assign(name=ranking.table["customer_id"].astype(str).map(names))
            st.button(
                t("review.keep", what=label),
                key=f"review_keep_{k}",
                icon=":material/photo_camera:",
                on_click=_keep,
                args=(
                    f"{label} · {day}",
                    day,
                    snapshot_frame(table, "name", ranking.scenario.tiers),
                ),
            )


def _shown_names(kept, lang: str, presentation: bool) -> dict[str, str]:
    ids = pd.concat([s.table["customer_id"] for s in kept], ignore_index=True)
    if presentation:
        return customer_aliases(ids, lang)
    names = {}
    for snap in kept:  # oldest first: the latest name wins
        names |= dict(zip(snap.table["customer_id"], snap.table["name"], strict=True))
    return names


def watchlist_section(t: Translate, lang: str, presentation: bool) -> None:
    """Kept snapshots, the watchlist of the latest top N and one customer's history."""
    flash = st.session_state.pop(FLASH, None)
    if flash and flash[0] in ("success", "deleted"):
        st.success(t(f"review.snapshot_{flash[0]}", name=flash[1]), icon="✅")
    elif flash:
        st.error(t("review.snapshot_error", error=flash[1]), icon="⚠️")
    try:
        kept = orders.snapshot_store().load_all()
    except InputError as exc:
        st.error(t("review.snapshot_error", error=message_of(exc)), icon="⚠️")
        return
    if not kept:
        st.info(t("review.no_snapshots"), icon="💡")
        return
    names = _shown_names(kept, lang, presentation)
    listing = pd.DataFrame(
        {
            t("review.snapshot"): [s.name for s in kept],
            t("review.as_of"): [s.as_of.isoformat() for s in kept],
            t("review.customers"): [len(s.table) for s in kept],
        }
    )
    left, right = st.columns([3, 2], gap="large")
    left.dataframe(listing, hide_index=True, width="stretch")
    with right:
        doomed = st.selectbox(t("review.snapshot"), [s.name for s in kept], key="review_doomed")
        st.button(
            t("review.delete"),
            key="review_delete",
            icon=":material/delete:",
            on_click=_delete,
            args=(doomed,),
        )
        top_n = st.number_input(
            t("review.top_n"), min_value=1, max_value=100, value=DEFAULT_TOP_N, key="review_top_n"
        )
    table = watchlist(kept, int(top_n)).assign(name=lambda f: f["customer_id"].map(names))
    st.markdown(f"**{t('review.watchlist', n=len(table))}**")
    listed = watchlist_table(table, [s.name for s in kept], t)
    st.dataframe(without_ids(listed, lang, presentation), hide_index=True)
    history = rank_history(kept, table["customer_id"].tolist())
    history["customer"] = history.pop("customer_id").map(names)  # a chart sends all its columns
    chart = rank_history_chart(history, t("review.snapshot"), t("col.rank"), t("col.name"))
    show_chart(st, chart, width="stretch")
    st.markdown(f"**{t('review.history')}**")
    everyone = list(kept[-1].table["customer_id"])
    pick = st.selectbox(
        t("review.history_pick"), everyone, key="review_history_pick", format_func=names.get
    )
    own = rank_history(kept, [pick]).drop(columns="customer_id")
    shown = pd.DataFrame(
        {
            t("review.snapshot"): own["snapshot"],
            t("review.as_of"): own["as_of"].dt.date.astype(str),
            t("col.rank"): own["rank"],
            t("col.score"): own["score"].round(1),
            t("col.tier"): own["tier"],
        }
    )
    one_left, one_right = st.columns([2, 3], gap="large")
    one_left.dataframe(shown, hide_index=True, width="stretch")
    own["customer"] = names.get(pick, pick)
    chart = rank_history_chart(own, t("review.snapshot"), t("col.rank"), t("col.name"))
    show_chart(one_right, chart, width="stretch")
