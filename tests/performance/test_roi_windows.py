"""A running program's behaviour is compared over equal windows: its days so far against as
many days just before its start.

The worked example, by hand. Today is day 45 of a 90-day program (started 44 days ago, so
today is its 45th day). "During" is the 45 days from its start to today; "before" is the 45
days ending the day before its start. Registered deals of the claiming partner:
- 60 days before the start: outside both windows (the old comparison, a whole program's
  length of 90 days before, counted it);
- 10 and 40 days before the start: before → 2;
- on days 1, 20 and 45 of the program: during → 3.
So the change is 2 → 3, +1, and the page says "45 days before vs the first 45 days"."""

import datetime

from django.urls import reverse
from django.utils import timezone

from performance.models import DealRegistration
from performance.selectors.claims import program_rois, windows
from tests.helpers import page_text
from tests.incentives.claims_factories import IncentiveProgramFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.test_claims_roi import _paid


def _program(today):
    start = today - datetime.timedelta(days=44)
    return IncentiveProgramFactory(starts_on=start, ends_on=start + datetime.timedelta(days=89))


def _deal_on(partner, day):
    deal = DealRegistrationFactory(partner=partner)
    when = datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())
    DealRegistration.objects.filter(pk=deal.pk).update(created_at=when)


def test_windows_of_a_running_program_are_equal(db):
    today = timezone.localdate()
    program = _program(today)
    spans = windows(program, today)
    assert spans.days == 45 and spans.running
    assert spans.during_start == program.starts_on and spans.during_end == today
    assert spans.before_end == program.starts_on - datetime.timedelta(days=1)
    assert (spans.before_end - spans.before_start).days + 1 == 45


def test_windows_of_an_ended_program_cover_it_whole_and_none_before_it_starts(db):
    program = IncentiveProgramFactory(
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 3, 31)
    )
    spans = windows(program, datetime.date(2026, 1, 1))
    assert spans.days == 90 and not spans.running
    assert (spans.before_start, spans.before_end) == (
        datetime.date(2024, 10, 3), datetime.date(2024, 12, 31),
    )  # fmt: skip
    assert windows(program, datetime.date(2024, 12, 31)) is None


def test_running_program_compares_45_days_before_with_its_first_45(partner):
    today = timezone.localdate()
    program = _program(today)
    _paid(program, partner, "100", "500", "W1")
    start = program.starts_on
    for days_before in (60, 40, 10):
        _deal_on(partner, start - datetime.timedelta(days=days_before))
    for day in (1, 20, 45):
        _deal_on(partner, start + datetime.timedelta(days=day - 1))
    (row,) = program_rois()
    assert (row.before, row.during, row.change) == (2, 3, 1)
    assert row.windows.days == 45


def test_roi_pages_say_the_windows(client_for, manager, partner):
    program = _program(timezone.localdate())
    _paid(program, partner, "100", "500", "W2")
    text = page_text(client_for(manager).get(reverse("performance:incentive-roi")))
    assert "45 days before vs the first 45 days" in text
    url = reverse("performance:partner-incentive-roi", args=[partner.slug])
    assert "45 days before vs the first 45 days" in page_text(client_for(manager).get(url))
