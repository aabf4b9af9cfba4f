"""A local store a page cannot use (a damaged file, an unwritable folder): the page says why
and what to do, and stops; every other page keeps working."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from core.errors import InputError
from ui.i18n import message_of, t

T = TypeVar("T")


def from_store(call: Callable[[], T], lang: str) -> T:
    """The result of ``call`` (opening a store, or one operation on it); when the store
    refuses (InputError), its message is shown on the page and the page stops here."""
    try:
        return call()
    except InputError as exc:
        st.error(t("store.unusable", lang, error=message_of(exc)), icon="⚠️")
        st.stop()
