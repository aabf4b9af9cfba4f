"""State and cached work of the Orders & RFM and Periodic review pages.

The order log (a Dataset: upload or the bundled sample) is kept under :data:`ORDERS` so it
survives page switches; reading, aggregating and reviewing are cached on the bytes' digest
plus the settings (never on the bytes themselves), like :func:`ui.state.load_dataset`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.errors import InputError
from core.method.scenario import Scenario
from core.orders.log import OrderFeatures, aggregate_orders, detect_order_columns
from core.orders.merge import ORDER_FACTORS, MergeResult, merge_master, order_scenario
from core.orders.names import NAME, name_mismatches
from core.orders.rfm import SEGMENT_RULES, SegmentRule, rules_frame, rules_from_frame
from core.orders.spark_session import SparkTarget, configured_target
from core.review.periods import REVIEW_FACTORS, Review, WarningRules, review_orders
from core.storage.snapshots import SnapshotStore
from ui import state
from ui.i18n import message_of
from ui.orders.tables import parse_cuts
from ui.widgets import kept_choice, kept_widget

ORDERS = "orders_dataset"
RULES = "rfm_rules"  # the last valid segment rules
RULES_BASE = "rfm_rules_base"  # what the rule editor was opened on
MASTER = "orders_master"  # (digest of merged data, master frame, id column, source, name column)
WARNING_RULES = "review_rules"
SNAPSHOTS = "snapshot_store"
FLASH = "orders_flash"
SAMPLE_ORDERS = "sample_orders.csv"
DROP_COPIES = "orders_drop_copies"  # checkbox: drop identical lines without order IDs
IGNORE_ZERO = "orders_ignore_zero"  # checkbox: ignore zero-amount lines
ENGINE = "orders_engine"  # selectbox: the order engine (auto, pandas, duckdb, spark)
LAST_GOOD = "orders_last_good"  # (digest, OrderFeatures): the last aggregate that succeeded
LOCAL_ENGINES = ("auto", "pandas", "duckdb")
ROLES = ("customer", "date", "amount", "profit", "order_id", "name")
REQUIRED = ("customer", "date", "amount")


def orders_dataset() -> state.Dataset:
    """The current order log: the last upload, else the bundled sample."""
    if ORDERS not in st.session_state:
        content = (state.DATA_DIR / SAMPLE_ORDERS).read_bytes()
        st.session_state[ORDERS] = state.make_dataset(SAMPLE_ORDERS, content, is_sample=True)
    return st.session_state[ORDERS]


def log_and_columns(
    dataset: state.Dataset, t: Callable[..., str]
) -> tuple[pd.DataFrame, pd.DataFrame | None, dict[str, str | None]]:
    """The Orders page's log read (frame, the rows ingest excluded) with its chosen columns;
    when they are not all chosen, says so with a link to the Orders page and stops the page.
    Raises InputError for a log that cannot be read."""
    ingest = state.read_dataset(dataset)
    frame, excluded = ingest.frame, getattr(ingest, "excluded", None)
    columns = chosen_columns(frame, dataset.digest)
    if not columns_ready(columns):
        st.warning(t("orders.pick_columns"), icon="👉")
        st.page_link("pages/orders.py", label=t("nav.orders"), icon="🧾")
        st.stop()
    return frame, excluded, columns


def on_upload(key: str) -> None:
    """Uploader callback: the uploaded file becomes the order log."""
    upload = st.session_state.get(key)
    if upload is not None:
        st.session_state[ORDERS] = state.make_dataset(upload.name, upload.getvalue())


def use_sample() -> None:
    """Button callback: back to the bundled sample log."""
    st.session_state.pop(ORDERS, None)


def column_key(role: str, digest: str) -> str:
    """The selectbox key of one role for one file (a new file starts from detection)."""
    return f"orders_col_{role}_{digest[:12]}"


def detected_columns(frame: pd.DataFrame) -> dict[str, str | None]:
    """Roles found by header; none when a required column is missing (the user picks)."""
    try:
        found = detect_order_columns(frame.columns)
    except InputError:
        return dict.fromkeys(ROLES)
    return {role: getattr(found, role) for role in ROLES}


def chosen_columns(frame: pd.DataFrame, digest: str) -> dict[str, str | None]:
    """The roles as last picked on the Orders page, else as detected."""
    detected = detected_columns(frame)
    out = {}
    for role in ROLES:
        key = column_key(role, digest)
        out[role] = st.session_state.get(key, st.session_state.get(f"{key}.kept", detected[role]))
    return out


def columns_ready(columns: dict[str, str | None]) -> bool:
    """True when every required role has a column, each used once."""
    used = [c for c in columns.values() if c is not None]
    return all(columns[r] for r in REQUIRED) and len(used) == len(set(used))


def line_rules() -> tuple[bool, bool]:
    """(drop identical lines, ignore zero lines) as last ticked on the Orders page (both off
    by default: lines count as lifetimes counts them); the Review page uses the same."""
    return tuple(  # type: ignore[return-value]
        bool(st.session_state.get(key, st.session_state.get(f"{key}.kept", False)))
        for key in (DROP_COPIES, IGNORE_ZERO)
    )


def line_rule_inputs(t: Callable[..., str], boxes: tuple[DeltaGenerator, DeltaGenerator]) -> None:
    """The two line-rule checkboxes (kept across page switches), in ``boxes``."""
    for box, key, label in zip(boxes, (DROP_COPIES, IGNORE_ZERO), ("drop_copies", "ignore_zero"),
                               strict=True):  # fmt: skip
        kept_widget(box.checkbox, key, False, t(f"orders.{label}"), help=t(f"orders.{label}_help"))


def engine_options() -> list[str]:
    """The engines the Orders page offers: Spark too while a connection is configured
    (:func:`core.orders.spark_session.configured_target`)."""
    return [*LOCAL_ENGINES, "spark"] if configured_target() else list(LOCAL_ENGINES)


def chosen_engine() -> tuple[str, SparkTarget | None]:
    """(engine, Spark target) as last picked on the Orders page: automatic until then, and
    again when Spark is no longer configured; the target only with Spark. The Review page
    aggregates with the same."""
    picked = st.session_state.get(ENGINE, st.session_state.get(f"{ENGINE}.kept", "auto"))
    target = configured_target() if picked == "spark" else None
    if target is not None:
        return "spark", target
    return (picked if picked in LOCAL_ENGINES else "auto"), None


def engine_label(engine: str, t: Callable[..., str]) -> str:
    """An engine's display name; Spark's with the URL it runs on."""
    name = t(f"orders.engine.{engine}")
    target = configured_target() if engine == "spark" else None
    return f"{name} · {target.label()}" if target else name


def engine_input(t: Callable[..., str], box: DeltaGenerator) -> None:
    """The engine selectbox (kept across page switches), in ``box``."""
    kept_choice(
        box.selectbox, ENGINE, "auto", t("orders.engine"), engine_options(),
        format_func=lambda e: engine_label(e, t), help=t("orders.engine_help"),
    )  # fmt: skip


def running_text(t: Callable[..., str]) -> str:
    """The progress text of an aggregation with the chosen engine (Spark's names its slow
    first start)."""
    engine, _ = chosen_engine()
    key = "orders.running_spark" if engine == "spark" else "orders.running"
    return t(key, engine=engine_label(engine, t))


@st.cache_data(show_spinner=False, max_entries=16)
def aggregate(
    digest: str,
    name: str,
    as_of: date | None,
    period_days: int,
    columns: tuple[tuple[str, str | None], ...],
    _frame: pd.DataFrame,
    rules: tuple[bool, bool] = (False, False),
    _excluded: pd.DataFrame | None = None,
    engine: str = "auto",
    spark: SparkTarget | None = None,
) -> OrderFeatures:
    """:func:`core.orders.log.aggregate_orders`, cached on the digest and the settings
    (``rules``: :func:`line_rules`; ``_excluded``: the rows ingest removed from the file;
    ``engine`` and ``spark``: :func:`chosen_engine`, a dataclass Streamlit hashes by its fields,
    ``conf`` included)."""
    return aggregate_orders(
        _frame, as_of=as_of, period_days=period_days, columns=dict(columns), name=name,
        drop_copies=rules[0], ignore_zero=rules[1], excluded=_excluded, engine=engine, spark=spark,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=8)
def review_log(
    digest: str,
    as_of: date | None,
    period_days: int,
    columns: tuple[tuple[str, str | None], ...],
    rules: WarningRules,
    lang: str,
    _frame: pd.DataFrame,
    lines: tuple[bool, bool] = (False, False),
    _excluded: pd.DataFrame | None = None,
    engine: str = "auto",
    spark: SparkTarget | None = None,
) -> Review:
    """:func:`core.review.periods.review_orders` on the last two periods, cached likewise; tiers are
    labelled in ``lang``; ``lines`` as :func:`line_rules`; ``engine``, ``spark`` as
    :func:`aggregate`."""
    factors = pd.DataFrame(columns=[c for c, _ in REVIEW_FACTORS])
    scenario = order_scenario(factors, REVIEW_FACTORS, lang=lang)
    return review_orders(
        _frame, period_days, as_of=as_of, columns=dict(columns), scenario=scenario, rules=rules,
        drop_copies=lines[0], ignore_zero=lines[1], excluded=_excluded, engine=engine, spark=spark,
    )  # fmt: skip


def master_names() -> dict[str, str]:
    """Customer ID → name from the customer table (:func:`customer_master`; empty without a
    name column): only the IDs it contains."""
    frame, id_column, _, name_column = customer_master()
    if not name_column or name_column not in frame.columns or id_column not in frame.columns:
        return {}
    ids = frame[id_column].astype("string")
    names = frame[name_column].astype("string")
    keep = ids.notna() & names.notna()
    return dict(zip(ids[keep].astype(str), names[keep].astype(str), strict=True))


def log_name_mismatches(rankings) -> tuple[tuple[str, str, str], ...]:
    """(ID, the log's name, the customer table's) where the rankings' log names (their
    ``customer_name`` name column) and the customer table's differ."""
    log: dict[str, str] = {}
    for ranking in rankings:
        if ranking.scenario.name_column == NAME and NAME in ranking.table.columns:
            named = ranking.table[ranking.table[NAME].notna()]
            log |= dict(zip(named["customer_id"].astype(str), named[NAME].astype(str), strict=True))
    return name_mismatches(log, master_names()) if log else ()


def segment_rules() -> tuple[SegmentRule, ...]:
    """The last valid segment rules (the defaults until the user edits them)."""
    return st.session_state.get(RULES, SEGMENT_RULES)


def warning_rules() -> WarningRules:
    """The early-warning thresholds last submitted on the Review page."""
    return st.session_state.get(WARNING_RULES, WarningRules())


def snapshot_store() -> SnapshotStore:
    """The snapshot store ($CIW_DATA_DIR), opened once per session; InputError if unusable."""
    if SNAPSHOTS not in st.session_state:
        st.session_state[SNAPSHOTS] = SnapshotStore()
    return st.session_state[SNAPSHOTS]


def customer_master() -> tuple[pd.DataFrame, str, str, str | None]:
    """The customer table to join orders to, its ID column, its source name and its name
    column: the current data, or the table it was merged from when the current data is an
    earlier merge."""
    kept = st.session_state.get(MASTER)
    if kept is not None and kept[0] == state.data_digest():
        return kept[1], kept[2], kept[3], kept[4]
    ingest, mapping = state.ingest_result(), state.current_mapping()
    return ingest.frame, mapping.id_column, ingest.source, mapping.name_column


def master_join(rfm: pd.DataFrame) -> MergeResult | None:
    """The customer table joined with the order features; None when no ID matches."""
    master, id_column, _, name_column = customer_master()
    try:
        result = merge_master(master, rfm, id_column, name_column)
    except InputError:
        return None
    return result if len(result.only_in_master) < len(master) else None


def rank_from_orders(rfm: pd.DataFrame, merge: bool, lang: str) -> tuple[str, ...]:
    """Make the order customers the current data with an equal-weight order scenario:
    joined to the customer table (``merge``) or the features alone. Returns the join's
    warnings (unmatched IDs); InputError when the table cannot be ranked."""
    if not merge:
        scenario = order_scenario(rfm, id_column="customer_id", lang=lang)
        if not state.load_frame("orders_customers.parquet", rfm, lang, scenario):
            raise InputError(st.session_state[state.LOAD_ERROR])
        return ()
    master, id_column, source, name_column = customer_master()
    result = merge_master(master, rfm, id_column, name_column)
    table = result.table
    # A master column with the same name (订单数 / orders) is the master's own figure: rank on
    # the log's, which merge_master suffixed.
    factors = tuple(
        (f"{c} (orders)" if f"{c} (orders)" in table.columns else c, d) for c, d in ORDER_FACTORS
    )
    scenario = order_scenario(
        table, factors, id_column=id_column, lang=lang, name_column=result.name_column
    )
    if not state.load_frame(f"{Path(source).stem} + orders.parquet", table, lang, scenario):
        raise InputError(st.session_state[state.LOAD_ERROR])
    st.session_state[MASTER] = (state.data_digest(), master, id_column, source, name_column)
    return result.warnings


# Input widgets shared by the two pages (each keeps its value across page switches).
DEFAULT_CUTS = {"r": "30, 90, 180, 365", "f": "2, 4, 8, 16", "m": ""}
RULES_VERSION = "orders_rules_version"


def column_pickers(frame: pd.DataFrame, digest: str, t: Callable[..., str]) -> None:
    """One selectbox per role, preset to the detected column."""
    detected, options = detected_columns(frame), [None, *frame.columns]
    for box, role in zip(st.columns(len(ROLES)), ROLES, strict=True):
        kept_choice(
            box.selectbox, column_key(role, digest), detected[role], t(f"orders.role.{role}"),
            options, format_func=lambda c: t("orders.none") if c is None else str(c),
        )  # fmt: skip


def cut_inputs(t: Callable[..., str]) -> dict[str, list[float]]:
    """Cut points per letter typed by the user (a blank letter is scored by quintile)."""
    cuts = {}
    for box, (letter, default) in zip(st.columns(3), DEFAULT_CUTS.items(), strict=True):
        text = kept_widget(
            box.text_input, f"orders_cuts_{letter}", default, t(f"orders.cuts.{letter}"),
            help=t("orders.cuts_help"),
        )  # fmt: skip
        try:
            if (parsed := parse_cuts(text)) is not None:
                cuts[letter] = parsed
        except ValueError:
            st.error(t("orders.cuts_error", error=f"{letter.upper()}: {text}"), icon="⚠️")
    return cuts


def _reset_rules() -> None:
    st.session_state.pop(RULES, None)
    st.session_state[RULES_VERSION] = st.session_state.get(RULES_VERSION, 0) + 1


def rule_editor(t: Callable[..., str]) -> tuple[SegmentRule, ...]:
    """The editable segment rule table; an invalid edit shows an error and the last valid
    rules stay in force."""
    rules = segment_rules()
    st.caption(t("orders.rules_help"))
    key = f"orders_rules_editor_{st.session_state.get(RULES_VERSION, 0)}"
    if key not in st.session_state:  # a fresh editor opens on the last valid rules
        st.session_state[RULES_BASE] = rules
    edited = st.data_editor(
        rules_frame(st.session_state[RULES_BASE]), key=key, num_rows="dynamic",
        hide_index=True, width="stretch",
        column_config={c: t(f"orders.rule.{c}") for c in rules_frame().columns},
    )  # fmt: skip
    try:
        rules = rules_from_frame(edited)
        st.session_state[RULES] = rules
    except InputError as exc:
        st.error(t("orders.rules_error", error=message_of(exc)), icon="⚠️")
    st.button(t("orders.rules_reset"), on_click=_reset_rules)
    return rules


def overview_formats(t: Callable[..., str]) -> dict[str, object]:
    """Number formats of the segment overview's columns."""
    money, share = st.column_config.NumberColumn, "%.1f%%"  # 21.6% as elsewhere
    return {
        t("orders.col.customer_share"): money(format=share),
        t("orders.col.revenue_share"): money(format=share),
        t("orders.col.revenue"): money(format="localized"),
        t("orders.col.avg_order_value"): money(format="localized"),
    }


# The Review page's two uploaded snapshots (customer tables), kept across page switches.
SNAPSHOT_FILES = {"a": "review_file_a", "b": "review_file_b"}


def on_snapshot_upload(side: str) -> None:
    """Uploader callback: keep snapshot ``side`` ("a" or "b") as a Dataset."""
    upload = st.session_state.get(f"review_upload_{side}")
    if upload is not None:
        st.session_state[SNAPSHOT_FILES[side]] = state.make_dataset(upload.name, upload.getvalue())


def snapshot_uploads() -> tuple[state.Dataset | None, state.Dataset | None]:
    """The two uploaded snapshots (None where not uploaded yet)."""
    return tuple(st.session_state.get(SNAPSHOT_FILES[s]) for s in "ab")  # type: ignore[return-value]


def shared_scenario(scenario: Scenario, frames: list[pd.DataFrame]) -> Scenario | None:
    """The current scenario when its columns are in every frame, else None (the review then
    detects one from the later snapshot)."""
    try:
        for frame in frames:
            scenario.validate(frame.columns)
    except InputError:
        return None
    return scenario
