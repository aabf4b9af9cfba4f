"""Aliases: letter codes, one alias per distinct ID, more IDs added after the known ones."""

from __future__ import annotations

from core.report.anonymize import anonymous_names, letter_code, with_more_names


def test_letter_codes_run_like_spreadsheet_columns() -> None:
    assert [letter_code(k) for k in (0, 25, 26, 27, 701, 702)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip


def test_aliases_follow_the_ids_text_order() -> None:
    assert anonymous_names(["C2", "C1", "C2"], "en") == {"C1": "Customer A", "C2": "Customer B"}
    assert anonymous_names([10, 9], "zh") == {"10": "客户 A", "9": "客户 B"}


def test_more_ids_come_after_the_known_ones_without_changing_them() -> None:
    known = anonymous_names(["C1", "C3"], "en")
    more = with_more_names(known, ["C3", "C2", "B9", "C2"], "en")
    assert {k: more[k] for k in known} == known
    assert more["B9"] == "Customer C" and more["C2"] == "Customer D"
    assert len(set(more.values())) == len(more) == 4
    assert with_more_names(known, ["C1"], "en") == known


def test_more_names_of_nothing_known() -> None:
    assert with_more_names({}, ["x"], "zh") == {"x": "客户 A"}
