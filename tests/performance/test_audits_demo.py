import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min

from partners.models import Partner
from performance.models import PerformanceAudit, PerformanceAuditAction

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed_demo", force=True, partners=12, seed=7, stdout=io.StringIO())


def test_demo_audits_cover_most_partners_over_two_years():
    _seed()
    audited = Partner.objects.filter(performance_audits__isnull=False).distinct().count()
    assert audited >= Partner.objects.count() * 0.6
    span = PerformanceAudit.objects.aggregate(first=Min("audited_on"), last=Max("audited_on"))
    assert (span["last"] - span["first"]).days > 600
    per_partner = PerformanceAudit.objects.values("partner").annotate(n=Count("pk"))
    assert min(row["n"] for row in per_partner) >= 3
    assert PerformanceAudit.objects.filter(share_with_partner=True).exists()
    assert PerformanceAuditAction.objects.exists()


def test_demo_audits_rerun_adds_nothing():
    _seed()
    counts = PerformanceAudit.objects.count(), PerformanceAuditAction.objects.count()
    _seed()
    assert (PerformanceAudit.objects.count(), PerformanceAuditAction.objects.count()) == counts
