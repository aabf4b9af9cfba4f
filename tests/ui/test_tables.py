"""Display tables: attribute headers, the tier summary's headers and money, plain dates, the
data set's aliases, local times."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from types import SimpleNamespace

import pandas as pd
import pytest

from core.mapping.columns import detect_mapping
from core.method.tiers import tier_summary
from ui import state
from ui.tables import (
    alias_column,
    aliased_rows,
    attribute_header,
    change_labels,
    customer_aliases,
    data_aliases,
    local_times,
    tier_summary_table,
    with_plain_dates,
    without_ids,
)


@pytest.mark.parametrize(
    ("column", "lang", "header"),
    [
        ("industry", "zh", "行业"),
        ("region", "zh", "区域"),
        ("Sector", "zh", "行业 Sector"),
        ("行业", "zh", "行业"),
        ("industry", "en", "Industry"),
        ("Sector", "en", "Sector"),
        ("区域", "en", "Region 区域"),
        ("所属行业", "en", "Industry 所属行业"),
        ("revenue", "zh", "revenue"),
        ("备注", "en", "备注"),
    ],
)
def test_attribute_header(column: str, lang: str, header: str) -> None:
    assert attribute_header(column, lang) == header


def summary() -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "tier": ["Key", "Key", "Ordinary"],
            "score": [90.0, 80.0, 10.0],
            "revenue": [282816953.11, 10.4, 5.0],
            "profit": [1.6, 2.2, 3.0],
        }
    )
    return tier_summary(table, ["Key", "Ordinary"], "revenue", "profit")


HEADERS = {
    "en": "Tier|Customers|Share of customers|Revenue|Share of revenue|Profit|Share of profit|"
    "Mean score",
    "zh": "分组|客户数|客户占比|收入|收入占比|利润|利润占比|平均得分",
}


@pytest.mark.parametrize(("lang", "headers"), [(k, v.split("|")) for k, v in HEADERS.items()])
def test_tier_summary_headers_are_translated(lang: str, headers: list[str]) -> None:
    assert tier_summary_table(summary(), lang).columns.tolist() == headers


def test_tier_summary_money_in_whole_units_and_shares_kept() -> None:
    raw = summary()
    shown = tier_summary_table(raw, "en")
    assert shown["Revenue"].tolist() == [282816964.0, 5.0]
    assert shown["Profit"].tolist() == [4.0, 3.0]
    assert shown["Share of customers"].tolist() == pytest.approx([2 / 3, 1 / 3])
    assert raw["revenue"].iloc[0] == pytest.approx(282816963.51)  # the input is not changed


@pytest.mark.parametrize(
    "change",
    [
        pd.Series([3, -2, 0, None, 3, -12], dtype="Int64", index=[5, 4, 3, 2, 1, 0]),
        pd.Series([3.0, -2.0, 0.0, float("nan"), 3.0, -12.0], index=[5, 4, 3, 2, 1, 0]),
    ],
)
def test_change_labels_per_move_on_the_rows_index(change: pd.Series) -> None:
    labels = change_labels(change, "new")
    assert labels.tolist() == ["▲ 3", "▼ 2", "—", "new", "▲ 3", "▼ 12"]
    assert labels.index.tolist() == [5, 4, 3, 2, 1, 0]


def test_change_labels_of_no_rows() -> None:
    assert change_labels(pd.Series([], dtype="Int64"), "new").tolist() == []


def test_plain_dates_drop_the_time_and_keep_missing() -> None:
    frame = pd.DataFrame(
        {"day": pd.to_datetime(["2024-12-31", None]), "n": [1, 2], "text": ["a", "b"]}
    )
    plain = with_plain_dates(frame)
    assert plain["day"].tolist() == [dt.date(2024, 12, 31), None]
    assert plain[["n", "text"]].equals(frame[["n", "text"]])
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])


def _ranked_with_override():
    from core.method.overrides import Override
    from core.method.ranking import rank_customers
    from core.method.scenario_mapping import default_scenario

    frame = pd.DataFrame(
        {"customer_id": ["a", "b", "c", "d", "e"], "revenue": [5.0, 4.0, 3.0, 2.0, 1.0]}
    )
    mapping = detect_mapping(frame)
    scenario = default_scenario(mapping, "en")
    moved = Override("e", tier="Key", reason="strategic partner", author="Li")
    scenario = replace(scenario, overrides=(moved,))
    return rank_customers(frame, scenario), mapping


def test_an_overridden_tier_is_marked_with_its_reason() -> None:
    from ui.tables import display_ranking

    ranking, mapping = _ranked_with_override()
    shown = display_ranking(ranking, mapping, "en", presentation=False).set_index("Customer ID")
    assert shown.loc["e", "Tier"] == "Key ✎"
    assert shown.loc["e", "Expert override"] == "strategic partner"
    assert shown.loc["a", "Tier"] == "Key" and shown.loc["a", "Expert override"] == ""


def test_presentation_mode_keeps_the_mark_but_hides_the_reason() -> None:
    from ui.tables import display_ranking

    ranking, mapping = _ranked_with_override()
    shown = display_ranking(ranking, mapping, "zh", presentation=True)
    assert "专家调整" not in shown.columns
    assert (shown["分组"] == "Key ✎").sum() == 1


def _current_data(session: dict, frame: pd.DataFrame, id_column: str = "id") -> None:
    """The session as ui.state keeps it, reduced to what the alias helpers read."""
    session[state.INGEST] = SimpleNamespace(frame=frame)
    session[state.SCENARIO] = SimpleNamespace(id_column=id_column)


def test_aliases_are_the_data_sets_whatever_ids_a_page_asks_for(session) -> None:
    _current_data(session, pd.DataFrame({"id": ["C3", "C1", None, "C2"]}))
    assert data_aliases("en") == {"C1": "Customer A", "C2": "Customer B", "C3": "Customer C"}
    # A page listing only some customers (or others the data lacks) keeps the data's aliases.
    assert alias_column(pd.Series(["C3", None, "Z9"]), "en").tolist() == [
        "Customer C", None, "Customer D",
    ]  # fmt: skip
    assert customer_aliases(["C2"], "zh")["C2"] == "客户 B"


def test_aliases_before_any_data_are_of_the_ids_given(session) -> None:
    assert customer_aliases(["b", "a"], "en") == {"a": "Customer A", "b": "Customer B"}


def test_aliased_rows_replace_the_id_and_the_name(session) -> None:
    frame = pd.DataFrame(
        {"customer_id": ["C2", "C1"], "customer_name": ["Acme", "Beta"], "revenue": [1.0, 2.0]}
    )
    _current_data(session, frame, "customer_id")
    shown = aliased_rows(frame, detect_mapping(frame), "en")
    assert shown["customer_id"].tolist() == ["Customer B", "Customer A"]
    assert shown["customer_name"].tolist() == shown["customer_id"].tolist()
    assert shown["revenue"].tolist() == [1.0, 2.0] and frame["customer_name"][0] == "Acme"


def test_without_ids_only_in_presentation_mode() -> None:
    shown = pd.DataFrame({"Customer ID": ["C1"], "Customer": ["Customer A"]})
    assert list(without_ids(shown, "en", True).columns) == ["Customer"]
    assert list(without_ids(shown, "en", False).columns) == ["Customer ID", "Customer"]


@pytest.mark.parametrize(
    ("zone", "shown"),
    [
        ("Asia/Shanghai", "2024-05-01 20:03:09"),
        ("Europe/Berlin", "2024-05-01 14:03:09"),
        (None, "2024-05-01 12:03:09"),
        ("Not/AZone", "2024-05-01 12:03:09"),
    ],
)
def test_local_times(zone, shown) -> None:
    stamps = pd.Series(["2024-05-01T12:03:09+00:00", "2024-05-01T12:03:09", None, "soon"])
    assert local_times(stamps, zone).tolist() == [shown, shown, "", ""]
