from celery import shared_task
from django.core import management


@shared_task(name="prm.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Housekeeping: drop expired login sessions so the session table stays small."""
    management.call_command("clearsessions")
