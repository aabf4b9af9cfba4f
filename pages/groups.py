"""Groups & strategies page: the tier scheme, the groups at a glance, and a strategy per group."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from core.errors import ScenarioError
from core.explain import source_column
from core.playbook import FIELDS, resolve_playbook, resource_total
from core.scenario import DEFAULT_SHARES, DEFAULT_TIER_LABELS, TIER_SCHEMES
from core.tiers import QUADRANT_LABELS, tier_summary
from ui import state
from ui.charts import pareto_chart, score_distribution_chart, value_potential_chart
from ui.shell import page_shell
from ui.tables import column_for, customer_names

ERROR = "groups_error"
CARDS_PER_ROW = 4

page = page_shell("groups")
st.title(page.t("groups.title"))
st.caption(page.t("groups.caption"))
if page.ranking is None:
    st.info(page.t("empty.no_ranking"))
    st.stop()
ranking, table, spec = page.ranking, page.ranking.table, page.scenario.tiers
numbers = [r.column for r in page.mapping.roles if r.kind == "number"]
revenue = column_for(page.mapping, "monetary")
profit = column_for(page.mapping, "profit")
value_default = revenue or profit or (numbers[0] if numbers else None)
potential_default = column_for(page.mapping, "growth") or column_for(page.mapping, "influence")
potential_default = potential_default or next((c for c in numbers if c != value_default), None)


def apply_tiers(**changes: object) -> None:
    """Put changed tier settings into the scenario; a ScenarioError is shown, not raised."""
    scenario = state.current_scenario()
    try:
        state.set_scenario(replace(scenario, tiers=replace(scenario.tiers, **changes)))
        st.session_state[ERROR] = None
    except ScenarioError as exc:
        st.session_state[ERROR] = page.t("groups.invalid", error=str(exc))


def switch_scheme() -> None:
    scheme, tiers = st.session_state["groups_scheme"], state.current_scenario().tiers
    labels = DEFAULT_TIER_LABELS[page.lang]
    value = tiers.value_column or value_default
    defaults = {
        "share": {"labels": labels, "shares": DEFAULT_SHARES},
        "threshold": {"labels": labels, "thresholds": (70.0, 40.0)},
        "abc": {"labels": ("A", "B", "C"), "cuts": (0.8, 0.95), "value_column": value},
        "quadrant": {
            "labels": QUADRANT_LABELS[page.lang],
            "value_column": value,
            "potential_column": tiers.potential_column or potential_default,
        },
    }[scheme]
    apply_tiers(scheme=scheme, **defaults)


def resize_tiers() -> None:
    n, old = st.session_state["groups_count"], state.current_scenario().tiers.labels
    extra = [page.t("groups.new_label", n=k + 1) for k in range(len(old), n)]
    labels = [*old[:n], *extra]
    apply_tiers(
        labels=tuple(labels),
        shares=tuple([1 / n] * n),
        thresholds=tuple(float(round(100 * (n - 1 - k) / n)) for k in range(n - 1)),
    )


def apply_form(prefix: str) -> None:
    tiers = state.current_scenario().tiers
    n = len(tiers.labels)
    labels = tuple(st.session_state[f"{prefix}_label_{k}"].strip() for k in range(n))
    if tiers.scheme == "share":
        shares = [st.session_state[f"{prefix}_value_{k}"] for k in range(n)]
        if abs(sum(shares) - 100) > 0.01:
            st.session_state[ERROR] = page.t("groups.shares_total", total=sum(shares))
            return
        apply_tiers(labels=labels, shares=tuple(s / 100 for s in shares))
    else:
        cuts = [float(st.session_state[f"{prefix}_value_{k}"]) for k in range(n - 1)]
        if cuts != sorted(cuts, reverse=True):
            st.session_state[ERROR] = page.t("groups.thresholds_order")
            return
        apply_tiers(labels=labels, thresholds=tuple(cuts))


def save_strategy(label: str, prefix: str) -> None:
    scenario = state.current_scenario()
    entry = {f: st.session_state[f"{prefix}_{f}"].strip() for f in FIELDS}
    try:
        resource_total({label: entry})
    except ScenarioError as exc:
        st.session_state[ERROR] = page.t("groups.invalid", error=str(exc))
        return
    st.session_state[ERROR] = None
    state.set_scenario(replace(scenario, playbook={**scenario.playbook, label: entry}))


def reset_strategies() -> None:
    scenario = state.current_scenario()
    kept = {k: v for k, v in scenario.playbook.items() if k not in scenario.tiers.labels}
    for key in [k for k in st.session_state if str(k).startswith("pb_")]:
        del st.session_state[key]
    state.set_scenario(replace(scenario, playbook=kept))


# 1. The scheme
st.subheader(page.t("groups.scheme_title"))
if st.session_state.get(ERROR):
    st.error(st.session_state[ERROR], icon="⚠️")
st.session_state["groups_scheme"] = spec.scheme
st.segmented_control(
    page.t("groups.scheme"),
    TIER_SCHEMES,
    key="groups_scheme",
    format_func=lambda s: page.t(f"groups.scheme_{s}"),
    on_change=switch_scheme,
    required=True,
)
st.caption(page.t(f"groups.help_{spec.scheme}"))
if spec.scheme in ("share", "threshold"):
    st.session_state["groups_count"] = len(spec.labels)
    st.columns(4)[0].number_input(
        page.t("groups.count"), 2, 6, key="groups_count", on_change=resize_tiers
    )
    prefix = f"g_{spec.scheme}_{page.lang}_{len(spec.labels)}"
    with st.form(prefix, border=False):
        columns = st.columns(len(spec.labels))
        for k, (column, label) in enumerate(zip(columns, spec.labels, strict=True)):
            column.text_input(page.t("groups.label", n=k + 1), label, key=f"{prefix}_label_{k}")
            if spec.scheme == "share" or k < len(spec.thresholds):
                share = spec.scheme == "share"
                title = "groups.share" if share else "groups.threshold"
                value = spec.shares[k] * 100 if share else spec.thresholds[k]
                column.number_input(
                    page.t(title, label=label),
                    0.0,
                    100.0,
                    round(float(value), 1),
                    5.0,
                    "%.1f",
                    key=f"{prefix}_value_{k}",
                )
        st.form_submit_button(
            page.t("groups.apply"), on_click=apply_form, args=(prefix,), type="primary"
        )
elif not numbers:
    st.warning(page.t("groups.no_numbers"))
else:
    left, right = st.columns(2)
    st.session_state["groups_value"] = spec.value_column or value_default
    left.selectbox(
        page.t("groups.value_column"),
        numbers,
        key="groups_value",
        on_change=lambda: apply_tiers(value_column=st.session_state["groups_value"]),
    )
    if spec.scheme == "abc":
        st.session_state["groups_cuts"] = tuple(round(c * 100) for c in spec.cuts)
        right.slider(
            page.t("groups.cuts"),
            50,
            99,
            key="groups_cuts",
            on_change=lambda: apply_tiers(
                cuts=tuple(c / 100 for c in st.session_state["groups_cuts"])
            ),
        )
    else:
        st.session_state["groups_potential"] = spec.potential_column or potential_default
        right.selectbox(
            page.t("groups.potential_column"),
            numbers,
            key="groups_potential",
            on_change=lambda: apply_tiers(potential_column=st.session_state["groups_potential"]),
        )

# 2. The groups at a glance
st.subheader(page.t("groups.summary_title"))
summary = tier_summary(table, spec.labels, revenue, profit)
headers = {c: page.t(f"groups.col_{c}") for c in summary.columns if c != "tier"}
percent = st.column_config.NumberColumn(format="percent")
st.dataframe(
    summary.rename(columns={"tier": page.t("col.tier"), **headers}),
    hide_index=True,
    width="stretch",
    column_config={
        **{headers[c]: percent for c in headers if c.endswith("_share")},
        **{
            headers[c]: st.column_config.NumberColumn(format="localized")
            for c in ("revenue", "profit")
            if c in headers
        },
        headers["mean_score"]: st.column_config.NumberColumn(format="%.1f"),
    },
)

left, right = st.columns(2)
pareto_column = spec.value_column if spec.scheme == "abc" and spec.value_column else value_default
with left:
    st.markdown(f"**{page.t('groups.pareto_title')}**")
    if pareto_column:
        values = table[source_column(table, pareto_column)]
        ordered = values.fillna(0).clip(lower=0).sort_values(ascending=False)
        reach = (ordered.cumsum() < 0.8 * ordered.sum()).sum() + 1
        st.caption(
            page.t("groups.pareto_caption", column=pareto_column, top=reach / max(len(ordered), 1))
        )
        cuts = spec.cuts if spec.scheme == "abc" else (0.8, 0.95)
        chart = pareto_chart(
            values,
            cuts,
            page.t("groups.pareto_customers"),
            page.t("groups.pareto_value", column=pareto_column),
        )
        st.altair_chart(chart, width="stretch")
    else:
        st.info(page.t("groups.no_value"))
with right:
    st.markdown(f"**{page.t('groups.distribution_title')}**")
    titles = [page.t(f"groups.axis_{k}") for k in ("score", "count", "tier")]
    st.altair_chart(score_distribution_chart(table, spec.labels, *titles), width="stretch")

st.markdown(f"**{page.t('groups.matrix_title')}**")
x_column = spec.value_column if spec.scheme == "quadrant" else value_default
y_column = spec.potential_column if spec.scheme == "quadrant" else potential_default
if x_column and y_column:
    st.caption(page.t("groups.matrix_caption"))
    points = pd.DataFrame(
        {
            "name": customer_names(ranking, page.mapping, page.lang, page.presentation),
            "value": table[source_column(table, x_column)],
            "potential": table[source_column(table, y_column)],
            "tier": table["tier"],
        }
    ).dropna(subset=["value", "potential"])
    tier_t, name_t = page.t("groups.axis_tier"), page.t("groups.axis_name")
    chart = value_potential_chart(points, spec.labels, x_column, y_column, tier_t, name_t)
    st.altair_chart(chart, width="stretch")
else:
    st.info(page.t("groups.matrix_missing"))

# 3. Strategy per group
st.subheader(page.t("groups.playbook_title"))
st.caption(page.t("groups.playbook_caption"))
playbook = resolve_playbook(page.scenario.playbook, spec.labels, spec.scheme, page.lang)
try:
    total = resource_total(playbook)
    if abs(total - 100) > 0.01:
        st.warning(page.t("groups.resources_total", total=total))
except ScenarioError as exc:
    st.warning(str(exc))
stats = summary.set_index("tier")
for start in range(0, len(spec.labels), CARDS_PER_ROW):
    row = spec.labels[start : start + CARDS_PER_ROW]
    for column, label in zip(st.columns(min(len(spec.labels), CARDS_PER_ROW)), row, strict=False):
        card = column.container(border=True)
        card.markdown(f"### {label}")
        line = page.t(
            "groups.card_stats",
            customers=stats.loc[label, "customers"],
            share=stats.loc[label, "customer_share"],
        )
        if "revenue_share" in stats.columns:
            line += page.t("groups.card_revenue", share=stats.loc[label, "revenue_share"])
        card.caption(line)
        entry = playbook[label]
        if page.presentation:
            card.markdown(
                "\n\n".join(f"**{page.t(f'groups.field_{f}')}**  \n{entry[f]}" for f in FIELDS)
            )
            continue
        prefix = f"pb_{page.lang}_{label}"
        with card.form(f"{prefix}_form", border=False):
            for field in FIELDS:
                st.text_area(
                    page.t(f"groups.field_{field}"),
                    entry[field],
                    key=f"{prefix}_{field}",
                    height=68,
                )
            st.form_submit_button(
                page.t("groups.save"),
                on_click=save_strategy,
                args=(label, prefix),
                key=f"{prefix}_save",
            )
if not page.presentation:
    st.button(page.t("groups.reset"), on_click=reset_strategies)
