"""Loading a scenario: the one way a scenario from outside becomes the one the data is ranked by.

Every entry point goes through :func:`load_scenario` — a share link's token, a saved scenario,
a JSON upload, the workshop's consensus, the command line's ``--scenario FILE`` — so each one
parses, checks the scenario against the data's columns and derives the column mapping from it
the same way, and returns the same warnings. The scenario owns the factors, their directions
and weights, the ID and name columns; the mapping returned is
:func:`~core.method.scenario_mapping.mapping_for` of the data's detected mapping (or the one given),
so a later mapping edit starts from exactly the scenario's factors.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping as AnyMapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from core.errors import ScenarioError
from core.i18n import Message, Tail, message_of, msg, prefixed
from core.mapping.columns import Mapping, detect_mapping
from core.method.ranking import rank_customers
from core.method.scenario import Scenario
from core.method.scenario_mapping import mapping_for

__all__ = ["LoadedScenario", "load_scenario", "parse_scenario"]

Source = Scenario | AnyMapping | str | bytes | Path


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario that fits the data, the mapping derived from it (None when no data was
    given) and what the loader noticed on the way (texts, possibly :class:`core.i18n.Message`)."""

    scenario: Scenario
    mapping: Mapping | None = None
    warnings: list[Any] = field(default_factory=list)


def _file_label(path: Path) -> Message:
    return msg("scenario_io.file", path=str(path))


def _naming_file(exc: ScenarioError, path: Path) -> ScenarioError:
    """The same problem, its message starting with the scenario file instead of 'scenario:'."""
    where = _file_label(path)
    if str(exc).startswith(where):
        return exc
    return ScenarioError(prefixed(where, Tail(message_of(exc), "scenario.prefix")))


def _parse(build: Any, payload: Any, warnings: list, **options: Any) -> Scenario:
    """The one call into Scenario's parsers (from_dict / from_json / from_token); ``warnings``
    collects what they notice (unknown fields, with the nearest known one)."""
    return build(payload, warnings=warnings, **options)


def parse_scenario(
    source: Source, *, origin: str = "scenario", token: bool = False, warnings: list | None = None
) -> Scenario:
    """Build the scenario ``source`` describes: a Scenario (taken as it is), a parsed JSON
    object, JSON text or bytes (``origin`` names it in errors), a share link's token
    (``token=True``) or a JSON file (a :class:`~pathlib.Path`). ScenarioError names any problem;
    ``warnings`` collects what can be noticed while parsing."""
    warnings = [] if warnings is None else warnings
    if isinstance(source, Scenario):
        return source
    if isinstance(source, Path):
        try:
            text = source.read_bytes()
        except OSError as exc:
            file, reason = _file_label(source), exc.strerror
            raise ScenarioError(msg("scenario_io.unreadable", file=file, detail=reason)) from None
        try:
            return _parse(Scenario.from_json, text, warnings, source=_file_label(source))
        except ScenarioError as exc:
            raise _naming_file(exc, source) from None
    if isinstance(source, AnyMapping):
        return _parse(Scenario.from_dict, source, warnings)
    if token:
        return _parse(Scenario.from_token, str(source), warnings)
    return _parse(Scenario.from_json, source, warnings, source=origin)


def _columns(data: pd.DataFrame | Iterable[str] | None) -> list[str] | None:
    if data is None:
        return None
    return list(data.columns) if isinstance(data, pd.DataFrame) else list(data)


def load_scenario(
    source: Source,
    data: pd.DataFrame | Iterable[str] | None = None,
    *,
    origin: str = "scenario",
    token: bool = False,
    mapping: Mapping | None = None,
    name_from_data: bool = False,
    trial: bool = False,
) -> LoadedScenario:
    """Parse ``source`` (see :func:`parse_scenario`) and make it fit ``data``.

    With ``data`` (a table, or only its column names) every column the scenario names must be
    in it (ScenarioError otherwise; a file source is named in the message). With a table, the
    mapping returned is ``mapping`` (what each column is; detected from the table when not
    given) as the scenario uses it: its ID and name columns and exactly its factors and
    directions. ``name_from_data`` gives a scenario that names no name column the mapping's
    one; ``trial`` ranks the table once, so a scenario that cannot rank it (a factor column
    holding text) is refused here with an InputError rather than after it was adopted.
    """
    warnings: list[Any] = []
    scenario = parse_scenario(source, origin=origin, token=token, warnings=warnings)
    columns = _columns(data)
    if columns is not None:
        try:
            scenario.validate(columns)
        except ScenarioError as exc:
            named = _naming_file(exc, source) if isinstance(source, Path) else exc
            raise named from None
    if not isinstance(data, pd.DataFrame):
        return LoadedScenario(scenario, None, warnings)
    detected = mapping if mapping is not None else detect_mapping(data)
    name = detected.name_column
    unnamed = name_from_data and scenario.name_column is None
    if unnamed and name not in (None, scenario.id_column, *scenario.columns):
        scenario = replace(scenario, name_column=name)
    if trial:
        rank_customers(data, scenario)
    return LoadedScenario(scenario, mapping_for(detected, scenario), warnings)
