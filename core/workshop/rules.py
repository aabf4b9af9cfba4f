"""Workshop rooms: the rules (codes, secrets, names, weights, limits) and the room summary.

A facilitator opens a room for a scenario; participants join with its code and submit factor
weights, revising them until the facilitator closes the round; the room converges, round by
round, on consensus weights. Storage lives in :mod:`core.workshop.rooms`.

Secrets: a join code is 8 characters from a 32-letter alphabet without look-alikes
(0/O, 1/I) — 32⁸ = 2⁴⁰ codes, drawn with :mod:`secrets`; the facilitator key and each
participant's token are 32 random bytes (URL-safe text), stored only as their SHA-256 and
compared with :func:`hmac.compare_digest`.

Summary: participants' weights rank the customers of the data (each with the room's
scenario and the participant's weights, scored as core.analysis.sensitivity rescoring does);
agreement is Kendall's W over those rankings. Without data it is W over the factor rankings
the weight vectors themselves give (a factor's rank = the order of its weight).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from core.analysis.compare import kendall_tau_b
from core.analysis.consensus import (
    average_rank_rows,
    consensus_weights,
    kendall_w,
    normalized_rows,
    weight_distances,
    weight_spread,
)
from core.analysis.sensitivity import factor_matrix, scores
from core.errors import InputError
from core.i18n import msg
from core.method.ranking import rank_customers
from core.method.scenario import Scenario

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 letters: no 0/O, no 1/I
CODE_LENGTH = 8
MAX_PARTICIPANTS = 200
SUBMIT_LIMIT = 10  # submissions per participant …
SUBMIT_WINDOW = 60.0  # … per this many seconds
LOOKUP_LIMIT = 10  # failed join-code look-ups per session per window
MAX_NAME = 40
MAX_WEIGHT = 1_000_000  # a submitted weight (the Join page's sliders go to 100)
TOP_N = 10
PARTICIPANT_PREFIX = "participant:"  # top-list columns; a name can never shadow "rank"


def new_code() -> str:
    """A fresh join code (8 characters, 40 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """'ABCD2345' → 'ABCD-2345' (easier to read out and type)."""
    return f"{code[:4]}-{code[4:]}"


def parse_code(text: object) -> str:
    """A typed code, upper-cased, spaces and hyphens dropped; InputError if it cannot be one."""
    code = re.sub(r"[\s\-]", "", str(text or "")).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        raise InputError(
            msg(
                "rooms.bad_code",
                code=str(text),
                n=CODE_LENGTH,
                example=format_code("ABCD2345"),
            )
        )
    return code


def new_secret() -> str:
    """A facilitator key or participant token: 32 random bytes as URL-safe text.

    Never starting with '-', so a command line never mistakes a key for an option.
    """
    while (secret := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return secret


def secret_hash(secret: str) -> str:
    """What the store keeps of a secret: its SHA-256 in hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def secret_matches(secret: object, stored_hash: str | None) -> bool:
    """True when ``secret`` hashes to ``stored_hash`` (constant-time comparison)."""
    if not isinstance(secret, str) or not secret or not stored_hash:
        return False
    return hmac.compare_digest(secret_hash(secret), stored_hash)


def clean_name(name: object) -> str:
    """A display name: whitespace collapsed, 1 to MAX_NAME characters, no control characters."""
    text = " ".join(str(name).split()) if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise InputError(
            msg("rooms.name_give_name_characters_letters", name=str(name)[:60], n=MAX_NAME)
        )
    return text


def name_key(name: str) -> str:
    """Names compare without case: 'Ann' and 'ann' are the same participant."""
    return name.casefold()


def check_weights(weights: object, columns: Sequence[str]) -> dict[str, float]:
    """Weights for exactly the room's factor columns, finite numbers from 0 to
    :data:`MAX_WEIGHT` with a positive sum."""
    if not isinstance(weights, Mapping):
        raise InputError(msg("rooms.weights_give_object_such_column"))
    unknown = [str(c) for c in weights if c not in columns]
    missing = [c for c in columns if c not in weights]
    if unknown or missing:
        raise InputError(
            msg(
                "rooms.weights_unknown_factor_missing_factor",
                unknown=unknown,
                missing=missing,
                columns=", ".join(columns),
            )
        )
    checked = {}
    for column in columns:
        value = weights[column]
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        number = float(value) if numeric else -1.0
        if not (math.isfinite(number) and 0 <= number <= MAX_WEIGHT):
            raise InputError(
                msg("rooms.weights_has_use_number", c=column, value=value, most=f"{MAX_WEIGHT:,}")
            )
        checked[column] = number
    if sum(checked.values()) <= 0:
        raise InputError(msg("rooms.weights_all_weights_zero_give"))
    return checked


def within_rate(times: Sequence[float], now: float, limit: int, window: float) -> bool:
    """True when fewer than ``limit`` of ``times`` fall within ``window`` seconds before now."""
    return sum(1 for t in times if now - t < window) < limit


@dataclass(frozen=True)
class RoomSummary:
    """Where a round stands: spread, consensus, agreement, distances, top lists."""

    participants: tuple[str, ...]
    columns: tuple[str, ...]
    shares: pd.DataFrame  # participant, factor, share (long form, for the strip chart)
    spread: pd.DataFrame  # factor, mean, median, std, min, max, iqr
    consensus: dict[str, float]  # column → weight, sum 1
    kendall_w: float  # NaN with fewer than 2 participants
    w_basis: str  # "customers" (rankings on the data) or "factors" (no data given)
    distances: pd.DataFrame  # participant, distance (½ L1 of shares), tau (vs consensus)
    top: pd.DataFrame | None  # rank, consensus, participant:<name>… (customer IDs)


def _customer_scores(
    frame: pd.DataFrame, scenario: Scenario, w: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Customer IDs (ID order) and scores (k × customers) for k normalised weight rows."""
    fm = factor_matrix(frame, rank_customers(frame, scenario))
    usable = w * fm.has_values[None, :]
    total = usable.sum(axis=1, keepdims=True)
    # A participant who weighted only empty columns scores everyone the same (all ties).
    usable = np.divide(usable, total, out=np.zeros_like(usable), where=total > 0)
    return fm.customer_id, scores(fm, usable)


def _top_lists(ids: np.ndarray, s: np.ndarray, names: Sequence[str], top_n: int) -> pd.DataFrame:
    n = min(top_n, ids.size)
    columns = {"rank": np.arange(1, n + 1)}
    for name, row in zip(["consensus", *(PARTICIPANT_PREFIX + m for m in names)], s, strict=True):
        columns[name] = ids[np.argsort(-row, kind="stable")[:n]]
    return pd.DataFrame(columns)


def summarize(
    submissions: pd.DataFrame,
    scenario: Scenario,
    method: str = "mean",
    frame: pd.DataFrame | None = None,
    top_n: int = TOP_N,
) -> RoomSummary:
    """Summarise one round's ``submissions`` (participant + one column per factor).

    With ``frame`` (the data) agreement is over customer rankings and ``top`` lists the
    consensus top N beside each participant's; without it, over factor rankings.
    """
    columns = scenario.columns
    names = [str(n) for n in submissions["participant"]]
    if not names:
        raise InputError(msg("rooms.summary_nobody_has_submitted_weights"))
    w = normalized_rows(submissions[columns].to_numpy(dtype=float))
    consensus = consensus_weights(w, method)
    shares = pd.DataFrame(
        {
            "participant": np.repeat(names, len(columns)),
            "factor": np.tile(columns, len(names)),
            "share": w.reshape(-1),
        }
    )
    top = None
    if frame is not None:
        ids, s = _customer_scores(frame, scenario, np.vstack([consensus, w]))
        top = _top_lists(ids, s, names, top_n)
        ranks, basis = average_rank_rows(s), "customers"
    else:
        ranks, basis = average_rank_rows(np.vstack([consensus, w])), "factors"
    tau = [kendall_tau_b(ranks[0], row) for row in ranks[1:]]
    distances = pd.DataFrame(
        {"participant": names, "distance": weight_distances(w, consensus), "tau": tau}
    )
    return RoomSummary(
        participants=tuple(names),
        columns=tuple(columns),
        shares=shares,
        spread=weight_spread(w, columns),
        consensus=dict(zip(columns, map(float, consensus), strict=True)),
        kendall_w=kendall_w(ranks[1:]),
        w_basis=basis,
        distances=distances,
        top=top,
    )


def round_history(
    submissions: pd.DataFrame, scenario: Scenario, frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per round: round, participants, spread (mean over factors of the std of shares),
    kendall_w — how the room converged."""
    rows: list[dict[str, Any]] = []
    for number, group in submissions.groupby("round", sort=True):
        summary = summarize(group, scenario, frame=frame, top_n=1)
        rows.append(
            {
                "round": int(number),
                "participants": len(group),
                "spread": float(summary.spread["std"].mean()),
                "kendall_w": summary.kendall_w,
            }
        )
    return pd.DataFrame(rows, columns=["round", "participants", "spread", "kendall_w"])


def room_export(room: Any, rounds: Sequence[Mapping[str, Any]], table: pd.DataFrame) -> dict:
    """A room as a JSON-ready dict: ``room`` (a rooms_store.Room), its ``rounds`` (number,
    opened, closed) and every submission (``table`` as RoomStore.submissions returns it)."""
    columns = room.scenario.columns
    entries = []
    for r in rounds:
        group = table[table["round"] == r["number"]]
        entries.append(
            {
                "round": int(r["number"]),
                "opened": r["opened"],
                "closed": r["closed"],
                "submissions": [
                    {
                        "participant": s["participant"],
                        "submitted": s["submitted"],
                        "revision": int(s["revision"]),
                        "weights": {c: float(s[c]) for c in columns},
                    }
                    for s in group.to_dict("records")
                ],
            }
        )
    return {
        "code": room.code,
        "created": room.created,
        "current_round": room.round,
        "round_open": room.round_open,
        "show_data": room.show_data,
        "scenario": room.scenario.to_dict(),
        "rounds": entries,
    }
