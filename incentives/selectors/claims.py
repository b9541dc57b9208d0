"""Reads of incentive programs and claims, and the access functions per audience."""

from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import PartnerMembership

from ..models import ClaimStatus, IncentiveClaim, IncentiveProgram

CLAIM_RELATED = ("program", "partner", "requested_by", "decided_by")


def claim_get(*, user, pk) -> IncentiveClaim:
    """A claim for vendor staff; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such claim.")
    return get_object_or_404(IncentiveClaim.objects.select_related(*CLAIM_RELATED), pk=pk)


def claim_queue(*, status: str = ""):
    """Claims for staff, the undecided first, then newest."""
    claims = IncentiveClaim.objects.select_related(*CLAIM_RELATED)
    if status:
        claims = claims.filter(status=status)
    return claims.order_by("-created_at", "-pk")


def portal_claims(*, membership: PartnerMembership):
    """The claims of the member's own partner, newest first."""
    return (
        IncentiveClaim.objects.filter(partner_id=membership.partner_id)
        .select_related("program", "requested_by")
        .order_by("-created_at", "-pk")
    )


def programs_with_usage():
    """Programs annotated with what approved and paid claims committed of their budget."""
    return IncentiveProgram.objects.prefetch_related("eligible_tiers").annotate(
        committed=Sum("claims__amount",
                      filter=Q(claims__status__in=[ClaimStatus.APPROVED, ClaimStatus.PAID])),
    ).order_by("-starts_on", "name")  # fmt: skip


def programs_eligible_for(*, partner, day=None):
    """Programs running today that the partner's tier may claim from."""
    day = day or timezone.localdate()
    tier_filter = Q(eligible_tiers__isnull=True)
    if partner.tier_id:
        tier_filter |= Q(eligible_tiers=partner.tier_id)
    return IncentiveProgram.objects.active_on(day).filter(tier_filter).distinct().order_by("name")
