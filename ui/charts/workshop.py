"""Workshop charts: the spread of the participants' weights, the rounds, the distances."""

from __future__ import annotations

import io

import altair as alt
import pandas as pd
import segno

# Shares as whole percentages with one decimal only where needed ("12%", "2.5%"): Vega-Lite's
# plain "%" prints six decimals when the axis spans next to nothing ("0.000000%").
PERCENT = ".1~%"
MIN_DISTANCE_AXIS = 0.05  # the distance axis spans at least 0 – 5 %, even when all agree


def spread_chart(shares: pd.DataFrame, share_title: str = "") -> alt.LayerChart:
    """Per ``factor`` a box (quartiles, whiskers to min–max) of ``share`` with one dot per
    ``participant`` on top; factors in the frame's order."""
    order = list(dict.fromkeys(shares["factor"]))
    y = alt.Y("factor:N", sort=order, title=None)
    x = alt.X("share:Q", title=share_title, axis=alt.Axis(format=PERCENT))
    box = alt.Chart(shares).mark_boxplot(extent="min-max", color="#9fbfe3", size=18)
    dots = alt.Chart(shares).mark_circle(size=60, opacity=0.8, color="#1f5fa8")
    return alt.layer(
        box.encode(x=x, y=y),
        dots.encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("participant:N", title=None),
                alt.Tooltip("factor:N", title=None),
                alt.Tooltip("share:Q", format=".1%", title=share_title),
            ],
        ),
    ).properties(height=alt.Step(30))


def history_chart(
    history: pd.DataFrame, spread_title: str = "", round_title: str = ""
) -> alt.Chart:
    """``spread`` (mean std of the shares) by ``round``: how the room converged."""
    return (
        alt.Chart(history)
        .mark_line(point=True, color="#1f5fa8")
        .encode(
            x=alt.X("round:O", title=round_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("spread:Q", title=spread_title, axis=alt.Axis(format=PERCENT)),
            tooltip=[
                alt.Tooltip("round:O", title=round_title),
                alt.Tooltip("participants:Q"),
                alt.Tooltip("spread:Q", format=".1%", title=spread_title),
                alt.Tooltip("kendall_w:Q", format=".2f", title="W"),
            ],
        )
        .properties(height=220)
    )


def distance_chart(distances: pd.DataFrame, distance_title: str = "") -> alt.Chart:
    """One bar per ``participant``: ``distance`` from the consensus, farthest first, on an
    axis from 0 to at least :data:`MIN_DISTANCE_AXIS`."""
    top = float(distances["distance"].max()) if len(distances) else 0.0
    return (
        alt.Chart(distances)
        .mark_bar(color="#e07b39", cornerRadiusEnd=3)
        .encode(
            x=alt.X(
                "distance:Q",
                title=distance_title,
                axis=alt.Axis(format=PERCENT),
                scale=alt.Scale(domain=[0, max(MIN_DISTANCE_AXIS, top)]),
            ),
            y=alt.Y("participant:N", sort="-x", title=None),
            tooltip=[
                alt.Tooltip("participant:N", title=None),
                alt.Tooltip("distance:Q", format=".1%", title=distance_title),
                alt.Tooltip("tau:Q", format=".2f", title="τ"),
            ],
        )
        .properties(height=alt.Step(24))
    )


def qr_png(url: str, scale: int = 8) -> bytes:
    """The join link as a QR code (PNG, error correction M, dark on white)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
