"""Pages of market development funds: the staff queue and decisions, the partner's requests,
claims with uploads, and proof files served only to the owner partner and staff."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse

from incentives.models import FundRequest, FundRequestStatus, IncentiveClaim, IncentiveProgram
from incentives.services import funds as services
from tests.factories import PartnerFactory

from .funds_factories import (
    FundRequestFactory,
    MdfProgramFactory,
    approved_request,
    csv_file,
    days,
    pdf,
    png,
)

pytestmark = pytest.mark.django_db

QUEUE = reverse("incentives:fund-request-queue")
PORTAL_LIST = reverse("incentives-portal:fund-request-list")
PORTAL_NEW = reverse("incentives-portal:fund-request-create")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def claimed(manager, partner, actor=None):
    fund_request = approved_request(manager, partner=partner)
    claim = services.fund_request_claim(
        actor=actor or manager, fund_request=fund_request, amount=Decimal("100"),
        description="Webinar held", files=[pdf(), png()],
    )  # fmt: skip
    return fund_request, claim


# --- internal ---------------------------------------------------------------------------------


def test_fund_request_queue_lists_and_filters(client_for, manager, partner):
    FundRequestFactory(partner=partner, activity="Trade show booth")
    FundRequestFactory(activity="Rejected roadshow", status="cancelled")
    client = client_for(manager)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert b"Trade show booth" in response.content
    filtered = client.get(QUEUE, {"status": "requested"})
    assert b"Trade show booth" in filtered.content
    assert b"Rejected roadshow" not in filtered.content
    fragment = client.get(QUEUE, **HTMX)
    assert b"<html" not in fragment.content and b"Trade show booth" in fragment.content


def test_fund_request_queue_exports(client_for, manager, partner):
    FundRequestFactory(partner=partner, activity="Trade show booth")
    response = client_for(manager).get(QUEUE, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Trade show booth" in body and b"Acme Systems" in body


def test_fund_request_internal_access(client, client_for, partner_admin, manager):
    fund_request = FundRequestFactory()
    detail = reverse("incentives:fund-request-detail", args=[fund_request.pk])
    assert client.get(QUEUE).status_code == 302
    assert client_for(partner_admin).get(QUEUE).status_code == 403
    assert client_for(partner_admin).get(detail).status_code == 403
    approve = reverse("incentives:fund-request-approve", args=[fund_request.pk])
    assert client_for(partner_admin).post(approve).status_code == 403
    assert client_for(manager).post(QUEUE).status_code == 405
    assert client_for(manager).get(approve).status_code == 405
    missing = reverse("incentives:fund-request-detail", args=[fund_request.pk + 999])
    assert client_for(manager).get(missing).status_code == 404


def test_fund_request_queue_query_count_constant(client_for, manager, count_queries):
    def count(n):
        FundRequestFactory.create_batch(n)
        return count_queries(client_for(manager), QUEUE, warm=True)

    assert count(2) == count(8)


def test_fund_request_detail_query_count_constant(client_for, manager, partner, count_queries):
    fund_request = approved_request(manager, partner=partner)
    url = reverse("incentives:fund-request-detail", args=[fund_request.pk])

    def count(n):
        for _ in range(n):
            services.fund_request_claim(
                actor=manager, fund_request=fund_request, amount=Decimal("1"), description="x",
                files=[pdf()],
            )  # fmt: skip
        return count_queries(client_for(manager), url, warm=True)

    assert count(1) == count(4)


def test_fund_request_approve_lower_amount_from_page(client_for, manager):
    fund_request = FundRequestFactory(amount=Decimal("2000"))
    url = reverse("incentives:fund-request-approve", args=[fund_request.pk])
    response = client_for(manager).post(url, {"approved_amount": "1500", "reason": "Half day"})
    assert response.status_code == 302
    fund_request.refresh_from_db()
    assert fund_request.status == FundRequestStatus.APPROVED
    assert fund_request.approved_amount == Decimal("1500")
    program = IncentiveProgram.objects.get(pk=fund_request.program_id)
    assert program.committed_total == Decimal("1500")


def test_fund_request_reject_needs_a_reason(client_for, manager):
    fund_request = FundRequestFactory()
    url = reverse("incentives:fund-request-reject", args=[fund_request.pk])
    client_for(manager).post(url, {"reason": ""})
    assert FundRequest.objects.get(pk=fund_request.pk).status == FundRequestStatus.REQUESTED
    client_for(manager).post(url, {"reason": "Outside our focus"})
    assert FundRequest.objects.get(pk=fund_request.pk).status == FundRequestStatus.REJECTED


def test_claim_queue_shows_proof_and_request(client_for, manager, partner):
    fund_request, claim = claimed(manager, partner)
    response = client_for(manager).get(reverse("incentives:claim-queue"))
    assert response.status_code == 200
    proof = claim.proofs.first()
    assert reverse("incentives:proof-download", args=[proof.pk]).encode() in response.content
    assert reverse("incentives:fund-request-detail", args=[fund_request.pk]).encode() in (
        response.content
    )


def test_claim_queue_query_count_constant_with_proof(client_for, manager, count_queries):
    def count(n):
        for _ in range(n):
            claimed(manager, PartnerFactory())
        return count_queries(client_for(manager), reverse("incentives:claim-queue"), warm=True)

    assert count(1) == count(4)


# --- portal -----------------------------------------------------------------------------------


def test_portal_fund_requests_show_only_own(client_for, partner_admin, partner, other_partner):
    FundRequestFactory(partner=partner, activity="Our webinar")
    FundRequestFactory(partner=other_partner, activity="Their roadshow")
    response = client_for(partner_admin).get(PORTAL_LIST)
    assert response.status_code == 200
    assert b"Our webinar" in response.content and b"Their roadshow" not in response.content


def test_portal_fund_request_access(client, client_for, manager, partner_admin, other_partner):
    theirs = FundRequestFactory(partner=other_partner)
    assert client.get(PORTAL_LIST).status_code == 302
    assert client_for(manager).get(PORTAL_LIST).status_code == 403
    client = client_for(partner_admin)
    assert client.post(PORTAL_LIST).status_code == 405
    for name in ("fund-request-detail", "fund-request-claim"):
        assert client.get(reverse(f"incentives-portal:{name}", args=[theirs.pk])).status_code == 404
    cancel = reverse("incentives-portal:fund-request-cancel", args=[theirs.pk])
    assert client.post(cancel).status_code == 404
    assert client.get(cancel).status_code == 405
    assert FundRequest.objects.get(pk=theirs.pk).status == FundRequestStatus.REQUESTED


def test_portal_fund_request_read_only_role_403(client_for, partner_member, partner, monkeypatch):
    monkeypatch.setattr(services, "REQUESTING_ROLES", ("partner_admin",))
    fund_request = FundRequestFactory(partner=partner)
    client = client_for(partner_member)
    assert client.get(PORTAL_LIST).status_code == 200  # reads
    assert client.get(PORTAL_NEW).status_code == 403
    claim = reverse("incentives-portal:fund-request-claim", args=[fund_request.pk])
    assert client.get(claim).status_code == 403
    cancel = reverse("incentives-portal:fund-request-cancel", args=[fund_request.pk])
    assert client.post(cancel).status_code == 403


def test_portal_fund_request_list_query_count_constant(
    client_for, partner_admin, partner, count_queries
):
    def count(n):
        FundRequestFactory.create_batch(n, partner=partner)
        return count_queries(client_for(partner_admin), PORTAL_LIST, warm=True)

    assert count(2) == count(8)


def test_portal_fund_request_create_invalid_then_valid(client_for, partner_admin, partner):
    program = MdfProgramFactory()
    client = client_for(partner_admin)
    assert client.get(PORTAL_NEW).status_code == 200
    invalid = client.post(PORTAL_NEW, {"program": program.pk, "amount": "-1"}, **HTMX)
    assert invalid.status_code == 422
    assert b"The amount must be more than zero" in invalid.content
    response = client.post(PORTAL_NEW, {
        "program": program.pk, "activity": "Roadshow", "starts_on": days(2), "ends_on": days(3),
        "expected_results": "20 meetings", "amount": "1200",
    })  # fmt: skip
    fund_request = FundRequest.objects.get(partner=partner)
    assert response.status_code == 302 and response["Location"] == fund_request.get_portal_url()
    assert fund_request.requested_by == partner_admin


def test_portal_fund_request_claim_with_uploads(client_for, manager, partner_admin, partner):
    fund_request = approved_request(manager, partner=partner, amount="1000")
    url = reverse("incentives-portal:fund-request-claim", args=[fund_request.pk])
    client = client_for(partner_admin)
    assert client.get(url).status_code == 200
    too_much = client.post(url, {"amount": "1000.01", "description": "x", "files": [pdf()]})
    assert too_much.status_code == 422
    fake = SimpleUploadedFile("invoice.pdf", b"<html>not a pdf</html>")
    refused = client.post(url, {"amount": "500", "description": "x", "files": [fake]})
    assert refused.status_code == 422 and b"invoice.pdf" in refused.content
    assert not IncentiveClaim.objects.exists()
    response = client.post(url, {
        "amount": "500", "description": "Held it", "files": [pdf(), png(), csv_file()],
    })  # fmt: skip
    assert response.status_code == 302
    claim = IncentiveClaim.objects.get(fund_request=fund_request)
    assert claim.proofs.count() == 3 and claim.amount == Decimal("500")
    detail = client.get(fund_request.get_portal_url())
    assert b"attendees.csv" in detail.content


def test_portal_claim_proof_upload(client_for, manager, partner_admin, partner, outsider):
    fund_request, claim = claimed(manager, partner, actor=partner_admin)
    url = reverse("incentives-portal:claim-proof-upload", args=[claim.pk])
    assert client_for(outsider).post(url, {"files": [csv_file()]}).status_code == 404
    assert client_for(partner_admin).get(url).status_code == 405
    response = client_for(partner_admin).post(url, {"files": [csv_file()]})
    assert response.status_code == 302
    assert claim.proofs.count() == 3


# --- proof files ------------------------------------------------------------------------------


def test_proof_served_to_owner_and_staff_only(
    client, client_for, manager, partner_admin, partner, outsider
):
    _, claim = claimed(manager, partner)
    proof = claim.proofs.get(kind="pdf")
    portal_url = reverse("incentives-portal:proof-download", args=[proof.pk])
    internal_url = reverse("incentives:proof-download", args=[proof.pk])
    response = client_for(partner_admin).get(portal_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="invoice.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_for(outsider).get(portal_url).status_code == 404
    assert client_for(partner_admin).get(internal_url).status_code == 403
    assert client_for(manager).get(internal_url).status_code == 200
    assert client_for(manager).get(portal_url).status_code == 403
    assert client_for(partner_admin).post(portal_url).status_code == 405
    client.logout()
    assert client.get(portal_url).status_code == 302


def test_proof_not_under_static_or_a_media_url(manager, partner, settings):
    _, claim = claimed(manager, partner)
    proof = claim.proofs.first()
    path = proof.file.path
    assert str(settings.MEDIA_ROOT) in path
    assert not path.startswith(str(settings.STATIC_ROOT))
    with pytest.raises(Resolver404):
        resolve(f"/{settings.MEDIA_URL}{proof.file.name}")
