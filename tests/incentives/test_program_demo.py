import datetime
import io
import itertools

import pytest
from django.core.management import call_command
from django.utils import timezone

from incentives.models import Benefit, Resource, TierChange, TierRequirement
from partners.models import Partner, PartnerMembership
from tests.prm.test_seed_demo import wipe


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seed():
    call_command("seed_demo", force=True, partners=12, seed=7, stdout=io.StringIO())


def test_demo_program_fills_terms_and_resources(db):
    seed()
    assert TierRequirement.objects.count() == 3
    assert set(Benefit.objects.values_list("tier__name", flat=True)) == {
        "Registered", "Silver", "Gold", "Platinum"
    }  # fmt: skip
    assert Resource.objects.count() == 15
    files = Resource.objects.exclude(file="")
    assert files.count() == 3
    assert all(resource.file.read() for resource in files)
    assert Resource.objects.filter(minimum_tier__isnull=True).exists()


def test_demo_program_second_run_adds_nothing(db):
    seed()
    seed()
    assert Resource.objects.count() == 15


def test_demo_tier_history_for_a_share_of_partners(db):
    seed()
    tiered = Partner.objects.filter(tier__isnull=False)
    with_history = tiered.filter(tier_changes__isnull=False).distinct()
    assert 0.3 * tiered.count() <= with_history.count() < tiered.count()
    now = timezone.now()
    for partner in with_history.select_related("tier"):
        changes = list(partner.tier_changes.order_by("changed_at").select_related("changed_by"))
        assert changes[-1].to_tier_id == partner.tier_id  # the history ends at today's tier
        for earlier, later in itertools.pairwise(changes):
            assert earlier.to_tier_id == later.from_tier_id and earlier.to_tier != later.to_tier
        for change in changes:
            assert change.reason and change.changed_by.is_vendor_staff
            assert now - datetime.timedelta(days=731) <= change.changed_at < now
    assert TierChange.objects.filter(from_tier__isnull=False).exists()  # moves, not only joins
    portal_partner = PartnerMembership.objects.get(user__username="portal-a").partner
    assert portal_partner.tier_changes.exists()


def test_demo_seeded_twice_adds_no_tier_changes_and_wipes_cleanly(db):
    seed()
    before = sorted(TierChange.objects.values_list("partner__slug", "to_tier__name", "reason"))
    assert before
    seed()
    after = sorted(TierChange.objects.values_list("partner__slug", "to_tier__name", "reason"))
    assert after == before
    # Wiped as the seed_demo tests do (dependents first) and seeded again: the protected tier
    # history goes with the partners and comes back the same.
    wipe()
    assert not Partner.objects.exists()
    seed()
    again = sorted(TierChange.objects.values_list("partner__slug", "to_tier__name", "reason"))
    assert again == before
