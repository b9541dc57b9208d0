"""Helpers of the under-performer review tests: a candidate alert, a review, a deal."""

import datetime
from decimal import Decimal

from django.utils import timezone

from performance.models import Alert, AlertKind
from performance.services.deals import deal_submit
from planning.services.review import underperformer_review_open

MESSAGE = "Under-performer candidate: attainment below 70% in the last 2 closed quarters."


def candidate(partner, *, message=MESSAGE, status="open") -> Alert:
    today = timezone.localdate()
    return Alert.objects.create(partner=partner, kind=AlertKind.UNDERPERFORMER, message=message,
                                status=status, raised_on=today, last_seen_on=today)  # fmt: skip


def open_review(partner, actor):
    return underperformer_review_open(actor=actor, alert=candidate(partner))


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def submitted_deal(partner, actor, name="Initech"):
    return deal_submit(
        actor=actor, partner=partner, customer_name=name,
        customer_domain=f"{name.lower()}.example", country="DE", value=Decimal("1000"),
        expected_close_on=days(60), products="Platform",
    )  # fmt: skip
