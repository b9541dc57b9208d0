"""Demo escalations: eight quarters for many partners, a few with rising effort (portal-a's
partner among them), both portal partners covered, idempotent."""

import io

from django.core.management import call_command
from django.utils import timezone

from partners.models import PartnerMembership
from planning.models import Escalation
from planning.selectors.escalations import effort_trends


def seed(partners=30, seed=42) -> str:
    out = io.StringIO()
    call_command("seed_demo", force=True, partners=partners, seed=seed, stdout=out)
    return out.getvalue()


def test_demo_escalations_cover_many_partners_and_rising_ones(db):
    output = seed()
    assert "escalations:" in output
    partner_ids = set(Escalation.objects.values_list("partner", flat=True))
    assert len(partner_ids) > 15
    portal = dict(
        PartnerMembership.objects.filter(user__username__in=["portal-a", "portal-b"]).values_list(
            "user__username", "partner_id"
        )
    )
    assert set(portal.values()) <= partner_ids
    trends = effort_trends(partner_ids=partner_ids, today=timezone.localdate())
    rising = {pk for pk, trend in trends.items() if trend["rising"]}
    assert portal["portal-a"] in rising
    assert 2 <= len(rising) < len(partner_ids) / 2
    assert Escalation.objects.filter(outcome="open").exists()
    assert Escalation.objects.exclude(outcome="open").exists()
    assert Escalation.objects.exclude(internal_notes="").exists()


def test_demo_escalations_second_run_adds_nothing(db):
    seed(partners=6)
    before = Escalation.objects.count()
    seed(partners=6)
    assert Escalation.objects.count() == before
