"""Reads of deal registrations, and the one access function per audience."""

from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.models import Partner, PartnerMembership

from ..models import DealRegistration, DealStatus, queue_since, queue_waiting

DEAL_RELATED = ("partner", "registered_by", "decided_by")
# What a row of the decision queue shows: the wide text columns and the people stay unread.
QUEUE_ROW_FIELDS = (
    "customer_name", "customer_domain", "value", "currency", "expected_close_on", "created_at",
    "status", "partner__name", "partner__slug",
)  # fmt: skip


# What the comparison table shows of each conflicting registration: never the people.
CONFLICT_FIELDS = (
    "customer_name", "customer_key", "customer_domain", "country", "value", "currency",
    "products", "created_at", "expected_close_on", "status", "protection_until", "partner__name",
)  # fmt: skip


def deal_get(*, user, pk) -> DealRegistration:
    """A registration for vendor staff, with its conflicts; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such deal registration.")
    conflicts = (
        DealRegistration.objects.select_related("partner")
        .only(*CONFLICT_FIELDS)
        .order_by("created_at")
    )
    return get_object_or_404(
        DealRegistration.objects.select_related(*DEAL_RELATED).prefetch_related(
            Prefetch("conflicts", queryset=conflicts),
            Prefetch("conflicted_by", queryset=conflicts),
        ),
        pk=pk,
    )


def portal_deals(*, membership: PartnerMembership):
    """The registrations of the member's own partner, newest first."""
    return DealRegistration.objects.filter(partner=membership.partner_id).select_related(
        "registered_by"
    )


def portal_deal_get(*, membership: PartnerMembership, pk) -> DealRegistration:
    """One of the member's partner's registrations; another partner's answers 404."""
    return get_object_or_404(
        portal_deals(membership=membership).select_related("decided_by"), pk=pk
    )


def deals_visible_to(*, user):
    """For the API: everything for staff, the own partner's for a partner user."""
    if user.is_vendor_staff:
        return DealRegistration.objects.all()
    if user.is_partner_user:
        return DealRegistration.objects.filter(partner__memberships__user=user)
    return DealRegistration.objects.none()


QUEUE_ORDERS = {
    "": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    # Submitted first, oldest first (FIFO), then the rest, newest first.
    "waiting": ("waiting", F("queued_at").asc(nulls_last=True), "-created_at", "-pk"),
}


def deal_queue(*, status: str = "", partner: Partner | None = None, sort: str = ""):
    """The queue of registrations, newest first unless `sort` says "oldest" or "waiting" (those
    awaiting a decision first, oldest first); only the columns its rows show."""
    deals = (
        DealRegistration.objects.select_related("partner")
        .only(*QUEUE_ROW_FIELDS)
        .annotate(waiting=queue_waiting(), queued_at=queue_since())
    )
    if status:
        deals = deals.filter(status=status)
    if partner is not None:
        deals = deals.filter(partner=partner)
    return deals.order_by(*QUEUE_ORDERS.get(sort, QUEUE_ORDERS[""])).annotate_conflicts()


def queue_counts(*, partner: Partner | None = None) -> dict[str, int]:
    """How many registrations in all and per status (of one partner, when given): one query."""
    deals = DealRegistration.objects.all()
    if partner is not None:
        deals = deals.filter(partner=partner)
    return deals.aggregate(
        all=Count("pk"), **{s: Count("pk", filter=Q(status=s)) for s in DealStatus.values}
    )


def partner_deals(*, partner: Partner):
    """A partner's registrations, newest first, with their conflicts counted."""
    return (
        DealRegistration.objects.filter(partner=partner)
        .select_related("registered_by")
        .annotate_conflicts()
        .order_by("-created_at", "-pk")
    )


def decision_backlog() -> dict:
    """How many registrations wait for a decision, the oldest of them and its age in days."""
    waiting = DealRegistration.objects.filter(status=DealStatus.SUBMITTED)
    # The oldest waiting registration's own date is the earliest: no separate aggregate.
    oldest = (
        waiting.select_related("partner")
        .only("created_at", "customer_name", "partner__name")
        .order_by("created_at", "pk")
        .first()
    )
    return {
        "count": waiting.count() if oldest else 0,
        "oldest": oldest,
        "oldest_days": (timezone.now() - oldest.created_at).days if oldest else None,
    }


PORTAL_HOME_DECISIONS = 3


def portal_deal_summary(*, membership: PartnerMembership, latest: int = PORTAL_HOME_DECISIONS):
    """The portal home's deal status: how many of the partner's registrations per status and
    the latest decided ones (approved, rejected, won, lost, lapsed), newest decision first.
    Two queries."""
    deals = DealRegistration.objects.filter(partner=membership.partner_id)
    counts = deals.aggregate(
        all=Count("pk"), **{s: Count("pk", filter=Q(status=s)) for s in DealStatus.values}
    )
    decided = (
        deals.filter(decided_at__isnull=False)
        .only("customer_name", "value", "currency", "status", "decided_at", "protection_until")
        .order_by("-decided_at", "-pk")[:latest]
    )
    return counts, list(decided)
