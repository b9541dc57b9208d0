"""A period still running with no actual yet is "in progress", not a red 0 %; an ended one
without actuals still reads 0 % ("no actuals")."""

import datetime

from django.urls import reverse
from django.utils import timezone

from performance.selectors.targets import IN_PROGRESS, period_open, portfolio_rows
from performance.services.targets import target_accept, target_propose
from tests.helpers import page_text
from tests.performance.targets_factories import ActualFactory, metric


def _current_quarter():
    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


def _agreed(manager, partner_admin, partner, year, quarter, value=1000):
    target = target_propose(actor=manager, partner=partner, metric=metric(), year=year,
                            quarter=quarter, value=value)  # fmt: skip
    return target_accept(actor=partner_admin, target=target)


def _attainment_of(text, period):
    """The text of one target's card, from its heading to the next card."""
    return text.split(f"Revenue · {period}")[1].split("Negotiation history")[0]


def test_period_open_until_the_day_after_it_ends():
    assert period_open(2026, 2, datetime.date(2026, 6, 30))
    assert not period_open(2026, 2, datetime.date(2026, 7, 1))
    assert period_open(2026, 4, datetime.date(2026, 12, 31))
    assert period_open(2026, None, datetime.date(2026, 12, 31))
    assert not period_open(2026, None, datetime.date(2027, 1, 1))


def test_targets_tab_current_period_in_progress_ended_period_no_actuals(
    client_for, manager, partner, partner_admin
):
    year, quarter = _current_quarter()
    _agreed(manager, partner_admin, partner, year, quarter)
    _agreed(manager, partner_admin, partner, year - 1, 1)  # ended, nothing recorded
    url = reverse("partners:partner-tab", args=[partner.slug, "targets"])
    text = page_text(client_for(manager).get(url))
    current = _attainment_of(text, f"{year} Q{quarter}")
    assert "in progress" in current and "%" not in current
    ended = _attainment_of(text, f"{year - 1} Q1")
    assert "0 %" in ended and "no actuals" in ended and "in progress" not in ended


def test_portal_targets_current_period_in_progress(client_for, manager, partner, partner_admin):
    year, quarter = _current_quarter()
    _agreed(manager, partner_admin, partner, year, quarter)
    text = page_text(client_for(partner_admin).get(reverse("performance-portal:target-list")))
    current = _attainment_of(text, f"{year} Q{quarter}")
    assert "in progress" in current and "0 %" not in current
    assert "(in progress)" in text  # the chart names the bar it leaves out


def test_portfolio_running_period_does_not_drag_the_average_down(
    client_for, manager, partner, partner_admin, other_partner
):
    year, quarter = _current_quarter()
    if quarter == 1:  # the worked example needs an ended quarter of the same year
        year, quarter = year - 1, None
    _agreed(manager, partner_admin, partner, year, 1)
    ActualFactory(partner=partner, year=year, quarter=1, value=1200)  # 120 %
    if quarter is not None:
        _agreed(manager, partner_admin, partner, year, quarter)  # running: left out, not 0 %
    url = reverse("performance:target-portfolio") + f"?year={year}"
    text = page_text(client_for(manager).get(url))
    assert "120 %" in text and " 60 %" not in text


def test_portfolio_metric_with_only_running_periods_reads_in_progress(
    client_for, manager, partner, partner_admin
):
    year, quarter = _current_quarter()
    _agreed(manager, partner_admin, partner, year, quarter)
    _, rows = portfolio_rows(year=year)
    assert rows[0][1][0] == IN_PROGRESS and rows[0][2] is None
    url = reverse("performance:target-portfolio") + f"?year={year}"
    text = page_text(client_for(manager).get(url))
    assert "in progress" in text and "0 %" not in text
