"""Reads of incentive programs and claims, and the access functions per audience."""

from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners import selectors as partner_selectors
from partners.models import PartnerMembership

from ..models import ClaimStatus, FundRequest, FundRequestStatus, IncentiveClaim, IncentiveProgram

CLAIM_RELATED = ("program", "partner", "requested_by", "decided_by", "fund_request")


def claim_get(*, user, pk) -> IncentiveClaim:
    """A claim for vendor staff; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such claim.")
    return get_object_or_404(IncentiveClaim.objects.select_related(*CLAIM_RELATED), pk=pk)


def claim_queue(*, status: str = "", program: IncentiveProgram | None = None):
    """Claims for staff, newest first, with their proof of performance; optionally of one
    status and one program."""
    claims = IncentiveClaim.objects.select_related(*CLAIM_RELATED).prefetch_related("proofs")
    if status:
        claims = claims.filter(status=status)
    if program is not None:
        claims = claims.filter(program=program)
    return claims.order_by("-created_at", "-pk")


def portal_claims(*, membership: PartnerMembership):
    """The claims of the member's own partner, newest first."""
    return (
        IncentiveClaim.objects.filter(partner_id=membership.partner_id)
        .select_related("program", "requested_by", "fund_request")
        .order_by("-created_at", "-pk")
    )


def portal_claim_get(*, membership: PartnerMembership, pk) -> IncentiveClaim:
    """One of the member's own partner's claims; 404 for any other id."""
    return get_object_or_404(portal_claims(membership=membership), pk=pk)


def _claim_sum(*statuses, extra: Q | None = None):
    return Coalesce(
        Sum("claims__amount", filter=Q(claims__status__in=statuses) & (extra or Q())),
        Value(Decimal("0")),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )


def _reserved():
    """Approved fund requests' amounts: committed by their approval (models/funds.py)."""
    approved = (
        FundRequest.objects.filter(program=OuterRef("pk"), status=FundRequestStatus.APPROVED)
        .order_by()
        .values("program")
        .annotate(total=Sum("approved_amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(approved), Value(Decimal("0")),
        output_field=DecimalField(max_digits=16, decimal_places=2),
    )  # fmt: skip


def programs_with_usage():
    """Programs annotated with their spending: `committed` (what the budget is spent on:
    approved and paid claims, and approved fund requests in place of the claims against them),
    `paid`, `approved` (not paid yet), `pending` (requested, not decided) and `claim_count`."""
    return IncentiveProgram.objects.prefetch_related("eligible_tiers").annotate(
        committed=_claim_sum(
            ClaimStatus.APPROVED, ClaimStatus.PAID, extra=Q(claims__fund_request__isnull=True)
        )
        + _reserved(),
        paid=_claim_sum(ClaimStatus.PAID),
        approved=_claim_sum(ClaimStatus.APPROVED),
        pending=_claim_sum(ClaimStatus.REQUESTED),
        claim_count=Count("claims"),
    ).order_by("-starts_on", "name")  # fmt: skip


PROGRAM_STATES = [("running", "Running"), ("upcoming", "Upcoming"), ("ended", "Ended")]


def program_list(*, kind: str = "", behaviour: str = "", state: str = "", day=None):
    """The program list for staff, filtered by kind, targeted behaviour and running state."""
    day = day or timezone.localdate()
    programs = programs_with_usage()
    if kind:
        programs = programs.filter(kind=kind)
    if behaviour:
        programs = programs.filter(targeted_behaviour=behaviour)
    if state == "running":
        programs = programs.active_on(day)
    elif state == "upcoming":
        programs = programs.filter(starts_on__gt=day)
    elif state == "ended":
        programs = programs.filter(ends_on__lt=day)
    return programs


def program_get(*, user, pk) -> IncentiveProgram:
    """A program with its spending, for vendor staff; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such incentive program.")
    return get_object_or_404(programs_with_usage(), pk=pk)


def programs_eligible_for(*, partner, day=None):
    """Programs running today that the partner's tier may claim from."""
    day = day or timezone.localdate()
    tier_filter = Q(eligible_tiers__isnull=True)
    if partner.tier_id:
        tier_filter |= Q(eligible_tiers=partner.tier_id)
    return IncentiveProgram.objects.active_on(day).filter(tier_filter).distinct().order_by("name")


# --- the API's scopes -------------------------------------------------------------------------


def claims_visible_to(*, user):
    """Claims a user may read, newest first: all for vendor staff, their own partner's for a
    partner user, none for anyone else."""
    claims = (
        IncentiveClaim.objects.select_related(*CLAIM_RELATED)
        .prefetch_related("proofs")
        .order_by("-created_at", "-pk")
    )
    if user.is_vendor_staff:
        return claims
    if user.is_partner_user:
        return claims.filter(partner__memberships__user=user)
    return claims.none()


def programs_visible_to(*, user):
    """Programs a user may read: all, with their spending, for vendor staff; for a partner user
    only those open to their tier today, without spending (other partners' claims are not
    theirs to see); none for anyone else."""
    if user.is_vendor_staff:
        return programs_with_usage()
    membership = partner_selectors.membership_of(user=user) if user.is_partner_user else None
    if membership is None:
        return IncentiveProgram.objects.none()
    return programs_eligible_for(partner=membership.partner).prefetch_related("eligible_tiers")


def dashboard_claims() -> dict:
    """Claims waiting on the channel team, per currency (amounts of different currencies are
    never added up): requested (to decide) and approved (to pay), with the running programs'
    budget use."""
    waiting = (
        IncentiveClaim.objects.filter(status__in=[ClaimStatus.REQUESTED, ClaimStatus.APPROVED])
        .values("currency")
        .annotate(
            requested=Count("pk", filter=Q(status=ClaimStatus.REQUESTED)),
            requested_amount=Sum("amount", filter=Q(status=ClaimStatus.REQUESTED)),
            approved=Count("pk", filter=Q(status=ClaimStatus.APPROVED)),
            approved_amount=Sum("amount", filter=Q(status=ClaimStatus.APPROVED)),
        )
        .order_by("currency")
    )
    running = list(program_list(state="running").order_by("ends_on", "name")[:5])
    return {"waiting": list(waiting), "running": running}


DASHBOARD_CACHE_SECONDS = 60


def dashboard_claims_recent() -> dict:
    """`dashboard_claims` as of at most a minute ago, like the dashboard's other panels: every
    manager's dashboard asks for it, and the claim queue it links to is always live."""
    key = f"incentives:dashboard-claims:{timezone.localdate().isoformat()}"
    return cache.get_or_set(key, dashboard_claims, DASHBOARD_CACHE_SECONDS)


def claim_counts_by_status(*, partner) -> dict:
    """`{status: number of the partner's claims}` for every claim status (one query)."""
    return IncentiveClaim.objects.filter(partner_id=partner.pk).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ClaimStatus.values}
    )


def programs():
    """Every incentive program: other apps filter and aggregate on it (performance's ROI)."""
    return IncentiveProgram.objects.all()


def claims():
    """Every incentive claim: other apps filter and aggregate on it (performance's ROI)."""
    return IncentiveClaim.objects.all()


PORTAL_HOME_DECISIONS = 3


def portal_claims_decided(*, membership: PartnerMembership, latest: int = PORTAL_HOME_DECISIONS):
    """The partner's latest decided claims (approved, paid or rejected), newest decision first:
    one query."""
    return list(
        IncentiveClaim.objects.filter(partner_id=membership.partner_id, decided_at__isnull=False)
        .select_related("program")
        .only("amount", "currency", "status", "decided_at", "paid_at", "program__name")
        .order_by("-decided_at", "-pk")[:latest]
    )
