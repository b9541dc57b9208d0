"""Fund requests and proof in the Django admin: read only, approved in bulk through the
service (budget committed), proof downloaded through the checked view."""

from decimal import Decimal

import pytest
from django.urls import reverse

from incentives.models import FundRequest, FundRequestStatus, IncentiveProgram

from .funds_factories import FundRequestFactory, MdfProgramFactory, approved_request, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:incentives_{model}_{view}", args=args)


def test_admin_fund_requests_read_only(client_for, admin_user):
    fund_request = FundRequestFactory(activity="Roadshow")
    client = client_for(admin_user)
    assert b"Roadshow" in client.get(url("fundrequest", "changelist")).content
    assert client.get(url("fundrequest", "change", fund_request.pk)).status_code == 200
    assert client.get(url("fundrequest", "add")).status_code == 403
    assert client.get(url("fundrequest", "delete", fund_request.pk)).status_code == 403


def test_admin_bulk_approve_commits_within_budget(client_for, admin_user):
    program = MdfProgramFactory(budget=Decimal("3000"))
    first = FundRequestFactory(program=program, amount=Decimal("2000"))
    second = FundRequestFactory(program=program, amount=Decimal("2000"))
    client_for(admin_user).post(
        url("fundrequest", "changelist"),
        {"action": "approve_selected", "_selected_action": [first.pk, second.pk]},
    )
    statuses = dict(FundRequest.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: FundRequestStatus.APPROVED,
        second.pk: FundRequestStatus.REQUESTED,
    }
    assert IncentiveProgram.objects.get(pk=program.pk).committed_total == Decimal("2000")


def test_admin_proof_listed_with_checked_download(client_for, admin_user, manager):
    from incentives.services import funds as services

    fund_request = approved_request(manager)
    services.fund_request_claim(
        actor=manager, fund_request=fund_request, amount=Decimal("5"), description="x",
        files=[pdf()],
    )  # fmt: skip
    response = client_for(admin_user).get(url("proofofperformance", "changelist"))
    assert response.status_code == 200
    assert b"/program/proof/" in response.content and b"invoice.pdf" in response.content
