"""What the API's resources share: staff-only viewsets whose objects come from the access
selectors and whose writes call the services, and id filters."""

import django_filters

from partners import selectors as partner_selectors
from prm.lib.access import IsVendorStaff
from prm.lib.api import IdFilter, ServiceModelViewSet


def partners():
    return partner_selectors.partners()


class RelationshipViewSet(ServiceModelViewSet):
    """Staff-only CRUD: objects by id come from the access selectors, writes from services."""

    permission_classes = [IsVendorStaff]
    lookup_value_regex = r"\d+"
    access_function = None

    def get_object(self):
        instance = type(self).access_function(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, instance)
        return instance


# --- filters ----------------------------------------------------------------------------------


def partner_filter(field_name="partner"):
    return IdFilter(field_name=field_name, label="Partner (id)")


def stakeholder_filter(field_name="stakeholders"):
    return IdFilter(field_name=field_name, label="Stakeholder (id)")


def owner_filter(field_name="owner"):
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=partner_selectors.channel_managers()
    )
