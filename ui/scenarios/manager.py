"""The Scenarios page's manager: save the current scenario, list the saved ones, and load,
pin / unpin, delete (after a confirmation), rename or duplicate the one picked. Each action
runs in a callback and leaves a message (:data:`FLASH`) for the next draw."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.storage.scenarios import SavedScenario, ScenarioStore
from ui import state
from ui.i18n import message_of, t

FLASH = "scenarios_flash"
CONFIRM = "scenarios_confirm"


def _run(store: ScenarioStore, action: str, name: str | None) -> str:
    """Do one action on the store; returns the name to report. Raises InputError."""
    if action == "save":
        new = st.session_state["scenarios_name"]
        overwrite = st.session_state["scenarios_overwrite"]
        return store.save(new, state.current_scenario(), overwrite=overwrite).name
    if action == "load":
        state.adopt(store.load(name), origin=f"saved scenario {name!r}")
    elif action in ("rename", "duplicate"):
        done = getattr(store, action)(name, st.session_state["scenarios_new_name"]).name
        if action == "rename" and store.baseline_name() == done:
            st.session_state[state.BASELINE] = store.load(done)
        return done
    elif action == "delete":
        if store.baseline_name() == name:
            st.session_state[state.BASELINE] = None
        store.delete(name)
    elif action == "pin":
        store.pin(name)
        st.session_state[state.BASELINE] = store.load(name)
    else:  # unpin
        store.unpin()
        st.session_state[state.BASELINE] = None
    return name


def _do(action: str, name: str | None = None) -> None:
    """Callback: run one store action and leave a message for the next draw."""
    try:
        done = _run(state.scenario_store(), action, name)
        st.session_state[FLASH] = ("success", f"scenarios.done.{action}", done)
        st.session_state["scenarios_pick"] = None if action == "delete" else done
    except InputError as exc:
        st.session_state[FLASH] = ("error", "scenarios.store_error", message_of(exc))
    st.session_state[CONFIRM] = False


def _set_confirm(value: bool) -> None:
    st.session_state[CONFIRM] = value


def flash_message(lang: str) -> None:
    """Show (once) what the last action did."""
    flash = st.session_state.pop(FLASH, None)
    if flash and flash[0] == "success":
        st.success(t(flash[1], lang, name=flash[2]), icon="✅")
    elif flash:
        st.error(t(flash[1], lang, error=flash[2]), icon="⚠️")


def save_form(lang: str) -> None:
    """Name the current scenario and save it (optionally over one of the same name)."""
    with st.form("scenarios_save_form"):
        st.markdown(f"**{t('scenarios.save', lang)}**")
        st.text_input(
            t("scenarios.name", lang),
            key="scenarios_name",
            placeholder=t("scenarios.name_hint", lang),
        )
        st.checkbox(t("scenarios.overwrite", lang), key="scenarios_overwrite")
        st.form_submit_button(
            t("scenarios.save_button", lang), type="primary", on_click=_do, args=("save",)
        )


def _listing(saved: list[SavedScenario], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("scenarios.col_name", lang): [s.name for s in saved],
            t("scenarios.col_updated", lang): [s.updated.replace("T", " ")[:16] for s in saved],
            t("scenarios.col_method", lang): [t(f"method.{s.method}", lang) for s in saved],
            t("scenarios.col_factors", lang): [s.factor_count for s in saved],
            t("scenarios.col_pinned", lang): ["★" if s.pinned else "" for s in saved],
        }
    )


def _actions(pick: str, pinned: bool, lang: str) -> None:
    with st.container(horizontal=True):
        st.button(
            t("scenarios.load", lang), key="scenarios_load", on_click=_do, args=("load", pick)
        )
        if pinned:
            st.button(
                t("scenarios.unpin", lang),
                key="scenarios_unpin",
                on_click=_do,
                args=("unpin", pick),
            )
        else:
            st.button(
                t("scenarios.pin", lang),
                key="scenarios_pin",
                on_click=_do,
                args=("pin", pick),
                help=t("scenarios.pin_help", lang),
            )
        st.button(
            t("scenarios.delete", lang),
            key="scenarios_delete",
            icon=":material/delete:",
            on_click=_set_confirm,
            args=(True,),
        )
    if st.session_state.get(CONFIRM):
        st.warning(t("scenarios.confirm_delete", lang, name=pick))
        with st.container(horizontal=True):
            st.button(
                t("scenarios.confirm_yes", lang),
                key="scenarios_delete_yes",
                type="primary",
                on_click=_do,
                args=("delete", pick),
            )
            st.button(
                t("scenarios.confirm_no", lang),
                key="scenarios_delete_no",
                on_click=_set_confirm,
                args=(False,),
            )
    with st.form("scenarios_rename_form", border=False):
        st.text_input(t("scenarios.new_name", lang), key="scenarios_new_name")
        with st.container(horizontal=True):
            st.form_submit_button(t("scenarios.rename", lang), on_click=_do, args=("rename", pick))
            st.form_submit_button(
                t("scenarios.duplicate", lang), on_click=_do, args=("duplicate", pick)
            )


def saved_list(saved: list[SavedScenario], lang: str) -> None:
    """The saved scenarios as a table, a picker and the actions on the one picked."""
    st.markdown(f"**{t('scenarios.saved', lang, n=len(saved))}**")
    if not saved:
        st.info(t("scenarios.empty", lang), icon="💡")
        return
    st.dataframe(_listing(saved, lang), hide_index=True, width="stretch")
    names = [s.name for s in saved]
    if st.session_state.get("scenarios_pick") not in names:
        st.session_state["scenarios_pick"] = names[0]
    pick = st.selectbox(t("scenarios.pick", lang), names, key="scenarios_pick")
    _actions(pick, next(s.pinned for s in saved if s.name == pick), lang)
