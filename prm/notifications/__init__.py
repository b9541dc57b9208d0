"""Notifications: the core's store and delivery of events the apps report (see `kinds`).

Apps call `notify(...)` from their services, inside their transaction; the rows are written at
once and any email leaves after commit from a Celery task. `without_email()` records events
in the app only (the demo seeders replay history nobody should be emailed about).
"""

from contextlib import contextmanager
from contextvars import ContextVar

email_enabled: ContextVar[bool] = ContextVar("notification_email_enabled", default=True)


def notify(**kwargs):
    # Imported when first called: the apps import this package while Django is still loading.
    from .services import notify as _notify

    return _notify(**kwargs)


@contextmanager
def without_email():
    token = email_enabled.set(False)
    try:
        yield
    finally:
        email_enabled.reset(token)
