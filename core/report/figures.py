"""Which charts the client report has, built from a ranking: factor weights, customers per
group, and the score make-up of the first customers.

One list for every output: core.report.html draws it as inline SVG, core.report.images as PNG, so
titles, language and anonymisation are the same everywhere. Also who each ranked row is in
the report (real name or alias) and the tier labels in report order, which the HTML tables use.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from core.i18n import phrases
from core.mapping.catalog import factor_display_names
from core.method.ranking import Ranking
from core.method.tiers import tier_summary
from core.report.anonymize import anonymous_names
from core.report.charts import (
    ReportChart,
    cjk_font_dir,
    contribution_chart,
    tier_chart,
    weights_chart,
)

CHART_TOP = 10  # customers in the score make-up chart


def shown_names(ranking: Ranking, aliases: Mapping[str, str], anonymize: bool) -> pd.Series:
    """Who each ranked row is in the report: the alias, else the name (the ID without one)."""
    table = ranking.table
    ids = table["customer_id"].astype(str)
    if anonymize:
        return ids.map(aliases)
    name_column = ranking.scenario.name_column
    if name_column and name_column in table.columns:
        return table[name_column].astype("string").fillna(ids)
    return ids


def tier_labels(ranking: Ranking) -> list[str]:
    """The scenario's tier labels, then any other tier found in the table (e.g. an override)."""
    labels = [*map(str, ranking.scenario.tiers.labels), *ranking.table["tier"]]
    return list(dict.fromkeys(labels))


def weights_frame(ranking: Ranking, lang: str = "en") -> pd.DataFrame:
    """``factor`` (its display name in ``lang``) and its ``weight`` (a fraction of 1), in the
    scenario's order."""
    scenario = ranking.scenario
    names = factor_display_names(scenario.columns, lang)
    return pd.DataFrame({"factor": list(names.values()), "weight": scenario.weights})


def report_charts(ranking: Ranking, lang: str = "zh", anonymize: bool = False) -> list[ReportChart]:
    """The report's three charts, titled in ``lang``: factor weights, customers per group, and
    the score make-up of the first customers (aliases only with ``anonymize``).

    The HTML report draws these as SVG, core.report.images as PNG: one list, one look.
    """
    lang = "zh" if lang == "zh" else "en"
    text = phrases("report.text.", lang)
    labels = tier_labels(ranking)
    aliases = anonymous_names(ranking.table["customer_id"], lang)
    names = shown_names(ranking, aliases, anonymize)
    head = ranking.table.head(CHART_TOP)
    factors = factor_display_names(ranking.scenario.columns, lang)
    long = pd.DataFrame(
        [
            {
                "customer": names.iloc[i],
                "factor": factors[column],
                "points": float(row["contrib:" + column]),
            }
            for i, row in head.iterrows()
            for column in ranking.scenario.columns
        ],
        columns=["customer", "factor", "points"],
    )
    summary = tier_summary(ranking.table, labels)
    return [
        ReportChart(
            "01-factor-weights",
            weights_chart(weights_frame(ranking, lang), text["chart.weights"], text["weight"]),
        ),
        ReportChart(
            "02-customers-per-group",
            tier_chart(summary, labels, text["chart.tiers"], text["customers"]),
        ),
        ReportChart(
            "03-score-make-up",
            contribution_chart(
                long,
                list(names.iloc[: len(head)]),
                text["chart.contrib"].format(n=len(head)),
                text["points"],
            ),
        ),
    ]


def font_note(lang: str) -> str | None:
    """The warning for Chinese charts drawn without a CJK font, else None."""
    if lang == "zh" and cjk_font_dir() is None:
        return phrases("report.text.", "zh")["font_missing"]
    return None
