"""Writes of incentive programs and claims: request, approve (within budget), reject (with a
reason), pay (once). Budget and payment checks run under row locks so two concurrent
decisions cannot together overspend a program or pay a claim twice."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from partners import selectors as partner_selectors
from partners.models import Partner
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as

from .. import notifications
from ..models import ClaimStatus, FundRequest, FundRequestStatus, IncentiveClaim, IncentiveProgram

PROGRAM_FIELDS = (
    "name", "kind", "targeted_behaviour", "behaviour_description", "budget", "currency",
    "starts_on", "ends_on",
)  # fmt: skip


STAFF_ONLY = "Only the vendor's channel team manages incentive programs."


def _validate_program(program: IncentiveProgram) -> None:
    errors = {}
    if program.budget is None or Decimal(program.budget) <= 0:
        errors["budget"] = "The budget must be more than zero."
    if program.starts_on and program.ends_on and program.ends_on < program.starts_on:
        errors["ends_on"] = "The program cannot end before it starts."
    if IncentiveProgram.objects.filter(name__iexact=program.name).exclude(pk=program.pk).exists():
        errors["name"] = "Another program already has this name."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def incentive_program_create(*, actor, eligible_tiers=(), **fields) -> IncentiveProgram:
    require_vendor_staff(actor, STAFF_ONLY)
    program = IncentiveProgram(**{key: fields.get(key) for key in PROGRAM_FIELDS if key in fields})
    _validate_program(program)
    with acting_as(actor):
        program.save()
        program.eligible_tiers.set(eligible_tiers)
    return program


@transaction.atomic
def incentive_program_update(*, actor, program: IncentiveProgram, eligible_tiers=None, **fields):
    require_vendor_staff(actor, STAFF_ONLY)
    program = IncentiveProgram.objects.select_for_update().get(pk=program.pk)
    for key in PROGRAM_FIELDS:
        if key in fields:
            setattr(program, key, fields[key])
    _validate_program(program)
    if fields.get("budget") is not None and Decimal(fields["budget"]) < committed_amount(program):
        raise ValidationError(
            {"budget": "The budget cannot be less than what is already approved."}
        )
    with acting_as(actor):
        program.save()
        if eligible_tiers is not None:
            program.eligible_tiers.set(eligible_tiers)
    return program


@transaction.atomic
def incentive_program_delete(*, actor, program: IncentiveProgram) -> None:
    """Remove a program created by mistake; one with claims is financial history and stays."""
    require_vendor_staff(actor, STAFF_ONLY)
    program = IncentiveProgram.objects.select_for_update().get(pk=program.pk)
    if program.claims.exists() or program.fund_requests.exists():
        raise ValidationError("This program has claims: it is kept as history. Let it end instead.")
    with acting_as(actor):
        program.delete()


def committed_amount(program: IncentiveProgram) -> Decimal:
    """What the program's budget is already spent on: approved and paid claims, except those
    against a fund request, whose approved amount counts instead (models/funds.py)."""
    total = program.claims.filter(
        status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID], fund_request__isnull=True
    ).aggregate(total=Sum("amount"))["total"]
    reserved = program.fund_requests.filter(status=FundRequestStatus.APPROVED).aggregate(
        total=Sum("approved_amount")
    )["total"]
    return (total or Decimal("0")) + (reserved or Decimal("0"))


def program_is_eligible(*, program: IncentiveProgram, partner: Partner, day=None) -> bool:
    day = day or timezone.localdate()
    if not (program.starts_on <= day <= program.ends_on):
        return False
    tier_ids = {tier.pk for tier in program.eligible_tiers.all()}
    return not tier_ids or partner.tier_id in tier_ids


def _require_may_claim(actor, partner: Partner) -> None:
    if actor.is_vendor_staff:
        return
    membership = partner_selectors.membership_of(user=actor) if actor.is_partner_user else None
    if membership is None or membership.partner_id != partner.pk:
        raise PermissionDenied("You can claim incentives for your own company only.")
    partner_selectors.require_portal_contributor(membership)


@transaction.atomic
def claim_request(
    *, actor, partner: Partner, program: IncentiveProgram | None, amount, description: str,
    attributed_revenue=None,
) -> IncentiveClaim:  # fmt: skip
    _require_may_claim(actor, partner)
    errors = {}
    if program is None:
        errors["program"] = "Choose the incentive program you claim from."
    elif not program_is_eligible(program=program, partner=partner):
        errors["program"] = "This program is not open to your partner tier today."
    if amount is None or Decimal(amount) <= 0:
        errors["amount"] = "The amount must be more than zero."
    elif program is not None and Decimal(amount) > program.budget - committed_amount(program):
        errors["amount"] = "The amount is more than the program's remaining budget."
    if attributed_revenue is not None and Decimal(attributed_revenue) < 0:
        errors["attributed_revenue"] = "The attributed revenue cannot be negative."
    if not (description or "").strip():
        errors["description"] = "Describe what you did to earn this incentive."
    if errors:
        raise ValidationError(errors)
    claim = IncentiveClaim(
        program=program, partner=partner, amount=amount, currency=program.currency,
        description=description.strip(), attributed_revenue=attributed_revenue,
        requested_by=actor,
    )  # fmt: skip
    with acting_as(actor):
        claim.save()
    notifications.claim_requested(claim=claim, actor=actor)
    return claim


def _locked_claim(claim: IncentiveClaim) -> IncentiveClaim:
    return IncentiveClaim.objects.select_for_update().get(pk=claim.pk)


@transaction.atomic
def claim_approve(*, actor, claim: IncentiveClaim) -> IncentiveClaim:
    require_vendor_staff(actor, STAFF_ONLY)
    # Lock the program first: every approval of the same program waits here in turn.
    program = IncentiveProgram.objects.select_for_update().get(pk=claim.program_id)
    claim = _locked_claim(claim)
    if claim.status != ClaimStatus.REQUESTED:
        raise ValidationError({"status": f"This claim is already {claim.get_status_display()}."})
    # A claim against a fund request spends what the request's approval committed: the budget
    # is counted once (models/funds.py).
    if claim.fund_request_id is None:
        remaining = program.budget - committed_amount(program)
        if claim.amount > remaining:
            raise ValidationError(
                {"amount": f"Only {remaining} {program.currency} of the budget remains."}
            )
        _commit_to_budget(program, claim.amount)
    claim.status = ClaimStatus.APPROVED
    claim.decided_by, claim.decided_at = actor, timezone.now()
    with acting_as(actor):
        claim.save()
    notifications.claim_decided(claim=claim, actor=actor)
    return claim


def _commit_to_budget(program: IncentiveProgram, amount: Decimal) -> None:
    """Add an approval to the program's ledger; the database refuses to go past the budget
    (constraint `incentive_program_within_budget`), whatever a caller checked before."""
    try:
        with transaction.atomic():  # a savepoint: the refusal leaves the outer work usable
            IncentiveProgram.objects.filter(pk=program.pk).update(
                committed_total=F("committed_total") + amount
            )
    except IntegrityError as error:
        raise ValidationError(
            {"amount": "The program's budget does not cover this claim."}
        ) from error


@transaction.atomic
def claim_reject(*, actor, claim: IncentiveClaim, reason: str) -> IncentiveClaim:
    require_vendor_staff(actor, STAFF_ONLY)
    claim = _locked_claim(claim)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the claim is rejected; the partner sees it."})
    if claim.status != ClaimStatus.REQUESTED:
        raise ValidationError({"status": f"This claim is already {claim.get_status_display()}."})
    if claim.fund_request_id is not None:  # its amount may be claimed again
        FundRequest.objects.filter(pk=claim.fund_request_id).update(
            claimed_total=F("claimed_total") - claim.amount
        )
    claim.status, claim.rejection_reason = ClaimStatus.REJECTED, reason.strip()
    claim.decided_by, claim.decided_at = actor, timezone.now()
    with acting_as(actor):
        claim.save()
    notifications.claim_decided(claim=claim, actor=actor)
    return claim


@transaction.atomic
def claim_pay(*, actor, claim: IncentiveClaim, payment_reference: str) -> IncentiveClaim:
    require_vendor_staff(actor, STAFF_ONLY)
    claim = _locked_claim(claim)
    reference = (payment_reference or "").strip()
    if claim.status == ClaimStatus.PAID:
        raise ValidationError({"status": "This claim has already been paid."})
    if claim.status != ClaimStatus.APPROVED:
        raise ValidationError({"status": "Only an approved claim can be paid."})
    if not reference:
        raise ValidationError({"payment_reference": "Enter the payment's reference."})
    if IncentiveClaim.objects.filter(payment_reference=reference).exists():
        raise ValidationError({"payment_reference": "This payment reference is already used."})
    claim.status, claim.paid_at, claim.payment_reference = (
        ClaimStatus.PAID, timezone.now(), reference,
    )  # fmt: skip
    with acting_as(actor):
        claim.save()
    notifications.claim_decided(claim=claim, actor=actor)
    return claim
