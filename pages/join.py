"""Join (participant): enter the room code and a name, set weights with sliders, submit.

No shell: participants see neither the navigation nor the facilitator's sidebar sliders.
"""

import time

import streamlit as st

from core.errors import InputError
from core.rooms import LOOKUP_LIMIT, SUBMIT_WINDOW, escape_markdown, format_code, within_rate
from ui.i18n import factor_label, t
from ui.shell import participant_shell
from ui.workshop_state import LOOKUPS, TOKEN_PREFIX, room_store

POLL_SECONDS = 4

lang = participant_shell("join.title")
st.title(t("join.title", lang))
store = room_store()

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
    st.error(t("join.no_room", lang, error=escape_markdown(str(exc))), icon="⚠️")
    st.stop()

token_key = TOKEN_PREFIX + room.code
token = st.session_state.get(token_key)
status = t("join.open", lang) if room.round_open else t("join.closed", lang)
st.subheader(t("join.room", lang, code=format_code(room.code), round=room.round, status=status))
st.caption(t("join.how", lang))


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
    who = escape_markdown(st.session_state.get(token_key + ".name", ""))
    st.success(t("join.as", lang, name=who), icon="🙋")
else:
    st.text_input(t("join.name", lang), key="join_name", max_chars=40)

st.markdown(f"**{t('join.weights', lang)}**")
values = {}
for i, factor in enumerate(room.scenario.factors):
    arrow = "↓" if factor.direction == "cost" else "↑"
    default = round((mine or {}).get(factor.column, 50))
    key = f"join_w_{room.code}_{room.round}_{i}"
    values[factor.column] = st.slider(
        f"{factor_label(factor.column, lang)} {arrow}", 0, 100, default, key=key
    )
total = sum(values.values()) or 1
st.caption(" · ".join(f"{factor_label(c, lang)} {v / total:.0%}" for c, v in values.items()))

if st.button(
    t("join.update" if mine else "join.submit", lang),
    type="primary",
    disabled=not room.round_open,
    key="join_submit",
):
    try:
        receipt = store.submit(room.code, st.session_state.get("join_name"), values, token=token)
    except InputError as exc:
        st.error(t("join.rejected", lang, error=escape_markdown(str(exc))), icon="⚠️")
    else:
        if receipt.token:
            st.session_state[token_key] = receipt.token
            st.session_state[token_key + ".name"] = receipt.participant
        st.session_state["join_receipt"] = receipt.revision
        st.rerun()
if st.session_state.get("join_receipt") and mine:
    st.info(t("join.stored", lang, revision=st.session_state["join_receipt"]), icon="✅")
if not room.round_open:
    st.warning(t("join.wait", lang), icon="⏸️")
