"""Spreadsheet row numbers: how messages name a customer's row.

The header is row 1, so the first customer is row 2. Ingest keeps each row's number in the
frame's index (named ``row``), which stays right after blank rows are skipped or when a
sheet's table starts lower down; any other frame counts by position.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ROW_INDEX = "row"
FIRST_DATA_ROW = 2


def sheet_rows(frame: pd.DataFrame) -> np.ndarray:
    """The spreadsheet row number of every row of ``frame``."""
    if frame.index.name == ROW_INDEX:
        return frame.index.to_numpy(dtype=np.int64)
    return np.arange(len(frame), dtype=np.int64) + FIRST_DATA_ROW
