"""AHP & objective weights: pairwise judgements per judge (Saaty 1–9), consistency, combined
judges; entropy and CRITIC weights from the data, blended with the current weights."""

import math
from itertools import combinations

import numpy as np
import pandas as pd
import streamlit as st

from core.ahp import CR_LIMIT, SAATY_SCALE, AhpResult, ahp_weights, combine_judges, random_index
from core.ahp import matrix_from_upper as from_upper
from core.catalog import COST
from core.errors import InputError
from core.normalize import constant_columns
from core.sensitivity import filled_matrix
from core.weights import blend, critic_weights, entropy_weights
from ui import state
from ui.charts_compare import weights_comparison_chart
from ui.shell import page_shell

OPTIONS = SAATY_SCALE[::-1]  # 9 … 1 … 1/9: left = the first factor matters more
DEFAULT_PICK = 6
MAX_FACTORS = 15  # core.ahp's random index stops at 15 criteria


def _snap(v: float) -> float:
    return min(OPTIONS, key=lambda o: abs(math.log(o / v)))


def _get(judgements: dict, x: str, y: str) -> float:
    """a_xy from judgements stored once per unordered pair (keyed in name order)."""
    key = (x, y) if x < y else (y, x)
    v = judgements.get(key, 1.0)
    return _snap(v if key == (x, y) else 1 / v)


def _set(judge: str, x: str, y: str, v: float) -> None:
    key = (x, y) if x < y else (y, x)
    st.session_state[state.AHP_JUDGES][judge][key] = v if key == (x, y) else 1 / v


def _on_pair(judge: str, x: str, y: str, widget: str) -> None:
    _set(judge, x, y, st.session_state[widget])


def _sentence(x: str, y: str, v: float) -> str:
    if math.isclose(v, 1.0):
        return t("ahp.equal_sentence", a=x, b=y)
    if v < 1:
        x, y, v = y, x, 1 / v
    return t("ahp.sentence", a=x, b=y, k=round(v))


def _option(v: float, x: str, y: str) -> str:
    if math.isclose(v, 1.0):
        return t("ahp.equal")
    return f"{round(v)}× {x}" if v > 1 else f"{round(1 / v)}× {y}"


def _matrix(judgements: dict, columns: list[str]) -> np.ndarray:
    pairs = combinations(range(len(columns)), 2)
    return from_upper(
        len(columns), {(i, j): _get(judgements, columns[i], columns[j]) for i, j in pairs}
    )


def _apply(weights: dict[str, float]) -> None:
    top = max(weights.values())
    scaled = {c: 100 * w / top for c, w in weights.items()}  # the largest share → slider 100
    state.set_scenario(state.current_scenario().with_weights(scaled))
    st.session_state["ahp_applied"] = True


def _ahp_shares(columns: list[str], w: np.ndarray) -> dict[str, float]:
    """The chosen factors share their current total by the AHP weights; the others keep theirs."""
    shares = dict(zip(scenario.columns, map(float, scenario.weights), strict=True))
    block = sum(shares[c] for c in columns) or len(columns) / len(shares)
    return {**shares, **{c: block * float(wi) for c, wi in zip(columns, w, strict=True)}}


def _on_add_judge() -> None:
    name = " ".join(st.session_state["ahp_new_judge"].split())
    if name and name not in st.session_state[state.AHP_JUDGES]:
        st.session_state[state.AHP_JUDGES][name] = {}
        st.session_state[state.AHP_ACTIVE] = name
    st.session_state["ahp_new_judge"] = ""


def _on_remove_judge(name: str) -> None:
    del st.session_state[state.AHP_JUDGES][name]
    st.session_state[state.AHP_ACTIVE] = next(iter(st.session_state[state.AHP_JUDGES]))


def _result(result: AhpResult, columns: list[str], judge: str | None) -> None:
    """Consistency metrics, a warning naming the pairs to revise, the weights table."""
    n = len(columns)
    cells = st.columns(4)
    cells[0].metric("λmax", f"{result.lambda_max:.3f}")
    cells[1].metric("CI", f"{result.ci:.3f}")
    cells[2].metric("RI", f"{random_index(n):.2f}")
    cells[3].metric("CR", f"{result.cr:.3f}")
    if result.consistent:
        st.success(t("ahp.consistent", cr=result.cr, limit=CR_LIMIT), icon="✅")
    else:
        advice = [p for p in result.worst_pairs if p.actionable][:3] or result.worst_pairs[:1]
        lines = [
            t(
                "ahp.revise",
                given=_sentence(columns[p.i], columns[p.j], p.given),
                suggested=_sentence(columns[p.i], columns[p.j], p.suggested),
            )
            for p in advice
        ]
        st.warning(t("ahp.inconsistent", cr=result.cr, limit=CR_LIMIT) + "\n\n" + "\n".join(lines))
        if judge is not None and advice[0].actionable:
            p = advice[0]
            st.button(
                t("ahp.use_suggestion", value=_sentence(columns[p.i], columns[p.j], p.suggested)),
                key=f"ahp_fix_{judge}",
                on_click=_set,
                args=(judge, columns[p.i], columns[p.j], p.suggested),
            )


page = page_shell("ahp")
t, scenario = page.t, page.scenario
st.title(t("ahp.title"))
st.caption(t("ahp.intro"))
if st.session_state.pop("ahp_applied", False):
    st.toast(t("ahp.applied"), icon="✅")

# Which factors enter the comparison
columns_now = scenario.columns
chosen = [c for c in st.session_state.get(state.AHP_FACTORS, []) if c in columns_now]
if len(chosen) < 2:
    by_weight = sorted(columns_now, key=lambda c: -scenario.weights[columns_now.index(c)])
    chosen = [c for c in columns_now if c in by_weight[:DEFAULT_PICK]]
st.session_state[state.AHP_FACTORS] = chosen
st.session_state["ahp_factors_pick"] = chosen
st.multiselect(
    t("ahp.factors"),
    columns_now,
    key="ahp_factors_pick",
    max_selections=MAX_FACTORS,
    on_change=lambda: st.session_state.update(
        {state.AHP_FACTORS: [c for c in columns_now if c in st.session_state["ahp_factors_pick"]]}
    ),
    help=t("ahp.factors_help"),
)
st.caption(t("ahp.others_note", n=len(chosen), pairs=len(chosen) * (len(chosen) - 1) // 2))

# Judges
judges = st.session_state.setdefault(state.AHP_JUDGES, {t("ahp.judge_default"): {}})
if st.session_state.get(state.AHP_ACTIVE) not in judges:
    st.session_state[state.AHP_ACTIVE] = next(iter(judges))
judge_col, add_col, remove_col = st.columns([2, 3, 1], vertical_alignment="bottom")
st.session_state["ahp_judge_pick"] = st.session_state[state.AHP_ACTIVE]
judge = judge_col.selectbox(
    t("ahp.judge"),
    list(judges),
    key="ahp_judge_pick",
    on_change=lambda: st.session_state.update(
        {state.AHP_ACTIVE: st.session_state["ahp_judge_pick"]}
    ),
)
with add_col.form("ahp_add_judge", border=False):
    name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    name_col.text_input(
        t("ahp.new_judge"), key="ahp_new_judge", placeholder=t("ahp.new_judge_hint")
    )
    button_col.form_submit_button(t("ahp.add_judge"), on_click=_on_add_judge)
remove_col.button(
    t("ahp.remove_judge"),
    key="ahp_remove_judge",
    on_click=_on_remove_judge,
    args=(judge,),
    disabled=len(judges) < 2,
)

if len(chosen) < 2:
    st.info(t("ahp.need_two"))
    st.stop()

editor, results = st.columns([3, 2], gap="large")
with editor:
    st.subheader(t("ahp.pairs", judge=judge))
    st.caption(t("ahp.scale_help"))
    grid = st.columns(2)
    for k, (x, y) in enumerate(combinations(chosen, 2)):
        key = f"ahp_pair_{x}_{y}"
        st.session_state[key] = _get(judges[judge], x, y)
        with grid[k % 2]:
            value = st.select_slider(
                f"{x} ↔ {y}",
                OPTIONS,
                key=key,
                format_func=lambda v, x=x, y=y: _option(v, x, y),
                on_change=_on_pair,
                args=(judge, x, y, key),
            )
            st.caption(_sentence(x, y, value))

with results:
    try:
        mine = ahp_weights(_matrix(judges[judge], chosen), names=chosen)
        combined = ahp_weights(combine_judges([_matrix(j, chosen) for j in judges.values()]))
    except InputError as exc:
        st.error(t("ahp.error", error=str(exc)), icon="⚠️")
        st.stop()
    st.subheader(t("ahp.result_judge", judge=judge))
    _result(mine, chosen, judge)
    final = mine
    if len(judges) > 1:
        st.subheader(t("ahp.result_combined", n=len(judges)))
        _result(combined, chosen, None)
        final = combined
    applied = _ahp_shares(chosen, final.weights)
    within = scenario.weights[[columns_now.index(c) for c in chosen]]
    table = pd.DataFrame(
        {
            t("ahp.col_factor"): chosen,
            t("ahp.col_current"): within / within.sum() if within.sum() else within,
            t("ahp.col_ahp"): final.weights,
            t("ahp.col_applied"): [applied[c] for c in chosen],
        }
    )
    percent = st.column_config.NumberColumn(format="percent")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={c: percent for c in table.columns[1:]},
    )
    long = table.iloc[:, :3].melt(id_vars=table.columns[0], var_name="source", value_name="share")
    long = long.rename(columns={table.columns[0]: "factor"})
    st.altair_chart(weights_comparison_chart(long, t("ahp.share"), ""), width="stretch")
    st.button(
        t("ahp.apply"),
        key="ahp_apply",
        type="primary",
        on_click=_apply,
        args=(applied,),
        help=t("ahp.apply_help"),
    )

# Objective weights from the data
st.divider()
st.subheader(t("ahp.objective"))
st.caption(t("ahp.objective_intro"))
if page.ranking is None:
    st.info(t("empty.no_ranking"))
    st.stop()
x = filled_matrix(page.ingest.frame, page.ranking)
cost = np.array([f.direction == COST for f in scenario.factors])
try:
    entropy = entropy_weights(x, cost, columns_now)
    critic = critic_weights(x, cost, columns_now)
except InputError as exc:
    st.error(t("ahp.objective_error", error=str(exc)), icon="⚠️")
    st.stop()
flat = [c for c, f in zip(columns_now, constant_columns(x), strict=True) if f]
if flat:
    st.warning(t("ahp.constant", columns=", ".join(flat)))
for warning in critic.warnings[len(flat) :]:
    st.warning(warning)

state.seed_widget("ahp_objective_method", "entropy")
state.seed_widget("ahp_alpha", 0.5)
pick, alpha_col = st.columns(2)
method = pick.radio(
    t("ahp.objective_method"),
    ["entropy", "critic"],
    key="ahp_objective_method",
    format_func=lambda m: t(f"ahp.method.{m}"),
    horizontal=True,
    on_change=state.remember_widget,
    args=("ahp_objective_method",),
)
alpha = alpha_col.slider(
    t("ahp.alpha"),
    0.0,
    1.0,
    step=0.05,
    key="ahp_alpha",
    help=t("ahp.alpha_help"),
    on_change=state.remember_widget,
    args=("ahp_alpha",),
)
objective = entropy.weights if method == "entropy" else critic.weights
blended = blend(scenario.weights, objective, alpha)
sources = {
    t("ahp.col_current"): scenario.weights,
    t("ahp.method.entropy"): entropy.weights,
    t("ahp.method.critic"): critic.weights,
    t("ahp.col_blended"): blended,
}
wide = pd.DataFrame({t("ahp.col_factor"): columns_now, **sources})
chart_col, table_col = st.columns([3, 2], gap="large")
long = wide.melt(id_vars=wide.columns[0], var_name="source", value_name="share")
long = long.rename(columns={wide.columns[0]: "factor"})
chart_col.altair_chart(weights_comparison_chart(long, t("ahp.share"), ""), width="stretch")
table_col.dataframe(
    wide,
    hide_index=True,
    width="stretch",
    height="content",
    column_config={c: st.column_config.NumberColumn(format="percent") for c in sources},
)
table_col.button(
    t("ahp.apply_blend", alpha=alpha),
    key="ahp_apply_blend",
    type="primary",
    on_click=_apply,
    args=(dict(zip(columns_now, map(float, blended), strict=True)),),
)
