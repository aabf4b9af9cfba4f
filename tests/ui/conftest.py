"""Fixtures for widget helpers run without an app: a plain dict as Streamlit's session state,
and stand-ins for the widgets they draw."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import streamlit as st


class WidgetStandIn:
    """Stands in for a widget (called) or a column of widgets (``.number_input`` …): records
    each call and returns the value under the call's key, as Streamlit would."""

    def __init__(self, session: dict) -> None:
        self.session, self.calls = session, []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return self.session[kwargs["key"]]

    number_input = date_input = __call__


@pytest.fixture
def session(monkeypatch) -> dict:
    """The session state, empty: a dict in place of ``st.session_state``."""
    store: dict = {}
    monkeypatch.setattr(st, "session_state", store)
    return store


@pytest.fixture
def stand_in(session) -> Callable[[], WidgetStandIn]:
    """Makes widget stand-ins that read ``session``."""
    return lambda: WidgetStandIn(session)
