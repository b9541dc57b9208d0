"""Production settings: the deploy check passes with compose's environment, and a missing or
broken DATABASE_URL stops the start with a clear message. Each case runs in a fresh
interpreter with only the given environment."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
INTERPOLATION = re.compile(r"\$\{(\w+)(?::([-?])([^}]*))?\}")


def _run(args, **environment):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def compose_environment(given: dict) -> dict:
    """The web service's environment as compose would pass it: `${NAME:-default}` takes the
    default unless `given` has NAME, `${NAME:?message}` must be in `given`."""
    environment = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"][
        "environment"
    ]

    def resolve(match):
        name, kind, default = match.groups()
        if name in given:
            return given[name]
        assert kind == "-", f"compose requires {name}"
        return default

    return {key: INTERPOLATION.sub(resolve, str(value)) for key, value in environment.items()}


def test_deploy_check_passes_with_the_compose_environment(tmp_path):
    environment = compose_environment({"SECRET_KEY": secrets.token_urlsafe(50)})
    # The check needs no database; the compose host name does not resolve here.
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path}/deploy.sqlite3"
    environment["PRM_VAR_DIR"] = str(tmp_path)
    assert environment["DEBUG"] == "false"

    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="prm.settings",
        **environment,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_fails_with_a_weak_secret_key(tmp_path):
    environment = compose_environment({"SECRET_KEY": "short"})
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path}/deploy.sqlite3"

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environment)

    assert result.returncode != 0 and "security.W009" in result.stderr


SHOW = (
    "import django, os, json; os.environ['DJANGO_SETTINGS_MODULE'] = 'prm.settings'; "
    "django.setup(); from django.conf import settings as s; print(json.dumps({"
    "'redirect': s.SECURE_SSL_REDIRECT, 'cookies': s.SESSION_COOKIE_SECURE, "
    "'csrf': s.CSRF_COOKIE_SECURE, 'hsts': s.SECURE_HSTS_SECONDS, "
    "'proxy': s.SECURE_PROXY_SSL_HEADER, 'exempt': s.SECURE_REDIRECT_EXEMPT}))"
)


def _security(tmp_path, **environment):
    import json

    result = _run(
        ["-c", SHOW],
        SECRET_KEY="s",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        PRM_VAR_DIR=str(tmp_path),
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_https_is_on_by_default_without_debug(tmp_path):
    values = _security(tmp_path)

    assert values["redirect"] and values["cookies"] and values["csrf"]
    assert values["hsts"] >= 31536000
    assert values["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["exempt"] == ["^healthz$"]


def test_https_can_be_turned_off_for_plain_http(tmp_path):
    values = _security(
        tmp_path, SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false", SECURE_HSTS_SECONDS="0"
    )

    assert not values["redirect"] and not values["cookies"] and not values["csrf"]
    assert values["hsts"] == 0


def test_development_mode_speaks_plain_http(tmp_path):
    values = _security(tmp_path, DEBUG="true")

    assert not values["redirect"] and not values["cookies"] and values["hsts"] == 0


def test_without_debug_a_database_url_is_required(tmp_path):
    # Starting the web app (gunicorn and runserver load prm.wsgi) without DATABASE_URL.
    result = _run(["-c", "import prm.wsgi"], SECRET_KEY="s", PRM_VAR_DIR=str(tmp_path))

    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set when DEBUG is off" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_without_debug_and_database_url_a_command_using_the_database_says_why(tmp_path):
    result = _run(["manage.py", "migrate"], SECRET_KEY="s", PRM_VAR_DIR=str(tmp_path))

    assert result.returncode != 0
    assert "DATABASE_URL must be set when DEBUG is off" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


def test_without_debug_and_database_url_commands_needing_no_database_run(tmp_path):
    result = _run(
        ["manage.py", "makemigrations", "--check", "--dry-run"],
        SECRET_KEY="s",
        PRM_VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_without_a_database_processes_refuse_to_start():
    from django.core.exceptions import ImproperlyConfigured

    from prm.lib.no_database import ENGINE, require_database

    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be set"):
        require_database({"default": {"ENGINE": ENGINE}})
    require_database({"default": {"ENGINE": "django.db.backends.postgresql"}})


def test_the_worker_and_beat_check_for_a_database_as_they_start(monkeypatch):
    from celery.signals import beat_init, worker_init

    from prm import celery
    from prm.lib import no_database

    for signal in (worker_init, beat_init):
        receivers = [reference() for _key, reference in signal.receivers]
        assert celery._refuse_without_database in receivers
    checked = []
    monkeypatch.setattr(no_database, "require_database", lambda: checked.append(True))
    celery._refuse_without_database()
    assert checked == [True]


def test_a_database_url_that_is_not_a_url_is_refused_clearly(tmp_path):
    for url in ("notaurl", "foo://bar/db"):
        result = _run(
            ["manage.py", "check"], SECRET_KEY="s", DATABASE_URL=url, PRM_VAR_DIR=str(tmp_path)
        )

        assert result.returncode != 0
        assert "ImproperlyConfigured: DATABASE_URL is not a database URL" in result.stderr
        assert "KeyError" not in result.stderr


def test_development_mode_defaults_to_sqlite_under_the_var_dir(tmp_path):
    result = _run(["manage.py", "check"], DEBUG="true", SECRET_KEY="s", PRM_VAR_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_ssl_redirect_spares_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(reverse("healthz")).status_code in (200, 503)  # answered, not redirected
    redirected = client.get(reverse("login"))
    assert redirected.status_code == 301 and redirected.url.startswith("https://")
    assert client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https").status_code == 200
