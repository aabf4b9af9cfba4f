"""A participant's seat in a room: their token in the session and in the page's address
(``?room=<code>&me=<token>``), so a reload or the reopened link keeps them in the room.

The token is a secret: it is checked against the store (matched by its hash) and never
shown on the page; a token that is not one of the room's is dropped from the address.
"""

from __future__ import annotations

import streamlit as st

from core.rooms_store import RoomStore
from ui.i18n import t
from ui.workshop_state import TOKEN_PREFIX

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
    """This participant's token in room ``code``: the session's, else a valid one from the
    address (restoring the name); an unknown token gets a short note and leaves the address.
    The address is kept pointing at the seat."""
    token = st.session_state.get(TOKEN_PREFIX + code)
    asked = st.query_params.get(SEAT_PARAM)
    if token is None and asked:
        name = store.participant_name(code, asked)
        if name is None:
            del st.query_params[SEAT_PARAM]
            st.info(t("join.seat_unknown", lang), icon="🔗")
        else:
            take_seat(code, asked, name)
            token = asked
    if token is not None and (
        st.query_params.get(ROOM_PARAM) != code or st.query_params.get(SEAT_PARAM) != token
    ):
        st.query_params[ROOM_PARAM] = code
        st.query_params[SEAT_PARAM] = token
    return token
