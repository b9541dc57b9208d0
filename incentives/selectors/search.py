"""What the global search finds in the partner program: incentive claims, by what was claimed
or the payment reference. The fields and weights are the ones the search index of migration
0011 is built from."""

from partners.selectors.search import visible_to
from prm.search import SearchTerms

from ..models import IncentiveClaim

CLAIM_FIELDS = (("description", "A"), ("payment_reference", "B"))


def search_claims(*, user, terms: SearchTerms):
    """The claims the user may see (a partner user: their partner's), best match first, then
    newest."""
    queryset = IncentiveClaim.objects.select_related("partner", "program").only(
        "pk", "description", "payment_reference", "amount", "currency", "status",
        "created_at", "program_id", "program__name", "partner__name",
    )  # fmt: skip
    queryset = terms.apply(visible_to(queryset, user=user), CLAIM_FIELDS)
    return queryset.order_by("-search_rank", "-created_at", "-pk")
