"""The period and as-of inputs of the Orders and Review pages (ui.orders.inputs), on the
bundled order log, with a plain dict as the session state and stand-ins for the widgets."""

from __future__ import annotations

from datetime import date

from core.orders.log import DEFAULT_PERIOD_DAYS
from ui import state
from ui.orders import state as orders_state
from ui.orders.inputs import period_inputs


def _log():
    dataset = orders_state.orders_dataset()
    frame = state.read_dataset(dataset).frame
    columns = tuple(orders_state.detected_columns(frame).items())
    return dataset, columns, frame


def _t(key: str, **values: object) -> str:
    return key


def test_defaults_are_the_default_period_and_the_logs_last_day(session, stand_in) -> None:
    dataset, columns, frame = _log()
    boxes = stand_in(), stand_in()
    period, as_of, latest = period_inputs("review", dataset, columns, frame, _t, boxes)
    assert period == DEFAULT_PERIOD_DAYS
    assert as_of == latest.report.as_of == frame["订单日期"].max().date()
    ((_, period_kwargs),) = boxes[0].calls
    ((_, as_of_kwargs),) = boxes[1].calls
    assert period_kwargs["key"] == "review_period"
    assert as_of_kwargs["key"] == f"review_as_of_{dataset.digest[:12]}"
    assert period_kwargs["help"] is None and as_of_kwargs["help"] is None


def test_each_page_keeps_its_own_values_and_may_explain_them(session, stand_in) -> None:
    dataset, columns, frame = _log()
    session["orders_period"] = 90
    session[f"orders_as_of_{dataset.digest[:12]}.kept"] = date(2024, 6, 30)
    boxes = stand_in(), stand_in()
    period, as_of, latest = period_inputs(
        "orders", dataset, columns, frame, _t, boxes, with_help=True
    )
    assert (period, as_of) == (90, date(2024, 6, 30))
    assert latest.report.as_of != as_of  # latest: up to the log's last day, not the kept date
    assert boxes[0].calls[0][1]["help"] == "orders.period_help"
    assert boxes[1].calls[0][1]["help"] == "orders.as_of_help"
    assert "review_period" not in session
