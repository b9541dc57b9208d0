"""Celery tasks of performance. Each calls a service."""

from celery import shared_task


@shared_task(name="performance.lapse_expired_deal_protections")
def lapse_expired_deal_protections() -> int:
    """Daily: approved deal registrations whose protection has ended become lapsed."""
    from .services.deals import deals_lapse_expired

    return deals_lapse_expired()


@shared_task(name="performance.run_actuals_import")
def run_actuals_import(import_id: int) -> None:
    """An uploaded actuals CSV: validate every row, then write all or none."""
    from .services.targets import actuals_import_run

    actuals_import_run(import_id=import_id)
