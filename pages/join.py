"""Join (participant): enter the room code and a name, set weights with sliders or pairwise
comparisons (AHP), submit. After the first submission the address holds the participant's seat.

No shell: participants see neither the navigation nor the facilitator's sidebar sliders.
"""

import time

import streamlit as st

from core.errors import InputError
from core.workshop.rules import (
    LOOKUP_LIMIT,
    SUBMIT_WINDOW,
    format_code,
    within_rate,
)
from ui.i18n import message_of, t
from ui.shell import participant_shell
from ui.stores import from_store
from ui.workshop.join_seat import seat, seat_name, take_seat
from ui.workshop.join_weights import weights_input
from ui.workshop.state import LOOKUPS, room_store

POLL_SECONDS = 4

lang = participant_shell("join.title")
st.title(t("join.title", lang))
store = from_store(room_store, lang)

typed = st.query_params.get("room") or st.text_input(t("join.code", lang), key="join_code")
if not typed:
    st.info(t("join.need_code", lang), icon="🔑")
    st.stop()
failures = [x for x in st.session_state.get(LOOKUPS, []) if time.time() - x < SUBMIT_WINDOW]
if not within_rate(failures, time.time(), LOOKUP_LIMIT, SUBMIT_WINDOW):
    st.error(t("join.too_many_lookups", lang), icon="⏳")
    st.stop()
try:
    room = store.room(typed)
except InputError as exc:
    st.session_state[LOOKUPS] = [*failures, time.time()]
    st.error(t("join.no_room", lang, error=message_of(exc)), icon="⚠️")
    st.stop()

status = t("join.open", lang) if room.round_open else t("join.closed", lang)
st.subheader(t("join.room", lang, code=format_code(room.code), round=room.round, status=status))
token = seat(store, room.code, lang)


@st.fragment(run_every=POLL_SECONDS)
def watch(seen: tuple[int, bool]) -> None:
    """Rerun the page when the facilitator closes the round or opens the next one."""
    now = store.room(room.code)
    if (now.round, now.round_open) != seen:
        st.rerun()


watch((room.round, room.round_open))
if room.show_data:
    data = store.room_data(room.code)
    if data is not None:
        with st.expander(t("join.data", lang, rows=len(data))):
            st.dataframe(data, hide_index=True, key="join_data")

mine = store.my_weights(room.code, token) if token else None
if token:
    st.success(t("join.as", lang, name=seat_name(room.code)), icon="🙋")
    st.caption(t("join.seat_hint", lang))
else:
    st.text_input(t("join.name", lang), key="join_name", max_chars=40)

st.markdown(f"**{t('join.weights', lang)}**")
values = weights_input(room, mine, lang)

if st.button(
    t("join.update" if mine else "join.submit", lang),
    type="primary",
    disabled=not room.round_open,
    key="join_submit",
):
    try:
        receipt = store.submit(room.code, st.session_state.get("join_name"), values, token=token)
    except InputError as exc:
        st.error(
            t("join.rejected", lang, error=message_of(exc)),
            icon="⚠️",
        )
    else:
        if receipt.token:
            take_seat(room.code, receipt.token, receipt.participant)
        st.session_state["join_receipt"] = receipt.revision
        st.rerun()
if st.session_state.get("join_receipt") and mine:
    st.info(t("join.stored", lang, revision=st.session_state["join_receipt"]), icon="✅")
if not room.round_open:
    st.warning(t("join.wait", lang), icon="⏸️")
