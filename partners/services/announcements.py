"""Announcements: the channel team writes them; the scheduled job tells the partners they reach
once each is published (`announcements_notify_due`, idempotent: `notified_at` records it)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as

from .. import notifications
from ..models import Announcement, AnnouncementAudience
from ..selectors import announcements_to_notify, partner_ids_reached, portal_user_ids

TARGETS = ("tiers", "territories", "segments")
FIELDS = {"title", "body", "publish_at", "expires_at", "audience"}
STAFF_ONLY = "Only the channel team writes announcements."


def _check(announcement: Announcement, targets: dict) -> None:
    errors = {}
    if announcement.audience == AnnouncementAudience.TARGETED and not any(
        targets.get(key) for key in TARGETS
    ):
        errors["audience"] = _("Choose at least one tier, territory or segment.")
    if (
        announcement.expires_at
        and announcement.publish_at
        and (announcement.expires_at <= announcement.publish_at)
    ):
        errors["expires_at"] = _("It must expire after it is published.")
    if errors:
        raise ValidationError(errors)


def _save(announcement: Announcement, actor, fields: dict) -> Announcement:
    unknown = set(fields) - FIELDS - set(TARGETS)
    if unknown:
        raise ValidationError(f"Unknown announcement fields: {', '.join(sorted(unknown))}.")
    targets = {key: fields.pop(key) for key in TARGETS if key in fields}
    for key, value in fields.items():
        setattr(announcement, key, value)
    if announcement.audience == AnnouncementAudience.ALL:
        targets = dict.fromkeys(TARGETS, [])
    current = {
        key: targets.get(key, list(getattr(announcement, key).all()) if announcement.pk else [])
        for key in TARGETS
    }
    _check(announcement, current)
    announcement.full_clean()
    with acting_as(actor):
        announcement.save()
        for key, values in targets.items():
            getattr(announcement, key).set(values)
    return announcement


@transaction.atomic
def announcement_create(*, actor, **fields) -> Announcement:
    require_vendor_staff(actor, STAFF_ONLY)
    return _save(Announcement(created_by=actor), actor, dict(fields))


@transaction.atomic
def announcement_update(*, actor, announcement: Announcement, **fields) -> Announcement:
    require_vendor_staff(actor, STAFF_ONLY)
    return _save(announcement, actor, dict(fields))


@transaction.atomic
def announcement_delete(*, actor, announcement: Announcement) -> None:
    require_vendor_staff(actor, STAFF_ONLY)
    with acting_as(actor):
        announcement.delete()


def announcements_notify_due(*, now=None) -> int:
    """Tell the portal users of the partners each newly published announcement reaches.

    Each announcement is claimed by setting `notified_at` where it is still empty, so two
    runs at once (or a rerun) tell nobody twice. Returns how many notifications were made."""
    now = now or timezone.now()
    sent = 0
    for announcement in announcements_to_notify(now=now):
        with transaction.atomic():
            claimed = Announcement.objects.filter(
                pk=announcement.pk, notified_at__isnull=True
            ).update(notified_at=now)
            if not claimed:
                continue
            user_ids = portal_user_ids(partner_ids=partner_ids_reached(announcement=announcement))
            sent += notifications.announcement_published(
                announcement=announcement, user_ids=user_ids
            )
    return sent
