"""Reads of the partner registry. Every page's query lives here, with what it prefetches."""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from prm.lib.charts import chart

from .models import Partner, PartnerMembership, ProgramTier, Segment, Territory

User = get_user_model()

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


def partner_list(*, filters: dict | None = None, sort: str = "name"):
    """Partners for the list page and the API, filtered and sorted, with what rows show."""
    filters = filters or {}
    queryset = Partner.objects.select_related("tier", "owner").prefetch_related(
        Prefetch("territories", queryset=Territory.objects.only("id", "name", "code"))
    )
    if query := filters.get("q"):
        queryset = queryset.filter(
            Q(name__icontains=query) | Q(slug__icontains=query) | Q(website__icontains=query)
        )
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
    column = PARTNER_SORTS.get(sort.lstrip("-"), "name")
    order = f"-{column}" if descending else column
    return queryset.order_by(order, "name", "pk")


def partner_get_for_user(*, user, slug: str) -> Partner:
    """The partner a user may see: staff see every partner; a partner user only their own."""
    queryset = Partner.objects.select_related("tier", "owner")
    if not user.is_vendor_staff:
        membership = membership_for_user(user=user)
        queryset = queryset.filter(pk=membership.partner_id)
    return get_object_or_404(queryset, slug=slug)


def membership_for_user(*, user) -> PartnerMembership:
    """The portal user's membership (and so their partner); 404 for anyone without one."""
    return get_object_or_404(
        PartnerMembership.objects.select_related("partner", "partner__tier"), user=user.pk
    )


def partners_visible_to(*, user):
    if user.is_vendor_staff:
        return Partner.objects.all()
    if user.is_partner_user:
        return Partner.objects.filter(memberships__user=user)
    return Partner.objects.none()


def channel_managers():
    return User.objects.filter(
        is_active=True, role__in=[User.Role.ADMINISTRATOR, User.Role.CHANNEL_MANAGER]
    ).order_by("username")


def dashboard_counts() -> dict:
    """Headline counts: partners by status, by tier and by territory (three aggregates)."""
    status_labels = dict(Partner.Status.choices)
    by_status = {
        row["status"]: row["n"]
        for row in Partner.objects.order_by().values("status").annotate(n=Count("pk"))
    }
    tiers = list(
        ProgramTier.objects.annotate(n=Count("partners")).order_by("rank").values("name", "n")
    )
    untiered = Partner.objects.filter(tier__isnull=True).count()
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


def dashboard_counts_context(request) -> dict:
    counts = dashboard_counts()
    status, tiers, territories = counts["by_status"], counts["by_tier"], counts["by_territory"]
    return {
        "counts": counts,
        "status_chart": chart(
            "partners-by-status", "doughnut", [row["label"] for row in status],
            [{"label": "Partners", "data": [row["n"] for row in status]}],
            label="Partners by lifecycle status",
        ),
        "tier_chart": chart(
            "partners-by-tier", "bar", [row["label"] for row in tiers],
            [{"label": "Partners", "data": [row["n"] for row in tiers]}],
            label="Partners by program tier",
        ),
        "territory_chart": chart(
            "partners-by-territory", "hbar", [row["label"] for row in territories],
            [
                {"label": "Partners", "data": [row["n"] for row in territories]},
                {"label": "Capacity", "data": [row["capacity"] for row in territories],
                 "color": "#c9d3e6"},
            ],
            label="Partners per territory against the territory's capacity",
            height=max(220, 34 * len(territories)),
        ),
    }


def partner_overview_context(request, partner) -> dict:
    return {
        "territories": list(partner.territories.all()),
        "segments": list(partner.segments.all()),
        "portal_users": list(
            PartnerMembership.objects.filter(partner=partner).select_related("user")
        ),
    }


def partner_history(*, partner, limit: int = 100):
    return (
        LogEntry.objects.get_for_object(partner)
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )


def partner_history_context(request, partner) -> dict:
    return {"entries": list(partner_history(partner=partner))}


def portal_company_context(request, membership) -> dict:
    partner = membership.partner
    return {
        "partner": partner,
        "territories": list(partner.territories.all()),
        "segments": list(partner.segments.all()),
        "can_edit": membership.is_partner_admin,
    }


def portal_team_context(request, membership) -> dict:
    return {
        "memberships": list(
            PartnerMembership.objects.filter(partner_id=membership.partner_id).select_related(
                "user"
            )
        )
    }


def filter_options() -> dict:
    """Choices for the list filters (lazy querysets: evaluated only when a page renders them)."""
    return {
        "tiers": ProgramTier.objects.all(),
        "territories": Territory.objects.all(),
        "segments": Segment.objects.all(),
        "owners": channel_managers(),
    }
