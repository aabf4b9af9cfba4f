"""The client report's charts as PNG files, for slides and print.

The same charts as the HTML report (core.report.figures.report_charts: titles in the report's
language, aliases when anonymised), drawn by vl-convert at twice the pixels. They come as
file name → PNG bytes, packed into a zip for a download or written into a folder by the CLI.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from core.errors import InputError
from core.i18n import msg
from core.method.ranking import Ranking
from core.report.charts import PNG_SCALE, chart_png, vl_convert
from core.report.figures import report_charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NO_RENDERER = (
    "the PNG charts need vl-convert, which is not installed; install it with "
    "'pip install vl-convert-python' (the HTML report works without it, with no charts)"
)


class ChartRenderError(InputError):
    """The charts cannot be drawn here (vl-convert is missing)."""


def chart_pngs(
    ranking: Ranking, lang: str = "zh", anonymize: bool = False, scale: float = PNG_SCALE
) -> dict[str, bytes]:
    """``01-factor-weights.png`` … → PNG bytes, in the report's order.

    Raises ChartRenderError when vl-convert is not installed.
    """
    if vl_convert() is None:
        raise ChartRenderError(NO_RENDERER)
    pngs = {}
    for chart in report_charts(ranking, lang, anonymize):
        png = chart_png(chart.chart, scale)
        if png is None:  # vl-convert vanished between the check and the drawing
            raise ChartRenderError(NO_RENDERER)
        pngs[f"{chart.stem}.png"] = png
    return pngs


def charts_zip(pngs: Mapping[str, bytes]) -> bytes:
    """The PNG files in one zip (stored, not compressed: PNG is compressed already)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, png in pngs.items():
            archive.writestr(name, png)
    return buffer.getvalue()


def write_charts(pngs: Mapping[str, bytes], folder: Path) -> list[Path]:
    """Write the PNG files into ``folder`` (created with its parents); the paths written.

    Raises InputError naming the folder when it cannot be created or written.
    """
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, png in pngs.items():
            path = folder / name
            path.write_bytes(png)
            written.append(path)
    except OSError as exc:
        raise InputError(
            msg(
                "report.cannot_write_charts",
                folder=str(folder),
                detail=exc.strerror or exc,
            )
        ) from None
    return written
