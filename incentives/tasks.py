"""Celery tasks of the partner program. Each calls a service."""

from celery import shared_task


@shared_task(name="incentives.notify_certifications_expiring")
def notify_certifications_expiring() -> int:
    """Daily (beat): certifications expiring within 30 days, once per certification and date."""
    from .notifications import certifications_expiring

    return certifications_expiring()
