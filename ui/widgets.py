"""Reusable input widgets: widgets that keep their value across page switches, and the
weight sliders drawn in the sidebar and on the Weights page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from core.mapping.catalog import DIMENSIONS
from core.mapping.columns import Mapping, factor_kind
from ui import state
from ui.i18n import dimension_label, direction_arrow, direction_label, factor_label, t
from ui.state import SLIDER_MAX

T = TypeVar("T")


def kept_widget(draw: Callable[..., T], key: str, default: object, *args, **kwargs) -> T:
    """Draw ``draw(*args, **kwargs)`` (e.g. ``st.slider`` or ``column.number_input``) under
    ``key`` so its value survives page switches: seeded with its last value, else
    ``default``, and kept by its on_change callback. Pass no ``value``/``index``."""
    state.seed_widget(key, default)
    return draw(*args, key=key, on_change=state.remember_widget, args=(key,), **kwargs)


def kept_choice(
    draw: Callable[..., T],
    key: str,
    default: object,
    label: str,
    options: Sequence[object],
    **kwargs,
) -> T:
    """:func:`kept_widget` for a pick among ``options`` (selectbox, segmented control …);
    a kept value that is no longer offered falls back to ``default``."""
    state.seed_widget(key, default)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    return kept_widget(draw, key, default, label, options, **kwargs)


def slider_key(location: str, column: str) -> str:
    """The widget key of one factor's slider at one location (sidebar / page)."""
    return f"w_{location}_{column}"


def _kind_of(column: str, mapping: Mapping) -> str:
    """A factor's kind ('date', 'number' …) in ``mapping``, else from its header."""
    role = mapping.role_of(column)
    return role.kind if role else factor_kind(column)


def _dimension_of(column: str, mapping: Mapping) -> str:
    role = mapping.role_of(column)
    return (role.dimension if role and role.dimension else None) or "custom"


def weight_sliders(lang: str, location: str, grouped: bool = False) -> None:
    """One 0–100 slider per factor; each label shows the factor's live share of 100 %.

    The scenario is the source of truth: each slider is seeded from it before it is drawn
    and writes back through its callback, so both locations always agree.
    """
    scenario, mapping = state.current_scenario(), state.current_mapping()
    total = sum(f.weight for f in scenario.factors) or 1.0
    by_dimension: dict[str, list] = {}
    for factor in scenario.factors:
        dimension = _dimension_of(factor.column, mapping) if grouped else ""
        by_dimension.setdefault(dimension, []).append(factor)
    order = [d for d in DIMENSIONS if d in by_dimension] if grouped else [""]
    for dimension in order:
        if grouped:
            share = sum(f.weight for f in by_dimension[dimension]) / total
            st.markdown(f"**{dimension_label(dimension, lang)}** · {share:.0%}")
        for factor in by_dimension[dimension]:
            key = slider_key(location, factor.column)
            value = st.session_state[key] = round(min(factor.weight, SLIDER_MAX))
            name = factor_label(factor.column, lang)
            label = t(
                "weights.slider_label",
                lang,
                factor=name,
                arrow=direction_arrow(factor.direction),
                share=factor.weight / total,
            )
            direction = direction_label(factor.direction, _kind_of(factor.column, mapping), lang)
            st.slider(
                label,
                0,
                SLIDER_MAX,
                value,  # the seeded value: without one, Streamlit scans all session state
                key=key,
                on_change=state.set_weight,
                args=(factor.column, key),
                help=t("weights.slider_help", lang, factor=name, direction=direction),
            )
