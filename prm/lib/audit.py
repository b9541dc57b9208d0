import contextlib

from auditlog.context import auditlog_value, set_actor
from auditlog.registry import auditlog


def audited(*models, **options):
    """Record every change of `models` (auditlog). A model's version counter is left out: it
    changes on every save, and the entry itself already says that something changed."""
    for model in models:
        exclude = list(options.get("exclude_fields", ()))
        if any(field.name == "version" for field in model._meta.concrete_fields):
            exclude.append("version")
        auditlog.register(model, **{**options, "exclude_fields": exclude})


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
