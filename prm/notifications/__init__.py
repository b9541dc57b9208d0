"""Notifications: the core's store and delivery of events the apps report (see `kinds`).

Apps call `notify(...)` from their services, inside their transaction; the rows are written at
once and any email leaves after commit from a Celery task.
"""


def notify(**kwargs):
    # Imported when first called: the apps import this package while Django is still loading.
    from .services import notify as _notify

    return _notify(**kwargs)
