"""The period and as-of inputs shared by the Orders & RFM and Periodic review pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
from streamlit.delta_generator import DeltaGenerator

from core.orders.log import DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS, OrderFeatures
from ui.orders import state as orders
from ui.state import Dataset
from ui.widgets import kept_widget


def period_inputs(
    prefix: str,
    dataset: Dataset,
    columns: tuple[tuple[str, str | None], ...],
    frame: pd.DataFrame,
    t: Callable[..., str],
    boxes: tuple[DeltaGenerator, DeltaGenerator],
    with_help: bool = False,
    excluded: pd.DataFrame | None = None,
) -> tuple[int, date, OrderFeatures]:
    """The period length in days and the as-of date, in ``boxes``, each kept under the page's
    ``prefix`` (the date per file). The date starts at the log's last day, known from the
    aggregate up to it (under the Orders page's line rules and engine; ``excluded``: the rows
    ingest removed), returned too: ``(period, as_of, latest)``. InputError when the log cannot be
    aggregated."""
    period_box, as_of_box = boxes
    period = kept_widget(
        period_box.number_input,
        f"{prefix}_period",
        DEFAULT_PERIOD_DAYS,
        t("orders.period"),
        min_value=1,
        max_value=MAX_PERIOD_DAYS,
        step=1,
        help=t("orders.period_help") if with_help else None,
    )
    latest = orders.aggregate(
        dataset.digest, dataset.name, None, period, columns, frame, orders.line_rules(), excluded,
        *orders.chosen_engine(),
    )  # fmt: skip
    as_of = kept_widget(
        as_of_box.date_input,
        f"{prefix}_as_of_{dataset.digest[:12]}",
        latest.report.as_of,
        t("orders.as_of"),
        help=t("orders.as_of_help") if with_help else None,
    )
    return period, as_of, latest
