"""Two processes making the same store write at the same moment, trial after trial.

:func:`race` starts two processes; before each trial both wait at a barrier, then call
``work(where, who, trial)`` (a module-level function, so a spawned process can import it),
which returns what that contender was told (e.g. ``"saved"`` or ``"taken"``). The result
lists, per trial, what contender 0 and contender 1 were told.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

TRIALS = 30
WAIT = 120  # seconds: only so that a broken contender cannot hang the suite


def _contend(work: Callable[[str, int, int], str], where: str, who: int, trials: int, barrier,
             results) -> None:  # fmt: skip
    for trial in range(trials):
        barrier.wait(WAIT)
        try:
            told = work(where, who, trial)
        except Exception as exc:  # reported to the test, which fails on it
            told = f"crashed: {type(exc).__name__}: {exc}"
        results.put((trial, who, told))


def race(
    work: Callable[[str, int, int], str], where: str, trials: int = TRIALS
) -> list[tuple[str, str]]:
    """What each of two simultaneous contenders was told, per trial."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    contenders = [
        context.Process(target=_contend, args=(work, where, who, trials, barrier, results))
        for who in (0, 1)
    ]
    for process in contenders:
        process.start()
    told: dict[tuple[int, int], str] = {}
    try:
        for _ in range(2 * trials):
            trial, who, outcome = results.get(timeout=WAIT)
            told[trial, who] = outcome
    finally:
        for process in contenders:
            process.join(WAIT)
            if process.is_alive():
                process.kill()
    return [(told[trial, 0], told[trial, 1]) for trial in range(trials)]
