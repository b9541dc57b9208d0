"""Writes of market development funds: a partner requests funds for an activity, the channel
team approves them (possibly less than asked) or rejects them with a reason, the partner claims
against the approved request with proof of performance attached.

Budget, counted once (see models/funds.py): `fund_request_approve` commits the approved amount
to the program's ledger under the program's row lock (the database refuses to pass the budget);
a claim against the request is kept on the request's own ledger (`claimed_total`, the database
refuses to pass the approved amount) and its approval commits nothing more (services/claims.py).
A rejected claim gives its amount back to the request; a cancelled approved request (nothing
claimed yet) gives its approved amount back to the program.
"""

import csv
import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import selectors as partner_selectors
from partners.models import Partner, PartnerMembership
from prm.lib import uploads
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as

from .. import notifications
from ..models import (
    ClaimStatus,
    FundRequest,
    FundRequestStatus,
    IncentiveClaim,
    IncentiveProgram,
    ProgramKind,
    ProofOfPerformance,
)
from .claims import _commit_to_budget, program_is_eligible

# The portal roles that may ask for funds and claim them; any other role reads only.
REQUESTING_ROLES = (PartnerMembership.Role.PARTNER_ADMIN, PartnerMembership.Role.MEMBER)
PROOF_KINDS = ("pdf", "png", "jpg", "jpeg", "csv")
PNG_HEADER = b"\x00\x00\x00\rIHDR"


def role_may_request(role: str) -> bool:
    """Whether a portal role may request and claim funds (a read-only role may not)."""
    return role in REQUESTING_ROLES


def may_request_funds(*, user, partner: Partner) -> bool:
    """Whether `user` may request funds and claim them for `partner`: vendor staff, or a portal
    user of that partner whose role is not read-only."""
    if getattr(user, "is_vendor_staff", False):
        return True
    if not getattr(user, "is_partner_user", False):
        return False
    membership = partner_selectors.membership_of(user=user)
    return bool(
        membership and membership.partner_id == partner.pk and role_may_request(membership.role)
    )


def _require_may_request(actor, partner: Partner) -> None:
    if not may_request_funds(user=actor, partner=partner):
        raise PermissionDenied(_("You may not request or claim funds for this partner."))


def _money(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


# --- requests ---------------------------------------------------------------------------------


def _request_errors(*, partner, program, activity, starts_on, ends_on, expected_results, amount):
    errors = {}
    if program is None:
        errors["program"] = _("Choose the MDF program you request funds from.")
    elif program.kind != ProgramKind.MDF:
        errors["program"] = _("Funds are requested from a market development fund (MDF).")
    elif not program_is_eligible(program=program, partner=partner):
        errors["program"] = _("This program is not open to your partner tier today.")
    if not (activity or "").strip():
        errors["activity"] = _("Name the activity.")
    if not (expected_results or "").strip():
        errors["expected_results"] = _("Say what the activity should bring.")
    if starts_on is None:
        errors["starts_on"] = _("Give the day the activity starts.")
    if ends_on is None:
        errors["ends_on"] = _("Give the day the activity ends.")
    elif starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The activity cannot end before it starts.")
    elif (
        program is not None
        and "program" not in errors
        and starts_on is not None
        and (starts_on < program.starts_on or ends_on > program.ends_on)
    ):
        errors["ends_on"] = _("The activity must take place within the program's period.")
    amount = _money(amount)
    if amount is None or amount <= 0:
        errors["amount"] = _("The amount must be more than zero.")
    elif program is not None and amount > program.budget - _committed_now(program):
        errors["amount"] = _("The amount is more than the program's remaining budget.")
    return errors


def _committed_now(program: IncentiveProgram) -> Decimal:
    """The ledger as stored now (the caller's program may have been read before a decision)."""
    return IncentiveProgram.objects.values_list("committed_total", flat=True).get(pk=program.pk)


@transaction.atomic
def fund_request_create(
    *, actor, partner: Partner, program: IncentiveProgram | None, activity: str = "",
    starts_on=None, ends_on=None, expected_results: str = "", amount=None, description: str = "",
) -> FundRequest:  # fmt: skip
    _require_may_request(actor, partner)
    errors = _request_errors(
        partner=partner, program=program, activity=activity, starts_on=starts_on,
        ends_on=ends_on, expected_results=expected_results, amount=amount,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    request = FundRequest(
        partner=partner, program=program, activity=activity.strip(),
        description=(description or "").strip(), starts_on=starts_on, ends_on=ends_on,
        expected_results=expected_results.strip(), amount=amount, currency=program.currency,
        requested_by=actor,
    )  # fmt: skip
    with acting_as(actor):
        request.save()
    notifications.fund_request_submitted(fund_request=request, actor=actor)
    return request


def _locked(fund_request: FundRequest) -> FundRequest:
    return (
        FundRequest.objects.select_for_update()
        .select_related("partner", "program")
        .get(pk=fund_request.pk)
    )


def _require_undecided(fund_request: FundRequest) -> None:
    if fund_request.status != FundRequestStatus.REQUESTED:
        raise ValidationError(
            {"status": _("This fund request is already %(status)s.")
             % {"status": fund_request.get_status_display().lower()}}
        )  # fmt: skip


@transaction.atomic
def fund_request_approve(
    *, actor, fund_request: FundRequest, approved_amount=None, reason: str = ""
) -> FundRequest:
    """Approve the request, for the amount asked or less, and commit it to the budget."""
    require_vendor_staff(actor, _("Only the vendor's channel team decides fund requests."))
    # The program first: every decision on the same program's budget waits here in turn.
    program = IncentiveProgram.objects.select_for_update().get(pk=fund_request.program_id)
    fund_request = _locked(fund_request)
    _require_undecided(fund_request)
    approved = fund_request.amount if approved_amount in (None, "") else Decimal(approved_amount)
    if approved <= 0:
        raise ValidationError({"approved_amount": _("The approved amount must be more than zero.")})
    if approved > fund_request.amount:
        raise ValidationError(
            {"approved_amount": _("You cannot approve more than the partner asked for.")}
        )
    remaining = program.budget - program.committed_total
    if approved > remaining:
        raise ValidationError(
            {"approved_amount": _("Only %(remaining)s %(currency)s of the budget remains.")
             % {"remaining": remaining, "currency": program.currency}}
        )  # fmt: skip
    _commit_to_budget(program, approved)
    fund_request.status, fund_request.approved_amount = FundRequestStatus.APPROVED, approved
    fund_request.reason = (reason or "").strip()
    fund_request.decided_by, fund_request.decided_at = actor, timezone.now()
    with acting_as(actor):
        fund_request.save()
    notifications.fund_request_decided(fund_request=fund_request, actor=actor)
    return fund_request


@transaction.atomic
def fund_request_reject(*, actor, fund_request: FundRequest, reason: str) -> FundRequest:
    require_vendor_staff(actor, _("Only the vendor's channel team decides fund requests."))
    fund_request = _locked(fund_request)
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Say why the request is rejected; the partner sees it.")}
        )
    _require_undecided(fund_request)
    fund_request.status, fund_request.reason = FundRequestStatus.REJECTED, reason.strip()
    fund_request.decided_by, fund_request.decided_at = actor, timezone.now()
    with acting_as(actor):
        fund_request.save()
    notifications.fund_request_decided(fund_request=fund_request, actor=actor)
    return fund_request


@transaction.atomic
def fund_request_cancel(*, actor, fund_request: FundRequest) -> FundRequest:
    """Withdraw a request not decided yet, or one approved but not claimed against: its
    approved amount goes back to the program's budget."""
    _require_may_request(actor, fund_request.partner)
    program = IncentiveProgram.objects.select_for_update().get(pk=fund_request.program_id)
    fund_request = _locked(fund_request)
    if fund_request.status == FundRequestStatus.APPROVED:
        if fund_request.claims.exists():
            raise ValidationError(
                {"status": _("Funds have been claimed against this request: it stays.")}
            )
        IncentiveProgram.objects.filter(pk=program.pk).update(
            committed_total=F("committed_total") - fund_request.approved_amount
        )
    elif fund_request.status != FundRequestStatus.REQUESTED:
        _require_undecided(fund_request)
    fund_request.status = FundRequestStatus.CANCELLED
    with acting_as(actor):
        fund_request.save()
    return fund_request


# --- claims with proof of performance ----------------------------------------------------------


def _check_proof_content(content: bytes, kind: str) -> None:
    """Beyond prm.lib.uploads' magic bytes and end markers: a PNG starts with its header chunk,
    a CSV parses as CSV."""
    if kind == "png" and content[8:16] != PNG_HEADER:
        raise ValidationError(_("The content does not match the .png extension."))
    if kind == "csv":
        try:
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        except (csv.Error, UnicodeDecodeError) as error:
            raise ValidationError(_("The content is not a CSV file.")) from error
        if not rows:
            raise ValidationError(_("The CSV file has no rows."))


def validate_proof(upload) -> str:
    """The kind of an uploaded proof file (pdf, png, jpg, csv), checked by its content and its
    size (PRM_PROOF_MAX_SIZE); ValidationError with the file's name otherwise."""
    try:
        kind = uploads.validate_upload(
            upload, kinds=PROOF_KINDS, max_size=settings.PRM_PROOF_MAX_SIZE
        )
        upload.seek(0)
        _check_proof_content(upload.read(), kind)
        upload.seek(0)
    except ValidationError as error:
        name = Path(upload.name or "").name
        raise ValidationError([f"{name}: {message}" for message in error.messages]) from error
    return "jpg" if kind == "jpeg" else kind


def _validate_proofs(files, *, already: int = 0, required: bool) -> list[tuple]:
    files = list(files or [])
    if required and not files:
        raise ValidationError(
            {"files": _("Attach proof of performance: invoices, photos or attendee lists.")}
        )
    if already + len(files) > settings.PRM_PROOF_MAX_FILES:
        raise ValidationError(
            {"files": _("A claim carries at most %(count)s files.")
             % {"count": settings.PRM_PROOF_MAX_FILES}}
        )  # fmt: skip
    checked, messages = [], []
    for upload in files:
        try:
            checked.append((upload, validate_proof(upload)))
        except ValidationError as error:
            messages += error.messages
    if messages:
        raise ValidationError({"files": messages})
    return checked


def _store_proofs(*, claim: IncentiveClaim, checked, actor) -> list[ProofOfPerformance]:
    stored, proofs = [], []
    try:
        for upload, kind in checked:
            name = Path(upload.name).name[:200]
            proof = ProofOfPerformance(
                claim=claim, original_name=name, kind=kind, size=upload.size, uploaded_by=actor
            )
            proof.file.save(name, upload, save=False)
            stored.append(proof.file.name)
            with acting_as(actor):
                proof.save()
            proofs.append(proof)
    except BaseException:
        _delete_files(stored)
        raise
    return proofs


def _delete_files(names) -> None:
    storage = ProofOfPerformance._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def _require_claimable(fund_request: FundRequest, amount) -> Decimal:
    if fund_request.status != FundRequestStatus.APPROVED:
        raise ValidationError(
            {"fund_request": _("Funds can be claimed only against an approved request.")}
        )
    amount = _money(amount)
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    left = fund_request.approved_amount - fund_request.claimed_total
    if amount > left:
        raise ValidationError(
            {"amount": _("You can claim at most %(left)s %(currency)s: what was approved and "
                         "not claimed yet.") % {"left": left, "currency": fund_request.currency}}
        )  # fmt: skip
    return amount


def _add_to_claimed(fund_request: FundRequest, amount: Decimal) -> None:
    """Add a claim to the request's ledger; the database refuses to pass the approved amount
    (constraint `fund_request_claims_within_approved`), whatever was checked before."""
    try:
        with transaction.atomic():
            FundRequest.objects.filter(pk=fund_request.pk).update(
                claimed_total=F("claimed_total") + amount
            )
    except IntegrityError as error:
        raise ValidationError(
            {"amount": _("The approved amount does not cover this claim.")}
        ) from (error)


@transaction.atomic
def fund_request_claim(
    *, actor, fund_request: FundRequest, amount=None, description: str = "", files=(),
    attributed_revenue=None,
) -> IncentiveClaim:  # fmt: skip
    """Claim (part of) the approved funds, with proof of performance attached."""
    _require_may_request(actor, fund_request.partner)
    fund_request = _locked(fund_request)
    errors = {}
    try:
        amount = _require_claimable(fund_request, amount)
    except ValidationError as error:
        errors.update(error.message_dict)
    if not (description or "").strip():
        errors["description"] = [_("Describe what was done and what it brought.")]
    if attributed_revenue not in (None, "") and Decimal(attributed_revenue) < 0:
        errors["attributed_revenue"] = [_("The attributed revenue cannot be negative.")]
    try:
        checked = _validate_proofs(files, required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    _add_to_claimed(fund_request, amount)
    claim = IncentiveClaim(
        program=fund_request.program, partner=fund_request.partner, fund_request=fund_request,
        amount=amount, currency=fund_request.currency, description=description.strip(),
        attributed_revenue=_money(attributed_revenue), requested_by=actor,
    )  # fmt: skip
    with acting_as(actor):
        claim.save()
    _store_proofs(claim=claim, checked=checked, actor=actor)
    notifications.claim_requested(claim=claim, actor=actor)
    return claim


@transaction.atomic
def proof_attach(*, actor, claim: IncentiveClaim, files=()) -> list[ProofOfPerformance]:
    """More proof for a claim not decided yet (the partner's, or the channel team's)."""
    _require_may_request(actor, claim.partner)
    claim = IncentiveClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.REQUESTED:
        raise ValidationError(
            {"files": _("This claim is decided: its proof can no longer change.")}
        )
    checked = _validate_proofs(files, already=claim.proofs.count(), required=True)
    return _store_proofs(claim=claim, checked=checked, actor=actor)
