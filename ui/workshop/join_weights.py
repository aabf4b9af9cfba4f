"""The join page's weight input: a slider per factor, or pairwise comparisons (AHP) whose
priority vector becomes the weights; then the shares and, for AHP, the consistency verdict.

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

from core.method.ahp import CR_LIMIT, ahp_weights
from core.method.ahp_apply import (
    SLIDER_TOP,
    judgement,
    judgement_matrix,
    slider_weights,
    snap_to_scale,
    with_judgement,
)
from core.workshop.rooms import Room
from ui.i18n import factor_label, t
from ui.weights.ahp_editor import MAX_FACTORS, inconsistency_text, pair_slider

SLIDERS, AHP = "sliders", "ahp"
MODE_KEY = "join_mode"
JUDGEMENTS_PREFIX = "join_ahp_"  # + room code → the participant's core.method.ahp_apply judgements
GROUP_ABOVE = 7  # with more factors, the pairs fold into one expander per factor
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
        arrow = "↓" if factor.direction == "cost" else "↑"
        key = f"join_w_{room.code}_{room.round}_{i}"
        values[factor.column] = st.slider(
            f"{factor_label(factor.column, lang)} {arrow}",
            0,
            100,
            round(shown.get(factor.column, 50)),
            key=key,
        )
    return values


def _on_pair(store_key: str, x: str, y: str, widget: str) -> None:
    judged = st.session_state[store_key]
    st.session_state[store_key] = with_judgement(judged, x, y, st.session_state[widget])


def _ahp_input(room: Room, mine: Mapping[str, float] | None, lang: str) -> dict[str, float]:
    columns = room.scenario.columns
    names = [factor_label(c, lang) for c in columns]
    store_key = JUDGEMENTS_PREFIX + room.code
    if store_key not in st.session_state:
        st.session_state[store_key] = judgements_from_weights(mine or {}, columns)
    judged = st.session_state[store_key]
    n = len(columns)
    st.caption(t("join.how_ahp", lang))
    st.caption(t("ahp.scale_help", lang))
    if n > GROUP_ABOVE:
        st.info(t("join.ahp_many", lang, n=n, pairs=n * (n - 1) // 2), icon="🧭")
    for i in range(n - 1):
        if n > GROUP_ABOVE:
            box = st.expander(t("join.ahp_group", lang, factor=names[i], pairs=n - 1 - i))
        else:
            box = st.container()
        with box:
            for j in range(i + 1, n):
                x, y, key = columns[i], columns[j], f"join_pair_{room.code}_{i}_{j}"
                value = judgement(judged, x, y)
                pair_slider(names[i], names[j], value, key, lang, _on_pair, (store_key, x, y, key))
    result = ahp_weights(judgement_matrix(judged, columns), names=names)
    share = t("ahp.share", lang)
    st.dataframe(
        pd.DataFrame({t("ahp.col_factor", lang): names, share: result.weights}),
        hide_index=True,
        height="content",
        column_config={share: st.column_config.ProgressColumn(format="percent", max_value=1.0)},
        key="join_ahp_shares",
    )
    if result.consistent:
        st.success(t("ahp.consistent", lang, cr=result.cr, limit=CR_LIMIT), icon="✅")
    else:
        text = inconsistency_text(result, names, lang)
        st.warning(text + "\n\n" + t("join.ahp_still_submit", lang), icon="⚠️")
    return slider_weights(dict(zip(columns, map(float, result.weights), strict=True)))
