"""Session state: every key in one place, and the few operations that change it.

Canonical values live under plain keys (the data set, its ingest result, the mapping, the
scenario); widgets have their own keys and copy into the canonical ones through callbacks, so
a value survives page switches even when the widget that set it is not drawn.

The scenario owns the factors, their directions and the ID and name columns; the stored
mapping only says what each column is, and :func:`current_mapping` lays the scenario over it.
Every scenario from outside (share link, saved scenario, JSON upload, workshop consensus, the
Orders page) comes in through :func:`adopt`; a mapping edit goes through :func:`edit_mapping`.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core.errors import InputError
from core.ingest.read import IngestResult, read_table
from core.mapping.columns import Mapping, detect_mapping
from core.mapping.row_ids import with_row_ids
from core.method.ranking import PreparedRanking, Ranking, prepare_ranking, rank_prepared
from core.method.scenario import Scenario
from core.method.scenario_io import Source, load_scenario
from core.method.scenario_mapping import default_scenario, mapping_for, scenario_after_edit
from core.storage.scenarios import ScenarioStore
from ui.i18n import message_of

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SAMPLES = {"zh": "sample_customers_zh.csv", "en": "sample_customers_en.csv"}

LANG = "lang"
DATASET = "dataset"
INGEST = "ingest"
MAPPING = "mapping"  # what each column is (current_mapping() adds the scenario's use of it)
SCENARIO = "scenario"
BASELINE = "baseline"
PRESENTATION = "presentation"
LOAD_ERROR = "load_error"
LINK_ERROR = "link_error"
SHARE_TOKEN = "share_token_applied"
ADOPTED = "adopted_scenario_warnings"  # the last adopted scenario's warnings, until shown
STORE = "scenario_store"
AHP_JUDGES = "ahp_judges"  # judge name → {(column a, column b): a_ab}, a < b by name
AHP_FACTORS = "ahp_factors"
AHP_ACTIVE = "ahp_active_judge"
SENSITIVITY = "sensitivity_result"
BASELINE_CACHE = "baseline_ranking_cache"
Progress = Callable[[str, float], None]  # a stage and the share of the work done before it
PREPARED = "prepared_rankings"  # (data digest, scenario without weights) → PreparedRanking
PREPARED_KEEP = 4  # the live scenario's, the baseline's and a couple being compared

SLIDER_MAX = 100
EQUAL_WEIGHT = 50


@dataclass(frozen=True)
class Dataset:
    """The bytes a user loaded (or a bundled sample), identified by their digest."""

    name: str
    content: bytes
    digest: str
    sheet: str | None = None
    is_sample: bool = False
    header_row: int | None = None  # the header's sheet row as chosen; None: found by ingest


def make_dataset(
    name: str,
    content: bytes,
    sheet: str | None = None,
    is_sample: bool = False,
    header_row: int | None = None,
) -> Dataset:
    """Wrap loaded bytes; the digest keys the ingest cache (with the sheet and header row)."""
    digest = hashlib.sha256(content).hexdigest()
    return Dataset(name, content, digest, sheet, is_sample, header_row)


def sample_dataset(lang: str) -> Dataset:
    """The bundled sample customer table in the given language."""
    name = SAMPLES.get(lang, SAMPLES["zh"])
    return make_dataset(name, (DATA_DIR / name).read_bytes(), is_sample=True)


def read_dataset(dataset: Dataset, progress: Progress | None = None) -> IngestResult:
    """Ingest ``dataset`` (cached on its digest); raises InputError for a bad file.
    ``progress`` hears ("reading", 0.0) before it (a cached function cannot draw, so the
    ingest's own finer stages stay inside)."""
    if progress:
        progress("reading", 0.0)
    return _ingest(dataset.digest, dataset.name, dataset.sheet, dataset.header_row, dataset.content)


@st.cache_data(show_spinner=False, max_entries=16)
def _ingest(
    digest: str, name: str, sheet: str | None, header_row: int | None, _content: bytes
) -> IngestResult:
    """Ingest once per distinct file (keyed on the digest, not on the bytes themselves)."""
    return read_table(_content, name=name, sheet=sheet, header_row=header_row)


def load_dataset(dataset: Dataset, lang: str, progress: Progress | None = None) -> None:
    """Make ``dataset`` current; on bad input keep the previous data and remember the error.
    ``progress`` hears the stages: ("reading", 0.0), then ("mapping", 0.8)."""
    try:
        result = with_row_ids(read_dataset(dataset, progress))
        if progress:
            progress("mapping", 0.8)
        mapping = detect_mapping(result.frame)
        scenario = equal_weights(default_scenario(mapping, lang))
    except InputError as exc:
        st.session_state[LOAD_ERROR] = message_of(exc)
        return
    st.session_state[LOAD_ERROR] = None
    st.session_state[DATASET] = dataset
    st.session_state[INGEST] = result
    st.session_state[MAPPING] = mapping
    st.session_state[SCENARIO] = scenario
    st.session_state[BASELINE] = None


def load_frame(name: str, frame: pd.DataFrame, lang: str, scenario: Scenario | None = None) -> bool:
    """Make an in-memory table current, stored as Parquet bytes (cached and exported like an
    upload). ``scenario`` (its factors, directions, weights) replaces the default one, with the
    detected ID column and its own name column (else the detected one), adopted like any
    loaded scenario. False (and the error kept for the shell) when the table cannot be used."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    load_dataset(make_dataset(name, buffer.getvalue()), lang)
    if st.session_state.get(LOAD_ERROR):
        return False
    if scenario is not None:
        detected = st.session_state[MAPPING]
        names = scenario.name_column or detected.name_column  # the scenario's names first
        ids = {"id_column": detected.id_column, "name_column": names}
        try:
            adopt(replace(scenario, **ids), origin=name, trial=False)
        except InputError as exc:
            st.session_state[LOAD_ERROR] = str(exc)
            return False
    return True


def adopt(
    source: Source, *, origin: str = "scenario", token: bool = False, trial: bool = True
) -> list[Any]:
    """Make a scenario from outside the current one: the app's side of
    :func:`core.method.scenario_io.load_scenario`, which every page uses.

    ``source`` is a Scenario, JSON text or bytes (``origin`` names it in errors) or a share
    link's token (``token=True``). It is checked against the current data (with a trial
    ranking unless ``trial`` is False); the mapping follows it, so a later mapping edit keeps
    exactly its factors and directions. A scenario that names no name column takes the
    mapping's. Returns the loader's warnings (also kept for the shell to show once:
    :func:`adopted_warnings`); raises an InputError subclass, leaving the current scenario,
    when it does not fit the data. Default tier labels follow the app's language
    (:func:`relabel_default_tiers`).
    """
    loaded = load_scenario(
        source,
        ingest_result().frame,
        origin=origin,
        token=token,
        mapping=st.session_state[MAPPING],
        name_from_data=True,
        trial=trial,
    )
    scenario = loaded.scenario
    if st.session_state.get(LANG):
        scenario = relabel_default_tiers(scenario, st.session_state[LANG])
    st.session_state[MAPPING] = loaded.mapping
    set_scenario(scenario)
    st.session_state[ADOPTED] = list(loaded.warnings)
    return loaded.warnings


def adopted_warnings() -> list[Any]:
    """The warnings of the scenario adopted since the last call (then forgotten)."""
    return st.session_state.pop(ADOPTED, None) or []


def ensure_data(lang: str) -> None:
    """Open on the bundled sample the first time a session runs."""
    if INGEST not in st.session_state:
        load_dataset(sample_dataset(lang), lang)


def ingest_result() -> IngestResult:
    """The current data's ingest result."""
    return st.session_state[INGEST]


def current_mapping() -> Mapping:
    """The current column mapping: what each column is, with the current scenario's ID and
    name columns and exactly its factors and directions
    (core.method.scenario_mapping.mapping_for)."""
    return mapping_for(st.session_state[MAPPING], current_scenario())


def current_scenario() -> Scenario:
    """The current scenario (factors, weights, method, tiers …)."""
    return st.session_state[SCENARIO]


def equal_weights(scenario: Scenario) -> Scenario:
    """Every factor at the sliders' middle (50): equal relative weights."""
    return scenario.with_weights({c: EQUAL_WEIGHT for c in scenario.columns})


def slider_scaled(scenario: Scenario) -> Scenario:
    """Rescale weights so the largest fits the 0–100 sliders; the ratios stay the same."""
    top = max(f.weight for f in scenario.factors)
    if top <= SLIDER_MAX:
        return scenario
    return scenario.with_weights({f.column: f.weight * SLIDER_MAX / top for f in scenario.factors})


def set_scenario(scenario: Scenario) -> None:
    """Replace the current scenario (weights sliders re-read it on the next draw)."""
    st.session_state[SCENARIO] = slider_scaled(scenario)


def set_weight(column: str, widget_key: str) -> None:
    """Slider callback: copy the widget's value into the scenario."""
    set_scenario(current_scenario().with_weights({column: float(st.session_state[widget_key])}))


def edit_mapping(before: Mapping, after: Mapping) -> None:
    """Apply a mapping edit (``before`` is :func:`current_mapping`, ``after`` the edited
    copy) as an edit of the scenario: a factor added (at the sliders' middle weight) or
    removed, a direction flipped, another ID or name column; every other scenario fact stays.
    InputError (nothing changed) when no factor would be left."""
    scenario = scenario_after_edit(current_scenario(), before, after, weight=EQUAL_WEIGHT)
    st.session_state[MAPPING] = after
    set_scenario(scenario)


def relabel_default_tiers(scenario: Scenario, lang: str) -> Scenario:
    """Swap default labels (tiers or quadrants, either language) for ``lang``'s; labels the
    user typed stay as typed. Overrides, strategies and allocation name tier keys, so they
    keep their tier (core.method.tiers)."""
    return replace(scenario, tiers=scenario.tiers.relabelled(lang))


def scenario_store() -> ScenarioStore:
    """The saved-scenario store (``$CIW_DATA_DIR``), opened once per session.

    Opening it the first time restores its pinned scenario as the baseline when none is set.
    Raises InputError when the folder or file cannot be used.
    """
    if STORE not in st.session_state:
        store = ScenarioStore()
        pinned = store.get_baseline()
        if st.session_state.get(BASELINE) is None and pinned is not None:
            st.session_state[BASELINE] = pinned
        st.session_state[STORE] = store
    return st.session_state[STORE]


def data_digest() -> str:
    """The digest of the current data's bytes and of how they were read (sheet, header row):
    it keys results computed from the data."""
    dataset = st.session_state.get(DATASET)
    if dataset is None:
        return ""
    if dataset.sheet is None and dataset.header_row is None:
        return dataset.digest
    reading = f"{dataset.digest}|{dataset.sheet}|{dataset.header_row}".encode()
    return hashlib.sha256(reading).hexdigest()


def seed_widget(key: str, default: object) -> None:
    """Give widget ``key`` the value it last had (kept by :func:`remember_widget`), else
    ``default``, when Streamlit has dropped it (a page switch); call before drawing the
    widget, and pass no ``value``/``index`` to it."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(f"{key}.kept", default)


def remember_widget(key: str, into: str | None = None) -> None:
    """on_change callback: keep widget ``key``'s value so it survives page switches (in
    ``into`` when the value has a session key of its own, else where :func:`seed_widget`
    looks)."""
    st.session_state[into or f"{key}.kept"] = st.session_state[key]


def rank_current_data(scenario: Scenario) -> Ranking:
    """Rank the current data under ``scenario``; what a ranking reads from the data before
    any weight is kept per (data, scenario without weights), so a weight change only scores
    (core.method.ranking.prepare_ranking). Raises InputError like rank_customers."""
    ingest = ingest_result()
    key = (data_digest(), scenario.key_without_weights())
    kept: dict[tuple[str, str], PreparedRanking] = st.session_state.setdefault(PREPARED, {})
    prepared = kept.get(key)
    if prepared is None:
        prepared = prepare_ranking(ingest.frame, scenario, excluded=ingest.excluded)
        while len(kept) >= PREPARED_KEEP:
            kept.pop(next(iter(kept)))
        kept[key] = prepared
    return rank_prepared(prepared, scenario)


def baseline_ranking(scenario: Scenario) -> Ranking:
    """Rank the current data under a baseline scenario, once per (data, scenario).

    A baseline (equal weights or a pinned scenario) does not change when a slider moves, so
    keeping its ranking halves the work of a rerun on the Ranking page.
    """
    key = (data_digest(), scenario.to_json(indent=None))
    cached = st.session_state.get(BASELINE_CACHE)
    if cached is None or cached[0] != key:
        cached = (key, rank_current_data(scenario))
        st.session_state[BASELINE_CACHE] = cached
    return cached[1]
