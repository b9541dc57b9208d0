"""prm/settings.py reads the environment only and fails closed.

Each case imports the settings in a fresh interpreter with a clean environment, so nothing
from the test run (DATABASE_URL, REDIS_URL, the test secret) leaks into what is checked.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from prm.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parents[2]
SETUP = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'prm.settings'; django.setup()"
REPORT = """
import json
from django.conf import settings
from prm.celery import app
database = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": database["ENGINE"],
    "NAME": str(database["NAME"]),
    "HOST": database.get("HOST"),
    "PORT": database.get("PORT"),
    "USER": database.get("USER"),
    "CONN_MAX_AGE": database.get("CONN_MAX_AGE"),
    "DB_OPTIONS": database.get("OPTIONS", {}),
    "CACHE": settings.CACHES["default"],
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "BROKER_OPTIONS": getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}),
    "celery_broker_url": app.conf.broker_url,
    "celery_remote_control": app.conf.worker_enable_remote_control,
    "STATICFILES": settings.STORAGES["staticfiles"]["BACKEND"],
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
}))
"""


def import_settings(code="", **environment):
    """Run `django.setup()` with prm.settings and only `environment` (plus PATH) set."""
    return subprocess.run(
        [sys.executable, "-c", SETUP + "\n" + code],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_with(tmp_path, **environment):
    environment.setdefault("PRM_VAR_DIR", str(tmp_path))
    if environment.get("DEBUG") != "true":
        environment.setdefault("DATABASE_URL", f"sqlite:///{tmp_path}/db.sqlite3")
    result = import_settings(REPORT, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_without_secret_key_or_debug_refuse_to_load():
    result = import_settings()

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_with_debug_off_still_need_a_secret_key(tmp_path):
    result = import_settings(DEBUG="false", PRM_VAR_DIR=str(tmp_path))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_settings_with_empty_secret_key_refuse_to_load(tmp_path):
    result = import_settings(SECRET_KEY="", PRM_VAR_DIR=str(tmp_path))

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_debug_defaults_to_off(tmp_path):
    values = settings_with(tmp_path, SECRET_KEY="from-the-environment")

    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == "from-the-environment"
    assert values["ALLOWED_HOSTS"] == []
    assert values["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_settings_debug_on_without_secret_key_uses_a_development_key(tmp_path):
    values = settings_with(tmp_path, DEBUG="true")

    assert values["DEBUG"] is True
    assert values["SECRET_KEY"] == "insecure-development-only-key"
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_settings_allowed_hosts_come_from_the_environment(tmp_path):
    values = settings_with(
        tmp_path, SECRET_KEY="s", ALLOWED_HOSTS="prm.example.com,.internal.example"
    )

    assert values["ALLOWED_HOSTS"] == ["prm.example.com", ".internal.example"]


def test_settings_default_database_is_sqlite_under_the_var_dir(tmp_path):
    values = settings_with(tmp_path, DEBUG="true")

    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(tmp_path / "db.sqlite3")
    assert values["DB_OPTIONS"]["timeout"] == 20
    assert values["DB_OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_settings_database_url_is_honoured(tmp_path):
    values = settings_with(
        tmp_path,
        SECRET_KEY="s",
        DATABASE_URL="postgres://prm_user:secret@db.example:5433/prm_prod",
    )

    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert (values["NAME"], values["HOST"], values["PORT"], values["USER"]) == (
        "prm_prod",
        "db.example",
        5433,
        "prm_user",
    )
    assert values["CONN_MAX_AGE"] == 60
    assert "transaction_mode" not in values["DB_OPTIONS"]


def test_settings_redis_url_configures_celery_broker_and_cache(tmp_path):
    values = settings_with(tmp_path, SECRET_KEY="s", REDIS_URL="redis://cache.example:6380/2")

    assert values["CELERY_BROKER_URL"] == "redis://cache.example:6380/2"
    assert values["celery_broker_url"] == "redis://cache.example:6380/2"
    assert values["CACHE"] == {
        "BACKEND": "prm.lib.cache.ResilientRedisCache",
        "LOCATION": "redis://cache.example:6380/2",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    assert values["BROKER_OPTIONS"] == {}


def test_settings_without_redis_url_use_filesystem_broker_and_local_cache(tmp_path):
    values = settings_with(tmp_path, SECRET_KEY="s")

    assert values["CELERY_BROKER_URL"] == values["celery_broker_url"] == "filesystem://"
    assert values["CACHE"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["BROKER_OPTIONS"]["data_folder_in"] == str(tmp_path / "broker" / "queue")
    assert values["BROKER_OPTIONS"]["data_folder_out"] == str(tmp_path / "broker" / "queue")
    assert values["celery_remote_control"] is False


def test_settings_for_tests_run_celery_tasks_eagerly():
    assert settings.SECRET_KEY
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert celery_app.conf.task_always_eager is True
    assert celery_app.conf.task_eager_propagates is True
