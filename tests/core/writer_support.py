"""A child process that writes in a loop and prints one line after each commit, killed mid-run
(for the kill tests of tests/core/workshop/test_rooms.py and tests/core/cli/test_rooms.py)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KILL_ROOM_SIZE = 1_000_000  # a room the writer cannot fill before it is killed


@dataclass
class KilledWriter:
    """What the parent saw: acknowledgements read before the kill and after it (still in the
    pipe when the child died), and the child's exit code."""

    before_kill: int
    total: int
    returncode: int | None
    stderr: str


def run_and_kill(
    code: str,
    argv: Sequence[str],
    wanted: int,
    is_ack: Callable[[str], bool],
    before_kill: Callable[[int], None] = lambda _: None,
    timeout: float = 60.0,
) -> KilledWriter:
    """Run ``python -c code *argv``, wait until it has acknowledged ``wanted`` commits (one
    line each, recognised by ``is_ack``), call ``before_kill(acknowledged)`` while the child
    still runs, SIGKILL it and read what was left in its pipe.

    Fails (AssertionError) when the child exits or stalls before ``wanted`` commits: a kill
    test whose writer never wrote proves nothing."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    acked, finished = 0, False
    deadline = time.monotonic() + timeout
    try:
        while acked < wanted and (left := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                finished = True
                break
            acked += bool(is_ack(line.strip()))
        running = process.poll() is None
        if acked >= wanted and running:
            before_kill(acked)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        reader.join(timeout=30)
        stderr = process.stderr.read()
        process.stderr.close()
    assert acked >= wanted, (
        f"the writer acknowledged only {acked} of {wanted} commits "
        f"({'it exited' if finished else 'timed out'}): {stderr[-2000:]}"
    )
    assert running, f"the writer ended by itself (code {process.returncode}): {stderr[-2000:]}"
    total = acked
    while (line := lines.get(timeout=5)) is not None:
        total += bool(is_ack(line.strip()))
    return KilledWriter(acked, total, process.returncode, stderr)
