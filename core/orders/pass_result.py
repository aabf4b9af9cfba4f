"""What the SQL engines' one pass found, as the :class:`~core.orders.engines.EngineResult` every
engine returns: the line counts of each category in report order, the purchases, the lines.

The pass (:func:`core.orders.sql.pass_sql`) gives, per status code of
:data:`core.orders.sql.STATUS`, ``(lines, amount, first rows, gap lines, gap amount, gap rows)``
(gap: counted lines without a profit); exact copies are counted beside it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from core.i18n import msg
from core.orders.engines import (
    CATEGORIES,
    EXAMPLES,
    NO_AMOUNT,
    EngineResult,
    LineRules,
    _no_lines,
)
from core.orders.sql import STATUS, ZERO

Found = dict[int, tuple]  # status code → (n, total, rows, gap_n, gap_total, gap_rows)
Copies = tuple[int, float, tuple[int, ...]]  # lines, amount, first rows of a group's last copy


def engine_result(
    raw: pd.DataFrame, found: Found, copies: Copies, has_order: bool, has_profit: bool,
    as_of: date, rules: LineRules, ignored: tuple[str, ...],
    written: tuple[int, tuple[str, ...]] | None = None,
) -> EngineResult:  # fmt: skip
    """The EngineResult of one pass: ``raw`` (the purchasers' sums), ``found`` per status,
    ``copies`` (dropped or kept by ``rules``); ``written``: (customers, those without an
    order) when the sums were written elsewhere instead of ``raw``."""
    dropping = rules.drops_copies(has_order)
    counts = {"duplicate" if dropping else "identical": copies}
    for code, name in enumerate(STATUS):
        name = rules.zero_category() if code == ZERO else name
        counts[name] = found.get(code, (0, 0.0, ()))[:3]
    if has_profit:
        gaps = [entry[3:] for entry in found.values()]
        counts["missing_profit"] = (
            sum(n or 0 for n, _, _ in gaps), sum(t or 0.0 for _, t, _ in gaps),
            sorted(r for _, _, rows in gaps for r in rows or ())[:EXAMPLES],
        )  # fmt: skip
    issues = []
    for name in CATEGORIES:
        n, total, rows = counts.get(name, (0, 0.0, ()))
        total = float("nan") if name in NO_AMOUNT else float(total or 0.0)
        issues.append((name, int(n or 0), total, tuple(int(r) for r in rows or ())))
    if raw.empty if written is None else not written[0]:
        raise _no_lines(msg("orders.no_line_up_to_as_of"))
    lines = sum(row[0] for row in found.values()) + (copies[0] if dropping else 0)
    purchases = found.get(0, (0,))[0]
    if written is None:
        no_purchase = tuple(str(c) for c in raw.loc[raw["orders"] == 0, "customer_id"])
    else:
        no_purchase = written[1]
    return EngineResult(raw, tuple(issues), int(lines), int(purchases), as_of, no_purchase,
                        ignored, None if written is None else written[0])  # fmt: skip
