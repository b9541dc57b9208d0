"""/healthz, public and uncached: 200 when database and broker answer, else 503 naming it."""

import time

import pytest
from django.db import OperationalError

from prm import views
from prm.celery import app as celery_app

HEALTHZ = "/healthz"


class BrokenConnection:
    """Stands in for `django.db.connection` when the database is unreachable."""

    def cursor(self):
        raise OperationalError("connection refused")


def broken_broker_connection(*args, **kwargs):
    raise ConnectionRefusedError("broker refused the connection")


@pytest.fixture
def database_down(monkeypatch):
    monkeypatch.setattr(views, "connection", BrokenConnection())


@pytest.fixture
def broker_down(monkeypatch):
    monkeypatch.setattr(celery_app, "connection_for_write", broken_broker_connection)


def test_healthz_reports_ok_when_everything_answers(client, db):
    response = client.get(HEALTHZ)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_public_and_never_redirects_to_login(client, db):
    response = client.get(HEALTHZ)

    assert response.status_code == 200
    assert "Location" not in response.headers


def test_healthz_is_not_cached(client, db):
    response = client.get(HEALTHZ)

    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_healthz_logged_in_user_gets_the_same_answer(client_for, partner_member):
    response = client_for(partner_member).get(HEALTHZ)

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_healthz_database_down_is_503_naming_the_database(client, db, database_down, caplog):
    response = client.get(HEALTHZ)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "broker": "ok"}
    assert "database unreachable" in caplog.text


def test_healthz_broker_down_is_503_naming_the_broker(client, db, broker_down, caplog):
    response = client.get(HEALTHZ)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "broker": "error"}
    assert "broker unreachable" in caplog.text


def test_healthz_both_down_is_503_naming_both(client, db, database_down, broker_down):
    response = client.get(HEALTHZ)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "broker": "error"}


def test_healthz_unreachable_broker_fails_fast(client, db, monkeypatch):
    """A real connection to a closed port: the check must give up instead of retrying forever."""
    # Stored keys, not Celery's properties: `conf.broker_write_url` falls back to broker_url, so
    # patching it by attribute after broker_url would restore the closed port for later tests.
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setitem(celery_app.conf, "broker_write_url", None)

    started = time.monotonic()
    response = client.get(HEALTHZ)

    assert time.monotonic() - started < 10
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_wrong_method_is_405(client, db, method):
    assert getattr(client, method)(HEALTHZ).status_code == 405


def test_the_closed_port_does_not_outlive_the_fast_failure_test(db):
    """Later tests (a real worker) send to the broker: patching must leave its URLs as found."""
    before = celery_app.conf.broker_url, celery_app.conf.broker_write_url
    patch = pytest.MonkeyPatch()
    patch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    patch.setitem(celery_app.conf, "broker_write_url", None)
    patch.undo()

    assert (celery_app.conf.broker_url, celery_app.conf.broker_write_url) == before
