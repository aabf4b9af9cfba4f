"""The client report printed to PDF by Chromium: a few A4 pages, none of them left mostly
empty by a chart or table pushed to the next page (pages drawn by pdftoppm, their ink
measured). The PDFs and page images are kept under artifacts/report_pdf to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.ingest.read import read_table
from core.mapping.columns import detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario_mapping import default_scenario
from core.report.html import build_report

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "artifacts" / "report_pdf"
SAMPLES = {
    "zh": ROOT / "data" / "sample_customers_zh.csv",
    "en": ROOT / "data" / "sample_customers_en.csv",
}
MAX_PAGES = 5
MIN_FILL = 0.7  # every page but the last is inked down to at least 70 % of its height
INK = 235  # grey level (0–255) darker than which a pixel counts as printed


def _report(lang: str) -> str:
    frame = read_table(SAMPLES[lang]).frame
    ranking = rank_customers(frame, default_scenario(detect_mapping(frame), lang))
    return build_report(ranking, SAMPLES[lang].name, lang)


def _pages(pdf: Path) -> list[np.ndarray]:
    stem = pdf.with_suffix("")
    for old in OUT.glob(f"{stem.name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(stem)], check=True)
    files = sorted(OUT.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [np.asarray(Image.open(f).convert("L")) for f in files]


def _filled(page: np.ndarray) -> float:
    """How far down the page the printing reaches (0 = blank, 1 = to the bottom edge)."""
    inked = np.flatnonzero((page < INK).any(axis=1))
    return (inked[-1] + 1) / page.shape[0] if len(inked) else 0.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_printed_report_has_no_half_empty_pages(chromium, lang: str) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("no pdftoppm (poppler-utils)")
    OUT.mkdir(parents=True, exist_ok=True)
    html = OUT / f"report_{lang}.html"
    html.write_text(_report(lang), encoding="utf-8")
    page = chromium.new_page()
    try:
        page.goto(html.as_uri())
        pdf = OUT / f"report_{lang}.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        page.close()
    pages = _pages(pdf)
    assert 2 <= len(pages) <= MAX_PAGES
    assert all(p.shape[0] > p.shape[1] for p in pages)  # A4 portrait
    fills = [_filled(p) for p in pages]
    assert all(f >= MIN_FILL for f in fills[:-1]), fills
    assert fills[-1] > 0
