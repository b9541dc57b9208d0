"""Checks of values people type that the database would take but nobody means."""

import datetime

from django.core.exceptions import ValidationError

EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def plausible_date(value) -> None:
    """A date between 1990 and 2100: 0001-01-01 or 9999-12-31 is a typo, not a plan."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(
            "Enter a date between %(earliest)s and %(latest)s.",
            code="implausible_date",
            params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )
