"""The database of a production process started without DATABASE_URL: none.

`DEBUG=0` without `DATABASE_URL` never falls back to SQLite. The web app and the Celery worker
and beat refuse to start (`require_database`, from `prm/wsgi.py` and `prm/celery.py`); a
management command that uses the database fails at its first query with the same message.
Commands that need no database (`makemigrations --check`, `collectstatic`, `check --deploy`)
still run, as they would with Django's dummy backend.
"""

from django.core.exceptions import ImproperlyConfigured

ENGINE = "prm.lib.no_database"
MESSAGE = (
    "DATABASE_URL must be set when DEBUG is off, e.g. "
    "postgres://user:password@host:5432/prm (or sqlite:////path/to/db.sqlite3)."
)


def require_database(databases: dict | None = None) -> None:
    """Refuse to start a process that serves requests or runs jobs without a database."""
    if databases is None:
        from django.conf import settings

        databases = settings.DATABASES
    if databases["default"]["ENGINE"] == ENGINE:
        raise ImproperlyConfigured(MESSAGE)
