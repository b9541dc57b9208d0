"""Demo deal registrations: many partners, every status, some conflicts, idempotent."""

import io

from django.core.management import call_command
from django.utils import timezone

from performance.models import DealRegistration, DealStatus


def seed(partners=40, seed=42) -> str:
    out = io.StringIO()
    call_command("seed_demo", force=True, partners=partners, seed=seed, stdout=out)
    return out.getvalue()


def test_demo_deals_cover_every_status_with_conflicts(db):
    output = seed()
    assert "deal registrations:" in output
    statuses = set(DealRegistration.objects.values_list("status", flat=True))
    assert statuses == set(DealStatus.values)
    assert DealRegistration.conflicts.through.objects.exists()
    assert DealRegistration.objects.values("partner").distinct().count() > 10
    assert not DealRegistration.objects.filter(status="rejected", rejection_reason="").exists()


def test_demo_deals_second_run_adds_nothing(db):
    seed()
    before = DealRegistration.objects.count()
    seed()
    assert DealRegistration.objects.count() == before


def test_demo_conflicts_are_few_and_follow_the_rule(db):
    """Only open registrations of one customer in overlapping periods: the exception, not most."""
    seed(partners=60)
    today = timezone.localdate()
    open_ids = set(DealRegistration.objects.open(today=today).values_list("pk", flat=True))
    links = DealRegistration.conflicts.through.objects.select_related(
        "from_dealregistration", "to_dealregistration"
    )
    assert links.exists()
    for link in links:
        new, old = link.from_dealregistration, link.to_dealregistration
        assert {new.pk, old.pk} <= open_ids
        assert new.customer_domain == old.customer_domain or new.customer_key == old.customer_key
        old_end = max(old.expected_close_on, old.protection_until or old.expected_close_on)
        assert old.created_at.date() <= max(new.expected_close_on, new.protection_until or today)
        assert old_end >= new.created_at.date()
    with_conflicts = DealRegistration.objects.annotate_conflicts().filter(conflict_count__gt=0)
    assert with_conflicts.count() <= DealRegistration.objects.count() // 4
    assert max(deal.conflict_count for deal in with_conflicts) <= 3
