"""Snapshots in the SQLite store (save, list, load, delete, reopen) and the watchlist."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from core.errors import InputError
from core.method.scenario import TierSpec
from core.storage.scenarios import ScenarioStore
from core.storage.snapshots import (
    Snapshot,
    SnapshotStore,
    rank_history,
    snapshot_frame,
    watchlist,
)
from tests.core.race_support import race


def ranking_table(order: list[str], names: dict[str, str] | None = None) -> pd.DataFrame:
    """A ranking-like table: rank by position in ``order``, score falling, two tiers."""
    n = len(order)
    return pd.DataFrame(
        {
            "rank": range(1, n + 1),
            "customer_id": order,
            "score": [100.0 - 10 * k for k in range(n)],
            "tier": ["key" if k < 2 else "other" for k in range(n)],
            "客户名称": [(names or {}).get(c, f"name {c}") for c in order],
            "revenue": [1.0] * n,
        }
    )


def snap(name: str, day: str, order: list[str]) -> Snapshot:
    return Snapshot(name, date.fromisoformat(day), snapshot_frame(ranking_table(order), "客户名称"))


def test_snapshot_frame_keeps_the_six_columns_sorted_by_rank() -> None:
    table = ranking_table(["B", "A", "C"]).iloc[[2, 0, 1]]
    frame = snapshot_frame(table, "客户名称")
    assert list(frame.columns) == ["customer_id", "rank", "score", "tier", "name", "tier_key"]
    assert frame["tier_key"].tolist() == ["", "", ""]  # no tiers given
    assert frame["customer_id"].tolist() == ["B", "A", "C"]
    assert frame["name"].tolist() == ["name B", "name A", "name C"]
    # Without a name column the ID stands in.
    assert snapshot_frame(table)["name"].tolist() == ["B", "A", "C"]


def test_snapshot_frame_needs_rank_and_id() -> None:
    with pytest.raises(InputError, match="snapshot: the ranking has no rank column"):
        snapshot_frame(pd.DataFrame({"customer_id": ["A"]}))


def test_save_list_load_delete(tmp_path) -> None:
    store = SnapshotStore(tmp_path)
    saved = store.save("  Q4   2024 ", "2024-12-31", snapshot_frame(ranking_table(["A", "B"])))
    assert (saved.name, saved.as_of, saved.customers) == ("Q4 2024", date(2024, 12, 31), 2)
    store.save("Q3 2024", date(2024, 9, 30), ranking_table(["B", "A", "C"]))
    assert [s.name for s in store.list_snapshots()] == ["Q3 2024", "Q4 2024"]
    loaded = store.load("Q3 2024")
    assert loaded.as_of == date(2024, 9, 30)
    assert loaded.table["customer_id"].tolist() == ["B", "A", "C"]
    assert loaded.table["rank"].tolist() == [1, 2, 3]
    assert loaded.table["score"].tolist() == [100.0, 90.0, 80.0]
    assert loaded.table["tier"].tolist() == ["key", "key", "other"]
    store.delete("Q3 2024")
    assert [s.name for s in store.list_snapshots()] == ["Q4 2024"]
    with pytest.raises(InputError, match="no snapshot named 'Q3 2024'; kept snapshots: Q4 2024"):
        store.load("Q3 2024")
    with sqlite3.connect(store.path) as db:  # the rows went with it
        assert db.execute("SELECT COUNT(*) FROM snapshot_rows").fetchone()[0] == 2


def test_a_taken_name_is_refused_unless_overwritten(tmp_path) -> None:
    store = SnapshotStore(tmp_path)
    store.save("A", "2024-01-01", ranking_table(["x", "y"]))
    with pytest.raises(InputError, match="a snapshot is already named 'A'"):
        store.save("A", "2024-02-01", ranking_table(["y"]))
    store.save("A", "2024-02-01", ranking_table(["y"]), overwrite=True)
    loaded = store.load("A")
    assert (loaded.as_of, loaded.table["customer_id"].tolist()) == (date(2024, 2, 1), ["y"])


@pytest.mark.parametrize("name", ["", "   ", "x" * 201, None])
def test_bad_names_are_refused(tmp_path, name) -> None:
    with pytest.raises(InputError, match="give a name of 1 to 200 characters"):
        SnapshotStore(tmp_path).save(name, "2024-01-01", ranking_table(["a"]))


def test_bad_date_is_refused(tmp_path) -> None:
    with pytest.raises(InputError, match="as-of date '31/12/2024': write it as YYYY-MM-DD"):
        SnapshotStore(tmp_path).save("a", "31/12/2024", ranking_table(["a"]))


def test_snapshots_survive_reopening_and_share_the_scenario_database(tmp_path) -> None:
    SnapshotStore(tmp_path).save("kept", "2024-06-30", ranking_table(["a", "b", "c"]))
    scenarios = ScenarioStore(tmp_path)  # the scenario store opens the same file untouched
    assert scenarios.path == SnapshotStore(tmp_path).path
    assert scenarios.list_scenarios() == []
    again = SnapshotStore(tmp_path / "workbench.sqlite3")
    assert again.load("kept").table["customer_id"].tolist() == ["a", "b", "c"]


def test_a_damaged_file_is_an_input_error(tmp_path) -> None:
    (tmp_path / "workbench.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(InputError, match="if the file is damaged, move it away"):
        SnapshotStore(tmp_path)


def test_the_damaged_file_message_is_the_scenario_stores(tmp_path) -> None:
    (tmp_path / "workbench.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(InputError) as snapshots:
        SnapshotStore(tmp_path)
    with pytest.raises(InputError) as scenarios:
        ScenarioStore(tmp_path)
    assert str(snapshots.value).replace("snapshot store", "scenario store") == str(scenarios.value)


def _customers_of(who: int) -> list[str]:
    """Contender ``who``'s ranking: its customers tell whose rows the store kept."""
    return [f"{who}-{k}" for k in range(3 + who)]


def keep_fresh(where: str, who: int, trial: int) -> str:
    try:
        SnapshotStore(where).save(f"Q{trial}", "2024-06-30", ranking_table(_customers_of(who)))
    except InputError as exc:
        return f"taken: {exc}"
    return "saved"


def test_two_processes_keeping_one_name_never_both_hear_saved(tmp_path) -> None:
    store = SnapshotStore(tmp_path)
    for trial, told in enumerate(race(keep_fresh, str(tmp_path))):
        assert sorted(told)[0] == "saved", told
        assert sorted(told)[1].startswith("taken: a snapshot is already named"), told
        kept = store.load(f"Q{trial}").table["customer_id"].tolist()
        assert kept == _customers_of(told.index("saved"))  # the winner's rows, none other


def test_watchlist_follows_the_latest_top_n_with_arrows() -> None:
    snaps = [
        snap("Q2", "2024-06-30", ["A", "B", "C", "D"]),
        snap("Q4", "2024-12-31", ["C", "A", "E", "B"]),  # given out of order on purpose
        snap("Q3", "2024-09-30", ["B", "A", "C", "D"]),
    ]
    table = watchlist(snaps, top_n=3)
    assert list(table.columns) == ["customer_id", "name", "Q2", "Q3", "Q4", "change", "trend"]
    assert table["customer_id"].tolist() == ["C", "A", "E"]
    assert table["Q2"].tolist() == [3, 1, pd.NA]
    assert table["Q3"].tolist() == [3, 2, pd.NA]
    assert table["Q4"].tolist() == [1, 2, 3]
    assert table["change"].tolist() == [2, 0, pd.NA]
    assert table["trend"].tolist() == ["▲ 2", "—", ""]
    assert table["name"].tolist() == ["name C", "name A", "name E"]


def test_watchlist_down_arrow_single_snapshot_and_empty() -> None:
    down = watchlist([snap("a", "2024-01-01", ["A", "B"]), snap("b", "2024-02-01", ["B", "A"])])
    assert down["trend"].tolist() == ["▲ 1", "▼ 1"]
    one = watchlist([snap("a", "2024-01-01", ["A", "B"])], top_n=10)
    assert one["a"].tolist() == [1, 2] and one["trend"].tolist() == ["", ""]
    assert watchlist([]).empty
    with pytest.raises(InputError, match="top N 0 must be 1 or more"):
        watchlist([], top_n=0)


def test_rank_history_of_one_customer() -> None:
    snaps = [snap("Q3", "2024-09-30", ["B", "A"]), snap("Q4", "2024-12-31", ["A", "C"])]
    history = rank_history(snaps, ["B"])
    assert history[["snapshot", "rank", "tier"]].values.tolist() == [["Q3", 1, "key"]]
    both = rank_history(snaps, ["A", "C"])
    assert both[["snapshot", "customer_id", "rank"]].values.tolist() == [
        ["Q3", "A", 2],
        ["Q4", "A", 1],
        ["Q4", "C", 2],
    ]
    assert rank_history([], ["A"]).empty


def test_snapshots_keep_the_tier_keys_and_older_files_gain_the_column(tmp_path) -> None:
    tiers = TierSpec(labels=("key", "other"), shares=(0.5, 0.5))
    with sqlite3.connect(tmp_path / "workbench.sqlite3") as db:  # a file from before tier keys
        db.execute(
            "CREATE TABLE snapshot_rows (snapshot TEXT NOT NULL, customer_id TEXT NOT NULL, "
            "rank INTEGER NOT NULL, score REAL, tier TEXT, name TEXT, "
            "PRIMARY KEY (snapshot, customer_id))"
        )
        db.execute("INSERT INTO snapshot_rows VALUES ('old', 'A', 1, 9.0, 'key', 'A')")
    store = SnapshotStore(tmp_path)
    with sqlite3.connect(store.path) as db:
        db.execute("INSERT INTO snapshots VALUES ('old', '2024-01-01', '2024-01-01', 1)")
    assert store.load("old").table["tier_key"].tolist() == [""]
    frame = snapshot_frame(ranking_table(["A", "B", "C"]), tiers=tiers)
    assert frame["tier_key"].tolist() == ["t1", "t1", "t2"]
    store.save("new", "2024-06-30", frame)
    assert store.load("new").table["tier_key"].tolist() == ["t1", "t1", "t2"]
    english = snapshot_frame(ranking_table(["A"]).assign(tier="Key"), tiers=TierSpec())
    assert english["tier_key"].tolist() == ["t1"]  # a default label of either language
