"""PostgreSQL drops the connection (a restart, a failover, an idle timeout): the request that
was using it fails cleanly with the 500 page, and the next one works (CONN_HEALTH_CHECKS).

Requests go through Django's real WSGI handler: the test client keeps one connection for the
whole test on purpose (it never closes old connections), which is what is tested here.
"""

import time

import psycopg2
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from prm import panels

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="terminates a PostgreSQL backend"),
]


def _terminate(pid: int) -> None:
    """Kill the backend `pid` from another connection, and wait until it is gone."""
    settings = connection.settings_dict
    other = psycopg2.connect(
        dbname=settings["NAME"], user=settings["USER"], password=settings["PASSWORD"],
        host=settings["HOST"] or None, port=settings["PORT"] or None,
    )  # fmt: skip
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(50):
            cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone() is None:
                break
            time.sleep(0.1)
    other.close()


def _get(path: str, session_id: str) -> tuple[int, str]:
    """GET `path` through the WSGI handler a server runs, signed in with `session_id`."""
    request = RequestFactory().get(path, HTTP_COOKIE=f"sessionid={session_id}")
    statuses = []
    response = WSGIHandler()(request.environ, lambda status, headers: statuses.append(status))
    body = b"".join(response).decode()
    response.close()  # request_finished: the server's end of a request
    return int(statuses[0].split()[0]), body


def _signed_in(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_connection_dropped_mid_request_gives_the_500_page_then_the_next_works(
    client, manager, monkeypatch
):
    session_id = _signed_in(client, manager)
    render_panels = panels.render_panels

    def drop_then_render(*args, **kwargs):
        _terminate(_backend_pid())  # the request has already used its connection
        return render_panels(*args, **kwargs)

    monkeypatch.setattr(panels, "render_panels", drop_then_render)
    started = time.monotonic()
    status, body = _get(reverse("home"), session_id)

    assert status == 500 and "Something went wrong" in body
    assert time.monotonic() - started < 10  # fails, does not hang
    monkeypatch.undo()
    assert _get(reverse("home"), session_id)[0] == 200
    assert _get(reverse("home"), session_id)[0] == 200


def test_connection_dropped_between_requests_is_replaced_before_the_next(client, manager):
    session_id = _signed_in(client, manager)
    assert _get(reverse("home"), session_id)[0] == 200

    _terminate(_backend_pid())

    assert _get(reverse("home"), session_id)[0] == 200
