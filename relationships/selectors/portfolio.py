"""Reads across partners: the portfolio's lists of what needs attention (influential
non-supporters without a plan, stakeholders out of cadence, partners without a champion,
overdue actions) and their counts."""

from django.core.paginator import Paginator
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

from partners import selectors as partner_selectors
from partners.models import Partner
from prm import columns
from prm.lib.cache import cached_while_unchanged

from ..models import EngagementAction, RelationshipPlan, Stakeholder
from .engagement import (
    OPEN_ACTIONS,
    influential_non_supporters_without_plan,
    out_of_cadence_q,
    stakeholders_with_contact,
)


def _owned_stakeholders_q(user) -> Q:
    owns = Stakeholder.owners.through.objects.filter(stakeholder_id=OuterRef("pk"), user=user)
    return Q(partner__owner=user) | Q(Exists(owns))


def _live_partner_stakeholders():
    return Stakeholder.objects.current().exclude(partner__status=Partner.Status.EXITED)


def portfolio_non_supporters(*, owner=None):
    """Influential non-supporters still at the partner, without an individual plan."""
    queryset = influential_non_supporters_without_plan().exclude(
        partner__status=Partner.Status.EXITED
    )
    if owner is not None:
        queryset = queryset.filter(_owned_stakeholders_q(owner))
    return (
        queryset.select_related("contact", "partner")
        .prefetch_related("owners")
        .order_by("-influence", "partner__name", "contact__last_name", "pk")
    )


def portfolio_out_of_cadence(*, owner=None, today=None):
    """Stakeholders not contacted within their cadence (or never); key people first."""
    today = today or timezone.localdate()
    queryset = _live_partner_stakeholders().filter(out_of_cadence_q(today))
    if owner is not None:
        queryset = queryset.filter(_owned_stakeholders_q(owner))
    return (
        queryset.select_related("contact", "partner")
        .prefetch_related("owners")
        .order_by(
            "-influence",
            F("last_interaction_on").asc(nulls_first=True),
            "partner__name",
            "pk",
        )
    )


def portfolio_without_champion(*, owner=None):
    """Partners (not exited) without a champion; active partners first."""
    champions = Stakeholder.objects.filter(partner=OuterRef("pk"), is_champion=True)
    queryset = (
        partner_selectors.partners()
        .exclude(status=Partner.Status.EXITED)
        .filter(~Exists(champions))
    )
    if owner is not None:
        queryset = queryset.filter(owner=owner)
    return (
        queryset.select_related("owner", "tier")
        .annotate(
            not_active=Case(
                When(status=Partner.Status.ACTIVE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("not_active", "name", "pk")
    )


def portfolio_overdue_actions(*, owner=None, today=None):
    today = today or timezone.localdate()
    queryset = EngagementAction.objects.filter(status__in=OPEN_ACTIONS, due_on__lt=today)
    if owner is not None:
        queryset = queryset.filter(Q(owner=owner) | Q(partner__owner=owner))
    return (
        queryset.select_related("partner", "owner")
        .prefetch_related(Prefetch("stakeholders", queryset=stakeholders_with_contact()))
        .order_by("due_on", "partner__name", "pk")
    )


PORTFOLIO_SECTIONS = {
    "non-supporters": portfolio_non_supporters,
    "cadence": portfolio_out_of_cadence,
    "champions": portfolio_without_champion,
    "overdue": portfolio_overdue_actions,
}
# Where each section's rows find their partner's id (for the columns other apps add).
SECTION_PARTNER = {
    "non-supporters": "partner_id", "cadence": "partner_id", "champions": "pk",
    "overdue": "partner_id",
}  # fmt: skip
COLUMNS = "portfolio"


def portfolio_section(key, *, owner=None, sort: str = "", filters=None):
    """A section's rows, narrowed by the registered columns' `filters` and sorted by one of
    them (`sort`), in SQL; in the section's own order otherwise, and within a tie."""
    queryset = PORTFOLIO_SECTIONS[key](owner=owner)
    partner = SECTION_PARTNER[key]
    queryset = columns.narrow(queryset, COLUMNS, filters or {}, partner=partner)
    return columns.order(queryset, COLUMNS, sort, partner=partner)


def portfolio_pages(
    *, owner, numbers: dict[str, int], per_page: int, today=None, sort: str = "", filters=None
) -> dict:
    """For each section asked (`{section: page number}`): `(how many in all, the number of the
    page shown, the page's ids in order)`. Counting and ordering thousands of stakeholders takes
    tens of milliseconds, so the answer is kept while stakeholders, contacts, partners, plans,
    actions and the tables of the registered columns are unchanged (owners and an action's
    people change with a save of their stakeholder or action), per sort and filters;
    `portfolio_section_rows` loads the rows of a page."""
    today = today or timezone.localdate()
    filters = filters or {}

    def compute():
        pages = {}
        for key, number in numbers.items():
            rows = portfolio_section(key, owner=owner, sort=sort, filters=filters)
            page = Paginator(rows.values_list("pk", flat=True), per_page).get_page(number)
            pages[key] = (page.paginator.count, page.number, list(page.object_list))
        return pages

    key = "relationships-portfolio:{}:{}:{}:{}:{}".format(
        owner.pk if owner is not None else "all", today.isoformat(), per_page,
        ",".join(f"{section}={number}" for section, number in sorted(numbers.items())),
        columns.cache_key(COLUMNS, sort, filters),
    )  # fmt: skip
    tables = [Stakeholder, partner_selectors.contacts().model, Partner, RelationshipPlan,
              EngagementAction, *columns.tables(COLUMNS)]  # fmt: skip
    return cached_while_unchanged(key, tables, compute)


def portfolio_section_rows(*, key, ids) -> list:
    """The rows of one page of a section, in the page's order (one query and its prefetches)."""
    found = {row.pk: row for row in PORTFOLIO_SECTIONS[key]().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def portfolio_counts(*, owner=None) -> dict:
    """One count per portfolio section (four queries)."""
    return {
        key.replace("-", "_"): function(owner=owner).order_by().count()
        for key, function in PORTFOLIO_SECTIONS.items()
    }
