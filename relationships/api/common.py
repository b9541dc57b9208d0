"""What the API's resources share: staff-only viewsets whose objects come from the access
selectors and whose writes call the services, fields fixed once created, id filters."""

import django_filters
from django import forms
from rest_framework import serializers

from partners import selectors as partner_selectors
from prm.lib.access import IsVendorStaff
from prm.lib.api import ServiceModelViewSet


def staff_users():
    return partner_selectors.channel_managers()


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


class FixedOnUpdate:
    """Fields that choose where an object belongs (its partner, contact, stakeholder) are set
    on create only; sending another value on update is a field error, not a silent move."""

    fixed_on_update: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            return attrs
        errors = {}
        for name in self.fixed_on_update:
            if name in attrs and attrs.pop(name) != getattr(self.instance, name):
                errors[name] = "This cannot be changed; create a new record instead."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


# --- filters ----------------------------------------------------------------------------------


class IdFilter(django_filters.NumberFilter):
    """An id: no select of every partner or stakeholder in the browsable API's filter form."""

    field_class = forms.IntegerField


def partner_filter(field_name="partner"):
    return IdFilter(field_name=field_name, label="Partner (id)")


def stakeholder_filter(field_name="stakeholders"):
    return IdFilter(field_name=field_name, label="Stakeholder (id)")


def owner_filter(field_name="owner"):
    return django_filters.ModelChoiceFilter(field_name=field_name, queryset=staff_users())
