"""Global search: one box in the top bar finds partners, people, deals and claims.

The core knows no domain app. Each app registers the kinds it can find, in its `panels`:

    search.register_kind(
        "deals", label="Deals", order=30,
        selector="performance.selectors.search.search_deals",   # (*, user, terms) -> QuerySet
        present="performance.panels.search.deal_result",         # (row, *, portal) -> Result
        audiences=(search.STAFF, search.PORTAL),
    )

The selector scopes rows to the user (a partner user sees only their own partner's) and lets
`terms.apply` filter and rank them: full-text search with ranking on PostgreSQL, backed by the
GIN expression index the app's migration creates with `AddSearchIndex`; `icontains` on SQLite.
The presenter turns a row into a title, a short context line and a link for the user's side
(vendor staff get internal pages, partner users portal pages).
"""

from .registry import (
    PORTAL,
    STAFF,
    Group,
    Kind,
    Result,
    audience_of,
    kinds_for,
    register_kind,
    run_search,
)
from .terms import MAX_LENGTH, MIN_LENGTH, SearchTerms

__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "PORTAL",
    "STAFF",
    "Group",
    "Kind",
    "Result",
    "SearchTerms",
    "audience_of",
    "kinds_for",
    "register_kind",
    "run_search",
]
