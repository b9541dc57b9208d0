"""Celery tasks of relationships. Each calls a service."""

from celery import shared_task


@shared_task(name="relationships.send_scheduled_surveys")
def send_scheduled_surveys() -> int:
    """Daily: the quarter's survey to every partner that has not had it yet (idempotent)."""
    from .services.surveys import surveys_send_scheduled

    return surveys_send_scheduled()


@shared_task(name="relationships.remind_surveys")
def remind_surveys() -> int:
    """Daily: remind partner users of open surveys they have not answered (once per window)."""
    from .services.surveys import surveys_remind

    return surveys_remind()
