"""The join page's weight input: a slider per factor, or pairwise comparisons (AHP) whose
priority vector becomes the weights; then the shares and, for AHP, the consistency verdict.

AHP asks a short set, each factor against one reference (n − 1 pairs for n factors), and
completes the other pairs from it (Harker's method, :mod:`core.method.ahp_incomplete`);
"answer more" adds the most informative pairs next, and once the answers close a cycle the
consistency ratio is shown.

Both give weights on the sliders' 0–100 scale (AHP: the largest share at 100), the mapping
the room store takes. The AHP judgements live in the session per room; the first time they
start from the participant's stored weights (each ratio snapped to Saaty's scale), so
switching modes or reloading the page does not start from scratch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

import pandas as pd
import streamlit as st

from core.mapping.columns import factor_kind
from core.method.ahp import CR_LIMIT
from core.method.ahp_apply import (
    SLIDER_TOP,
    asked_judgements,
    judgement,
    pair_key,
    slider_weights,
    snap_to_scale,
    with_judgement,
)
from core.method.ahp_incomplete import has_cycle, incomplete_ahp, next_pairs
from core.workshop.rooms import Room
from ui.i18n import direction_label, escape_markdown, factor_label, t, t_plain
from ui.weights.ahp_editor import MAX_FACTORS, inconsistency_text, pair_slider

SLIDERS, AHP = "sliders", "ahp"
MODE_KEY = "join_mode"
JUDGEMENTS_PREFIX = "join_ahp_"  # + room code → the participant's core.method.ahp_apply judgements
REFERENCE_PREFIX = "join_ahp_ref_"  # + room code → the factor every other is compared with
MORE_PREFIX = "join_ahp_more_"  # + room code → the pairs asked beyond the short set
MORE_AT_ONCE = 3  # pairs added by one "answer more"
_TINY = 1e-9  # keeps a ratio with a zero weight finite (it snaps to 9 or 1/9)


def judgements_from_weights(weights: Mapping[str, float], columns: Sequence[str]) -> dict:
    """Judgements whose every ratio is ``w_x / w_y`` snapped to Saaty's scale (all equal
    without weights)."""
    judged: dict = {}
    for x, y in combinations(columns, 2):
        ratio = (weights.get(x, 1.0) + _TINY) / (weights.get(y, 1.0) + _TINY)
        judged = with_judgement(judged, x, y, snap_to_scale(ratio))
    return judged


def shares_line(values: Mapping[str, float], lang: str) -> str:
    """'revenue 40% · profit 20% · …': each factor's share of the total."""
    total = sum(values.values()) or 1
    return " · ".join(f"{factor_label(c, lang)} {v / total:.0%}" for c, v in values.items())


def weights_input(room: Room, mine: Mapping[str, float] | None, lang: str) -> dict[str, float]:
    """The mode choice (AHP only for 2 to 15 factors), its inputs, the shares and verdict."""
    mode = SLIDERS
    if 2 <= len(room.scenario.factors) <= MAX_FACTORS:
        mode = st.segmented_control(
            t("join.mode", lang),
            (SLIDERS, AHP),
            default=SLIDERS,
            key=MODE_KEY,
            format_func=lambda m: t(f"join.mode.{m}", lang),
            required=True,
        )
    if mode == AHP:
        return _ahp_input(room, mine, lang)
    st.caption(t("join.how", lang))
    values = _slider_input(room, mine, lang)
    st.caption(shares_line(values, lang))
    return values


def _slider_input(room: Room, mine: Mapping[str, float] | None, lang: str) -> dict[str, float]:
    shown = dict(mine or {})
    if shown and max(shown.values()) > SLIDER_TOP:  # weights given elsewhere on a larger scale
        shown = slider_weights(shown)
    values = {}
    for i, factor in enumerate(room.scenario.factors):
        direction = direction_label(factor.direction, factor_kind(factor.column), lang)
        key = f"join_w_{room.code}_{room.round}_{i}"
        values[factor.column] = st.slider(
            escape_markdown(f"{factor_label(factor.column, lang)} {direction}"),
            0,
            100,
            round(shown.get(factor.column, 50)),
            key=key,
        )
    return values


def _on_pair(store_key: str, x: str, y: str, widget: str) -> None:
    judged = st.session_state[store_key]
    st.session_state[store_key] = with_judgement(judged, x, y, st.session_state[widget])


def _on_more(code: str, added: Mapping[tuple[str, str], float]) -> None:
    """Ask the ``added`` pairs, each starting at the ratio the answers so far imply."""
    more_key, store_key = MORE_PREFIX + code, JUDGEMENTS_PREFIX + code
    st.session_state[more_key] = [*st.session_state.get(more_key, []), *added]
    for (x, y), implied in added.items():
        judged = st.session_state[store_key]
        st.session_state[store_key] = with_judgement(judged, x, y, snap_to_scale(implied))


def _on_fewer(more_key: str) -> None:
    st.session_state.pop(more_key, None)


def asked_pairs(
    columns: Sequence[str], reference: str, more: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The pairs on the page: each other factor against ``reference``, then the extra pairs
    asked for (those not already among them)."""
    star = [(reference, c) for c in columns if c != reference]
    seen = {pair_key(x, y) for x, y in star}
    return star + [(x, y) for x, y in more if pair_key(x, y) not in seen]


def _ahp_input(room: Room, mine: Mapping[str, float] | None, lang: str) -> dict[str, float]:
    """A short set of pairs (each factor against a reference), completed by Harker's method;
    more pairs on request, and the consistency verdict once the answers close a cycle."""
    columns = room.scenario.columns
    names = [factor_label(c, lang) for c in columns]
    n = len(columns)
    store_key = JUDGEMENTS_PREFIX + room.code
    more_key = MORE_PREFIX + room.code
    if store_key not in st.session_state:
        st.session_state[store_key] = judgements_from_weights(mine or {}, columns)
    st.caption(t("join.how_ahp", lang))
    reference = st.selectbox(
        t("join.ahp_reference", lang),
        columns,
        key=REFERENCE_PREFIX + room.code,
        format_func=lambda c: factor_label(c, lang),
    )
    asked = asked_pairs(columns, reference, st.session_state.get(more_key, []))
    st.caption(
        t(
            "join.ahp_short",
            lang,
            count=n - 1,
            reference=factor_label(reference, lang),
            rest=n * (n - 1) // 2 - (n - 1),
        )
    )
    st.caption(t("ahp.scale_help", lang))
    judged = st.session_state[store_key]
    for x, y in asked:
        i, j = columns.index(x), columns.index(y)
        key = f"join_pair_{room.code}_{i}_{j}"
        value = judgement(judged, x, y)
        pair_slider(names[i], names[j], value, key, lang, _on_pair, (store_key, x, y, key))
    index_pairs = [(columns.index(x), columns.index(y)) for x, y in asked]
    result = incomplete_ahp(n, asked_judgements(judged, columns, asked))
    total = n * (n - 1) // 2
    st.caption(t("join.ahp_answered", lang, answered=len(asked), pairs=total))
    st.space("small")  # room for the table's toolbar, which floats over what comes before
    share = t_plain("ahp.share", lang)
    st.dataframe(
        pd.DataFrame({t_plain("ahp.col_factor", lang): names, share: result.weights}),
        hide_index=True,
        height="content",
        column_config={share: st.column_config.ProgressColumn(format="percent", max_value=1.0)},
        key="join_ahp_shares",
    )
    if not has_cycle(n, index_pairs):
        st.info(t("join.ahp_unchecked", lang), icon="🔁")
    elif result.consistent:
        st.success(t("ahp.consistent", lang, cr=result.cr, limit=CR_LIMIT), icon="✅")
    else:
        text = inconsistency_text(result, names, lang)
        st.warning(text + "\n\n" + t("join.ahp_still_submit", lang), icon="⚠️")
    _more_buttons(room.code, columns, index_pairs, result.weights, lang)
    return slider_weights(dict(zip(columns, map(float, result.weights), strict=True)))


def _more_buttons(
    code: str, columns: Sequence[str], asked: list[tuple[int, int]], weights, lang: str
) -> None:
    """'Answer k more' (the most informative pairs next, each starting at the ratio of the
    current weights, so an untouched one changes nothing) and, once some are added, 'back to
    the short set'."""
    more_key = MORE_PREFIX + code
    added = {
        (columns[i], columns[j]): weights[i] / weights[j]
        for i, j in next_pairs(len(columns), asked, list(weights), MORE_AT_ONCE)
    }
    left, right = st.columns(2)
    if added:
        left.button(
            t("join.ahp_more", lang, count=len(added)),
            key="join_ahp_more",
            on_click=_on_more,
            args=(code, added),
            width="stretch",
        )
    if st.session_state.get(more_key):
        right.button(
            t("join.ahp_fewer", lang),
            key="join_ahp_fewer",
            on_click=_on_fewer,
            args=(more_key,),
            width="stretch",
        )
