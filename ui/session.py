"""Nothing lost on reload: the working session behind a token in the URL (``?sid=``).

The shell calls :func:`restore` first (a fresh browser session whose URL names a kept session
takes it back: data, how it was read, scenario, language, presentation mode; the page itself
is in the URL's path) and :func:`keep` last (the state is written to the local store when it
changed). :func:`start_over` forgets it. A store that cannot be used is said once; the app
works on without it.
"""

from __future__ import annotations

import contextlib
import re
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from core.errors import InputError
from core.storage.sessions import KEEP_DAYS, DataRef, SavedSession, SessionStore, new_token
from ui import state
from ui.i18n import LANGS, message_of, t

SID = "sid"  # the URL's query parameter
TOKEN = "session_token"
KEPT = "session_kept"  # what was last written, to skip unchanged writes
PENDING = "session_pending"  # a kept session read before the language was resolved
STORE = "session_store"
WRITE = "session_write"  # the last write's future
NOTICE = "session_notice"  # (message key, error) to show once
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


@st.cache_resource
def _writer() -> ThreadPoolExecutor:
    """One thread for the app's session writes, in order: a rerun never waits for the disk."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-writer")


def flush_writes() -> None:
    """Wait for the writes already asked for (a reload reads what the last run kept)."""
    _writer().submit(lambda: None).result()


def _store() -> SessionStore | None:
    if STORE not in st.session_state:
        try:
            store = SessionStore()
            store.prune()  # sessions unused for KEEP_DAYS days, once per browser session
            st.session_state[STORE] = store
        except InputError as exc:
            st.session_state[STORE] = None
            st.session_state[NOTICE] = ("shell.session_unavailable", message_of(exc))
    return st.session_state[STORE]


def _valid(token: object) -> bool:
    return isinstance(token, str) and TOKEN_SHAPE.fullmatch(token) is not None


def restore() -> None:
    """Give this browser session its token (the URL's, or a new one) and read the session
    the URL names, if this browser session has not already; call before the language is
    resolved (a kept session brings its language when the URL has none)."""
    if TOKEN not in st.session_state:
        asked = st.query_params.get(SID)
        token = asked if _valid(asked) else new_token()
        st.session_state[TOKEN] = token
        store = _store() if asked else None
        if store is not None:
            flush_writes()
        saved = _load(store, token) if store is not None else None
        if asked and store is not None and saved is None:
            st.session_state[NOTICE] = ("shell.session_expired", "")
        if saved is not None:
            st.session_state[PENDING] = saved
            if st.query_params.get("lang") not in LANGS and saved.lang in LANGS:
                st.session_state[state.LANG] = saved.lang
    st.query_params[SID] = st.session_state[TOKEN]


def _load(store: SessionStore, token: str) -> SavedSession | None:
    try:
        return store.load(token)
    except (InputError, ValueError) as exc:  # a damaged store or an unreadable scenario
        st.session_state[NOTICE] = ("shell.session_unavailable", message_of(exc))
        return None


def apply_pending(lang: str) -> None:
    """Make the kept session read by :func:`restore` current (before the sample is loaded)."""
    saved = st.session_state.pop(PENDING, None)
    if saved is None:
        return
    data = saved.data
    if data.is_sample:  # the sample it was (either language's), read from the app again
        named = {name: sample_lang for sample_lang, name in state.SAMPLES.items()}
        dataset = state.sample_dataset(named.get(data.name, lang))
    else:
        dataset = state.make_dataset(
            data.name, data.content, data.sheet, header_row=data.header_row
        )
    state.load_dataset(dataset, lang)
    if st.session_state.get(state.LOAD_ERROR):
        return
    try:
        state.adopt(saved.scenario, origin=data.name, trial=False)
    except InputError as exc:
        st.session_state[NOTICE] = ("shell.session_unavailable", message_of(exc))
    state.adopted_warnings()  # the user's own scenario: nothing new to warn about
    st.session_state[state.PRESENTATION] = saved.presentation


def notice(lang: str) -> str | None:
    """The session message to show once (an expired link, an unusable store), then forgotten."""
    kept = st.session_state.pop(NOTICE, None)
    return None if kept is None else t(kept[0], lang, error=kept[1], days=KEEP_DAYS)


def _current(lang: str) -> SavedSession | None:
    dataset = st.session_state.get(state.DATASET)
    if dataset is None:
        return None
    data = DataRef(
        dataset.name, dataset.digest, None if dataset.is_sample else dataset.content,
        dataset.sheet, dataset.header_row, dataset.is_sample,
    )  # fmt: skip
    presentation = bool(st.session_state.get(state.PRESENTATION))
    return SavedSession(data, state.current_scenario(), lang, presentation)


def keep(lang: str) -> None:
    """Write the session to the store (in the background) when it changed since the last
    write; a failed write is said once and the store left alone."""
    session = _current(lang)
    store = _store()
    if session is None or store is None:
        return
    token = st.session_state[TOKEN]
    fingerprint = (token, session.data.digest, session.data.sheet, session.data.header_row,
                   session.scenario.to_json(indent=None), lang, session.presentation)  # fmt: skip
    if st.session_state.get(KEPT) == fingerprint or _failed(st.session_state.get(WRITE)):
        return
    st.session_state[WRITE] = _writer().submit(store.save, token, session)
    st.session_state[KEPT] = fingerprint


def _failed(write: Future | None) -> bool:
    """Whether the last write failed (the store is then dropped and the user told once)."""
    if write is None or not write.done() or write.exception() is None:
        return False
    error = write.exception()
    st.session_state[STORE] = None
    st.session_state[WRITE] = None
    detail = message_of(error) if isinstance(error, InputError) else str(error)
    st.session_state[NOTICE] = ("shell.session_unavailable", detail)
    return True


def start_over() -> None:
    """Button callback: forget the kept session and everything in this browser session;
    the next run opens on the sample with a new token."""
    store, token = st.session_state.get(STORE), st.session_state.get(TOKEN)
    if store is not None and token:
        flush_writes()  # a pending write must not bring the session back
        with contextlib.suppress(InputError):  # an unusable store keeps nothing anyway
            store.forget(token)
    lang = st.session_state.get(state.LANG)
    st.session_state.clear()
    if lang:
        st.session_state[state.LANG] = lang
    for key in (SID, "s"):
        st.query_params.pop(key, None)
