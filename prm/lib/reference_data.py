"""Reference rows that data migrations create (culture descriptors, default metrics, …).

`flush` (used by tests that run a live server, and by operators resetting a database) empties
every table but emits `post_migrate`; apps connect `restore_after_flush` so those rows come
back. Each function it calls must be idempotent (get_or_create).
"""

from importlib import import_module

from django.apps import apps as global_apps
from django.db import connections


def restore_after_flush(migration_functions):
    """A post_migrate receiver calling `(migration module, function name)` pairs.

    It does nothing while the app's tables are not all there (a partial `migrate`).
    """

    def receiver(sender, using="default", **kwargs):
        tables = set(connections[using].introspection.table_names())
        if not all(model._meta.db_table in tables for model in sender.get_models()):
            return
        for module, function in migration_functions:
            getattr(import_module(module), function)(global_apps, None)

    return receiver
