"""The facilitator's open room: what its buttons do, and the view that refreshes itself.

Callbacks get the page and the store through ``args`` so they act on the run that drew the
button; the live view is a fragment that reruns on its own every ``REFRESH_SECONDS``.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.report.export import to_csv_bytes
from core.workshop.rooms import RoomStore
from core.workshop.rules import PARTICIPANT_PREFIX, round_history, summarize
from ui import state
from ui.charts.show import show_chart
from ui.charts.workshop import distance_chart, history_chart, spread_chart
from ui.i18n import factor_labels, markdown_of, message_of, t_plain
from ui.shell import Page
from ui.tables import customer_aliases, customer_names, local_times
from ui.workshop.state import METHOD, NOTICE, ROOM_CODE, ROOM_KEY, anonymised_factors

REFRESH_SECONDS = 3


def create_room(page: Page, store: RoomStore) -> None:
    """Open a new room on the page's scenario (with the aliased data if the toggle is on)."""
    data = anonymised_factors(page.ingest.frame, page.scenario, page.lang)
    show = bool(st.session_state.get("workshop_show_data"))
    try:
        created = store.create_room(page.scenario, show_data=show, data=data)
    except InputError as exc:  # the store became unusable since the page opened it
        st.session_state[NOTICE] = markdown_of(message_of(exc), page.lang)
        return
    st.session_state[ROOM_CODE], st.session_state[ROOM_KEY] = created.code, created.facilitator_key
    st.session_state[NOTICE] = None


def open_room(store: RoomStore) -> None:
    """Reopen the room typed into the code and key fields; a wrong pair becomes the notice."""
    code, key = (
        st.session_state.get("workshop_open_code"),
        st.session_state.get("workshop_open_key"),
    )
    try:
        store.verify_key(code, key)
        st.session_state[ROOM_CODE], st.session_state[ROOM_KEY] = store.room(code).code, key
        st.session_state[NOTICE] = None
    except InputError as exc:
        st.session_state[NOTICE] = markdown_of(message_of(exc), st.session_state[state.LANG])


def act(action: str, page: Page, store: RoomStore) -> None:
    """Run a room action (close, next, leave, adopt); a refusal becomes the notice."""
    try:
        _apply(action, page, store, st.session_state[ROOM_CODE], st.session_state[ROOM_KEY])
    except InputError as exc:
        st.session_state[NOTICE] = markdown_of(message_of(exc), page.lang)


def _apply(action: str, page: Page, store: RoomStore, code: str, key: str) -> None:
    st.session_state[NOTICE] = None
    if action == "close":
        store.close_round(code, key)
    elif action == "next":
        store.next_round(code, key)
    elif action == "leave":
        del st.session_state[ROOM_CODE], st.session_state[ROOM_KEY]
    elif action == "adopt":
        room = store.room(code)
        table = store.submissions(code, key, round=room.round)
        summary = summarize(table, room.scenario, st.session_state.get(METHOD, "mean"))
        top = max(summary.consensus.values())
        weights = {c: 100 * w / top for c, w in summary.consensus.items()}
        state.adopt(page.scenario.with_weights(weights), origin="workshop consensus")
        st.session_state[NOTICE] = page.t("workshop.adopted")


@st.fragment(run_every=REFRESH_SECONDS)
def live_room(page: Page, store: RoomStore, code: str, key: str) -> None:
    """The current round: who joined, the spread, the consensus, distances, top customers,
    the rounds so far and the exports."""
    t = page.t
    room = store.room(code)
    table = store.submissions(code, key)
    current = table[table["round"] == room.round]
    status = t("workshop.open") if room.round_open else t("workshop.closed")
    st.subheader(t("workshop.round", round=room.round, status=status))
    people = store.participants(code, key)
    labels = factor_labels(room.scenario.columns, page.lang)
    if current.empty:
        st.info(t("workshop.waiting", joined=len(people)), icon="⏳")
        _people_table(page, people)
        return
    summary = summarize(
        current, room.scenario, st.session_state.get(METHOD, "mean"), page.ingest.frame
    )
    kpi = st.columns(3)
    kpi[0].metric(t("workshop.joined"), len(people))
    kpi[1].metric(t("workshop.submitted"), len(current))
    kpi[2].metric(
        t("workshop.kendall_w"),
        "—" if summary.kendall_w != summary.kendall_w else f"{summary.kendall_w:.2f}",
        help=t("workshop.kendall_help"),
    )
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('workshop.spread')}**")
        shares = summary.shares.assign(factor=summary.shares["factor"].map(labels))
        show_chart(st, spread_chart(shares, page.t_plain("workshop.share")), width="stretch")
    with right:
        st.markdown(f"**{t('workshop.consensus')}**")
        consensus = summary.spread.assign(
            consensus=list(summary.consensus.values()), factor=lambda d: d["factor"].map(labels)
        )
        headers = _consensus_headers(page)
        st.dataframe(
            consensus[["factor", "consensus", "mean", "median", "std"]].rename(columns=headers),
            hide_index=True,
            column_config={
                h: st.column_config.NumberColumn(format="percent")
                for h in list(headers.values())[1:]
            },
        )
    st.markdown(f"**{t('workshop.people')}**")
    _people_table(page, people)
    if len(current) == 1:  # nobody to agree or disagree with yet
        st.info(t("workshop.alone", name=current["participant"].iloc[0]), icon="👤")
    else:
        st.markdown(f"**{t('workshop.distance')}**")
        chart = distance_chart(summary.distances, page.t_plain("workshop.distance_axis"))
        show_chart(st, chart, width="stretch")
    st.markdown(f"**{t('workshop.top', n=len(summary.top))}**")
    top = top_table(summary.top, _customer_names(page), page.lang, page.presentation)
    st.dataframe(top, hide_index=True)
    history = round_history(table, room.scenario, page.ingest.frame)
    if len(history) > 1:
        st.markdown(f"**{t('workshop.history')}**")
        show_chart(
            st,
            history_chart(
                history, page.t_plain("workshop.spread_axis"), page.t_plain("workshop.round_axis")
            ),
            width="stretch",
        )
    export = store.export(code, key)
    row = st.columns(2)
    row[0].download_button(
        t("workshop.export_json"),
        json.dumps(export, ensure_ascii=False, indent=2),
        f"room-{code}.json",
        "application/json",
    )
    row[1].download_button(
        t("workshop.export_csv"), to_csv_bytes(table), f"room-{code}.csv", "text/csv"
    )


def _people_table(page: Page, people: pd.DataFrame) -> None:
    """Who joined (joining times in the browser's time zone) and who submitted this round."""
    zone = st.context.timezone or "UTC"
    shown = people.assign(joined=local_times(people["joined"], zone))
    headers = {
        "participant": page.t_plain("workshop.col_participant"),
        "joined": page.t_plain("workshop.col_joined", zone=zone),
        "submitted": page.t_plain("workshop.col_submitted"),
    }
    st.dataframe(shown.rename(columns=headers), hide_index=True, key="workshop_people")


def _customer_names(page: Page) -> dict[str, str]:
    """Customer ID (as text) → the name the pages show (an alias in presentation mode)."""
    if page.ranking is None:
        return customer_aliases([], page.lang) if page.presentation else {}
    ids = page.ranking.table["customer_id"].astype(str)
    names = customer_names(page.ranking, page.mapping, page.lang, page.presentation)
    if page.presentation:
        return {**customer_aliases([], page.lang), **dict(zip(ids, names, strict=True))}
    return {i: n or i for i, n in zip(ids, names, strict=True)}


def top_table(
    top: pd.DataFrame, names: dict[str, str], lang: str, presentation: bool
) -> pd.DataFrame:
    """The consensus top list and each participant's, as customer names (aliases in
    presentation mode, where the consensus list's IDs are left out); an ID without a name
    shows as itself, or as "—" in presentation mode."""
    unknown = (lambda i: "—") if presentation else str
    shown = pd.DataFrame({t_plain("col.rank", lang): top["rank"]})
    if not presentation:
        shown[t_plain("col.customer_id", lang)] = top["consensus"].astype(str)
    for column in top.columns[1:]:
        header = (
            "👤 " + column.removeprefix(PARTICIPANT_PREFIX)
            if column.startswith(PARTICIPANT_PREFIX)
            else t_plain("workshop.consensus_col", lang)
        )
        shown[header] = [names.get(str(i)) or unknown(i) for i in top[column]]
    return shown


def _consensus_headers(page: Page) -> dict[str, str]:
    keys = ("factor", "consensus", "mean", "median", "std")
    return {k: page.t(f"workshop.col_{k}") for k in keys}
