"""The client report's charts: Altair specs drawn by vl-convert (no browser) as inline SVG
for the HTML report or as PNG for slides and print.

One function per chart (a DataFrame and translated titles in, an ``alt.Chart`` out),
:class:`ReportChart` to name one, and :func:`chart_svg` / :func:`chart_png` to draw one.
vl-convert measures and draws text with the fonts it knows, so a CJK font folder is found in
the usual places and registered once per process; without one the charts still render
(Chinese labels may be spaced wrongly or missing) and :func:`cjk_font_dir` returns None.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import altair as alt
import pandas as pd

from core.report.palette import factor_domain

# The app's tier colours (ui/charts/ranking.py), so a report looks like the screen it came from.
TIER_COLORS = ("#1f5fa8", "#2e9e6a", "#e0a21b", "#c2452d", "#7b5ea7", "#6b7785")
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
WIDTH = 520
PNG_SCALE = 2  # twice the pixels: sharp on a projector and in print
FONT_FOLDERS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local" / "share" / "fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
# File-name stems (lower case, no "-" or "_") of common fonts that cover Chinese.
CJK_FONT_HINTS = (
    "notosanscjk",
    "notoserifcjk",
    "notosanssc",
    "sourcehansans",
    "wqy",
    "msyh",
    "simhei",
    "simsun",
    "pingfang",
    "droidsansfallback",
)
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def find_cjk_font_dir(folders: Iterable[Path] = FONT_FOLDERS) -> Path | None:
    """The first folder (searched recursively) holding a font file that covers Chinese."""
    for folder in folders:
        try:
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                name = path.name.lower().replace("-", "").replace("_", "")
                if path.suffix.lower() in _FONT_SUFFIXES and name.startswith(CJK_FONT_HINTS):
                    return path.parent
        except OSError:
            continue  # an unreadable folder is not an error of the report
    return None


def vl_convert() -> ModuleType | None:
    """The vl-convert module, or None when it is not installed."""
    try:
        return importlib.import_module("vl_convert")
    except ImportError:
        return None


@functools.cache
def cjk_font_dir() -> Path | None:
    """Find and register a CJK font folder with vl-convert, once per process."""
    module, folder = vl_convert(), find_cjk_font_dir()
    if module is not None and folder is not None:
        module.register_font_directory(str(folder))
    return folder


def chart_svg(chart: alt.TopLevelMixin, prefix: str = "c") -> str | None:
    """The chart as an SVG string (no external data is fetched), or None without vl-convert.

    Element ids get ``prefix`` so several SVGs can live in one HTML page.
    """
    module = vl_convert()
    if module is None:
        return None
    cjk_font_dir()
    svg = module.vegalite_to_svg(chart.to_dict(), allowed_base_urls=[])
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    return re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)


@dataclass(frozen=True)
class ReportChart:
    """One chart of the report and the ASCII file stem that says what it is (``01-weights``)."""

    stem: str
    chart: alt.TopLevelMixin


def chart_png(chart: alt.TopLevelMixin, scale: float = PNG_SCALE) -> bytes | None:
    """The chart as PNG bytes (no external data is fetched), or None without vl-convert.

    The CJK font folder is registered first, so Chinese labels are drawn with it.
    """
    module = vl_convert()
    if module is None:
        return None
    cjk_font_dir()
    return module.vegalite_to_png(chart.to_dict(), scale=scale, allowed_base_urls=[])


def _styled(chart: alt.TopLevelMixin, title: str) -> alt.TopLevelMixin:
    return (
        chart.properties(title=title, width=WIDTH)
        .configure(font=FONT)
        .configure_view(stroke=None)
        .configure_title(anchor="start", fontSize=14)
    )


def weights_chart(frame: pd.DataFrame, title: str, weight_title: str) -> alt.Chart:
    """Horizontal bars of ``weight`` (a fraction) per ``factor``, in the frame's order."""
    bars = (
        alt.Chart(frame[["factor", "weight"]])
        .mark_bar(color=TIER_COLORS[0])
        .encode(
            x=alt.X("weight:Q", title=weight_title, axis=alt.Axis(format="%")),
            y=alt.Y("factor:N", title=None, sort=None, axis=alt.Axis(labelLimit=240)),
        )
    )
    return _styled(bars.properties(height=alt.Step(24)), title)


def tier_chart(
    frame: pd.DataFrame, labels: Sequence[str], title: str, count_title: str
) -> alt.Chart:
    """Bars of ``customers`` per ``tier``, coloured as in the app, tiers in ``labels`` order."""
    scale = alt.Scale(
        domain=list(labels), range=[TIER_COLORS[k % len(TIER_COLORS)] for k in range(len(labels))]
    )
    bars = (
        alt.Chart(frame[["tier", "customers"]])
        .mark_bar()
        .encode(
            x=alt.X("customers:Q", title=count_title),
            y=alt.Y("tier:N", title=None, sort=list(labels)),
            color=alt.Color("tier:N", scale=scale, legend=None),
        )
    )
    text = bars.mark_text(align="left", dx=4, color="#333").encode(
        text="customers:Q", color=alt.value("#333")
    )
    return _styled(alt.layer(bars, text).properties(height=alt.Step(28)), title)


def contribution_chart(
    frame: pd.DataFrame, customers: Sequence[str], title: str, points_title: str
) -> alt.Chart:
    """Stacked bars: score ``points`` per ``factor`` for each ``customer`` (``customers`` gives
    the order, best first); the bar lengths are the scores. Factors (in the frame's order,
    the scenario's) take their colours from core.report.palette, one each."""
    factors = list(dict.fromkeys(frame["factor"]))
    domain, colors = factor_domain(factors)
    data = frame[["customer", "factor", "points"]].assign(
        order=pd.factorize(frame["factor"])[0]  # stack factors in their scenario order
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("sum(points):Q", title=points_title),
            y=alt.Y("customer:N", title=None, sort=list(customers)),
            color=alt.Color(
                "factor:N",
                title=None,
                sort=None,
                scale=alt.Scale(domain=domain, range=colors),
                legend=alt.Legend(orient="bottom", columns=3, labelLimit=200),
            ),
            order=alt.Order("order:Q"),
        )
    )
    return _styled(bars.properties(height=alt.Step(20)), title)
