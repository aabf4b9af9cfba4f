"""A participant's seat in a room: their token in the session and in the page's address
(``?room=<code>&me=<token>``), so a reload or the reopened link keeps them in the room.

The token is a secret: it is checked against the store (matched by its hash) and never
shown on the page; a token that is not one of the room's is dropped from the address.
"""

from __future__ import annotations

import streamlit as st

from core.workshop.rooms import RoomStore
from ui.i18n import t
from ui.workshop.state import TOKEN_PREFIX

ROOM_PARAM = "room"
SEAT_PARAM = "me"


def take_seat(code: str, token: str, name: str) -> None:
    """Remember in the session that this participant holds ``token`` in room ``code``."""
    st.session_state[TOKEN_PREFIX + code] = token
    st.session_state[TOKEN_PREFIX + code + ".name"] = name


def seat_name(code: str) -> str:
    """The display name of this session's participant in room ``code`` ('' if none)."""
    return st.session_state.get(TOKEN_PREFIX + code + ".name", "")


def seat(store: RoomStore, code: str, lang: str) -> str | None:
    """This participant's token in room ``code`` (the session's, else the address's), checked
    against the store on every run (restoring the name); a token that is not the room's (a
    forged link, a wiped store) gets a short note and leaves the session and the address.
    The address is kept pointing at the seat."""
    token = st.session_state.get(TOKEN_PREFIX + code) or st.query_params.get(SEAT_PARAM)
    if not token:
        return None
    name = store.participant_name(code, token)
    if name is None:
        st.session_state.pop(TOKEN_PREFIX + code, None)
        st.query_params.pop(SEAT_PARAM, None)
        st.info(t("join.seat_unknown", lang), icon="🔗")
        return None
    take_seat(code, token, name)
    if st.query_params.get(ROOM_PARAM) != code or st.query_params.get(SEAT_PARAM) != token:
        st.query_params[ROOM_PARAM] = code
        st.query_params[SEAT_PARAM] = token
    return token
