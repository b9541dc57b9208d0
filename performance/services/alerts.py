"""Keeping alerts in step with what scoring runs find, and people acting on them.

`alerts_sync` is called by a run as of today with the causes it found for a chunk of partners:
a cause with no active alert raises one, a cause with an active alert refreshes it (dismissed
stays dismissed while its cause is there), and an active alert whose cause was not found is
resolved. A fixed number of statements per chunk. `program_alerts_sync` does the same for the
alerts about the whole program (no partner), once per run, when the run finishes.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as
from prm.lib.bulk import bulk_update_rows

from .. import notifications
from ..models import ACTIVE_ALERT_STATUSES, Alert, AlertStatus

SYNCED_FIELDS = ["message", "fix", "last_seen_on", "raised_by", "version", "updated_at"]


@transaction.atomic
def alerts_sync(*, partner_ids, causes_by_partner: dict, run, today: datetime.date) -> dict:
    """Raise, refresh and resolve the alerts of these partners; the counts of each."""
    active = Alert.objects.filter(partner_id__in=partner_ids, status__in=ACTIVE_ALERT_STATUSES)
    return _sync(active, causes_by_partner, run=run, today=today)


@transaction.atomic
def program_alerts_sync(*, causes: list, run, today: datetime.date) -> dict:
    """Raise, refresh and resolve the program-wide alerts (no partner); the counts of each."""
    active = Alert.objects.filter(partner__isnull=True, status__in=ACTIVE_ALERT_STATUSES)
    return _sync(active, {None: causes}, run=run, today=today)


def _sync(active_alerts, causes_by_partner: dict, *, run, today) -> dict:
    """Four statements, whatever the number of causes: read the active alerts, create the new
    ones, update the ones found again, resolve the rest."""
    active = {(alert.partner_id, alert.kind, alert.subject): alert for alert in active_alerts}
    raised, refreshed = [], []
    for partner_id, causes in causes_by_partner.items():
        for cause in causes:
            alert = active.pop((partner_id, cause.kind, cause.subject), None)
            if alert is None:
                raised.append(Alert(partner_id=partner_id, kind=cause.kind, subject=cause.subject,
                                    message=cause.message, fix=cause.fix, raised_by=run,
                                    raised_on=today, last_seen_on=today))  # fmt: skip
                continue
            alert.message, alert.fix, alert.last_seen_on, alert.raised_by = (
                cause.message, cause.fix, today, run,
            )  # fmt: skip
            alert.version += 1
            alert.updated_at = timezone.now()
            refreshed.append(alert)
    Alert.objects.bulk_create(raised)
    bulk_update_rows(Alert, refreshed, SYNCED_FIELDS)
    resolved = [alert.pk for alert in active.values()]
    Alert.objects.filter(pk__in=resolved).update(
        status=AlertStatus.RESOLVED, resolved_on=today, version=F("version") + 1,
        updated_at=timezone.now(),
    )  # fmt: skip
    return {"raised": len(raised), "refreshed": len(refreshed), "resolved": len(resolved)}


@transaction.atomic
def alert_assign(*, actor, alert: Alert, assignee) -> Alert:
    require_vendor_staff(actor, "Only the channel team assigns alerts.")
    if assignee is not None and not assignee.is_vendor_staff:
        raise ValidationError({"assignee": "Assign alerts to someone of the channel team."})
    if not alert.is_active:
        raise ValidationError("This alert is resolved: its cause has gone away.")
    changed = alert.assigned_to_id != getattr(assignee, "pk", None)
    alert.assigned_to = assignee
    with acting_as(actor):
        alert.save(update_fields=["assigned_to", "updated_at"])
    if changed:
        notifications.alert_assigned(alert=alert, actor=actor)
    return alert


def alert_dismiss(*, actor, alert: Alert, reason: str) -> Alert:
    require_vendor_staff(actor, "Only the channel team dismisses alerts.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this alert can be dismissed."})
    if alert.status != AlertStatus.OPEN:
        raise ValidationError("Only an open alert can be dismissed.")
    alert.status, alert.dismissed_by, alert.dismissed_reason = AlertStatus.DISMISSED, actor, reason
    with acting_as(actor):
        alert.save(update_fields=["status", "dismissed_by", "dismissed_reason", "updated_at"])
    return alert


def alert_reopen(*, actor, alert: Alert) -> Alert:
    require_vendor_staff(actor, "Only the channel team reopens alerts.")
    if alert.status != AlertStatus.DISMISSED:
        raise ValidationError("Only a dismissed alert can be reopened.")
    alert.status, alert.dismissed_by, alert.dismissed_reason = AlertStatus.OPEN, None, ""
    with acting_as(actor):
        alert.save(update_fields=["status", "dismissed_by", "dismissed_reason", "updated_at"])
    return alert


@transaction.atomic
def alert_raise_again(*, partner, kind: str, message: str, today: datetime.date) -> Alert:
    """Raise a partner's alert of `kind` again with `message` (what a follow-up found): the
    active one is reopened (a dismissal ends) with the new message, or a new one is raised.
    For jobs that judge a cause outside the scoring run (planning's remediation follow-up)."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": "Say why the alert is raised again."})
    alert = (
        Alert.objects.select_for_update()
        .filter(partner=partner, kind=kind, subject="", status__in=ACTIVE_ALERT_STATUSES)
        .first()
    )
    if alert is None:
        return Alert.objects.create(partner=partner, kind=kind, subject="", message=message,
                                    raised_on=today, last_seen_on=today)  # fmt: skip
    alert.status, alert.dismissed_by, alert.dismissed_reason = AlertStatus.OPEN, None, ""
    alert.message, alert.last_seen_on = message, today
    alert.save(update_fields=["status", "dismissed_by", "dismissed_reason", "message",
                              "last_seen_on", "updated_at"])  # fmt: skip
    return alert
