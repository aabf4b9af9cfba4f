"""Workshop (facilitator): open a room, show its code and QR, watch the room converge live."""

import json

import streamlit as st

from core.consensus import CONSENSUS_METHODS
from core.errors import InputError
from core.export import to_csv_bytes
from core.rooms import PARTICIPANT_PREFIX, escape_markdown, format_code, round_history, summarize
from ui import state
from ui.charts_workshop import distance_chart, history_chart, qr_png, spread_chart
from ui.i18n import factor_label
from ui.shell import page_shell
from ui.workshop_state import ROOM_CODE, ROOM_KEY, anonymised_factors, join_link, room_store

REFRESH_SECONDS = 3
METHOD = "workshop_method"
NOTICE = "workshop_notice"

page = page_shell("workshop")
t = page.t
store = room_store()


def _create() -> None:
    data = anonymised_factors(page.ingest.frame, page.scenario, page.lang)
    show = bool(st.session_state.get("workshop_show_data"))
    created = store.create_room(page.scenario, show_data=show, data=data)
    st.session_state[ROOM_CODE], st.session_state[ROOM_KEY] = created.code, created.facilitator_key


def _open() -> None:
    code, key = (
        st.session_state.get("workshop_open_code"),
        st.session_state.get("workshop_open_key"),
    )
    try:
        store.verify_key(code, key)
        st.session_state[ROOM_CODE], st.session_state[ROOM_KEY] = store.room(code).code, key
        st.session_state[NOTICE] = None
    except InputError as exc:
        st.session_state[NOTICE] = escape_markdown(str(exc))


def _act(action: str) -> None:
    try:
        _apply(action, st.session_state[ROOM_CODE], st.session_state[ROOM_KEY])
    except InputError as exc:
        st.session_state[NOTICE] = escape_markdown(str(exc))


def _apply(action: str, code: str, key: str) -> None:
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
        state.set_scenario(page.scenario.with_weights(weights))
        st.session_state[NOTICE] = t("workshop.adopted")


st.title(t("workshop.title"))
st.caption(t("workshop.intro"))
if st.session_state.get(NOTICE):
    st.info(st.session_state[NOTICE], icon="ℹ️")

if ROOM_CODE not in st.session_state:
    left, right = st.columns(2)
    with left, st.container(border=True):
        st.subheader(t("workshop.create"))
        st.write(t("workshop.create_help", factors=len(page.scenario.factors)))
        st.toggle(
            t("workshop.show_data"), key="workshop_show_data", help=t("workshop.show_data_help")
        )
        st.button(
            t("workshop.create_button"), type="primary", on_click=_create, key="workshop_create"
        )
    with right, st.container(border=True):
        st.subheader(t("workshop.reopen"))
        st.text_input(t("workshop.code"), key="workshop_open_code")
        st.text_input(t("workshop.key"), key="workshop_open_key", type="password")
        st.button(t("workshop.reopen_button"), on_click=_open, key="workshop_reopen")
    st.stop()

code, key = st.session_state[ROOM_CODE], st.session_state[ROOM_KEY]
link = join_link(code, page.lang)
head = st.columns([2, 1])
with head[0]:
    st.markdown(f"## {t('workshop.join_code')}: `{format_code(code)}`")
    st.write(t("workshop.join_how"))
    st.code(link, language=None)
    with st.expander(t("workshop.key_title"), expanded=False):
        st.warning(t("workshop.key_warning"), icon="🔒")
        st.code(key, language=None)
with head[1]:
    st.image(qr_png(link), width=220, caption=t("workshop.qr_caption"))

controls = st.columns(5)
room = store.room(code)
controls[0].button(
    t("workshop.close_round"),
    on_click=_act,
    args=("close",),
    disabled=not room.round_open,
    key="workshop_close",
)
controls[1].button(t("workshop.next_round"), on_click=_act, args=("next",), key="workshop_next")
controls[2].selectbox(
    t("workshop.method"),
    CONSENSUS_METHODS,
    key=METHOD,
    format_func=lambda m: t(f"workshop.method_{m}"),
)
controls[3].button(
    t("workshop.adopt"),
    on_click=_act,
    args=("adopt",),
    disabled=room.submitted == 0,
    type="primary",
    key="workshop_adopt",
    help=t("workshop.adopt_help"),
)
controls[4].button(t("workshop.leave"), on_click=_act, args=("leave",), key="workshop_leave")


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    room = store.room(code)
    table = store.submissions(code, key)
    current = table[table["round"] == room.round]
    status = t("workshop.open") if room.round_open else t("workshop.closed")
    st.subheader(t("workshop.round", round=room.round, status=status))
    people = store.participants(code, key)
    labels = {c: factor_label(c, page.lang) for c in room.scenario.columns}
    if current.empty:
        st.info(t("workshop.waiting", joined=len(people)), icon="⏳")
        st.dataframe(
            people.rename(columns=_people_headers()), hide_index=True, key="workshop_people"
        )
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
        st.altair_chart(spread_chart(shares, t("workshop.share")), width="stretch")
    with right:
        st.markdown(f"**{t('workshop.consensus')}**")
        consensus = summary.spread.assign(
            consensus=list(summary.consensus.values()), factor=lambda d: d["factor"].map(labels)
        )
        st.dataframe(
            consensus[["factor", "consensus", "mean", "median", "std"]].rename(
                columns=_consensus_headers()
            ),
            hide_index=True,
            column_config={
                h: st.column_config.NumberColumn(format="percent")
                for h in list(_consensus_headers().values())[1:]
            },
        )
    st.markdown(f"**{t('workshop.people')}**")
    st.dataframe(people.rename(columns=_people_headers()), hide_index=True, key="workshop_people")
    st.markdown(f"**{t('workshop.distance')}**")
    st.altair_chart(distance_chart(summary.distances, t("workshop.distance_axis")), width="stretch")
    st.markdown(f"**{t('workshop.top', n=len(summary.top))}**")
    top = summary.top.rename(
        columns=lambda c: (
            "👤 " + c.removeprefix(PARTICIPANT_PREFIX) if c.startswith(PARTICIPANT_PREFIX) else c
        )
    )
    st.dataframe(
        top.rename(columns={"rank": t("col.rank"), "consensus": t("workshop.consensus_col")}),
        hide_index=True,
    )
    history = round_history(table, room.scenario, page.ingest.frame)
    if len(history) > 1:
        st.markdown(f"**{t('workshop.history')}**")
        st.altair_chart(
            history_chart(history, t("workshop.spread_axis"), t("workshop.round_axis")),
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


def _people_headers() -> dict[str, str]:
    return {
        "participant": t("workshop.col_participant"),
        "joined": t("workshop.col_joined"),
        "submitted": t("workshop.col_submitted"),
    }


def _consensus_headers() -> dict[str, str]:
    keys = ("factor", "consensus", "mean", "median", "std")
    return {k: t(f"workshop.col_{k}") for k in keys}


live()
