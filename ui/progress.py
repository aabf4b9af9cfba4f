"""Progress of long work in stages: an ``st.status`` box whose label names the current stage
(reading, parsing, mapping, ranking …) above a progress bar.

``with staged(title, prefix, lang) as step:`` hands out ``step(stage, done)``, the callback a
core function takes as ``progress``; each stage's words are the message ``ui.<prefix><stage>``.
The box closes as complete when the work ends, or as failed when it raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from ui.i18n import t, t_plain


@contextmanager
def staged(
    title: str, prefix: str, lang: str, keep: bool = True
) -> Iterator[Callable[[str, float], None]]:
    """A status box titled ``title`` while the block runs; ``step(stage, done)`` shows the
    stage's words (``ui.<prefix><stage>``) and ``done`` (0–1) on its bar. Without ``keep``
    the box goes once the work is done (for work a page repeats on every visit)."""
    slot = st.empty()
    with slot.status(title, expanded=True) as box:
        bar = st.progress(0.0, text=t(f"{prefix}start", lang))

        def step(stage: str, done: float) -> None:
            words = t(f"{prefix}{stage}", lang)
            bar.progress(min(max(float(done), 0.0), 1.0), text=words)
            box.update(label=f"{title} · {t_plain(f'{prefix}{stage}', lang)}")

        try:
            yield step
        except Exception:
            box.update(label=title, state="error", expanded=True)
            raise
        bar.progress(1.0, text=t(f"{prefix}done", lang))
        box.update(label=title, state="complete", expanded=False)
    if not keep:
        slot.empty()
