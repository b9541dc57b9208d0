"""Reads of the partner registry: partners, their place in the program, portal memberships."""

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Q, Value
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from ..models import Partner, PartnerMembership, ProgramTier, Segment, Territory

User = get_user_model()


def partners():
    """Every partner: a QuerySet other apps filter, annotate and order."""
    return Partner.objects.all()


def partner_options_key() -> tuple:
    """What changes whenever a list of partners (names and slugs) would: how many there are
    and the latest change to any of them. One small query."""
    summary = Partner.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    return summary["count"], summary["changed"]


def partners_exist() -> bool:
    return Partner.objects.exists()


def partner_count() -> int:
    return Partner.objects.count()


def tiers():
    """The program tiers, entry tier first."""
    return ProgramTier.objects.order_by("rank")


def territories():
    return Territory.objects.all()


def territory_count() -> int:
    return Territory.objects.count()


def segments():
    return Segment.objects.all()


def sweet_spot_segment_names() -> list[str]:
    return list(Segment.objects.filter(is_sweet_spot=True).values_list("name", flat=True))


PARTNER_SORTS = {
    "name": "name",
    "country": "country",
    "type": "partner_type",
    "status": "status",
    "tier": "tier__rank",
    "owner": "owner__username",
    "revenue": "annual_revenue",
    "joined": "joined_on",
    "created": "created_at",
}


PARTNER_ROW_FIELDS = (
    "name", "slug", "country", "partner_type", "status", "annual_revenue", "joined_on",
    "tier__name", "owner__username", "owner__first_name", "owner__last_name",
)  # fmt: skip


def partner_list(*, filters: dict | None = None, sort: str = "name"):
    """Partners for the list page, filtered and sorted, with what rows show (only that: the
    long texts stay unread). Their territories: `territory_names_by_partner`."""
    filters = filters or {}
    queryset = Partner.objects.select_related("tier", "owner").only(*PARTNER_ROW_FIELDS)
    if query := filters.get("q"):
        queryset = queryset.filter(Q(name__icontains=query) | Q(website__icontains=query))
    for field, lookup in (
        ("status", "status"),
        ("partner_type", "partner_type"),
        ("tier", "tier"),
        ("owner", "owner"),
        ("country", "country"),
    ):
        if value := filters.get(field):
            queryset = queryset.filter(**{lookup: value})
    # Filtering through a many-to-many join can repeat rows; a subquery keeps them unique.
    if territory := filters.get("territory"):
        queryset = queryset.filter(
            pk__in=Partner.territories.through.objects.filter(territory=territory).values(
                "partner_id"
            )
        )
    if segment := filters.get("segment"):
        queryset = queryset.filter(
            pk__in=Partner.segments.through.objects.filter(segment=segment).values("partner_id")
        )
    descending = sort.startswith("-")
    column = F(PARTNER_SORTS.get(sort.lstrip("-"), "name"))
    # Blanks (no tier, no revenue, ...) go last either way; databases disagree by default.
    order = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
    return queryset.order_by(order, "name", "pk")


def territory_names_by_partner(*, partner_ids) -> dict[int, list[str]]:
    """`{partner id: [territory name, …]}` in name order, in one query of names (a page of the
    list costs less this way than prefetching Territory rows onto each partner)."""
    names: dict[int, list[str]] = {}
    links = Partner.territories.through.objects.filter(partner_id__in=partner_ids)
    for partner_id, name in links.order_by("territory__name", "territory_id").values_list(
        "partner_id", "territory__name"
    ):
        names.setdefault(partner_id, []).append(name)
    return names


def partner_name_taken(*, name: str, country: str, exclude_pk=None) -> bool:
    """Compared as the database constraint does (lower-cased name within a country)."""
    return (
        Partner.objects.alias(lower_name=Lower("name"))
        .filter(lower_name=Lower(Value(name)), country=country)
        .exclude(pk=exclude_pk)
        .exists()
    )


def partner_get_for_user(*, user, slug: str) -> Partner:
    """The partner a user may see: staff see every partner; a partner user only their own."""
    queryset = Partner.objects.select_related("tier", "owner")
    if not user.is_vendor_staff:
        membership = membership_for_user(user=user)
        queryset = queryset.filter(pk=membership.partner_id)
    return get_object_or_404(queryset, slug=slug)


def _memberships_of(user):
    """A partner user's membership; none for anyone else, whatever rows exist (a user without
    the partner-user role, or deactivated, reaches no partner: fail closed)."""
    if user is None or not user.is_authenticated or not user.is_partner_user:
        return PartnerMembership.objects.none()
    return PartnerMembership.objects.filter(user=user.pk)


def membership_for_user(*, user) -> PartnerMembership:
    """The portal user's membership (and so their partner); 404 for anyone without one."""
    return get_object_or_404(_memberships_of(user).select_related("partner", "partner__tier"))


def membership_of(*, user) -> PartnerMembership | None:
    """The portal user's membership with its partner and tier, or None (vendor staff, and
    users who are not partner users, have none)."""
    return _memberships_of(user).select_related("partner", "partner__tier").first()


def is_member(*, user, partner) -> bool:
    """Whether `user` is a portal user of `partner`."""
    return _memberships_of(user).filter(partner=partner).exists()


def portal_users_by_partner() -> dict:
    """`{partner id: user id}` of one portal user per partner who may act for it (active, not
    a viewer; the first of them): demo data and reports."""
    rows = (
        PartnerMembership.objects.filter(user__is_active=True)
        .exclude(role=PartnerMembership.Role.VIEWER)
        .order_by("-pk")
        .values_list("partner_id", "user_id")
    )
    return dict(rows)


def portal_memberships(*, partner):
    return PartnerMembership.objects.filter(partner=partner).select_related("user")


def portal_user_ids(*, partner_ids=None) -> list[int]:
    """Ids of the active portal users of the given partners (of every partner when None):
    whom a partner-side notification goes to."""
    memberships = PartnerMembership.objects.filter(user__is_active=True)
    if partner_ids is not None:
        memberships = memberships.filter(partner__in=partner_ids)
    return list(memberships.values_list("user_id", flat=True))


def partners_visible_to(*, user):
    if user.is_vendor_staff:
        return Partner.objects.all()
    if user.is_partner_user:
        return Partner.objects.filter(memberships__user=user)
    return Partner.objects.none()


def channel_managers():
    return User.objects.vendor_staff().order_by("username")


def dashboard_counts() -> dict:
    """Headline counts: partners by status, by tier and by territory (three aggregates)."""
    status_labels = dict(Partner.Status.choices)
    rows = Partner.objects.order_by().values("status")
    rows = list(rows.annotate(n=Count("pk"), untiered=Count("pk", filter=Q(tier__isnull=True))))
    by_status = {row["status"]: row["n"] for row in rows}
    tiers = list(
        ProgramTier.objects.annotate(n=Count("partners")).order_by("rank").values("name", "n")
    )
    untiered = sum(row["untiered"] for row in rows)
    territories = list(
        Territory.objects.annotate(n=Count("partners"))
        .order_by("-n", "name")
        .values("name", "n", "capacity")
    )
    return {
        "total": sum(by_status.values()),
        "by_status": [
            {"key": key, "label": label, "n": by_status.get(key, 0)}
            for key, label in status_labels.items()
        ],
        "by_tier": [{"label": t["name"], "n": t["n"]} for t in tiers]
        + ([{"label": "No tier", "n": untiered}] if untiered else []),
        "by_territory": [
            {"label": t["name"], "n": t["n"], "capacity": t["capacity"]} for t in territories
        ],
    }


def partner_ids_matching(*, filters: dict) -> set[int] | None:
    """The ids of the partners `partner_list` keeps for `filters` (one query), or None when no
    filter is set: lists of other apps narrowed by the partner list's own filters."""
    if not any(filters.values()):
        return None
    return set(partner_list(filters=filters).order_by().values_list("pk", flat=True))


def filter_options() -> dict:
    """Choices for the list filters (lazy querysets: evaluated only when a page renders them)."""
    return {
        "tiers": ProgramTier.objects.all(),
        "territories": Territory.objects.all(),
        "segments": Segment.objects.all(),
        "owners": channel_managers(),
    }
