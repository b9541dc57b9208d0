from smtplib import SMTPException

from celery import shared_task
from django.core import management
from django.core.mail import EmailMultiAlternatives

# The notification tasks, registered with the worker through this module (Celery discovers
# `<app>.tasks`).
from .notifications.tasks import (  # noqa: F401
    send_daily_digest,
    send_daily_digests,
    send_notification_email,
)


@shared_task(name="prm.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Housekeeping: drop expired login sessions so the session table stays small."""
    management.call_command("clearsessions")


@shared_task(
    name="prm.send_email",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_email(subject: str, body: str, to: list[str], html: str | None = None) -> None:
    """Send one email from the worker, retrying with backoff while the mail server fails."""
    message = EmailMultiAlternatives(subject, body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
