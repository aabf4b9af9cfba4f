"""What the workshop pages share: the room store, their session keys, the join link."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st

from core.method.scenario import Scenario
from core.workshop.db import database_url
from core.workshop.rooms import RoomStore
from ui.tables import alias_column

ROOM_CODE = "workshop_room_code"  # facilitator: the open room …
ROOM_KEY = "workshop_room_key"  # … and its key (only in this session, never in the URL)
TOKEN_PREFIX = "join_token_"  # participant: + room code → their secret token
LOOKUPS = "join_failed_lookups"  # participant: times of failed code look-ups (rate limit)
METHOD = "workshop_method"  # facilitator: the consensus method picked
NOTICE = "workshop_notice"  # facilitator: the last action's message, shown once on top
FALLBACK_URL = "http://localhost:8501"


@st.cache_resource(show_spinner=False)
def _store(url: str) -> RoomStore:
    return RoomStore(url)


def room_store() -> RoomStore:
    """The room store for the current settings (one engine per location per process)."""
    return _store(database_url())  # follows $DATABASE_URL / $CIW_DATA_DIR as they are now


def join_link(code: str, lang: str) -> str:
    """The participant page's address for room ``code``, on the host this page was opened on."""
    here = urlsplit(st.context.url or FALLBACK_URL)
    base = f"{here.scheme or 'http'}://{here.netloc or 'localhost:8501'}"
    path = here.path.rsplit("/", 1)[0] if here.path.rstrip("/").count("/") > 1 else ""
    return f"{base}{path}/join?{urlencode({'room': code, 'lang': lang})}"


def anonymised_factors(frame: pd.DataFrame, scenario: Scenario, lang: str) -> pd.DataFrame:
    """The factor columns with each customer replaced by its alias (客户 A / Customer A)."""
    ids = frame[scenario.id_column]
    aliases = alias_column(ids, lang)
    shown = frame[scenario.columns].copy()
    shown.insert(0, "customer", aliases.to_numpy())
    # Aliases follow the IDs' text order, so that order lists them A, B, C …
    return shown.iloc[ids.astype(str).to_numpy().argsort(kind="stable")].reset_index(drop=True)
