"""What the global search finds in performance: deal registrations, by customer, its domain or
the products. The fields and weights are the ones the search index of migration 0013 is built
from."""

from partners.selectors.search import visible_to
from prm.search import SearchTerms

from ..models import DealRegistration

DEAL_FIELDS = (("customer_name", "A"), ("customer_domain", "B"), ("products", "C"))


def search_deals(*, user, terms: SearchTerms):
    """The deals the user may see (a partner user: their partner's), best match first, then
    newest."""
    queryset = DealRegistration.objects.select_related("partner").only(
        "pk", "customer_name", "customer_domain", "value", "currency", "status",
        "expected_close_on", "created_at", "partner__name",
    )  # fmt: skip
    queryset = terms.apply(visible_to(queryset, user=user), DEAL_FIELDS)
    return queryset.order_by("-search_rank", "-created_at", "-pk")
