"""What the Export page hands out: the ranked table, the workbook's sheets and the share link.

Pure functions of the ranking and scenario (no Streamlit), so the page only draws and the
tests can check every file's content exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from core.ingest.read import IngestResult
from core.mapping.columns import Mapping
from core.method.explain import drivers_table
from core.method.ranking import Ranking
from core.method.scenario import Scenario
from core.method.tiers import tier_summary
from core.report.html import build_report
from ui.tables import alias_column, column_for

HEAD = ("rank", "customer_id", "score", "tier")
SCORE_DECIMALS = 4


def _input_column(column: str | None, table: pd.DataFrame) -> str | None:
    """Where an input column ended up in a ranking table (renamed if it shadowed a head one)."""
    if column is None:
        return None
    name = f"{column} (input)" if column in HEAD else column
    return name if name in table.columns else None


def export_table(ranking: Ranking, mapping: Mapping, lang: str, presentation: bool) -> pd.DataFrame:
    """rank, customer_id, score, tier, the input columns, then each factor's contribution.

    The input ID column is dropped (it repeats ``customer_id``). In presentation mode the
    customer ID and the name column both hold the alias ('Customer A' …) that the screen shows.
    """
    table = ranking.table
    contrib = ranking.contribution_columns
    id_column = _input_column(ranking.scenario.id_column, table)
    inputs = [c for c in table.columns if c not in (*HEAD, *contrib, id_column)]
    out = table[[*HEAD, *inputs, *contrib]].copy()
    out["score"] = out["score"].round(SCORE_DECIMALS)
    out[contrib] = out[contrib].round(SCORE_DECIMALS)
    if presentation:
        aliases = alias_column(table["customer_id"], lang)
        out["customer_id"] = aliases
        name_column = _input_column(mapping.name_column, out)
        if name_column is not None:
            out[name_column] = aliases
    return out


def drivers_sheet(ranking: Ranking, lang: str, presentation: bool) -> pd.DataFrame:
    """Every customer against the average customer (core.method.explain.drivers_table), points
    rounded; aliases instead of IDs in presentation mode."""
    out = drivers_table(ranking.table, ranking.scenario.columns)
    numbers = [c for c in out.columns if c not in ("rank", "customer_id", "main_drivers")]
    out[numbers] = out[numbers].round(SCORE_DECIMALS)
    if presentation:
        out["customer_id"] = alias_column(ranking.table["customer_id"], lang).to_numpy()
    return out


def scenario_sheet(scenario: Scenario) -> pd.DataFrame:
    """The scenario as key/value rows a person can read, ending with the full JSON."""
    total = sum(f.weight for f in scenario.factors)
    rows: list[tuple[str, str]] = [
        ("name", scenario.name),
        ("id_column", scenario.id_column),
        ("name_column", scenario.name_column or ""),
        ("method", scenario.method),
        ("missing", scenario.missing),
        ("duplicate_ids", scenario.duplicate_ids),
        ("as_of", scenario.as_of or ""),
        ("tiers.scheme", scenario.tiers.scheme),
        ("tiers.labels", " / ".join(scenario.tiers.labels)),
    ]
    for factor in scenario.factors:
        rows.append(
            (
                f"factor:{factor.column}",
                f"{factor.direction}, weight {factor.weight / total:.1%}, {factor.normalize}",
            )
        )
    rows.append(("json", scenario.to_json()))
    return pd.DataFrame(rows, columns=["key", "value"])


def workbook_sheets(
    ranking: Ranking, mapping: Mapping, lang: str, presentation: bool, names: Iterable[str]
) -> dict[str, pd.DataFrame]:
    """The XLSX sheets in order: ranked list, tier summary, scenario and every customer's
    drivers against the average customer (``names`` titles them)."""
    table = export_table(ranking, mapping, lang, presentation)
    summary = tier_summary(
        ranking.table,
        ranking.scenario.tiers.labels,
        _input_column(column_for(mapping, "monetary"), ranking.table),
        _input_column(column_for(mapping, "profit"), ranking.table),
    )
    ranked, tiers, scenario, drivers = names
    return {
        ranked: table,
        tiers: summary,
        scenario: scenario_sheet(ranking.scenario),
        drivers: drivers_sheet(ranking, lang, presentation),
    }


def share_link(page_url: str | None, lang: str, scenario: Scenario) -> str:
    """``<page url without its query>?lang=<lang>&s=<token>``; relative when the URL is unknown."""
    query = urlencode({"lang": lang, "s": scenario.to_token()})
    if not page_url:
        return f"/?{query}"
    parts = urlsplit(page_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def client_report(
    ranking: Ranking, mapping: Mapping, ingest: IngestResult, lang: str, anonymize: bool
) -> str:
    """The self-contained HTML client report (core.report.html.build_report) of the live ranking:
    the scenario's playbook, the mapping's revenue and profit columns, the ingest warnings."""
    return build_report(
        ranking,
        ingest.source,
        lang=lang,
        anonymize=anonymize,
        playbook=ranking.scenario.playbook,
        revenue=_input_column(column_for(mapping, "monetary"), ranking.table),
        profit=_input_column(column_for(mapping, "profit"), ranking.table),
        warnings=ingest.warnings,
    )
