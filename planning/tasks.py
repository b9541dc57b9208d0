"""Celery tasks of channel planning. Each calls a service."""

from celery import shared_task


# --- review ---
@shared_task(name="planning.follow_up_underperformers")
def follow_up_underperformers() -> dict:
    """Daily (beat): judge remediations at their deadline and complete exits on their date."""
    from .services.review import underperformers_follow_up

    return underperformers_follow_up()
