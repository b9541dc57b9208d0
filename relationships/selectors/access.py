"""Fetch one object by id for a user. Relationships are internal: anyone but vendor staff gets
404, so not even the existence of an analysis leaks to a partner user."""

from django.shortcuts import get_object_or_404

from partners import selectors as partner_selectors
from partners.models import Contact, Partner
from prm.lib.access import require_vendor_staff

from ..models import (
    CultureAssessment,
    CultureDescriptor,
    CultureGuideline,
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
)


def partner_get(*, user, slug: str) -> Partner:
    """The partner a page of ours is about, with its tier and owner."""
    require_vendor_staff(user, hide=True)
    return partner_selectors.partner_get_for_user(user=user, slug=slug)


def contact_for_analysis_get(*, user, pk) -> Contact:
    """The contact a new stakeholder analysis is for, with their analysis if there is one."""
    require_vendor_staff(user, hide=True)
    contacts = partner_selectors.visible_contacts(user=user).select_related("stakeholder")
    return get_object_or_404(contacts, pk=pk)


def stakeholder_get(*, user, pk) -> Stakeholder:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(
        Stakeholder.objects.select_related("contact", "contact__org_unit", "partner"), pk=pk
    )


def plan_get(*, user, pk) -> RelationshipPlan:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(
        RelationshipPlan.objects.select_related(
            "stakeholder__contact", "stakeholder__partner", "owner"
        ),
        pk=pk,
    )


def action_get(*, user, pk) -> EngagementAction:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(EngagementAction.objects.select_related("partner", "owner"), pk=pk)


def interaction_get(*, user, pk) -> Interaction:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(Interaction.objects.select_related("partner", "logged_by"), pk=pk)


def objective_get(*, user, pk) -> RelationshipObjective:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(
        RelationshipObjective.objects.select_related("partner", "stakeholder__contact", "owner"),
        pk=pk,
    )


def culture_assessment_get(*, user, pk) -> CultureAssessment:
    """A culture assessment (a partner's or our own) with its ratings; staff only."""
    require_vendor_staff(user, hide=True)
    return get_object_or_404(
        CultureAssessment.objects.select_related(
            "partner", "assessed_by", "validated_by"
        ).prefetch_related("ratings"),
        pk=pk,
    )


# --- culture reference text (the API edits it; staff only, like the rest) ---


def culture_guideline_get(*, user, pk) -> CultureGuideline:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(CultureGuideline.objects.all(), pk=pk)


def culture_descriptor_get(*, user, pk) -> CultureDescriptor:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(CultureDescriptor.objects.all(), pk=pk)
