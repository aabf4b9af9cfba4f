"""Running the command line in tests: in this process through ``core.cli.main.main(argv)`` (fast;
what most CLI tests need) or as ``python -m core`` in a child process (only for what the
process boundary itself decides: exit codes, stream encoding, no traceback).

Both give a :class:`CliResult` ``(code, out, err)``, which also unpacks as a tuple.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import core.cli.main as cli

ROOT = Path(__file__).resolve().parents[2]


class CliResult(NamedTuple):
    code: int
    out: str
    err: str


def run_main(*argv: object) -> CliResult:
    """``core.cli.main.main([str(a) for a in argv])`` here, with stdout and stderr captured."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in argv])
    return CliResult(code, out.getvalue(), err.getvalue())


def run_module(*argv: object, timeout: float = 120) -> CliResult:
    """``python -m core *argv`` in a child process (UTF-8 streams, the project as cwd)."""
    done = subprocess.run(
        [sys.executable, "-m", "core", *map(str, argv)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=timeout,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


LOADED_MODULES = """import sys
from core.cli.main import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\\n".join(sorted(sys.modules)))
sys.exit(code)
"""


def modules_loaded(listing: Path, *argv: object, timeout: float = 120) -> tuple[int, set[str]]:
    """Run ``main(argv)`` in a fresh child process; its exit code and the names of every
    module it had imported by the end (written to ``listing``)."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED_MODULES, str(listing), *map(str, argv)],
        cwd=ROOT,
        capture_output=True,
        timeout=timeout,
    )
    return done.returncode, set(listing.read_text(encoding="utf-8").split())
