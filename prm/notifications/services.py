"""Writes of notifications: `notify` (what the apps call), reading, preferences, and the email
of one notification. Email leaves only after the transaction commits, from a Celery task."""

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from prm.lib.jobs import enqueue_on_commit
from prm.models import Notification, NotificationPreference, User, valid_time_zone

from . import email_enabled, emails, selectors
from .kinds import Channel, get_kind

logger = logging.getLogger(__name__)

LABEL_LIMIT = 200


def _clip(text: str, limit: int = LABEL_LIMIT) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _recipient_ids(recipients: Iterable, actor) -> list[int]:
    """Distinct active users, the actor excepted: nobody is told of what they did themselves."""
    ids = {getattr(user, "pk", user) for user in recipients if user is not None}
    ids.discard(getattr(actor, "pk", None))
    return sorted(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))


@transaction.atomic
def notify(
    *,
    kind: str,
    recipients: Iterable,
    verb: str,
    object_label: str,
    url: str,
    actor=None,
    actor_label: str = "",
    partner_label: str = "",
    dedupe_key: str = "",
) -> list[Notification]:
    """Tell each recipient (users or user ids) that `actor` `verb` `object_label` (at `url`).

    Each recipient's preference for `kind` decides: off (no row), in the app, by email too
    (sent after commit), or in the daily digest too. With `dedupe_key` (scheduled reminders:
    the object and the day) a recipient who already has that notification gets no second one.
    Returns the rows created.
    """
    get_kind(kind)
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError("A notification links to a path of this site.")
    user_ids = _recipient_ids(recipients, actor)
    channels = selectors.channels_for(user_ids=user_ids, kind=kind)
    if dedupe_key:
        seen = set(
            Notification.objects.filter(
                recipient__in=user_ids, kind=kind, dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
        user_ids = [user_id for user_id in user_ids if user_id not in seen]
    common = {
        "kind": kind,
        "actor": actor if getattr(actor, "pk", None) else None,
        "actor_label": _clip(actor_label or (str(actor) if actor else "")),
        "verb": _clip(verb),
        "object_label": _clip(object_label, 300),
        "partner_label": _clip(partner_label),
        "url": url,
        "dedupe_key": dedupe_key,
    }
    rows = [
        Notification(
            recipient_id=user_id,
            in_digest=channels[user_id] == Channel.DIGEST,
            email_status=(
                Notification.EmailStatus.PENDING
                if channels[user_id] == Channel.EMAIL and email_enabled.get()
                else Notification.EmailStatus.NONE
            ),
            **common,
        )
        for user_id in user_ids
        if channels[user_id] != Channel.OFF
    ]
    created = _insert(rows)
    for notification in created:
        if notification.email_status == Notification.EmailStatus.PENDING:
            _send_after_commit(notification.pk)
    return created


def _insert(rows: list[Notification]) -> list[Notification]:
    # Each row in its own savepoint: a reminder created at the same moment by another worker
    # (the unique key) is skipped without undoing the caller's transaction.
    if rows and not rows[0].dedupe_key:
        # One INSERT however many recipients (new rules reach every partner's users).
        return Notification.objects.bulk_create(rows, batch_size=500)
    created = []
    for row in rows:
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError as error:
            logger.info("Notification %s already sent: %s", row.dedupe_key, error)
            continue
        created.append(row)
    return created


def _send_after_commit(notification_id: int) -> None:
    from prm.notifications.tasks import send_notification_email

    enqueue_on_commit(send_notification_email, notification_id)


def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise ValidationError("This notification is someone else's.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "updated_at"])
    return notification


def notifications_mark_all_read(*, user, kind: str = "") -> int:
    queryset = Notification.objects.for_user(user).unread()
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.update(read_at=timezone.now(), updated_at=timezone.now())


@transaction.atomic
def preference_set(*, user, kind: str, channel: str) -> NotificationPreference:
    kind_ = get_kind(kind)
    if not kind_.offered_to(user):
        raise ValidationError({"kind": "This kind of notification is not offered to you."})
    if channel not in Channel.values:
        raise ValidationError({"channel": "Choose one of the offered ways."})
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"channel": channel}
    )
    return preference


@transaction.atomic
def preferences_set(*, user, channels: dict[str, str], time_zone: str) -> None:
    """Save the whole preferences page: a channel per kind and the user's time zone."""
    try:
        valid_time_zone(time_zone)
    except ValidationError as error:
        raise ValidationError({"time_zone": error.messages}) from error
    current = {kind.key: channel for kind, channel in selectors.preferences_of(user=user)}
    for kind, channel in channels.items():
        if current.get(kind) != channel:
            preference_set(user=user, kind=kind, channel=channel)
    if user.time_zone != time_zone:
        user.time_zone = time_zone
        user.save(update_fields=["time_zone", "updated_at"])


def notification_email_send(*, notification_id: int) -> bool:
    """Send the email of one notification (from the worker). False if there is nothing to send
    (already sent, or the user has no address); a mail server error propagates for the task's
    retry, and the in-app row is untouched by it."""
    notification = (
        Notification.objects.select_related("recipient", "actor").filter(pk=notification_id).first()
    )
    if notification is None or notification.email_status == Notification.EmailStatus.SENT:
        return False
    if not notification.recipient.email or not notification.recipient.is_active:
        _set_email_status(notification, Notification.EmailStatus.NONE, "No email address.")
        return False
    emails.notification_message(notification).send()
    Notification.objects.filter(pk=notification.pk).update(
        email_status=Notification.EmailStatus.SENT, emailed_at=timezone.now(), email_error=""
    )
    return True


def notification_email_failed(*, notification_id: int, reason: str) -> None:
    """The last retry failed: say so on the row (it stays in the app, unread)."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is not None:
        _set_email_status(notification, Notification.EmailStatus.FAILED, reason)


def _set_email_status(notification: Notification, status: str, reason: str) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        email_status=status, email_error=_clip(reason, 500)
    )


@transaction.atomic
def digest_unsubscribe(*, user) -> int:
    """No more daily digest: every kind that went to the digest stays in the app only."""
    count = 0
    for kind, channel in selectors.preferences_of(user=user):
        if channel == Channel.DIGEST:
            preference_set(user=user, kind=kind.key, channel=Channel.IN_APP)
            count += 1
    return count
