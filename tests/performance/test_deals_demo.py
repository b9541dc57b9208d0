"""Demo deal registrations: many partners, every status, some conflicts, idempotent."""

import io

from django.core.management import call_command

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
