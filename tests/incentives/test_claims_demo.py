import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Q, Sum

from incentives.models import ClaimStatus, FundRequest, IncentiveClaim, IncentiveProgram
from partners.models import PartnerMembership


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seed():
    call_command("seed_demo", force=True, partners=40, seed=7, stdout=io.StringIO())


def test_demo_claims_cover_every_kind_state_and_stay_within_budget(db):
    seed()
    # Committed: approved and paid claims, except those against a fund request, whose
    # approved amount counts instead (incentives/models/funds.py).
    programs = IncentiveProgram.objects.annotate(
        committed=Sum("claims__amount",
                      filter=Q(claims__status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID],
                               claims__fund_request__isnull=True)),
    )  # fmt: skip
    reserved = dict(
        FundRequest.objects.filter(status="approved").values("program")
        .annotate(total=Sum("approved_amount")).values_list("program", "total")
    )  # fmt: skip
    assert {p.kind for p in programs} == {"rebate", "spiff", "mdf", "award", "special_bid", "co_op"}
    assert {p.state for p in programs} == {"running", "ended", "upcoming"}
    committed = {p.pk: (p.committed or Decimal("0")) + reserved.get(p.pk, 0) for p in programs}
    assert all(committed[p.pk] <= p.budget for p in programs)
    assert all(p.committed_total == committed[p.pk] for p in programs)  # the ledger agrees
    assert set(IncentiveClaim.objects.values_list("status", flat=True)) == set(ClaimStatus.values)
    upcoming = [p for p in programs if p.state == "upcoming"]
    assert all(not p.claims.exists() for p in upcoming)


def test_demo_claims_are_dated_within_their_program(db):
    seed()
    for claim in IncentiveClaim.objects.select_related("program"):
        assert claim.program.starts_on <= claim.created_at.date() <= claim.program.ends_on
        if claim.decided_at:
            assert claim.decided_at >= claim.created_at


def test_demo_portal_partner_has_claims(db):
    seed()
    membership = PartnerMembership.objects.get(user__username="portal-a")
    assert IncentiveClaim.objects.filter(partner=membership.partner).exists()


def test_demo_claims_second_run_adds_nothing(db):
    seed()
    count = IncentiveClaim.objects.count()
    seed()
    assert IncentiveClaim.objects.count() == count
    assert IncentiveProgram.objects.count() == 8  # seven here, the open MDF pool of demo/funds
