"""Reads of the partner registry. Every page's query lives here, with what it prefetches."""

from collections import defaultdict

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Lower
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


# The same colours as the status badges, so a status reads the same everywhere.
STATUS_COLOURS = {
    "prospect": "#a3acbb",
    "onboarding": "#2457c5",
    "active": "#1e8a4c",
    "at_risk": "#d99a2b",
    "exiting": "#c0392b",
    "exited": "#5b6577",
}


def dashboard_counts_context(request) -> dict:
    counts = dashboard_counts()
    status, tiers, territories = counts["by_status"], counts["by_tier"], counts["by_territory"]
    return {
        "counts": counts,
        "status_chart": chart(
            "partners-by-status",
            "doughnut",
            [row["label"] for row in status],
            [
                {
                    "label": "Partners",
                    "data": [row["n"] for row in status],
                    "backgroundColor": [STATUS_COLOURS[row["key"]] for row in status],
                }
            ],
            label="Partners by lifecycle status",
        ),
        "tier_chart": chart(
            "partners-by-tier",
            "bar",
            [row["label"] for row in tiers],
            [{"label": "Partners", "data": [row["n"] for row in tiers]}],
            label="Partners by program tier",
        ),
        "territory_chart": chart(
            "partners-by-territory",
            "hbar",
            [row["label"] for row in territories],
            [
                {"label": "Partners", "data": [row["n"] for row in territories]},
                {
                    "label": "Capacity",
                    "data": [row["capacity"] for row in territories],
                    "color": "#c9d3e6",
                },
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
        .order_by("-timestamp", "-pk")[:limit]
    )


# Bookkeeping columns change on every save and tell a reader nothing.
HISTORY_HIDDEN_FIELDS = frozenset({"id", "created_at", "updated_at"})


class HistoryEntry:
    """A log entry whose changes are already readable: field labels, choice labels and the
    names of related objects, resolved for all entries at once.

    auditlog's own `changes_display_dict` costs queries per entry (its content type and each
    related object) and shows many-to-many changes as the keys of their dict.
    """

    def __init__(self, entry, changes_display_dict):
        self.entry = entry
        self.changes_display_dict = changes_display_dict

    def __getattr__(self, name):
        if name == "entry":  # not set yet (copy, pickle): do not recurse
            raise AttributeError(name)
        return getattr(self.entry, name)


def _history_field(name):
    try:
        field = Partner._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if name in HISTORY_HIDDEN_FIELDS or not (field.many_to_many or field.concrete):
        return None
    return field


def _history_related_names(entries) -> dict:
    """`{(model, pk string): name}` for every foreign key value the entries mention."""
    wanted = defaultdict(set)
    for entry in entries:
        for name, values in entry.changes_dict.items():
            field = _history_field(name)
            if field is not None and field.many_to_one:
                wanted[field.related_model].update(v for v in values if v not in (None, "None"))
    names = {}
    for model, pks in wanted.items():
        for pk, obj in model._base_manager.in_bulk(_valid_pks(model, pks)).items():
            names[(model, str(pk))] = str(obj)
    return names


def _valid_pks(model, values):
    pks = []
    for value in values:
        try:
            pks.append(model._meta.pk.to_python(value))
        except ValidationError:
            continue
    return pks


def _history_value(field, value, related_names) -> str:
    if value in (None, "None"):
        return ""
    if field.many_to_one:
        return related_names.get((field.related_model, str(value)), f"(deleted #{value})")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _history_changes(changes: dict, related_names) -> dict:
    shown = {}
    for name, values in changes.items():
        field = _history_field(name)
        if field is None:
            continue
        label = str(field.verbose_name)
        if field.many_to_many:
            shown[label] = values  # {"type": "m2m", "operation": ..., "objects": [...]}
            continue
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue  # not an [old, new] pair: nothing sensible to show
        old, new = (_history_value(field, value, related_names) for value in values)
        if old != new:
            shown[label] = [old, new]
    return shown


def partner_history_entries(*, partner, limit: int = 100) -> list[HistoryEntry]:
    entries = list(partner_history(partner=partner, limit=limit))
    related_names = _history_related_names(entries)
    return [
        HistoryEntry(entry, _history_changes(entry.changes_dict, related_names))
        for entry in entries
    ]


def partner_history_context(request, partner) -> dict:
    return {"entries": partner_history_entries(partner=partner)}


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
