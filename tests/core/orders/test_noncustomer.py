"""core.orders.noncustomer: totals, notes and repeated headers, in pandas and in DuckDB SQL."""

from __future__ import annotations

import sys
import unicodedata

import duckdb
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from core.ingest.markers import NOTE_PREFIXES, NOTE_WORDS, TOTAL_WORDS
from core.orders.noncustomer import (
    SCANNED,
    _candidates,
    _folds,
    _spaces,
    ingest_rows,
    line_kind,
    non_customer_kinds,
    non_customer_sql,
)

CODES = {8: "total_row", 9: "note_row", 10: "header_row", None: ""}
HEADERS = ("客户编号", "customer_id", "Customer")
CORPUS = [
    # totals and subtotals, as exported
    "合计", "总计", "小计", "累计", "总合计", "合计：", "小计:", " 合计 ", "\u3000合计\u3000",
    "\t总计", "Total", "TOTAL", "total:", "Total ：", "Totals", "Subtotal", "Sub-total",
    "sub total",
    "Grand Total", "grand\u3000total", "ＴＯＴＡＬ", "Ｇｒａｎｄ　Ｔｏｔａｌ：", "𝐓otal",
    "total ::", "SUBTOTAL\u00a0", "Ⓣⓞⓣⓐⓛ",
    # notes
    "备注", "备注：数据截至 3 月", "说明：金额含税", "注：单位为元", "注:单位",
    "Note: figures in RMB", "NOTE:", "notes", "notes: x", "Note x", "note\u3000x", "ｎｏｔｅ：",
    "  note: indented",
    # repeated headers
    "客户编号", "客户编号:", " 客户编号 ", "customer_id", "CUSTOMER_ID", "Customer", "customer：",
    # customers and near misses
    "C0001", "00123", "K042", "客户甲", "合计金额", "总计划", "totally", "subtotals", "tally",
    "notebook", "noted", "note-taking", "grandtotal", "total : :", "Ｃ００１", "customer_ids",
    "sub  total", "说", "注", "注意", "", " ", "N/A", "customer id", "Totaler", "合 计",
]  # fmt: skip


CON = duckdb.connect()


def _sql(cells: list[str | None], header: str) -> list[str]:
    frame = pd.DataFrame({"c": pd.Series(cells, dtype=object)})  # noqa: F841 (read by DuckDB)
    query = f"SELECT {non_customer_sql('c', header)} FROM frame"
    return [CODES[k] for (k,) in CON.sql(query).fetchall()]


def _python(cells: list[str | None], header: str) -> list[str]:
    return list(non_customer_kinds(pd.Series(cells, dtype=object), header))


def test_the_corpus_is_read_alike_by_the_markers_and_the_sql() -> None:
    cells = [*CORPUS, None]
    for header in HEADERS:
        expected = [line_kind(c, header) if c is not None else "" for c in cells]
        assert _python(cells, header) == expected, header
        assert _sql(cells, header) == expected, header
    kinds = dict(zip(cells, _python(cells, "客户编号"), strict=True))
    assert kinds["合计"] == kinds["Ｇｒａｎｄ　Ｔｏｔａｌ："] == kinds["𝐓otal"] == "total_row"
    assert kinds["备注：数据截至 3 月"] == kinds["Note: figures in RMB"] == "note_row"
    assert kinds["客户编号:"] == "header_row" and kinds["customer_id"] == ""
    assert {kinds[c] for c in ("C0001", "客户甲", "合计金额", "totally", "notebook", "")} == {""}


# every character a marker word is made of; the words, folded at random, with spaces, colons
# and text around them
_LETTERS = sorted({c for w in (*TOTAL_WORDS, *NOTE_WORDS, *NOTE_PREFIXES, "客户编号") for c in w})
_WORDS = sorted({*TOTAL_WORDS, *NOTE_WORDS, *NOTE_PREFIXES, "客户编号", "customer_id", "c001"})
_AROUND = sorted(set(_spaces()) | set(":：x1客-"))


@st.composite
def _cells(draw: st.DrawFn) -> str:
    word = "".join(draw(st.sampled_from(sorted(_folds().get(c, {c})))) for c in draw(
        st.sampled_from(_WORDS)))  # fmt: skip
    before, after = (draw(st.text(st.sampled_from(_AROUND), max_size=3)) for _ in range(2))
    return before[: draw(st.integers(0, 1))] + word + after


@settings(max_examples=40)  # each example compiles the SQL's regular expressions
@given(st.lists(_cells(), min_size=1, max_size=30))
def test_any_mix_of_folded_characters_is_read_alike(cells: list[str]) -> None:
    assert _sql(cells, "客户编号") == _python(cells, "客户编号")


def test_the_scanned_ranges_hold_every_character_that_folds_to_a_marker_letter() -> None:
    everything = _candidates([(0, sys.maxunicode + 1)])
    wanted = set(_LETTERS) | {" ", ":"}
    found = {c for c in everything if unicodedata.normalize("NFKC", c).lower() in wanted}
    assert found - set(_candidates(SCANNED)) == set()


def test_rows_removed_by_ingest_map_to_the_order_categories() -> None:
    excluded = pd.DataFrame(
        {"row": [9, 3, 7, 5, 4], "customer_id": ["合计", "小计", "备注：x", "客户编号", None],
         "kind": ["total", "subtotal", "note", "header_repeat", "blank"],
         "reason": ["", "", "", "", ""]}
    )  # fmt: skip
    assert ingest_rows(excluded) == {"total_row": (3, 9), "note_row": (7,), "header_row": (5,)}
    assert ingest_rows(None) == {} and ingest_rows(excluded.iloc[:0]) == {}
    assert non_customer_kinds(pd.Series([np.nan, "合计"]), "x").tolist() == ["", "total_row"]
