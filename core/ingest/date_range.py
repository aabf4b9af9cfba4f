"""The days a date may fall on: the years of :data:`core.ingest.rules.YEARS` (1678–2261, what
pandas' datetime64[ns] holds), and the check of an as-of date someone gives."""

from __future__ import annotations

from datetime import date

from core.errors import InputError
from core.i18n import msg
from core.ingest.rules import YEARS

FIRST_DAY = date(YEARS[0], 1, 1)
LAST_DAY = date(YEARS[1], 12, 31)


def in_range(day: date) -> bool:
    """True when ``day`` falls within the years dates can take."""
    return FIRST_DAY <= day <= LAST_DAY


def checked_as_of(day: date, error: type[InputError] = InputError) -> date:
    """``day`` when it is within the years dates can take, else ``error`` naming the range."""
    if not in_range(day):
        raise error(
            msg("dates.as_of_outside_years", day=day.isoformat(), first=YEARS[0], last=YEARS[1])
        )
    return day
