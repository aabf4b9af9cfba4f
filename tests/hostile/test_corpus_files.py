"""Every file of the hostile-input corpus is named by a case of some area module."""

from __future__ import annotations

import importlib
from pathlib import Path

from tests.hostile.support import HOSTILE, USED


def test_every_file_has_a_case() -> None:
    for module in sorted(Path(__file__).parent.glob("test_*.py")):
        importlib.import_module(f"tests.hostile.{module.stem}")  # cases name files on import
    files = {
        p.name
        for p in HOSTILE.iterdir()
        if p.is_file() and not p.name.startswith("make_") and p.suffix != ".md"
    }
    assert files <= USED, f"corpus files without a case: {sorted(files - USED)}"
