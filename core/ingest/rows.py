"""Spreadsheet row numbers: how messages name a customer's row.

A row's number is the sheet's own (as Excel or a text editor shows it): the first customer is
the header's row + 1, so row 2 under a header on row 1 and row 4 under a header found on row 3
below a title. Ingest keeps each row's number in the frame's index (named ``row``), which stays
right after blank, total or note rows are taken out; any other frame counts by position from
:data:`FIRST_DATA_ROW`.
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
