"""Django's dummy backend, whose every connection attempt says which setting is missing.

The error is an OperationalError, as for an unreachable server: code that tolerates a database
it cannot reach (makemigrations' history check) goes on with a warning."""

from django.db import OperationalError
from django.db.backends.dummy import base as dummy

from . import MESSAGE


class DatabaseWrapper(dummy.DatabaseWrapper):
    def _refuse(self, *args, **kwargs):
        raise OperationalError(MESSAGE)

    ensure_connection = _cursor = _refuse
