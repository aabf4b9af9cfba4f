"""Shared parts of the Altair charts: the palette, the tier colour scale, and the builders of the
two shapes several charts share (a scatter cut by median lines, grouped bars). The chart
functions in ``ui/charts*.py`` call these with their own fields, titles and colours."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

TIER_COLORS = ("#1f5fa8", "#2e9e6a", "#e0a21b", "#c2452d", "#7b5ea7", "#6b7785")
POSITIVE = "#1f5fa8"
ACCENT = "#c2452d"  # the current value, a move down
MEDIAN_COLOR = "#6b7785"
LABEL_LIMIT = 260  # px: long bilingual factor labels ("逾期天数 · 信用风险") stay readable


def tier_scale(labels: Sequence[str]) -> alt.Scale:
    """The same colour per tier position on every chart."""
    colors = [TIER_COLORS[k % len(TIER_COLORS)] for k in range(len(labels))]
    return alt.Scale(domain=list(labels), range=colors)


def tier_color(field: str, title: str, labels: Sequence[str]) -> alt.Color:
    """Colour by a tier-like nominal ``field``, legend in the order of ``labels``."""
    return alt.Color(f"{field}:N", title=title, scale=tier_scale(labels), sort=list(labels))


def median_scatter(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    group: str,
    labels: Sequence[str],
    titles: Mapping[str, str],
    log_x: bool = False,
) -> alt.LayerChart:
    """One dot per row of ``frame`` (``x``, ``y``, coloured by ``group``, named by ``name``) and
    dashed lines at the medians of ``x`` and ``y``.

    ``titles`` maps each of the four fields to its shown title. With ``log_x`` the x axis is
    logarithmic, so rows with ``x`` ≤ 0 cannot be placed and are left out of the dots; the
    medians are always of every row.
    """
    points = (
        alt.Chart(frame[frame[x] > 0] if log_x else frame)
        .mark_circle(size=45, opacity=0.75)
        .encode(
            x=alt.X(
                f"{x}:Q", title=titles[x], scale=alt.Scale(type="log") if log_x else alt.Undefined
            ),
            y=alt.Y(f"{y}:Q", title=titles[y]),
            color=tier_color(group, titles[group], labels),
            tooltip=[
                alt.Tooltip("name:N", title=titles["name"]),
                alt.Tooltip(f"{group}:N", title=titles[group]),
                alt.Tooltip(f"{x}:Q", title=titles[x], format=",.0f"),
                alt.Tooltip(f"{y}:Q", title=titles[y], format=",.2f"),
            ],
        )
    )
    medians = pd.DataFrame({x: [frame[x].median()], y: [frame[y].median()]})
    rule = alt.Chart(medians).mark_rule(strokeDash=[4, 4], color=MEDIAN_COLOR)
    return alt.layer(points, rule.encode(x=f"{x}:Q"), rule.encode(y=f"{y}:Q"))


def stack_measures(
    frame: pd.DataFrame,
    key: str,
    measures: Mapping[str, str],
    value: str,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """Wide to long for :func:`grouped_bars`: per measure (title → column of ``frame``) one row
    per row of ``frame``, with ``key``, ``measure`` (the title), ``value`` and the ``keep``
    columns, measure after measure."""
    parts = [
        pd.DataFrame(
            {key: frame[key], "measure": title, value: frame[column], **{c: frame[c] for c in keep}}
        )
        for title, column in measures.items()
    ]
    return pd.concat(parts, ignore_index=True)


def grouped_bars(
    long: pd.DataFrame,
    *,
    category: str,
    group: str,
    value: str,
    categories: Sequence[str],
    groups: Sequence[str],
    colors: Sequence[str],
    tooltip: Sequence[alt.Tooltip],
    step: int,
    value_title: str | None = None,
    category_title: str | None = None,
    group_title: str | None = None,
    percent: bool = True,
    legend_orient: str = "bottom",
) -> alt.Chart:
    """Horizontal bars of ``value``: one row per ``category`` (in the order of ``categories``),
    within it one bar per ``group`` (in the order of ``groups``, coloured by ``colors`` in
    turn). ``step`` is the height of one bar; ``percent`` formats the value axis as %."""
    palette = [colors[k % len(colors)] for k in range(len(groups))]
    return (
        alt.Chart(long)
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            x=alt.X(
                f"{value}:Q",
                title=value_title,
                axis=alt.Axis(format="%") if percent else alt.Undefined,
            ),
            y=alt.Y(
                f"{category}:N",
                title=category_title,
                sort=list(categories),
                axis=alt.Axis(labelLimit=LABEL_LIMIT),
            ),
            yOffset=alt.YOffset(f"{group}:N", sort=list(groups)),
            color=alt.Color(
                f"{group}:N",
                title=group_title,
                sort=list(groups),
                scale=alt.Scale(domain=list(groups), range=palette),
                legend=alt.Legend(orient=legend_orient, labelLimit=LABEL_LIMIT),
            ),
            tooltip=list(tooltip),
        )
        .properties(height=alt.Step(step))
    )


PROJECTOR_TEXT = 20  # px: axis labels, legend entries, chart text read from the back of a room
PROJECTOR_TITLE = 24  # px: axis, legend and chart titles


def for_projector(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """``chart`` with the one shared presentation-mode text config: every axis, legend and
    header at :data:`PROJECTOR_TEXT` px, titles at :data:`PROJECTOR_TITLE` px, labels allowed
    wider so the larger text is not cut short. Text marks keep their size (labels inside heatmap
    cells would outgrow their cells)."""
    text, title = PROJECTOR_TEXT, PROJECTOR_TITLE
    return (
        chart.configure_axis(labelFontSize=text, titleFontSize=title, labelLimit=2 * LABEL_LIMIT)
        .configure_legend(labelFontSize=text, titleFontSize=title, labelLimit=2 * LABEL_LIMIT)
        .configure_header(labelFontSize=text, titleFontSize=title)
        .configure_title(fontSize=title)
    )
