"""The daily digest: at 07:00 in each user's time zone, one email with what was marked for the
digest since the last one (new alerts, what waits for them, what changed on their partners)
and their number of unread notifications. Recorded per user and local date before it is sent,
so the quarter-hourly scheduler sends it once whatever happens between runs."""

import datetime
import logging
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from prm.lib.jobs import enqueue_on_commit
from prm.models import DailyDigest, Notification, User

from . import emails

logger = logging.getLogger(__name__)

DIGEST_HOUR = datetime.time(7, 0)


def _local_now(user, now: datetime.datetime) -> datetime.datetime:
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = datetime.UTC
    return now.astimezone(zone)


def users_with_digest_due() -> list[User]:
    """Active users with an email address and something marked for the digest."""
    pending = Notification.objects.filter(in_digest=True, digest__isnull=True)
    return list(
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(pk__in=pending.values("recipient_id"))
        .only("pk", "email", "time_zone", "is_active")
        .order_by("pk")
    )


def digests_send_due(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    users = users_with_digest_due()
    # Every user's local date is within a day of UTC's: one query finds who already had theirs.
    done = set(
        DailyDigest.objects.filter(
            user__in=users, local_date__gte=now.date() - datetime.timedelta(days=1)
        ).values_list("user_id", "local_date")
    )
    prepared = 0
    for user in users:
        local = _local_now(user, now)
        if local.time() < DIGEST_HOUR or (user.pk, local.date()) in done:
            continue
        if digest_prepare(user=user, local_date=local.date(), now=now) is not None:
            prepared += 1
    return prepared


def digest_prepare(*, user, local_date: datetime.date, now: datetime.datetime):
    """Record the user's digest of `local_date` and take into it everything marked for the
    digest until `now`; the email is sent after commit. None if that day's digest exists."""
    try:
        with transaction.atomic():
            digest = DailyDigest.objects.create(user=user, local_date=local_date)
            Notification.objects.filter(
                recipient=user, in_digest=True, digest__isnull=True, created_at__lte=now
            ).update(digest=digest)
            digest.unread_count = Notification.objects.for_user(user).unread().count()
            digest.save(update_fields=["unread_count", "updated_at"])
    except IntegrityError:
        logger.info("Digest of %s for %s already recorded.", user.pk, local_date)
        return None
    from .tasks import send_daily_digest

    enqueue_on_commit(send_daily_digest, digest.pk)
    return digest


def digest_send(*, digest_id: int) -> bool:
    digest = DailyDigest.objects.select_related("user").filter(pk=digest_id).first()
    if digest is None or digest.status == DailyDigest.Status.SENT:
        return False
    items = list(digest.notifications.order_by("partner_label", "-created_at", "-pk"))
    if not items or not digest.user.email:
        DailyDigest.objects.filter(pk=digest.pk).update(status=DailyDigest.Status.EMPTY)
        return False
    emails.digest_message(digest, items).send()
    DailyDigest.objects.filter(pk=digest.pk).update(
        status=DailyDigest.Status.SENT, sent_at=timezone.now()
    )
    return True


def digest_failed(*, digest_id: int) -> None:
    DailyDigest.objects.filter(~Q(status=DailyDigest.Status.SENT), pk=digest_id).update(
        status=DailyDigest.Status.FAILED
    )
