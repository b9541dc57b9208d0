"""Reads of the program area: tiers with requirements and benefits, tier history, resources."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners import selectors as partner_selectors
from partners.models import Partner, PartnerMembership, ProgramTier

from ..models import Benefit, Resource, TierChange


def tiers_with_terms():
    """Every tier, lowest first, with its requirement and benefits (three queries in all)."""
    return (
        partner_selectors.tiers()
        .select_related("requirement")
        .prefetch_related(Prefetch("benefits", queryset=Benefit.objects.order_by("kind")))
    )


def tier_list():
    """The staff "Program tiers" page: every tier by rank with its terms and how many partners
    are in it (the count is part of the tiers' query: three queries however much data)."""
    return tiers_with_terms().annotate(partner_count=Count("partners")).order_by("rank")


def tier_get(*, user, pk) -> ProgramTier:
    """A tier as the "Program tiers" page shows it, for vendor staff; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such tier.")
    return get_object_or_404(tier_list(), pk=pk)


def benefit_get(*, user, pk) -> Benefit:
    """A benefit for vendor staff; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such benefit.")
    return get_object_or_404(Benefit.objects.select_related("tier"), pk=pk)


def tier_history(*, partner: Partner, limit: int = 20):
    return TierChange.objects.filter(partner=partner).select_related(
        "from_tier", "to_tier", "changed_by"
    )[:limit]


def benefits_for_tier(tier: ProgramTier | None):
    if tier is None:
        return Benefit.objects.none()
    return Benefit.objects.filter(tier=tier).order_by("kind")


def resource_list(*, category: str = ""):
    """The staff list of resources, by category and title."""
    resources = Resource.objects.select_related("minimum_tier")
    return resources.filter(category=category) if category else resources


def resource_get(*, user, pk) -> Resource:
    """A resource for vendor staff; 404 for anyone else."""
    if not user.is_vendor_staff:
        raise Http404("No such resource.")
    return get_object_or_404(Resource.objects.select_related("minimum_tier"), pk=pk)


def _allowed_for_tier(tier: ProgramTier | None) -> Q:
    if tier is None:
        return Q(minimum_tier__isnull=True)
    return Q(minimum_tier__isnull=True) | Q(minimum_tier__rank__lte=tier.rank)


def resources_allowed_for(*, partner: Partner):
    """What the partner's tier allows: no minimum, or a minimum at or below their rank."""
    return Resource.objects.filter(_allowed_for_tier(partner.tier)).select_related("minimum_tier")


def portal_resources(*, membership: PartnerMembership):
    return resources_allowed_for(partner=membership.partner)


def portal_resource_get(*, membership: PartnerMembership, pk) -> Resource:
    """A resource the member's tier allows; anything else answers 404."""
    return get_object_or_404(portal_resources(membership=membership), pk=pk)


def _own_tier_id(user):
    """A partner user's tier (None without a membership or a tier)."""
    membership = partner_selectors.membership_of(user=user) if user.is_partner_user else None
    return membership.partner.tier_id if membership is not None else None


def tiers_visible_to(*, user):
    """For the API: every tier with its terms for staff, a partner user's own tier, else none."""
    tiers = tiers_with_terms().order_by("rank")
    if user.is_vendor_staff:
        return tiers
    tier_id = _own_tier_id(user)
    return tiers.filter(pk=tier_id) if tier_id is not None else tiers.none()


def benefits_visible_to(*, user):
    """For the API: every benefit for staff, those of a partner user's own tier, else none."""
    benefits = Benefit.objects.order_by("tier__rank", "kind")
    if user.is_vendor_staff:
        return benefits
    tier_id = _own_tier_id(user)
    return benefits.filter(tier_id=tier_id) if tier_id is not None else benefits.none()


def resources_visible_to(*, user):
    """For the API: all for staff, the allowed ones for a partner user, none otherwise."""
    if user.is_vendor_staff:
        return Resource.objects.select_related("minimum_tier")
    if user.is_partner_user:
        membership = partner_selectors.membership_of(user=user)
        if membership is not None:
            return resources_allowed_for(partner=membership.partner)
    return Resource.objects.none()


NEW_RESOURCE_DAYS = 30


def portal_new_resources(*, membership: PartnerMembership, today=None, latest: int = 3):
    """What the partner's tier allows that was added in the last `NEW_RESOURCE_DAYS` days: how
    many, and the newest `latest`. Two queries."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=NEW_RESOURCE_DAYS)
    new = portal_resources(membership=membership).filter(created_at__date__gte=since)
    return new.count(), list(new.order_by("-created_at", "-pk")[:latest])
