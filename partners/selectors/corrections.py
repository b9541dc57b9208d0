"""Reads of people corrections and of what the portal shows of a partner's people."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from prm.lib.access import is_vendor_staff

from ..models import Contact, ContactCorrection, CorrectionStatus, OrgUnit, PartnerMembership
from .registry import partners_visible_to

# Roles that may change anything from the portal (a read-only role may come; it may not).
WRITING_ROLES = (PartnerMembership.Role.PARTNER_ADMIN, PartnerMembership.Role.MEMBER)


def membership_can_write(membership) -> bool:
    """Whether a portal membership may write at all (read-only roles may not)."""
    return membership is not None and membership.role in WRITING_ROLES


def may_propose_corrections(membership) -> bool:
    """Partner admins (with a writing role) propose corrections of their people."""
    return membership_can_write(membership) and membership.is_partner_admin


def _with_related(queryset):
    return queryset.select_related(
        "partner", "contact", "contact__org_unit", "org_unit", "proposed_by", "decided_by"
    )


def corrections_visible_to(*, user):
    """Staff: every partner's corrections; a partner user: their own partner's; else none."""
    queryset = _with_related(ContactCorrection.objects.all())
    if is_vendor_staff(user):
        return queryset
    return queryset.filter(partner__in=partners_visible_to(user=user))


def correction_get(*, user, pk) -> ContactCorrection:
    """A correction the user may see; 404 for anyone else's."""
    return get_object_or_404(corrections_visible_to(user=user), pk=pk)


def correction_queue(*, status: str = "", partner=None):
    """The channel team's queue: open first by default, oldest waiting first."""
    queryset = _with_related(ContactCorrection.objects.all())
    if status:
        queryset = queryset.filter(status=status)
    if partner is not None:
        queryset = queryset.filter(partner=partner)
    if status == CorrectionStatus.PROPOSED:
        return queryset.order_by("created_at", "pk")
    return queryset.order_by("-created_at", "-pk")


def open_corrections(*, partner):
    return correction_queue(status=CorrectionStatus.PROPOSED, partner=partner)


def open_correction_count(*, partner) -> int:
    return ContactCorrection.objects.filter(
        partner=partner, status=CorrectionStatus.PROPOSED
    ).count()


def portal_people(*, partner):
    """The partner's people still there, with their unit: only the facts the portal shows."""
    return (
        Contact.objects.current()
        .filter(partner=partner)
        .select_related("org_unit")
        .only(
            "pk",
            "first_name",
            "last_name",
            "title",
            "email",
            "phone",
            "org_unit__name",
            "partner_id",
        )  # fmt: skip
        .order_by("last_name", "first_name", "pk")
    )


def portal_units(*, partner):
    """The partner's units, each with its people still there (one extra query)."""
    people = Contact.objects.current().only("pk", "first_name", "last_name", "org_unit_id")
    return (
        OrgUnit.objects.filter(partner=partner)
        .select_related("parent")
        .prefetch_related(Prefetch("contacts", queryset=people, to_attr="current_people"))
        .order_by("name", "pk")
    )


def portal_corrections(*, partner, limit: int = 50):
    """The partner's corrections, newest first (what they proposed and what we decided)."""
    return correction_queue(partner=partner)[:limit]
