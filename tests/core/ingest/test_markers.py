"""core.ingest.markers: the vectorised predicates say what the per-cell ones say."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from core.ingest.markers import is_note, is_total, normal_form, normal_forms, notes, totals

CELLS = [
    "合计", " 小计： ", "Grand Total", "ＴＯＴＡＬ", "total:", "C001", "备注：单位元", "Note: RMB",
    "注:", "说明", "Notebook", "总计行", "", "累计",
]  # fmt: skip
ALPHABET = st.sampled_from(list("合计小总累备注说明：: tToOaAlLnNeE１Ｔ-"))


def test_the_vectorised_predicates_on_known_cells() -> None:
    cells = pd.Series([*CELLS, None], dtype="str")
    assert totals(cells).tolist() == [*(is_total(c) for c in CELLS), False]
    assert notes(cells).tolist() == [*(is_note(c) for c in CELLS), False]
    assert totals(cells).sum() == 6 and notes(cells).sum() == 4


@given(st.lists(st.text(ALPHABET, max_size=12), max_size=20))
def test_vectorised_and_per_cell_forms_agree(cells: list[str]) -> None:
    series = pd.Series(cells, dtype="str")
    assert normal_forms(series).tolist() == [normal_form(c) for c in cells]
    assert totals(series).tolist() == [is_total(c) for c in cells]
    assert notes(series).tolist() == [is_note(c) for c in cells]
