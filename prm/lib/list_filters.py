"""API filters that take a list page's query string as it is, so `?partner=acme` filters the
API list exactly as it filters the page (pages name related objects by slug, the API by id)."""

import django_filters


class IdOrSlugFilter(django_filters.CharFilter):
    """A related object by id (digits) or by its slug."""

    def filter(self, queryset, value):
        if value in ("", None):
            return queryset
        if value.isdigit():
            return queryset.filter(**{f"{self.field_name}_id": int(value)})
        return queryset.filter(**{f"{self.field_name}__slug": value})
