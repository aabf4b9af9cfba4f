"""The client report: one self-contained HTML file (inline CSS, charts as inline SVG).

Contents: the scenario (method, weights), the top customers, the tier summary, charts, the
strategy per group (core.strategy.playbook), the resource allocation (when the scenario has a policy
with a budget, core.strategy.allocation), expert overrides, excluded rows and warnings, in Chinese
or English. Nothing is loaded from elsewhere: no <script>, no external style, font or image,
so the file opens offline and can be mailed as it is.

With ``anonymize`` customers appear as 客户 A / Customer A (core.report.anonymize, the same
aliases as the app's presentation mode) and their IDs and names are left out: they are
replaced in the warnings and override reasons too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape

import pandas as pd

from core.errors import ScenarioError
from core.i18n import localize, phrases
from core.mapping.catalog import factor_display_names
from core.mapping.columns import direction_text, factor_kind
from core.method.explain import driver_text, relative_contributions, source_column, spread_factors
from core.method.overrides import override_audit
from core.method.ranking import Ranking
from core.method.tiers import tier_summary
from core.report.anonymize import anonymous_names
from core.report.charts import chart_svg, vl_convert
from core.report.figures import font_note, report_charts, shown_names, tier_labels
from core.strategy.allocation import allocate_ranking
from core.strategy.playbook import FIELDS, resolve_playbook

LANGS = ("zh", "en")
DEFAULT_TOP = 20
DRIVERS = 3
CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
"Helvetica Neue",Arial,sans-serif;color:#222;margin:0;background:#f6f7f9}
main{max-width:980px;margin:0 auto;padding:32px 28px;background:#fff}
h1{font-size:26px;margin:0 0 6px}h2{font-size:19px;margin:32px 0 10px;
border-bottom:2px solid #1f5fa8;padding-bottom:4px}
.meta{color:#666;margin:0 0 12px}.note{color:#8a5a00;background:#fff6e0;padding:6px 10px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th,td{border-bottom:1px solid #e3e6ea;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
th,td.k{word-break:keep-all}td.n{white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#666}dd{margin:0}
figure{margin:16px 0}svg{max-width:100%;height:auto}
footer{color:#666;font-size:12px;margin-top:32px;border-top:1px solid #e3e6ea;padding-top:8px}
@page{size:A4;margin:15mm 14mm}
@media print{body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}
h1,h2{break-after:avoid;page-break-after:avoid}thead{display:table-header-group}
tr,figure,dl,.note{break-inside:avoid;page-break-inside:avoid}
table{font-size:9pt}th,td{padding:3px 6px}
figure{margin:8px 0}figure svg{display:block;width:auto;max-width:100%;height:auto;max-height:88mm}
th,.note{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    numeric: set[int],
    labels: frozenset[int] = frozenset(),
) -> str:
    """An HTML table; ``numeric`` columns align right, ``labels`` columns (tier names) keep
    Chinese words whole instead of one character a line in a narrow printed column."""
    classes = {**dict.fromkeys(labels, ' class="k"'), **dict.fromkeys(numeric, ' class="n"')}
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(f"<td{classes.get(j, '')}>{escape(str(c))}</td>" for j, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _scrubber(
    table: pd.DataFrame, name_column: str | None, aliases: dict[str, str], unknown: list[str]
):
    """A function replacing real names (anywhere) and quoted IDs with their aliases; quoted
    ``unknown`` IDs (overrides for customers not in the data) become "—"."""
    aliases = {**{customer: "—" for customer in unknown}, **aliases}
    pairs = {}
    if name_column and name_column in table.columns:
        names = table[name_column].astype("string").fillna("")
        for customer, name in zip(table["customer_id"].astype(str), names, strict=True):
            if len(name.strip()) >= 2:  # a one-letter name would blank out ordinary words
                pairs[name.strip()] = aliases[customer]
    for quote in ("'", '"'):
        pairs |= {f"{quote}{c}{quote}": f"{quote}{a}{quote}" for c, a in aliases.items()}
    if not pairs:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: pairs[m.group(0)], text)


def _kind(frame: pd.DataFrame, column: str) -> str:
    return factor_kind(column, frame.get(source_column(frame, column)))


def _scenario_section(ranking: Ranking, text: dict[str, str], lang: str) -> str:
    scenario = ranking.scenario
    facts = [
        (text["method"], text[scenario.method]),
        (text["missing"], text[f"missing.{scenario.missing}"]),
        (text["scheme"], text[f"scheme.{scenario.tiers.scheme}"]),
    ]
    listed = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    names = factor_display_names(scenario.columns, lang)
    frame = ranking.table
    rows = [
        (names[f.column], direction_text(f.direction, _kind(frame, f.column), lang), f"{w:.1%}")
        for f, w in zip(scenario.factors, scenario.weights, strict=True)
    ]
    table = _table([text["factor"], text["direction"], text["weight"]], rows, {2})
    return f"<h2>{escape(text['scenario'])}</h2><dl>{listed}</dl>{table}"


def _top_section(
    ranking: Ranking, text: dict[str, str], top: int, names: pd.Series, anonymize: bool, scrub
) -> str:
    columns = ranking.scenario.columns
    relative = relative_contributions(ranking.table, spread_factors(ranking.table, columns))
    table = ranking.table.head(top)
    name_column = ranking.scenario.name_column
    header = [text["rank"]]
    header += [text["customer"]] if anonymize else [text["customer_id"], text["customer"]]
    header += [text["score"], text["tier"], text["drivers"]]
    overridden = "override" in table.columns
    header += [text["overridden"]] if overridden else []
    rows = []
    for i, row in table.iterrows():
        shown = [row["rank"], names.iloc[i]]
        if not anonymize:
            real = row[name_column] if name_column and name_column in table.columns else ""
            shown = [row["rank"], row["customer_id"], "" if pd.isna(real) else real]
        shown += [f"{row['score']:.1f}", row["tier"]]
        shown.append(driver_text(relative.iloc[i], DRIVERS))
        if overridden:
            shown.append("" if pd.isna(row["override"]) else scrub(str(row["override"])))
        rows.append(shown)
    numeric = {0, 2 if anonymize else 3}
    tier = frozenset({3 if anonymize else 4})
    title = text["top"].format(n=len(table))
    note = f'<p class="meta">{escape(text["drivers_note"])}</p>'
    return f"<h2>{escape(title)}</h2>{note}{_table(header, rows, numeric, tier)}"


def _tier_section(
    ranking: Ranking,
    text: dict[str, str],
    labels: list[str],
    revenue: str | None,
    profit: str | None,
) -> str:
    summary = tier_summary(ranking.table, labels, revenue, profit)
    columns = ["tier", "customers", "customer_share"]
    columns += [c for c in ("revenue", "revenue_share", "profit", "profit_share") if c in summary]
    columns.append("mean_score")
    rows = []
    for _, row in summary.iterrows():
        cells = []
        for c in columns:
            value = row[c]
            if c == "tier" or c == "customers":
                cells.append(value)
            elif pd.isna(value):
                cells.append("—")
            elif c.endswith("share"):
                cells.append(f"{value:.1%}")
            else:
                cells.append(f"{value:,.1f}" if c == "mean_score" else f"{value:,.0f}")
        rows.append(cells)
    html = _table([text[c] for c in columns], rows, set(range(1, len(columns))), frozenset({0}))
    return f"<h2>{escape(text['tiers'])}</h2>{html}"


def _charts_section(ranking: Ranking, text: dict[str, str], lang: str, anonymize: bool) -> str:
    title = f"<h2>{escape(text['charts'])}</h2>"
    if vl_convert() is None:
        return f'{title}<p class="note">{escape(text["charts_missing"])}</p>'
    note = font_note(lang)
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    figures = "".join(
        f"<figure>{chart_svg(c.chart, f'c{k}')}</figure>"
        for k, c in enumerate(report_charts(ranking, lang, anonymize))
    )
    return title + note_html + figures


def _strategy_section(
    ranking: Ranking, text: dict[str, str], lang: str, labels: list[str], saved: Mapping
) -> str:
    book = resolve_playbook(saved, labels, ranking.scenario.tiers.scheme, lang)
    header = [text["tier"], *(text[f] for f in FIELDS)]
    rows = [[label, *(entry[f] for f in FIELDS)] for label, entry in book.items()]
    return f"<h2>{escape(text['strategy'])}</h2>{_table(header, rows, set(), frozenset({0}))}"


def _allocation_section(ranking: Ranking, text: dict[str, str]) -> str:
    """The scenario's allocation per tier (when it has a policy with a budget); a policy that
    cannot be met gives its reason instead of the table."""
    policy = ranking.scenario.allocation
    title = f"<h2>{escape(text['allocation'])}</h2>"
    try:
        result = allocate_ranking(ranking)
    except ScenarioError as exc:
        return f'{title}<p class="note">{escape(str(exc))}</p>'
    if result is None or policy is None:
        return ""
    unit = policy.label or text[f"unit.{policy.unit}"]
    shown = {
        k: "—" if v is None else f"{v:.1%}"
        for k, v in (
            ("revenue", result.covered_revenue_share),
            ("profit", result.covered_profit_share),
        )
    }
    meta = text["allocation_meta"].format(budget=result.budget, unit=unit, **shown)
    header = [text[k] for k in ("tier", "customers", "funded", "amount", "amount_share")]
    rows = [
        [row.tier, row.customers, row.funded, f"{row.amount:,.2f}", f"{row.share:.1%}"]
        for row in result.tiers.itertuples(index=False)
    ]
    table = _table(header, rows, {1, 2, 3, 4}, frozenset({0}))
    return f'{title}<p class="meta">{escape(meta)}</p>{table}'


def _override_section(ranking: Ranking, text: dict[str, str], anonymize: bool, aliases, scrub):
    audit = override_audit(ranking.scenario, ranking)
    header = [text[k] for k in ("customer", "from", "to", "reason", "author", "at", "status")]
    rows = []
    for row in audit.itertuples(index=False):
        who = aliases.get(row.customer_id, "—") if anonymize else row.customer_id
        before = " / ".join(str(v) for v in (row.from_tier, row.from_rank) if not pd.isna(v))
        after = " / ".join(str(v) for v in (row.to_tier, row.to_rank) if not pd.isna(v))
        reason = scrub(row.reason)
        rows.append(
            [
                who,
                before or "—",
                after,
                reason,
                row.author,
                row.at,
                text[row.status.replace(" ", "_")],
            ]
        )
    return f"<h2>{escape(text['overrides'])}</h2>{_table(header, rows, set())}"


def build_report(
    ranking: Ranking,
    ingest_name: str,
    lang: str = "zh",
    anonymize: bool = False,
    playbook: Mapping[str, Mapping[str, str]] | None = None,
    top: int = DEFAULT_TOP,
    revenue: str | None = None,
    profit: str | None = None,
    warnings: Sequence[str] = (),
) -> str:
    """The report as one HTML document. ``playbook`` holds saved strategy edits (default: the
    scenario's); ``revenue`` / ``profit`` name money columns for the tier summary; ``warnings``
    are listed before the ranking's own (e.g. the ingest's)."""
    lang = "zh" if lang == "zh" else "en"
    text = phrases("report.text.", lang)
    table = ranking.table
    aliases = anonymous_names(table["customer_id"], lang)
    names = shown_names(ranking, aliases, anonymize)
    if anonymize:
        unknown = [o.customer_id for o in ranking.scenario.overrides]
        scrub = _scrubber(table, ranking.scenario.name_column, aliases, unknown)
    else:
        scrub = str  # the identity on text: nothing to hide
    labels = tier_labels(ranking)
    warnings = [scrub(str(localize(w, lang))) for w in [*warnings, *ranking.warnings]]
    as_of = ranking.as_of.isoformat() if ranking.as_of else "—"
    facts = [
        (text["source"], ingest_name),
        (text["as_of"], as_of),
        (text["ranked"], f"{len(table):,}"),
        (text["excluded"], f"{len(ranking.excluded):,}"),
    ]
    parts = [
        f"<h1>{escape(text['title'])}</h1>",
        f'<p class="note">{escape(text["anonymized"])}</p>' if anonymize else "",
        "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts) + "</dl>",
        _scenario_section(ranking, text, lang),
        _top_section(ranking, text, top, names, anonymize, scrub),
        _tier_section(ranking, text, labels, revenue, profit),
        _charts_section(ranking, text, lang, anonymize),
        _strategy_section(
            ranking, text, lang, labels, ranking.scenario.playbook if playbook is None else playbook
        ),
        _allocation_section(ranking, text),
        _override_section(ranking, text, anonymize, aliases, scrub)
        if ranking.scenario.overrides
        else "",
        f"<h2>{escape(text['warnings'])}</h2>",
        "<ul>" + "".join(f"<li>{escape(w)}</li>" for w in warnings) + "</ul>"
        if warnings
        else f"<p>{escape(text['no_warnings'])}</p>",
        f"<footer><p>{escape(text['print_pdf'])}</p></footer>",
    ]
    html_lang = "zh-CN" if lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(text['title'])}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body><main>\n{''.join(parts)}\n</main></body>\n</html>\n"
    )
