"""Enqueue a Celery task without letting a broker outage become a 500.

`enqueue(task, *args, on_error=...)` sends the task; when the broker cannot be reached it logs
a warning, calls `on_error(QUEUE_UNAVAILABLE)` (the caller marks its record failed, so nothing
stays "pending" forever) and returns False. `enqueue_on_commit` does the same once the current
transaction commits, for a task that reads a record created in the same request.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

QUEUE_UNAVAILABLE = "The job queue is unavailable; try again in a minute."
BROKER_UNREACHABLE = (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError)


def enqueue(task, *args, on_error: Callable[[str], None] | None = None, **kwargs) -> bool:
    """Send `task(*args, **kwargs)` to the broker; False (and `on_error` called) if it is down."""
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except BROKER_UNREACHABLE as error:
        logger.warning("Could not enqueue %s: broker unreachable (%s)", task.name, error)
        if on_error is not None:
            on_error(QUEUE_UNAVAILABLE)
        return False
    return True


def enqueue_on_commit(task, *args, on_error: Callable[[str], None] | None = None, **kwargs):
    """`enqueue` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: enqueue(task, *args, on_error=on_error, **kwargs))
