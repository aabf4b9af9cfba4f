"""The widest table the workbench reads: :data:`MAX_COLUMNS` columns, whatever the format.

A customer table has tens of columns; typing every column of a much wider file takes minutes
and no scenario ranks on thousands of factors, so a wider file is refused, naming the limit
and the count, before any column is typed.
"""

from __future__ import annotations

from core.errors import IngestError
from core.i18n import msg

MAX_COLUMNS = 2_000


def check_width(count: int, label: str) -> None:
    """IngestError when a table of ``count`` columns is wider than MAX_COLUMNS."""
    if count > MAX_COLUMNS:
        raise IngestError(msg("ingest.too_many_columns", file=label, n=count, limit=MAX_COLUMNS))
