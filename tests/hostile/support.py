"""Running the hostile-input corpus (tests/corpus/hostile/) on the CLI and in the app.

Each area of the corpus has its own test module here (``test_<area>.py``) whose cases name
their files in ``tests/corpus/hostile/``; ``test_every_file_has_a_case`` fails on a file no
case uses. A case passes only with a clear answer: the CLI exits 0 or 2 with no traceback and
(on 2) one ``error:`` line; the app shows no exception and keeps the last good data.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.cli.main import main
from tests.app.apptest_support import app

HOSTILE = Path(__file__).resolve().parents[1] / "corpus" / "hostile"
USED: set[str] = set()  # corpus files named by a case, filled as the modules are collected


def corpus_file(name: str) -> Path:
    """The corpus file ``name``, recorded as used by a case."""
    path = HOSTILE / name
    assert path.is_file(), f"{name} is not in tests/corpus/hostile/"
    USED.add(name)
    return path


@dataclass(frozen=True)
class CliRun:
    """What one command printed and returned."""

    rc: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("error: ")]


def run_cli(*args: str | Path) -> CliRun:
    """Run ``python -m core ARGS`` in process; any uncaught exception fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main([str(a) for a in args])
    run = CliRun(rc, out.getvalue(), err.getvalue())
    assert "Traceback" not in run.err + run.out, run.err
    assert run.rc in (0, 2), run
    if run.rc == 2:
        assert len(run.error_lines) == 1, run.err
    return run


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    """Upload ``content`` as ``name`` on the Data page of ``at`` and rerun."""
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="upload").set_value((name, content, "text/csv")).run()
    return at


def upload_keeps_the_data(name: str, content: bytes, lang: str = "en") -> AppTest:
    """Upload a bad file after the sample: no exception, an error shown, the sample kept."""
    at = app(lang)
    before = at.session_state["ingest"]
    upload(at, name, content)
    assert not at.exception, at.exception
    assert at.error, "a refused upload must say why"
    assert at.session_state["ingest"].source == before.source
    assert len(at.session_state["ingest"].frame) == len(before.frame)
    return at
