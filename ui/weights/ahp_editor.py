"""The AHP editor: which factors to compare, the judges, one Saaty slider per pair, and the
consistency verdict with the pairs to revise. The AHP page's judgements live in session state
under ``state.AHP_JUDGES`` (judge → core.method.ahp_apply judgements), so they survive page
switches; the join page reuses the pair slider and the verdict text with its own judgements."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

import streamlit as st

from core.method.ahp import CR_LIMIT, SAATY_SCALE, AhpResult, PairAdvice, random_index
from core.method.ahp_apply import judgement, slider_weights, with_judgement
from core.method.scenario import Scenario
from ui import state
from ui.i18n import escape_markdown, factor_label, factor_labels, t

OPTIONS = SAATY_SCALE[::-1]  # 9 … 1 … 1/9: left = the first factor matters more
DEFAULT_PICK = 6
MAX_FACTORS = 15  # core.method.ahp's random index stops at 15 criteria
ADVICE_SHOWN = 3
APPLIED = "ahp_applied"  # set by an apply button, read (and cleared) by the next draw


def _spaced(name: str, lang: str, first: bool = False) -> str:
    """A factor name set into a Chinese sentence: a space where it meets the Chinese text with
    a Latin letter or a digit (销售额比 NPS 重要 3 倍), as the Chinese catalogue writes them;
    the ``first`` word of the sentence needs none before it."""
    if lang != "zh" or not name:
        return name
    before = " " if not first and name[0].isascii() and name[0].isalnum() else ""
    after = " " if name[-1].isascii() and name[-1].isalnum() else ""
    return f"{before}{name}{after}"


def sentence(x: str, y: str, value: float, lang: str) -> str:
    """A judgement in words: "x is 5× as important as y" (or the equal sentence)."""
    if math.isclose(value, 1.0):
        return t("ahp.equal_sentence", lang, a=_spaced(x, lang, first=True), b=_spaced(y, lang))
    if value < 1:
        x, y, value = y, x, 1 / value
    a, b = _spaced(x, lang, first=True), _spaced(y, lang)
    return t("ahp.sentence", lang, a=a, b=b, k=round(value))


def _option(value: float, x: str, y: str, lang: str) -> str:
    if math.isclose(value, 1.0):
        return t("ahp.equal", lang)
    shown = escape_markdown(x if value > 1 else y)  # select-slider options render Markdown
    return f"{round(value if value > 1 else 1 / value)}× {shown}"


def _set_pair(judge: str, x: str, y: str, value: float) -> None:
    judges = st.session_state[state.AHP_JUDGES]
    judges[judge] = with_judgement(judges[judge], x, y, value)


def _on_pair(judge: str, x: str, y: str, widget: str) -> None:
    _set_pair(judge, x, y, st.session_state[widget])


def apply_shares(shares: Mapping[str, float]) -> None:
    """Button callback: the shares become the scenario's weights (the largest at 100)."""
    state.set_scenario(state.current_scenario().with_weights(slider_weights(shares)))
    st.session_state[APPLIED] = True


def _on_factors(columns: Sequence[str]) -> None:
    picked = st.session_state["ahp_factors_pick"]
    st.session_state[state.AHP_FACTORS] = [c for c in columns if c in picked]


def factor_picker(scenario: Scenario, lang: str) -> list[str]:
    """The factors to compare: the user's pick, else the largest-weight six (scenario order)."""
    columns = scenario.columns
    chosen = [c for c in st.session_state.get(state.AHP_FACTORS, []) if c in columns]
    if len(chosen) < 2:
        by_weight = sorted(columns, key=lambda c: -scenario.weights[columns.index(c)])
        chosen = [c for c in columns if c in by_weight[:DEFAULT_PICK]]
    st.session_state[state.AHP_FACTORS] = chosen
    st.session_state["ahp_factors_pick"] = chosen
    st.multiselect(
        t("ahp.factors", lang),
        columns,
        key="ahp_factors_pick",
        max_selections=MAX_FACTORS,
        format_func=lambda c: factor_label(c, lang),
        on_change=_on_factors,
        args=(columns,),
        help=t("ahp.factors_help", lang),
    )
    pairs = len(chosen) * (len(chosen) - 1) // 2
    st.caption(t("ahp.others_note", lang, n=len(chosen), pairs=pairs))
    return chosen


def _on_add_judge() -> None:
    name = " ".join(st.session_state["ahp_new_judge"].split())
    if name and name not in st.session_state[state.AHP_JUDGES]:
        st.session_state[state.AHP_JUDGES][name] = {}
        st.session_state[state.AHP_ACTIVE] = name
    st.session_state["ahp_new_judge"] = ""


def _on_remove_judge(name: str) -> None:
    del st.session_state[state.AHP_JUDGES][name]
    st.session_state[state.AHP_ACTIVE] = next(iter(st.session_state[state.AHP_JUDGES]))


def _on_pick_judge() -> None:
    st.session_state[state.AHP_ACTIVE] = st.session_state["ahp_judge_pick"]


def judge_bar(lang: str) -> tuple[dict, str]:
    """Pick, add or remove a judge; returns every judge's judgements and the active judge."""
    judges = st.session_state.setdefault(state.AHP_JUDGES, {t("ahp.judge_default", lang): {}})
    if st.session_state.get(state.AHP_ACTIVE) not in judges:
        st.session_state[state.AHP_ACTIVE] = next(iter(judges))
    pick_col, add_col, remove_col = st.columns([2, 3, 1], vertical_alignment="bottom")
    st.session_state["ahp_judge_pick"] = st.session_state[state.AHP_ACTIVE]
    judge = pick_col.selectbox(
        t("ahp.judge_prefix", lang), list(judges), key="ahp_judge_pick", on_change=_on_pick_judge
    )
    with add_col.form("ahp_add_judge", border=False):
        name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        name_col.text_input(
            t("ahp.new_judge", lang), key="ahp_new_judge", placeholder=t("ahp.new_judge_hint", lang)
        )
        button_col.form_submit_button(t("ahp.add_judge", lang), on_click=_on_add_judge)
    remove_col.button(
        t("ahp.remove_judge", lang),
        key="ahp_remove_judge",
        on_click=_on_remove_judge,
        args=(judge,),
        disabled=len(judges) < 2,
    )
    return judges, judge


def pair_slider(
    x: str, y: str, value: float, key: str, lang: str, on_change: Callable, args: tuple
) -> float:
    """A Saaty slider for the pair (x, y) showing ``value`` (left: x matters more), with the
    judgement in words below; ``on_change(*args)`` stores a move (the slider holds no state
    of its own, so ``value`` always wins)."""
    st.session_state[key] = value
    picked = st.select_slider(
        f"{x} ↔ {y}",
        OPTIONS,
        key=key,
        format_func=lambda v: _option(v, x, y, lang),
        on_change=on_change,
        args=args,
    )
    st.caption(sentence(x, y, picked, lang))
    return picked


def pair_sliders(judgements: Mapping, judge: str, chosen: Sequence[str], lang: str) -> None:
    """One slider per pair in two columns, each with its judgement in words below."""
    grid = st.columns(2)
    names = factor_labels(chosen, lang)
    for k, (x, y) in enumerate(combinations(chosen, 2)):
        key = f"ahp_pair_{x}_{y}"
        value = judgement(judgements, x, y)
        with grid[k % 2]:
            pair_slider(names[x], names[y], value, key, lang, _on_pair, (judge, x, y, key))


def revise_advice(result: AhpResult) -> list[PairAdvice]:
    """The judgements to revisit first: up to ADVICE_SHOWN with a different suggestion, else
    the worst one."""
    actionable = [p for p in result.worst_pairs if p.actionable][:ADVICE_SHOWN]
    return actionable or list(result.worst_pairs[:1])


def inconsistency_text(result: AhpResult, names: Sequence[str], lang: str) -> str:
    """The CR verdict of inconsistent judgements and, in words, the pairs to revisit."""
    lines = [
        t(
            "ahp.revise",
            lang,
            given=sentence(names[p.i], names[p.j], p.given, lang),
            suggested=sentence(names[p.i], names[p.j], p.suggested, lang),
        )
        for p in revise_advice(result)
    ]
    head = t("ahp.inconsistent", lang, cr=result.cr, limit=CR_LIMIT)
    return head + "\n\n" + "\n".join(lines)


def consistency(result: AhpResult, columns: Sequence[str], judge: str | None, lang: str) -> None:
    """λmax, CI, RI, CR; when inconsistent, the pairs to revise and (for one judge) a button
    that takes the first suggestion."""
    # Two by two: four key figures side by side in the narrow result column were cut to "6.…".
    cells = [*st.columns(2), *st.columns(2)]
    cells[0].metric("λmax", f"{result.lambda_max:.3f}")
    cells[1].metric("CI", f"{result.ci:.3f}")
    cells[2].metric("RI", f"{random_index(len(columns)):.2f}")
    cells[3].metric("CR", f"{result.cr:.3f}")
    if result.consistent:
        st.success(t("ahp.consistent", lang, cr=result.cr, limit=CR_LIMIT), icon="✅")
        return
    names = factor_labels(columns, lang)
    st.warning(inconsistency_text(result, [names[c] for c in columns], lang))
    advice = revise_advice(result)
    first = advice[0] if advice else None
    if judge is not None and first is not None and first.actionable:
        x, y = columns[first.i], columns[first.j]
        suggested = sentence(names[x], names[y], first.suggested, lang)
        st.button(
            t("ahp.use_suggestion", lang, value=suggested),
            key=f"ahp_fix_{judge}",
            on_click=_set_pair,
            args=(judge, x, y, first.suggested),
        )
