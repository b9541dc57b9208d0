"""Celery tasks of performance. Each calls a service."""

from celery import shared_task


@shared_task(name="performance.lapse_expired_deal_protections")
def lapse_expired_deal_protections() -> int:
    """Daily: approved deal registrations whose protection has ended become lapsed."""
    from .services_deals import deals_lapse_expired

    return deals_lapse_expired()
