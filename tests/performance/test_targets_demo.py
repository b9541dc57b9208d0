import io

import pytest
from django.core.management import call_command

from partners.models import Partner
from performance.models import Actual, Target, TargetProposal, TargetStatus
from tests.performance.targets_factories import metric

pytestmark = pytest.mark.django_db


def _seed():
    metric()  # the data migration's metrics, in case a live-server test flushed them
    call_command("seed_demo", force=True, partners=12, seed=7, stdout=io.StringIO())


def test_demo_targets_two_years_agreed_and_negotiating():
    _seed()
    with_targets = Partner.objects.filter(targets__isnull=False).distinct().count()
    assert with_targets >= Partner.objects.count() * 0.5
    assert Target.objects.filter(status=TargetStatus.AGREED).exists()
    assert Target.objects.filter(status=TargetStatus.NEGOTIATING).exists()
    years = set(Actual.objects.values_list("year", flat=True))
    assert len(years) >= 2
    for target in Target.objects.filter(status=TargetStatus.AGREED)[:20]:
        assert target.proposals.last().action == "accept"


def test_demo_targets_rerun_adds_nothing():
    _seed()
    counts = Target.objects.count(), TargetProposal.objects.count(), Actual.objects.count()
    _seed()
    assert (
        Target.objects.count(),
        TargetProposal.objects.count(),
        Actual.objects.count(),
    ) == counts
