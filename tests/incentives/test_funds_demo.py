import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import Sum

from incentives.demo import funds
from incentives.models import (
    FundRequest,
    FundRequestStatus,
    IncentiveClaim,
    ProofOfPerformance,
)
from incentives.services import funds as services
from partners.models import PartnerMembership
from prm.demo import DemoState

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def seed():
    call_command("seed_demo", force=True, partners=20, seed=7, stdout=io.StringIO())


def test_demo_fund_requests_every_status_with_consistent_ledgers():
    seed()
    membership = PartnerMembership.objects.get(user__username="portal-a")
    own = FundRequest.objects.filter(partner=membership.partner)
    assert set(own.values_list("status", flat=True)) == set(FundRequestStatus.values)
    for fund_request in FundRequest.objects.filter(status=FundRequestStatus.APPROVED):
        live = fund_request.claims.exclude(status="rejected").aggregate(total=Sum("amount"))
        assert fund_request.claimed_total == (live["total"] or 0) <= fund_request.approved_amount
        assert fund_request.claims.exists()
    for fund_request in FundRequest.objects.all():  # asked before the activity
        assert fund_request.created_at.date() <= fund_request.starts_on
        if fund_request.decided_at:
            assert fund_request.decided_at >= fund_request.created_at


def test_demo_proof_files_are_valid_proof():
    seed()
    assert IncentiveClaim.objects.filter(fund_request__isnull=False).exists()
    kinds = set(ProofOfPerformance.objects.values_list("kind", flat=True))
    assert kinds == {"pdf", "png", "csv"}
    for proof in ProofOfPerformance.objects.all()[:3]:
        with proof.file.open("rb") as handle:
            content = handle.read()
        assert services.validate_proof(SimpleUploadedFile(proof.original_name, content)) == (
            proof.kind
        )
        assert proof.size == len(content)


def test_demo_fund_requests_second_run_adds_nothing():
    seed()
    count = FundRequest.objects.count()
    funds.seed(DemoState(partners=20, seed=7, password="x", stdout=io.StringIO()))
    assert FundRequest.objects.count() == count
