"""Running PostgreSQL's client programs (pg_dump, pg_restore) against a Django database."""

import contextlib
import os
import shutil
import subprocess

from django.core.management.base import CommandError

NOT_POSTGRES = (
    "Backups need PostgreSQL; for SQLite copy var/db.sqlite3 (the file named in DATABASE_URL) "
    "while the app is stopped."
)


def client_command(program: str, database: dict, *args: str) -> tuple[list[str], dict]:
    """The command line and environment to run `program` on `database` (a DATABASES entry).
    The password goes in PGPASSWORD, never on the command line (visible to `ps`)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError(NOT_POSTGRES)
    executable = shutil.which(program)
    if executable is None:
        raise CommandError(
            f"{program} is not installed: install the PostgreSQL client programs "
            "(e.g. apt-get install postgresql-client), the same major version as the server."
        )
    command = [executable, *args]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command.append(f"{option}={database[key]}")
    command.append(f"--dbname={database['NAME']}")
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return command, environment


def run_client(program: str, database: dict, *args: str) -> None:
    """Run `program`; CommandError with its own message when it fails."""
    command, environment = client_command(program, database, *args)
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{program} failed: {result.stderr.strip() or result.returncode}")


@contextlib.contextmanager
def session_settings(connection, **settings: str):
    """PostgreSQL run-time settings for the block, back to the server's defaults after it (two
    statements); nothing on other databases. E.g. `with session_settings(connection,
    work_mem="64MB"):` lets a job's large aggregates hash and sort in memory without raising
    the setting for every request."""
    if connection.vendor != "postgresql" or not settings:
        yield
        return
    with connection.cursor() as cursor:
        calls = ", ".join("set_config(%s, %s, false)" for _ in settings)
        cursor.execute(f"SELECT {calls}", [v for pair in settings.items() for v in pair])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("; ".join(f"RESET {name}" for name in settings))
