"""`/api/v1/fund-requests/`: partners read and request their own, claim approved funds with
proof (multipart), staff decide with actions; field errors answer 400, never 500."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from incentives.models import FundRequest, FundRequestStatus, IncentiveClaim, IncentiveProgram
from incentives.services import funds as services

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

URL = "/api/v1/fund-requests/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def payload(program, **overrides) -> dict:
    return {
        "program": program.pk, "activity": "Roadshow", "starts_on": days(2).isoformat(),
        "ends_on": days(3).isoformat(), "expected_results": "20 meetings", "amount": "1200.00",
        **overrides,
    }  # fmt: skip


def test_api_partner_reads_own_fund_requests_only(api_for, partner_admin, partner, other_partner):
    own = FundRequestFactory(partner=partner)
    theirs = FundRequestFactory(partner=other_partner)
    api = api_for(partner_admin)
    assert ids(api.get(URL)) == {own.pk}
    assert api.get(f"{URL}{theirs.pk}/").status_code == 404
    assert api.get(URL, {"partner": other_partner.pk}).json()["results"] == []


def test_api_staff_reads_all_and_filters(api_for, manager, partner):
    first = FundRequestFactory(partner=partner)
    second = FundRequestFactory(status="cancelled")
    api = api_for(manager)
    assert ids(api.get(URL)) == {first.pk, second.pk}
    assert ids(api.get(URL, {"status": "cancelled"})) == {second.pk}
    assert ids(api.get(URL, {"partner": partner.pk})) == {first.pk}


def test_api_anonymous_and_wrong_method(api_for, partner_admin, partner):
    own = FundRequestFactory(partner=partner)
    assert api_for().get(URL).status_code in (401, 403)
    api = api_for(partner_admin)
    assert api.put(f"{URL}{own.pk}/", {}).status_code == 405
    assert api.delete(f"{URL}{own.pk}/").status_code == 405
    assert api.get(f"{URL}{own.pk}/approve/").status_code == 405


def test_api_partner_creates_for_own_partner(api_for, partner_admin, partner, other_partner):
    program = MdfProgramFactory()
    response = api_for(partner_admin).post(
        URL, payload(program, partner=other_partner.pk), format="json"
    )
    assert response.status_code == 400 and "partner" in response.json()  # not theirs to name
    response = api_for(partner_admin).post(URL, payload(program), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "requested" and body["currency"] == "EUR"
    assert FundRequest.objects.get(pk=body["id"]).partner == partner


def test_api_create_field_errors_400(api_for, partner_admin, manager):
    program = MdfProgramFactory()
    response = api_for(partner_admin).post(
        URL, payload(program, activity="", amount="-5", ends_on=days(1).isoformat()),
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert {"activity", "amount", "ends_on"} <= set(response.json())
    staff = api_for(manager).post(URL, payload(program), format="json")
    assert staff.status_code == 400 and "partner" in staff.json()
    unknown = api_for(partner_admin).post(URL, payload(program, colour="red"), format="json")
    assert unknown.status_code == 400 and "colour" in unknown.json()


def test_api_read_only_role_cannot_create(api_for, partner_member, monkeypatch):
    monkeypatch.setattr(services, "REQUESTING_ROLES", ("partner_admin",))
    response = api_for(partner_member).post(URL, payload(MdfProgramFactory()), format="json")
    assert response.status_code == 403


def test_api_staff_approve_lower_and_reject(api_for, manager, partner_admin, partner):
    fund_request = FundRequestFactory(partner=partner, amount=Decimal("2000"))
    url = f"{URL}{fund_request.pk}/approve/"
    assert api_for(partner_admin).post(url, {}, format="json").status_code == 403
    too_much = api_for(manager).post(url, {"approved_amount": "2500"}, format="json")
    assert too_much.status_code == 400 and "approved_amount" in too_much.json()
    response = api_for(manager).post(url, {"approved_amount": "1200.00"}, format="json")
    assert response.status_code == 200 and response.json()["approved_amount"] == "1200.00"
    assert IncentiveProgram.objects.get(pk=fund_request.program_id).committed_total == 1200
    other = FundRequestFactory(partner=partner)
    reject = f"{URL}{other.pk}/reject/"
    assert api_for(manager).post(reject, {"reason": ""}, format="json").status_code == 400
    response = api_for(manager).post(reject, {"reason": "Off focus"}, format="json")
    assert response.json()["status"] == "rejected"


def test_api_claim_multipart_with_proof(api_for, manager, partner_admin, partner, outsider):
    fund_request = approved_request(manager, partner=partner, amount="1000")
    url = f"{URL}{fund_request.pk}/claim/"

    def data():
        return {"amount": "400.00", "description": "Held", "files": [pdf(), png()]}

    assert api_for(outsider).post(url, data(), format="multipart").status_code == 404
    response = api_for(partner_admin).post(url, data(), format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "requested" and len(body["proofs"]) == 2
    assert "/portal/program/proof/" in body["proofs"][0]["download"]
    over = api_for(partner_admin).post(
        url, {"amount": "600.01", "description": "x", "files": [pdf()]}, format="multipart"
    )
    assert over.status_code == 400 and "amount" in over.json()
    fake = SimpleUploadedFile("invoice.pdf", b"<script>no</script>")
    bad = api_for(partner_admin).post(
        url, {"amount": "1", "description": "x", "files": [fake]}, format="multipart"
    )
    assert bad.status_code == 400 and "files" in bad.json()
    none = api_for(partner_admin).post(url, {"amount": "1", "description": "x"}, format="multipart")
    assert none.status_code == 400 and "files" in none.json()
    detail = api_for(partner_admin).get(f"{URL}{fund_request.pk}/").json()
    assert detail["claimed_total"] == "400.00" and len(detail["claims"]) == 1


def test_api_claim_unapproved_request_400(api_for, partner_admin, partner):
    fund_request = FundRequestFactory(partner=partner)
    response = api_for(partner_admin).post(
        f"{URL}{fund_request.pk}/claim/", {"amount": "1", "description": "x", "files": [pdf()]},
        format="multipart",
    )  # fmt: skip
    assert response.status_code == 400 and "fund_request" in response.json()


def test_api_claim_proof_action(api_for, manager, partner_admin, partner, outsider):
    fund_request = approved_request(manager, partner=partner)
    claim = services.fund_request_claim(
        actor=partner_admin, fund_request=fund_request, amount=Decimal("10"), description="x",
        files=[pdf()],
    )  # fmt: skip
    url = f"/api/v1/incentive-claims/{claim.pk}/proof/"
    assert (
        api_for(outsider).post(url, {"files": [csv_file()]}, format="multipart").status_code == 404
    )
    response = api_for(partner_admin).post(url, {"files": [csv_file()]}, format="multipart")
    assert response.status_code == 201 and response.json()[0]["kind"] == "csv"
    claim_body = api_for(partner_admin).get(f"/api/v1/incentive-claims/{claim.pk}/").json()
    assert claim_body["fund_request"] == fund_request.pk and len(claim_body["proofs"]) == 2


def test_api_cancel(api_for, partner_admin, partner, outsider):
    fund_request = FundRequestFactory(partner=partner)
    url = f"{URL}{fund_request.pk}/cancel/"
    assert api_for(outsider).post(url).status_code == 404
    assert api_for(partner_admin).post(url).json()["status"] == "cancelled"
    assert FundRequest.objects.get(pk=fund_request.pk).status == FundRequestStatus.CANCELLED


def test_api_list_query_count_constant(api_for, manager, partner, count_queries):
    def count(n):
        for _ in range(n):
            fund_request = approved_request(manager, partner=partner)
            services.fund_request_claim(
                actor=manager, fund_request=fund_request, amount=Decimal("1"), description="x",
                files=[pdf()],
            )  # fmt: skip
        return count_queries(api_for(manager), URL)

    assert count(1) == count(4)
    assert IncentiveClaim.objects.count() == 5


def test_api_missing_fields_answer_400_never_500(api_for, manager, partner_admin, partner):
    program = MdfProgramFactory()
    response = api_for(partner_admin).post(URL, {"program": program.pk}, format="json")
    assert response.status_code == 400
    assert {"activity", "expected_results", "amount", "starts_on"} <= set(response.json())
    fund_request = approved_request(manager, partner=partner)
    empty = api_for(manager).post(f"{URL}{fund_request.pk}/claim/", {}, format="multipart")
    assert empty.status_code == 400 and {"amount", "description", "files"} <= set(empty.json())
