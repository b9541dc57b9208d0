import contextlib

from auditlog.context import auditlog_value, set_actor


@contextlib.contextmanager
def acting_as(actor):
    """Record `actor` on audit entries written inside the block.

    auditlog's own `set_actor` overwrites the request's audit context set by its middleware and
    never restores it, which leaks the middleware's signal receiver and drops the client
    address; this keeps the address and puts the request's context back afterwards.
    """
    previous = auditlog_value.get(None)
    extra = {key: previous.get(key) for key in ("remote_addr", "remote_port")} if previous else {}
    try:
        with set_actor(actor, **extra):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)
