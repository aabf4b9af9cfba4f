"""Hypothesis profiles for the whole suite (loaded by tests/conftest.py).

- ``ci``: no wall-clock deadline (a shared 2-core machine makes timings meaningless),
  derandomised (the same examples on every run, so a red CI is reproducible, and no example
  database), 100 examples, and the ``too_slow`` health check off for the same reason.
- ``dev``: the local default — random examples (new ones each run, kept in Hypothesis's
  example database so a failure is replayed first), no deadline, 50 examples.

``HYPOTHESIS_PROFILE`` picks one by name; otherwise ``CI=true`` picks ``ci`` and anything
else ``dev``. A test may lower ``max_examples`` for an expensive property with
``@settings(max_examples=…)``, which keeps the profile's other settings; no test sets a deadline.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    max_examples=100,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=50)


def hypothesis_profile(environ: Mapping[str, str] = os.environ) -> str:
    """The profile name for ``environ`` (see the module docstring)."""
    chosen = environ.get("HYPOTHESIS_PROFILE", "").strip()
    if chosen:
        return chosen
    return "ci" if environ.get("CI", "").strip().lower() in ("1", "true", "yes") else "dev"
