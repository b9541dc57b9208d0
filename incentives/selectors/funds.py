"""Reads of market development funds: fund requests, the claims against them and their proof
of performance, with one access function per entity and audience."""

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.models import PartnerMembership

from ..models import (
    FundRequest,
    FundRequestStatus,
    IncentiveClaim,
    IncentiveProgram,
    ProgramKind,
    ProofOfPerformance,
)
from .claims import programs_eligible_for

FUND_REQUEST_RELATED = ("partner", "program", "requested_by", "decided_by")


def _with_claims(fund_requests):
    """Each request's claims (newest first) with their proof: three queries, any number."""
    claims = IncentiveClaim.objects.select_related("requested_by", "decided_by").prefetch_related(
        "proofs"
    )
    return fund_requests.prefetch_related(
        Prefetch("claims", queryset=claims.order_by("-created_at", "-pk"))
    )


def fund_request_queue(*, status: str = "", program: IncentiveProgram | None = None, partner=None):
    """Fund requests for staff, newest first, with the number of claims against each."""
    fund_requests = FundRequest.objects.select_related(*FUND_REQUEST_RELATED).annotate(
        claim_count=Count("claims")
    )
    if status:
        fund_requests = fund_requests.filter(status=status)
    if program is not None:
        fund_requests = fund_requests.filter(program=program)
    if partner is not None:
        fund_requests = fund_requests.filter(partner=partner)
    return fund_requests.order_by("-created_at", "-pk")


def fund_request_get(*, user, pk) -> FundRequest:
    """A fund request with its claims and proof, for vendor staff; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such fund request.")
    queryset = _with_claims(FundRequest.objects.select_related(*FUND_REQUEST_RELATED))
    return get_object_or_404(queryset, pk=pk)


def portal_fund_requests(*, membership: PartnerMembership):
    """The fund requests of the member's own partner, newest first."""
    return (
        FundRequest.objects.filter(partner_id=membership.partner_id)
        .select_related("program", "requested_by")
        .annotate(claim_count=Count("claims"))
        .order_by("-created_at", "-pk")
    )


def portal_fund_request_get(*, membership: PartnerMembership, pk) -> FundRequest:
    """One of the member's own partner's fund requests; 404 for any other id."""
    queryset = _with_claims(
        FundRequest.objects.filter(partner_id=membership.partner_id).select_related(
            *FUND_REQUEST_RELATED
        )
    )
    return get_object_or_404(queryset, pk=pk)


def fund_requests_visible_to(*, user):
    """Fund requests a user may read, newest first: all for vendor staff, their own partner's
    for a partner user, none for anyone else."""
    fund_requests = _with_claims(
        FundRequest.objects.select_related(*FUND_REQUEST_RELATED).order_by("-created_at", "-pk")
    )
    if user.is_vendor_staff:
        return fund_requests
    if user.is_partner_user:
        return fund_requests.filter(partner__memberships__user=user)
    return fund_requests.none()


def mdf_programs_for(*, partner, day=None):
    """MDF programs running today that the partner's tier may request funds from."""
    return programs_eligible_for(partner=partner, day=day).filter(kind=ProgramKind.MDF)


def proof_get(*, user, pk) -> ProofOfPerformance:
    """A proof file for vendor staff, or for a portal user of the claiming partner; 404 for
    anyone else (another partner learns nothing, not even that the file exists)."""
    proofs = ProofOfPerformance.objects.select_related("claim")
    if user.is_vendor_staff:
        return get_object_or_404(proofs, pk=pk)
    if user.is_partner_user:
        return get_object_or_404(proofs.filter(claim__partner__memberships__user=user), pk=pk)
    raise Http404("No such file.")


def fund_requests_waiting():
    """Requests not decided yet: what the inbox and the dashboard count."""
    return FundRequest.objects.filter(status=FundRequestStatus.REQUESTED)
