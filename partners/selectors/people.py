"""Reads of a partner's people and units: the facts the org chart is drawn from."""

from django.shortcuts import get_object_or_404

from prm.lib.access import is_vendor_staff

from ..models import Contact, OrgUnit
from .registry import partners_visible_to


def _visible(queryset, user):
    """Staff see every partner's rows; anyone else only their own partner's (or none)."""
    if is_vendor_staff(user):
        return queryset
    return queryset.filter(partner__in=partners_visible_to(user=user))


def contacts():
    """Every partner's people (those who left included): a QuerySet to filter."""
    return Contact.objects.all()


def partner_contacts(*, partner, current: bool = True):
    """A partner's people, by name; only those still there unless `current` is False."""
    queryset = Contact.objects.filter(partner=partner)
    if current:
        queryset = queryset.current()
    return queryset.order_by("last_name", "first_name", "pk")


def org_units(*, partner):
    return OrgUnit.objects.filter(partner=partner).order_by("name", "pk")


def contact_get(*, user, pk) -> Contact:
    """A person the user may see (staff: anyone; a partner user: their partner's); else 404."""
    return get_object_or_404(visible_contacts(user=user), pk=pk)


def org_unit_get(*, user, pk) -> OrgUnit:
    queryset = OrgUnit.objects.select_related("partner", "parent")
    return get_object_or_404(_visible(queryset, user), pk=pk)


def visible_contacts(*, user):
    """The people a user may see (staff: everyone; a partner user: their partner's), with their
    partner, unit and manager: a QuerySet to filter or join the caller's own rows into."""
    queryset = Contact.objects.select_related("partner", "org_unit", "reports_to")
    return _visible(queryset, user)
