"""Reads of alerts: the alert list with its filters, one alert for a user, the dashboard's
counts and a partner's active alerts."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from prm.lib.access import require_vendor_staff

from ..models import ACTIVE_ALERT_STATUSES, Alert, AlertKind, AlertStatus


def alerts():
    return Alert.objects.select_related("partner", "assigned_to", "dismissed_by")


# The list's filters one by one, for the page (alert_list) and the API's filters alike.


def narrow_about(queryset, about: str):
    if about in ("program", "partners"):
        return queryset.filter(partner__isnull=about == "program")
    return queryset


def narrow_status(queryset, status: str):
    if status == "active":
        return queryset.filter(status__in=ACTIVE_ALERT_STATUSES)
    if status and status != "all":
        return queryset.filter(status=status)
    return queryset


def narrow_whose(queryset, *, user, whose: str):
    if whose == "mine":
        return queryset.filter(Q(assigned_to=user) | Q(assigned_to__isnull=True,
                                                       partner__owner=user))  # fmt: skip
    if whose == "unassigned":
        return queryset.filter(assigned_to__isnull=True)
    return queryset


def alert_list(
    *, user, status: str = "open", kind: str = "", whose: str = "all", partner=None,
    about: str = "",
):  # fmt: skip
    """Alerts of a status ("active": open or dismissed), kind, owner ("mine": assigned to the
    user or on their partners; "unassigned") and scope ("program": program-wide, "partners":
    about a partner), newest first, most recently seen first."""
    queryset = narrow_about(alerts(), about)
    queryset = narrow_status(queryset, status)
    if kind:
        queryset = queryset.filter(kind=kind)
    queryset = narrow_whose(queryset, user=user, whose=whose)
    if partner is not None:
        queryset = queryset.filter(partner=partner)
    return queryset.order_by("-last_seen_on", "-raised_on", "-pk")


def alert_get(*, user, pk) -> Alert:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(alerts(), pk=pk)


def open_alert_counts(*, user) -> list[dict]:
    """Open alerts per kind, with how many are the user's (assigned to them, or unassigned on
    their partners) and how many are program-wide: the kinds with some of theirs first. One
    query."""
    mine = Q(assigned_to=user) | Q(assigned_to__isnull=True, partner__owner=user)
    rows = (
        Alert.objects.filter(status=AlertStatus.OPEN)
        .values("kind")
        .annotate(
            total=Count("pk"),
            mine=Count("pk", filter=mine),
            program=Count("pk", filter=Q(partner__isnull=True)),
        )  # fmt: skip
        .order_by()
    )
    labels = dict(AlertKind.choices)
    counts = [{**row, "label": labels.get(row["kind"], row["kind"])} for row in rows]
    return sorted(counts, key=lambda row: (-row["mine"], -row["total"], row["label"]))


def partner_active_alerts(*, partner):
    return (
        alerts()
        .filter(partner=partner, status__in=ACTIVE_ALERT_STATUSES)
        .order_by("status", "-raised_on", "-pk")
    )


def alerts_visible_to(*, user):
    """For the API: every alert for vendor staff, none for anyone else (alerts are ours)."""
    return alerts() if user.is_vendor_staff else Alert.objects.none()
