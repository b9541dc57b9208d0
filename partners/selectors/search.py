"""What the global search finds in partners: partners (vendor staff only) and people. The
fields and weights here are the ones the search indexes of migration 0009 are built from."""

from prm.lib.access import is_vendor_staff
from prm.search import SearchTerms

from ..models import Contact, Partner
from .registry import partners_visible_to

PARTNER_FIELDS = (("name", "A"), ("website", "B"))
CONTACT_FIELDS = (("first_name", "A"), ("last_name", "A"), ("email", "B"), ("title", "C"))


def visible_to(queryset, *, user, partner_field: str = "partner"):
    """Rows of the partners the user may see: every partner's for vendor staff, their own
    partner's for a partner user, none for anyone else. For the search selectors of every app,
    so all of them scope alike."""
    if is_vendor_staff(user):
        return queryset
    return queryset.filter(**{f"{partner_field}__in": partners_visible_to(user=user)})


def search_partners(*, user, terms: SearchTerms):
    """Partners by name or website, best first. Vendor staff only: a partner user searches
    their own company's rows, never the partner list."""
    if not is_vendor_staff(user):
        return Partner.objects.none()
    queryset = Partner.objects.select_related("tier").only(
        "pk", "name", "slug", "website", "country", "partner_type", "status", "tier__name"
    )
    return terms.apply(queryset, PARTNER_FIELDS).order_by("-search_rank", "name", "pk")


def search_contacts(*, user, terms: SearchTerms):
    """People by name, email or job title, best first, with their partner. A partner user finds
    only their own partner's people still there (who left, and when, is our history)."""
    queryset = Contact.objects.select_related("partner", "org_unit").only(
        "pk", "first_name", "last_name", "title", "email", "phone", "left_on",
        "partner__name", "partner__slug", "org_unit__name",
    )  # fmt: skip
    queryset = visible_to(queryset, user=user)
    if not is_vendor_staff(user):
        queryset = queryset.current()
    ordered = terms.apply(queryset, CONTACT_FIELDS)
    return ordered.order_by("-search_rank", "last_name", "first_name", "pk")
