"""Scheduled jobs of the partner registry."""

from celery import shared_task

from . import services


@shared_task(name="partners.notify_announcements_published")
def notify_announcements_published() -> int:
    """Tell partners of the announcements published since the last run (once each)."""
    return services.announcements_notify_due()
