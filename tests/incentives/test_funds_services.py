"""Market development funds: a fund request committed against the MDF program's budget once,
claims against it never above what was approved, proof of performance checked by content."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from incentives.models import (
    ClaimStatus,
    FundRequest,
    FundRequestStatus,
    IncentiveClaim,
    IncentiveProgram,
)
from incentives.services import claims as claim_services
from incentives.services import funds as services

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
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


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def create(actor, partner, program, **overrides):
    fields = {
        "activity": "Joint webinar", "starts_on": days(3), "ends_on": days(4),
        "expected_results": "40 registrations", "amount": Decimal("1500"), **overrides,
    }  # fmt: skip
    return services.fund_request_create(actor=actor, partner=partner, program=program, **fields)


def committed(program) -> Decimal:
    return IncentiveProgram.objects.get(pk=program.pk).committed_total


def test_fund_request_create_takes_the_program_currency(partner_admin, partner):
    program = MdfProgramFactory(currency="USD")
    fund_request = create(partner_admin, partner, program)
    assert fund_request.status == FundRequestStatus.REQUESTED
    assert fund_request.currency == "USD"
    assert committed(program) == 0  # asking commits nothing


def test_fund_request_create_errors_at_fields(partner_admin, partner):
    with pytest.raises(ValidationError) as error:
        create(partner_admin, partner, IncentiveProgramFactory(kind="rebate"), activity="",
               expected_results="", amount=Decimal("0"))  # fmt: skip
    assert set(error.value.message_dict) >= {"program", "activity", "expected_results", "amount"}


def test_fund_request_create_activity_within_program_period(partner_admin, partner):
    program = MdfProgramFactory(ends_on=days(10))
    with pytest.raises(ValidationError) as error:
        create(partner_admin, partner, program, starts_on=days(5), ends_on=days(20))
    assert "ends_on" in error.value.message_dict


def test_fund_request_create_within_remaining_budget(partner_admin, partner, manager):
    program = MdfProgramFactory(budget=Decimal("3000"))
    approved_request(manager, program=program, amount="2500")
    with pytest.raises(ValidationError) as error:
        create(partner_admin, partner, program, amount=Decimal("600"))
    assert "amount" in error.value.message_dict


def test_fund_request_create_refused_to_another_partner_and_read_only_role(
    outsider, partner, partner_member, monkeypatch
):
    program = MdfProgramFactory()
    with pytest.raises(PermissionDenied):
        create(outsider, partner, program)
    # A read-only portal role (any role outside REQUESTING_ROLES) may not ask for funds.
    monkeypatch.setattr(services, "REQUESTING_ROLES", ("partner_admin",))
    with pytest.raises(PermissionDenied):
        create(partner_member, partner, program)
    assert not services.role_may_request("viewer")


def test_fund_request_approve_commits_the_approved_amount_once(manager):
    program = MdfProgramFactory(budget=Decimal("10000"))
    fund_request = approved_request(manager, program=program, amount="4000", approved="3000")
    assert fund_request.status == FundRequestStatus.APPROVED
    assert fund_request.approved_amount == Decimal("3000")
    assert committed(program) == Decimal("3000")
    assert claim_services.committed_amount(program) == Decimal("3000")
    claim = services.fund_request_claim(
        actor=manager, fund_request=fund_request, amount=Decimal("3000"),
        description="Done", files=[pdf()],
    )  # fmt: skip
    claim_services.claim_approve(actor=manager, claim=claim)
    claim_services.claim_pay(actor=manager, claim=claim, payment_reference="PAY-1")
    # The claim spent the commitment: nothing counted twice.
    assert committed(program) == Decimal("3000")
    assert claim_services.committed_amount(program) == Decimal("3000")


def test_fund_request_approve_refuses_more_than_asked_or_remaining(manager):
    program = MdfProgramFactory(budget=Decimal("5000"))
    fund_request = FundRequestFactory(program=program, amount=Decimal("2000"))
    with pytest.raises(ValidationError) as error:
        services.fund_request_approve(
            actor=manager, fund_request=fund_request, approved_amount=Decimal("2500")
        )
    assert "approved_amount" in error.value.message_dict
    approved_request(manager, program=program, amount="4000")
    with pytest.raises(ValidationError) as error:
        services.fund_request_approve(actor=manager, fund_request=fund_request)
    assert "approved_amount" in error.value.message_dict
    assert committed(program) == Decimal("4000")


def test_fund_request_budget_refused_by_the_database(manager):
    program = MdfProgramFactory(budget=Decimal("1000"))
    with pytest.raises(IntegrityError), transaction.atomic():
        IncentiveProgram.objects.filter(pk=program.pk).update(committed_total=Decimal("1000.01"))


def test_fund_request_decisions_staff_only_and_once(manager, partner_admin, partner):
    fund_request = FundRequestFactory(partner=partner)
    with pytest.raises(PermissionDenied):
        services.fund_request_approve(actor=partner_admin, fund_request=fund_request)
    with pytest.raises(ValidationError) as error:
        services.fund_request_reject(actor=manager, fund_request=fund_request, reason=" ")
    assert "reason" in error.value.message_dict
    services.fund_request_reject(actor=manager, fund_request=fund_request, reason="Off focus")
    with pytest.raises(ValidationError):
        services.fund_request_approve(actor=manager, fund_request=fund_request)


def test_fund_request_cannot_claim_unapproved_request(manager):
    fund_request = FundRequestFactory()
    with pytest.raises(ValidationError) as error:
        services.fund_request_claim(
            actor=manager, fund_request=fund_request, amount=Decimal("10"), description="x",
            files=[pdf()],
        )  # fmt: skip
    assert "fund_request" in error.value.message_dict
    # The database says the same: no claimed amount on a request that is not approved.
    with pytest.raises(IntegrityError), transaction.atomic():
        FundRequest.objects.filter(pk=fund_request.pk).update(claimed_total=Decimal("10"))


def test_fund_request_claim_never_above_approved(manager):
    fund_request = approved_request(manager, amount="2000", approved="1500")
    with pytest.raises(ValidationError) as error:
        services.fund_request_claim(
            actor=manager, fund_request=fund_request, amount=Decimal("1500.01"),
            description="x", files=[pdf()],
        )  # fmt: skip
    assert "amount" in error.value.message_dict
    services.fund_request_claim(
        actor=manager, fund_request=fund_request, amount=Decimal("1000"), description="Part 1",
        files=[pdf(), png(), csv_file()],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:  # together above what was approved
        services.fund_request_claim(
            actor=manager, fund_request=fund_request, amount=Decimal("600"), description="x",
            files=[pdf()],
        )  # fmt: skip
    assert "amount" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        FundRequest.objects.filter(pk=fund_request.pk).update(claimed_total=Decimal("1500.01"))
    assert FundRequest.objects.get(pk=fund_request.pk).claimed_total == Decimal("1000")


def test_fund_request_claim_needs_proof_and_stores_each_file(manager):
    fund_request = approved_request(manager)
    with pytest.raises(ValidationError) as error:
        services.fund_request_claim(
            actor=manager, fund_request=fund_request, amount=Decimal("10"), description="x"
        )
    assert "files" in error.value.message_dict
    claim = services.fund_request_claim(
        actor=manager, fund_request=fund_request, amount=Decimal("10"), description="x",
        files=[pdf(), png(), csv_file()],
    )  # fmt: skip
    assert claim.fund_request_id == fund_request.pk and claim.program_id == fund_request.program_id
    assert sorted(claim.proofs.values_list("kind", flat=True)) == ["csv", "pdf", "png"]
    proof = claim.proofs.get(kind="pdf")
    assert proof.original_name == "invoice.pdf" and proof.size > 0
    assert proof.file.name.startswith("proof-of-performance/")
    assert "invoice" not in proof.file.name  # a random name nobody can guess


def test_fund_request_claim_rejected_gives_its_amount_back(manager):
    fund_request = approved_request(manager, amount="1000")
    claim = services.fund_request_claim(
        actor=manager, fund_request=fund_request, amount=Decimal("1000"), description="x",
        files=[pdf()],
    )  # fmt: skip
    claim_services.claim_reject(actor=manager, claim=claim, reason="No invoice total")
    assert FundRequest.objects.get(pk=fund_request.pk).claimed_total == 0
    again = services.fund_request_claim(
        actor=manager, fund_request=fund_request, amount=Decimal("1000"), description="x",
        files=[pdf()],
    )  # fmt: skip
    assert again.status == ClaimStatus.REQUESTED


def test_fund_request_cancel_releases_the_budget_until_claimed(manager, partner_admin, partner):
    program = MdfProgramFactory()
    fund_request = approved_request(manager, program=program, partner=partner, amount="800")
    services.fund_request_cancel(actor=partner_admin, fund_request=fund_request)
    assert committed(program) == 0
    claimed = approved_request(manager, program=program, partner=partner, amount="800")
    services.fund_request_claim(
        actor=partner_admin, fund_request=claimed, amount=Decimal("5"), description="x",
        files=[pdf()],
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.fund_request_cancel(actor=partner_admin, fund_request=claimed)
    assert committed(program) == Decimal("800")


def test_plain_claims_see_the_fund_request_reservation(manager, partner):
    program = MdfProgramFactory(budget=Decimal("1000"))
    approved_request(manager, program=program, amount="900")
    claim = IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("200"))
    with pytest.raises(ValidationError):
        claim_services.claim_approve(actor=manager, claim=claim)
    assert IncentiveClaim.objects.get(pk=claim.pk).status == ClaimStatus.REQUESTED


# --- uploads ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, content",
    [
        ("invoice.pdf", b"<html><script>alert(1)</script></html>"),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg, not a png \xff\xd9"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20 + b"IEND"),  # no header chunk
        ("photo.jpg", b"GIF89a not a jpeg"),
        ("attendees.csv", b"\x00\x01\x02binary\xff\xfe"),
        ("program.exe", b"MZ This program cannot be run in DOS mode"),
    ],
)
def test_proof_wrong_content_with_right_extension_refused(name, content):
    with pytest.raises(ValidationError):
        services.validate_proof(SimpleUploadedFile(name, content))


def test_proof_too_large_refused(settings):
    settings.PRM_PROOF_MAX_SIZE = 100
    with pytest.raises(ValidationError) as error:
        services.validate_proof(pdf())  # a valid PDF, but larger than 100 bytes
    assert "invoice.pdf" in error.value.messages[0]


def test_proof_kinds_accepted():
    assert services.validate_proof(pdf()) == "pdf"
    assert services.validate_proof(png()) == "png"
    assert services.validate_proof(csv_file()) == "csv"
    jpeg = SimpleUploadedFile(
        "photo.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 8 + b"\xff\xd9"
    )
    assert services.validate_proof(jpeg) == "jpg"


def test_proof_attach_only_while_claim_requested(manager, partner_admin, partner, outsider):
    fund_request = approved_request(manager, partner=partner)
    claim = services.fund_request_claim(
        actor=partner_admin, fund_request=fund_request, amount=Decimal("10"), description="x",
        files=[pdf()],
    )  # fmt: skip
    services.proof_attach(actor=partner_admin, claim=claim, files=[png()])
    assert claim.proofs.count() == 2
    with pytest.raises(PermissionDenied):
        services.proof_attach(actor=outsider, claim=claim, files=[png()])
    claim_services.claim_approve(actor=manager, claim=claim)
    with pytest.raises(ValidationError):
        services.proof_attach(actor=partner_admin, claim=claim, files=[png()])


def test_proof_count_limited(manager, settings):
    settings.PRM_PROOF_MAX_FILES = 2
    fund_request = approved_request(manager)
    with pytest.raises(ValidationError) as error:
        services.fund_request_claim(
            actor=manager, fund_request=fund_request, amount=Decimal("10"), description="x",
            files=[pdf(), png(), csv_file()],
        )  # fmt: skip
    assert "files" in error.value.message_dict
