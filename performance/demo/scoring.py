"""Demo score history: a run as of the first of each of the last 12 months, and one as of
today, so trends have a past. Each run is the real engine in the foreground (set-based chunks);
a date that already has a run is rebuilt, so a rerun of the seeder adds nothing."""

import datetime

from django.utils import timezone

from ..services.scoring import score_run_foreground

MONTHS_BACK = 12


def backfill_dates(today: datetime.date, months: int = MONTHS_BACK) -> list[datetime.date]:
    """The first of each of the last `months` months, oldest first, then today."""
    firsts, year, month = [], today.year, today.month
    for _ in range(months):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        firsts.append(datetime.date(year, month, 1))
    return [*reversed(firsts), today]


def seed(state) -> None:
    rows = 0
    for as_of in backfill_dates(timezone.localdate()):
        rows += score_run_foreground(as_of=as_of).partners_total
    state.report("partner scores (13 monthly runs)", rows)
