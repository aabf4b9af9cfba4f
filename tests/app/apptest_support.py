"""Shared AppTest helpers: ``from apptest_support import app`` gives a fresh, already-run app
(a plain module, not conftest: several test folders have a conftest of their own)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "streamlit_app.py"
LANGS = ("zh", "en")


def app(lang: str = "en") -> AppTest:
    """A fresh AppTest of the entrypoint in ``lang`` (via ``?lang=``), run once."""
    at = AppTest.from_file(str(ENTRYPOINT), default_timeout=30)
    at.query_params["lang"] = lang
    return at.run()
