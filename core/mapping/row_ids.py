"""Row-number customer IDs for a table with no ID column.

A table without a column that :func:`core.mapping.columns.find_id` recognises (an ID header,
or text unique in every row) would otherwise rank customers under a value column such as
``revenue``. :func:`with_row_ids` gives such a table a first column :data:`ROW_ID` holding each
customer's sheet row, and a warning saying so.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from core.i18n import msg
from core.ingest.read import IngestResult
from core.mapping.columns import find_id

ROW_ID = "row_id"


def _free_name(columns: pd.Index) -> str:
    names = (ROW_ID, *(f"{ROW_ID}_{k}" for k in range(2, len(columns) + 3)))
    return next(name for name in names if name not in columns)


def with_row_ids(result: IngestResult) -> IngestResult:
    """``result`` as it is when its table has an ID column; else with a first column of
    sheet row numbers (text, so it is the ID) and a warning naming it."""
    frame = result.frame
    if frame.columns.empty or find_id(frame) is not None:
        return result
    name = _free_name(frame.columns)
    ids = pd.Series(frame.index.astype(str), index=frame.index, dtype="str")
    frame = pd.concat([ids.rename(name), frame], axis=1)
    warning = msg("mapping.row_number_ids", file=result.source, column=name)
    return replace(result, frame=frame, warnings=(*result.warnings, warning))
