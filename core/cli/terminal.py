"""Plain-text reports for the terminal: aligned tables, the ingest report, the ranking summary.

Widths are counted in terminal cells: CJK and full-width characters take two, so Chinese
columns line up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core.mapping.catalog import BENEFIT
from core.mapping.columns import direction_text

if TYPE_CHECKING:
    from core.ingest.read import IngestResult
    from core.mapping.columns import ColumnRole, Mapping
    from core.method.ranking import Ranking

MAX_CELL = 28  # terminal cells; longer text is cut with "…"
TOP_DRIVERS = 3


def display_width(text: str) -> int:
    """Terminal cells taken by ``text`` (East Asian wide / full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int = MAX_CELL) -> str:
    # Control characters (tabs, newlines, terminal escapes) would break the grid or the terminal.
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if display_width(text) <= limit:
        return text
    out, width = "", 1
    for ch in text:
        width += display_width(ch)
        if width > limit:
            break
        out += ch
    return out + "…"


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def format_table(
    rows: Sequence[Sequence[object]],
    header: Sequence[str],
    right: Sequence[bool] = (),
    clip: Sequence[bool] = (),
) -> str:
    """An aligned text table: header, a rule, then one line per row.

    ``right`` right-aligns a column (numbers); ``clip`` cuts a column's cells to ``MAX_CELL``
    (free text such as names). Both are per column, missing entries meaning False.
    """
    n = len(header)
    right = list(right) + [False] * (n - len(right))
    clip = list(clip) + [False] * (n - len(clip))
    cells = [
        [str(c) for c in header],
        *(
            [
                _clip(str(c)) if cut else _clip(str(c), 10**6)
                for c, cut in zip(row, clip, strict=True)
            ]
            for row in rows
        ),
    ]
    widths = [max(display_width(row[j]) for row in cells) for j in range(n)]
    lines = [
        "  ".join(_pad(c, w, a) for c, w, a in zip(row, widths, right, strict=True))
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _drivers(contrib: pd.DataFrame, columns: list[str]) -> list[str]:
    """The factors adding most to each score, e.g. "销售额 18.2 · 毛利 12.0"."""
    values = contrib.to_numpy(dtype=float)
    top = np.argsort(-values, axis=1, kind="stable")[:, :TOP_DRIVERS]
    return [
        " · ".join(f"{columns[j]} {row[j]:.1f}" for j in idx)
        for row, idx in zip(values, top, strict=True)
    ]


def ranking_table(ranking: Ranking, top: int) -> str:
    """The first ``top`` customers: rank, ID, name, score, tier and the main drivers."""
    table = ranking.table.head(top)
    name_column = ranking.scenario.name_column
    header = ["rank", "customer_id"]
    columns = [table["rank"].astype(str), table["customer_id"].astype(str)]
    if name_column and name_column in table.columns:
        header.append(name_column)
        columns.append(table[name_column].astype(str))
    header += ["score", "tier", "main drivers"]
    columns += [
        table["score"].map("{:.1f}".format),
        table["tier"].astype(str),
        pd.Series(_drivers(table[ranking.contribution_columns], ranking.scenario.columns)),
    ]
    rows = list(zip(*(c.tolist() for c in columns), strict=True))
    named = len(header) == 6
    right = [True, False, *([False] * named), True]
    return format_table(rows, header, right, clip=[False, True, *([True] * named)])


def _role_text(role: ColumnRole | None) -> str:
    if role is None:
        return "-"
    if role.role == "factor":
        used = "included" if role.include else "not included"
        words = direction_text(role.direction or BENEFIT, role.kind, "en")
        return f"factor {role.factor_key} ({role.direction}: {words}), {used}"
    if role.role == "attribute":
        return f"attribute ({role.attribute})"
    return role.role


def _source_lines(ingest: IngestResult) -> list[str]:
    frame = ingest.frame
    lines = [f"file: {ingest.source}", f"format: {ingest.file_format}"]
    if ingest.encoding:
        lines.append(f"encoding: {ingest.encoding}")
    if ingest.delimiter:
        lines.append(f"delimiter: {ingest.delimiter!r}")
    if ingest.sheet:
        lines.append(f"sheet: {ingest.sheet} (of: {', '.join(map(str, ingest.sheets))})")
    lines += [f"note: {note}" for note in ingest.notes]
    lines.append(f"rows: {len(frame)}, columns: {frame.shape[1]}")
    return lines


def column_report(ingest: IngestResult, mapping: Mapping | None) -> str:
    """One line per column: type, role, conversion counts and failed examples."""
    rows = []
    for c in ingest.conversions:
        role = mapping.role_of(c.column) if mapping else None
        examples = "; ".join(c.failed_examples)
        rows.append((c.column, c.kind, _role_text(role), c.parsed, c.failed, c.missing, examples))
    header = ["column", "type", "role", "parsed", "failed", "missing", "failed examples"]
    return format_table(rows, header, [False, False, False, True, True, True])


def validate_report(ingest: IngestResult, mapping: Mapping | None, ranking: Ranking | None) -> str:
    """The full ingest and mapping report printed by ``validate``."""
    lines = _source_lines(ingest)
    if mapping is not None:
        name = f", name column: {mapping.name_column}" if mapping.name_column else ""
        lines.append(f"customer ID column: {mapping.id_column}{name}")
    lines += ["", column_report(ingest, mapping)]
    warnings = list(ingest.warnings) + list(ranking.warnings if ranking else ())
    lines += ["", f"warnings: {len(warnings)}", *(f"  - {w}" for w in warnings)]
    if ranking is None and not ingest.excluded.empty:  # what ingest took out, still shown
        lines += ["", *excluded_lines(ingest.excluded, limit=None, prefix="  ")]
    if ranking is not None:
        lines += ["", *excluded_lines(ranking.excluded, limit=None, prefix="  ")]
        ranked = len(ranking.table)
        lines.append(
            f"ready: {ranked} customer{'s' * (ranked != 1)} can be ranked on "
            f"{len(ranking.scenario.factors)} factor(s): {', '.join(ranking.scenario.columns)}"
        )
    return "\n".join(lines)


def excluded_lines(excluded: pd.DataFrame, limit: int | None, prefix: str = "") -> list[str]:
    """'excluded rows: N' then one line per row (row, id, reason), at most ``limit`` of them."""
    lines = [f"excluded rows: {len(excluded)}"]
    shown = excluded if limit is None else excluded.head(limit)
    for row, customer_id, reason in shown[["row", "customer_id", "reason"]].itertuples(False):
        shown_id = "(none)" if pd.isna(customer_id) else repr(str(customer_id))
        lines.append(f"{prefix}row {row}, id {shown_id}: {reason}")
    if len(shown) < len(excluded):
        lines.append(f"{prefix}… and {len(excluded) - len(shown)} more")
    return lines


def tier_counts(ranking: Ranking) -> str:
    """'关键客户 100, 重点客户 150, 普通客户 250' in label order (ABC/quadrant included)."""
    counts = ranking.table["tier"].value_counts()
    labels = list(ranking.scenario.tiers.labels)
    labels += [t for t in counts.index if t not in labels]
    return ", ".join(f"{label} {int(counts.get(label, 0))}" for label in labels)
