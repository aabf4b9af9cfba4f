"""AppTest: the language switch, loading a scenario and editing the mapping combine in any
order without losing or changing anything (issue 12's "done when").

Every order of the three steps (and a few longer sequences) drives the real app. A small
model says what the scenario must be after each step — a load makes it exactly the loaded
scenario (default tier labels in the current language), a switch only relabels the default
tiers, a mapping edit only flips one direction and adds or removes one factor — and after
every step the app must agree with it: no exception or error on the page, the same factors,
directions, weights and normalisers, the override, strategy and allocation kept by tier key,
the Ranking page showing the override and the Data page's editor showing the factors, all in
the current language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import permutations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.ingest.read import read_table
from core.method.ranking import rank_customers
from core.method.scenario import (
    DEFAULT_TIER_LABELS,
    AllocationPolicy,
    FactorSpec,
    Override,
    Scenario,
    TierSpec,
)
from core.storage.scenarios import ScenarioStore
from tests.app.apptest_support import ROOT, app
from ui.i18n import t

DATA = "pages/data.py"
EDIT = {"added_rows": [], "deleted_rows": []}
SAVED = "combined"
PIN = 3  # the override pins the customer here and moves it to the first tier
REASON = "strategic partner"
STRATEGY = "Golf days with the board"
SHARES = {"t1": 60.0, "t2": 30.0, "t3": 10.0}
OTHER = {"en": "zh", "zh": "en"}
FLIPPED = "nps"  # the factor whose direction the mapping edit flips
TOGGLED = "profit"  # the factor the mapping edit adds (or removes when it is there)


def _factors_only() -> Scenario:
    """Three of the English sample's factors, revenue flipped to cost, weights and normalisers
    away from the defaults (within the sliders' range, so kept as they are)."""
    return Scenario(
        id_column="customer_id",
        name_column="customer_name",
        factors=(
            FactorSpec("revenue", "cost", 70, "percentile"),
            FactorSpec("nps", "benefit", 20, "zscore"),
            FactorSpec("overdue_days", "cost", 10, "log"),
        ),
        missing="worst",
        tiers=TierSpec(labels=DEFAULT_TIER_LABELS["en"], shares=(0.1, 0.3, 0.6)),
    )


def _last_customer() -> str:
    """The customer the scenario ranks last (so the override visibly moves it)."""
    content = (ROOT / "data" / "sample_customers_en.csv").read_bytes()
    frame = read_table(content, name="sample_customers_en.csv").frame
    table = rank_customers(frame, _factors_only()).table
    last = table.iloc[-1]
    assert last["rank"] != PIN and last["tier"] != "Key"
    return str(last["customer_id"])


CUSTOMER = _last_customer()
SCENARIO = replace(
    _factors_only(),
    overrides=(Override(CUSTOMER, tier="t1", rank=PIN, reason=REASON, author="Li"),),
    playbook={"t2": {"marketing": STRATEGY}},
    allocation=AllocationPolicy(budget=200, tier_shares=SHARES),
)


@pytest.fixture(autouse=True)
def private_stores(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CIW_DATA_DIR", str(tmp_path))


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# -- the three ways in (the same loader behind each) -----------------------------------------


def _upload(at: AppTest) -> Scenario:
    at.switch_page("pages/export.py").run()
    at.file_uploader(key="scenario_upload").upload(
        "combined.json", SCENARIO.to_json().encode(), "application/json"
    ).run()
    return SCENARIO


def _share_link(at: AppTest) -> Scenario:
    at.query_params["s"] = SCENARIO.to_token()
    at.run()
    return SCENARIO


def _saved(at: AppTest) -> Scenario:
    ScenarioStore().save(SAVED, SCENARIO)
    at.switch_page("pages/scenarios.py").run()
    at.selectbox(key="scenarios_pick").set_value(SAVED).run()
    at.button(key="scenarios_load").click().run()
    return replace(SCENARIO, name=SAVED)


LOADERS = {"upload": _upload, "share link": _share_link, "saved": _saved}


# -- the model and the steps -------------------------------------------------------------------


@dataclass
class Expected:
    """What the app must show: the language and the scenario (before the load, the data's
    default scenario as the app opened on it)."""

    lang: str
    scenario: Scenario
    loaded: bool = False


def _relabelled(scenario: Scenario, lang: str) -> Scenario:
    return replace(scenario, tiers=scenario.tiers.relabelled(lang))


def _edited(scenario: Scenario) -> Scenario:
    """The mapping edit as the scenario must take it: FLIPPED's direction flipped (its weight
    and normaliser kept), TOGGLED added at the sliders' middle weight or removed."""
    assert FLIPPED in scenario.columns
    factors = [
        replace(f, direction="cost" if f.direction == "benefit" else "benefit")
        if f.column == FLIPPED
        else f
        for f in scenario.factors
        if f.column != TOGGLED
    ]
    if TOGGLED not in scenario.columns:
        factors.append(FactorSpec(TOGGLED, "benefit", 50))
    return replace(scenario, factors=tuple(factors))


def _edit_row(at: AppTest, column: str, **cells: object) -> None:
    table = at.data_editor[0].value
    row = table["column"].tolist().index(column)
    at.session_state[at.data_editor[0].key] = {"edited_rows": {row: cells}, **EDIT}
    at.run()
    _ok(at)


def step(at: AppTest, name: str, loader: str, now: Expected) -> Expected:
    """Do one step in the app; return what must hold afterwards."""
    if name == "load":
        loaded = LOADERS[loader](at)
        return Expected(now.lang, _relabelled(loaded, now.lang), loaded=True)
    if name == "switch":
        lang = OTHER[now.lang]
        at.sidebar.segmented_control(key="lang_choice").set_value(lang).run()
        return replace(now, lang=lang, scenario=_relabelled(now.scenario, lang))
    at.switch_page(DATA).run()
    _ok(at)
    table = at.data_editor[0].value
    direction = table.set_index("column").loc[FLIPPED, "direction"]
    _edit_row(at, FLIPPED, direction="cost" if direction == "benefit" else "benefit")
    included = bool(table.set_index("column").loc[TOGGLED, "include"])
    _edit_row(at, TOGGLED, include=not included)
    return replace(now, scenario=_edited(now.scenario))


# -- what must hold after every step -----------------------------------------------------------


def _ranking_row(at: AppTest, lang: str) -> pd.Series:
    (shown,) = [d.value for d in at.dataframe if t("col.customer_id", lang) in d.value.columns]
    rows = shown[shown[t("col.customer_id", lang)] == CUSTOMER]
    assert len(rows) == 1, f"{CUSTOMER} is not in the ranking table"
    return rows.iloc[0]


def check(at: AppTest, now: Expected, where: str) -> None:
    _ok(at)
    scenario = at.session_state["scenario"]
    expected = now.scenario
    assert at.session_state["lang"] == now.lang, where
    # Factors, directions, weights and normalisers, exactly, in order.
    assert scenario.factors == expected.factors, where
    assert scenario.tiers.labels == DEFAULT_TIER_LABELS[now.lang], where
    if now.loaded:
        (override,) = scenario.overrides
        assert (override.customer_id, override.tier, override.rank) == (CUSTOMER, "t1", PIN)
        assert override.reason == REASON, where
        assert scenario.playbook == {"t2": {"marketing": STRATEGY}}, where
        assert scenario.allocation.tier_shares == SHARES, where
        assert scenario.allocation.budget == 200, where
    # Everything else too (method, missing, tiers, name …): only what a step changes changed.
    assert scenario == expected, where

    # The Ranking page: drawn in the current language, the override shown.
    at.switch_page("pages/ranking.py").run()
    _ok(at)
    assert at.title[0].value == t("ranking.title", now.lang), where
    if now.loaded:
        row = _ranking_row(at, now.lang)
        key_label = DEFAULT_TIER_LABELS[now.lang][0]
        assert row[t("col.rank", now.lang)] == PIN, where
        assert row[t("col.tier", now.lang)] == f"{key_label} ✎", where
        assert row[t("col.override", now.lang)] == REASON, where

    # The Data page: the mapping editor lists exactly the scenario's factors and directions.
    at.switch_page(DATA).run()
    _ok(at)
    editor = at.data_editor[0].value
    included = editor[editor["include"]]
    # A date's direction is worded for dates there (date_cost: more recent is better).
    directions = included["direction"].str.removeprefix("date_")
    shown = dict(zip(included["column"], directions, strict=True))
    assert shown == {f.column: f.direction for f in expected.factors}, where


def check_on_screen(at: AppTest, now: Expected) -> None:
    """At the end: the strategy card and the allocation form show what was loaded."""
    labels = DEFAULT_TIER_LABELS[now.lang]
    at.switch_page("pages/groups.py").run()
    _ok(at)
    assert at.text_area(key=f"pb_{now.lang}_{labels[1]}_marketing").value == STRATEGY
    at.switch_page("pages/accounts.py").run()
    _ok(at)
    prefix = f"al_{now.lang}_{'|'.join(labels)}"
    assert at.number_input(key=f"{prefix}_budget").value == 200
    shares = [at.number_input(key=f"{prefix}_share_{i}").value for i in range(3)]
    assert shares == list(SHARES.values())


ORDERS = [
    *permutations(("load", "switch", "edit")),
    ("switch", "load", "edit", "switch"),
    ("edit", "switch", "load", "edit", "switch"),
    ("load", "edit", "switch", "edit", "switch"),
]
CASES = [(order, list(LOADERS)[k % len(LOADERS)]) for k, order in enumerate(ORDERS)]


@pytest.mark.parametrize(
    ("order", "loader"), CASES, ids=[f"{'-'.join(o)}-by-{w.replace(' ', '-')}" for o, w in CASES]
)
def test_steps_combine_in_any_order(order: tuple[str, ...], loader: str) -> None:
    at = app("en")
    _ok(at)
    now = Expected("en", at.session_state["scenario"])
    assert now.scenario.overrides == () and len(now.scenario.factors) == 11
    for k, name in enumerate(order):
        now = step(at, name, loader, now)
        check(at, now, where=f"after step {k + 1} ({name}) of {' → '.join(order)}")
    check_on_screen(at, now)


def test_the_model_is_not_trivial() -> None:
    """The edit changes what it must and the load brings what the checks look for."""
    assert _edited(SCENARIO).factors == (
        SCENARIO.factors[0],
        replace(SCENARIO.factors[1], direction="cost"),
        SCENARIO.factors[2],
        FactorSpec(TOGGLED, "benefit", 50),
    )
    assert _edited(_edited(SCENARIO)) == SCENARIO
    assert _relabelled(SCENARIO, "zh").tiers.labels == DEFAULT_TIER_LABELS["zh"]
