"""Workshop (facilitator): open a room, show its code and QR, watch the room converge live."""

import streamlit as st

from core.analysis.consensus import CONSENSUS_METHODS
from core.workshop.rules import format_code
from ui.charts.workshop import qr_png
from ui.shell import page_shell
from ui.stores import from_store
from ui.workshop.live import act, create_room, live_room, open_room
from ui.workshop.state import METHOD, NOTICE, ROOM_CODE, ROOM_KEY, join_link, room_store

page = page_shell("workshop")
t = page.t

st.title(t("workshop.title"))
st.caption(t("workshop.intro"))
store = from_store(room_store, page.lang)
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
            t("workshop.create_button"),
            type="primary",
            on_click=create_room,
            args=(page, store),
            key="workshop_create",
        )
    with right, st.container(border=True):
        st.subheader(t("workshop.reopen"))
        st.text_input(t("workshop.code"), key="workshop_open_code")
        st.text_input(t("workshop.key"), key="workshop_open_key", type="password")
        st.button(
            t("workshop.reopen_button"), on_click=open_room, args=(store,), key="workshop_reopen"
        )
    st.stop()

code, key = st.session_state[ROOM_CODE], st.session_state[ROOM_KEY]
link = join_link(code, page.lang)
head = st.columns([2, 1])
with head[0]:
    st.markdown(f"## {t('workshop.join_code')}: `{format_code(code)}`")
    st.write(t("workshop.join_how"))
    st.code(link, language=None)
    # The key reaches the browser only once the facilitator asks for it (not projected).
    if st.toggle(t("workshop.key_title"), key="workshop_key_shown"):
        st.warning(t("workshop.key_warning"), icon="🔒")
        st.code(key, language=None)
with head[1]:
    st.image(qr_png(link), width=220, caption=t("workshop.qr_caption"))

controls = st.columns(5)
room = from_store(lambda: store.room(code), page.lang)
controls[0].button(
    t("workshop.close_round"),
    on_click=act,
    args=("close", page, store),
    disabled=not room.round_open,
    key="workshop_close",
)
controls[1].button(
    t("workshop.next_round"), on_click=act, args=("next", page, store), key="workshop_next"
)
controls[2].selectbox(
    t("workshop.method"),
    CONSENSUS_METHODS,
    key=METHOD,
    format_func=lambda m: t(f"workshop.method_{m}"),
)
controls[3].button(
    t("workshop.adopt"),
    on_click=act,
    args=("adopt", page, store),
    disabled=room.submitted == 0,
    type="primary",
    key="workshop_adopt",
    help=t("workshop.adopt_help"),
)
controls[4].button(
    t("workshop.leave"), on_click=act, args=("leave", page, store), key="workshop_leave"
)

live_room(page, store, code, key)
