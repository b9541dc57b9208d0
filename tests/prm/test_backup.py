"""`manage.py backup` and `restore`: a backup restored into a fresh database holds the same rows
in every table. PostgreSQL only; in CI (CI=true) the round trip is required, not skipped."""

import os
from io import StringIO

import psycopg2
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from prm.lib import postgres
from prm.management.commands import restore
from tests.factories import MembershipFactory, PartnerFactory, UserFactory

POSTGRES = {
    "ENGINE": "django.db.backends.postgresql", "NAME": "prm", "USER": "prm",
    "PASSWORD": "secret", "HOST": "db.example", "PORT": 5432,
}  # fmt: skip


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs on PostgreSQL: the backup round trip must run there.")
        pytest.skip("backup and restore need PostgreSQL (set DATABASE_URL=postgres://…)")


def _connect(name: str):
    settings = connection.settings_dict
    database = psycopg2.connect(
        dbname=name, user=settings["USER"], password=settings["PASSWORD"],
        host=settings["HOST"] or None, port=settings["PORT"] or None,
    )  # fmt: skip
    database.autocommit = True
    return database


def _row_counts(name: str) -> dict:
    database = _connect(name)
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = sorted(row[0] for row in cursor.fetchall())
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    database.close()
    return counts


@pytest.fixture
def fresh_database(on_postgres):
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = _connect(connection.settings_dict["NAME"])
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_a_fresh_database_has_the_same_rows(
    fresh_database, tmp_path, monkeypatch
):
    for number in range(3):
        partner = PartnerFactory(name=f"Partner {number}", slug=f"partner-{number}")
        MembershipFactory(partner=partner, user=UserFactory(username=f"user-{number}"))
    original = _row_counts(connection.settings_dict["NAME"])
    backup = tmp_path / "prm.dump"

    call_command("backup", output=str(backup), stdout=StringIO())
    monkeypatch.setitem(connection.settings_dict, "NAME", fresh_database)
    out = StringIO()
    call_command("restore", str(backup), interactive=False, stdout=out)
    monkeypatch.undo()

    assert backup.stat().st_size > 0 and "Restored" in out.getvalue()
    restored = _row_counts(fresh_database)
    assert restored == original
    assert original["partners_partner"] == 3 and original["django_migrations"] > 0


@pytest.mark.django_db(transaction=True)
def test_restore_asks_first_and_stops_on_no(on_postgres, tmp_path, monkeypatch):
    backup = tmp_path / "prm.dump"
    call_command("backup", output=str(backup), stdout=StringIO())
    ran = []
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    monkeypatch.setattr(restore, "run_client", lambda *args: ran.append(args))

    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(backup))

    assert ran == []


def test_backup_refuses_sqlite_with_the_way_to_back_it_up():
    with pytest.raises(CommandError, match="copy var/db.sqlite3"):
        postgres.client_command("pg_dump", {"ENGINE": "django.db.backends.sqlite3"})


def test_backup_says_when_pg_dump_is_missing(monkeypatch):
    monkeypatch.setattr(postgres.shutil, "which", lambda program: None)

    with pytest.raises(CommandError, match="pg_dump is not installed"):
        postgres.client_command("pg_dump", POSTGRES)


def test_password_goes_in_the_environment_not_the_command_line(monkeypatch):
    monkeypatch.setattr(postgres.shutil, "which", lambda program: f"/usr/bin/{program}")

    command, environment = postgres.client_command("pg_dump", POSTGRES, "--format=custom")

    assert command == [
        "/usr/bin/pg_dump", "--format=custom", "--host=db.example", "--port=5432",
        "--username=prm", "--dbname=prm",
    ]  # fmt: skip
    assert environment["PGPASSWORD"] == "secret" and "secret" not in " ".join(command)


def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "nothing.dump"), interactive=False)
