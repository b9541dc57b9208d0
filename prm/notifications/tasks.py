"""Celery tasks of notifications: each email leaves from the worker, never from a request,
retried with exponential backoff while the mail server fails. A failed email never touches
the in-app notification: the row was committed before the task was sent."""

from smtplib import SMTPException

from celery import Task, shared_task

# Exponential backoff: about 1, 2, 4 … minutes (jittered), at most an hour apart, 8 tries.
EMAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 60,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


class NotificationEmailTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from .services import notification_email_failed

        notification_email_failed(notification_id=args[0], reason=f"{type(exc).__name__}: {exc}")


class DigestEmailTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        from .digests import digest_failed

        digest_failed(digest_id=args[0])


@shared_task(name="prm.send_notification_email", base=NotificationEmailTask, **EMAIL_RETRY)
def send_notification_email(notification_id: int) -> bool:
    from .services import notification_email_send

    return notification_email_send(notification_id=notification_id)


@shared_task(name="prm.send_daily_digest", base=DigestEmailTask, **EMAIL_RETRY)
def send_daily_digest(digest_id: int) -> bool:
    from .digests import digest_send

    return digest_send(digest_id=digest_id)


@shared_task(name="prm.send_daily_digests")
def send_daily_digests() -> int:
    """Every quarter hour (beat): the digests of users whose local time has passed 07:00 and
    who have not had today's. Returns how many digests were prepared."""
    from .digests import digests_send_due

    return digests_send_due()
