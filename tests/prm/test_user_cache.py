"""The signed-in user's row is read from the cache after their first request (prm.auth), and
any change to the user applies on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prm.auth import CachedModelBackend

pytestmark = pytest.mark.django_db


def _user_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q for q in queries.captured_queries if 'FROM "prm_user"' in q["sql"]]


def test_the_user_row_is_read_once_then_from_the_cache(client, manager):
    client.force_login(manager)
    _, first = _user_queries(client, reverse("home"))
    _, second = _user_queries(client, reverse("home"))
    assert len(first) == 1 and second == []


def test_deactivation_signs_out_on_the_next_request(client, manager):
    client.force_login(manager)
    assert client.get(reverse("home")).status_code == 200
    manager.is_active = False
    manager.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_new_role_applies_on_the_next_request(client, manager):
    client.force_login(manager)
    client.get(reverse("home"))
    manager.role = "administrator"
    manager.save(update_fields=["role"])
    assert CachedModelBackend().get_user(manager.pk).role == "administrator"


def test_a_new_password_signs_out_other_sessions(client, manager):
    client.force_login(manager)
    client.get(reverse("home"))
    manager.set_password("an entirely new passphrase")
    manager.save()
    assert client.get(reverse("home")).status_code == 302


def test_a_deleted_user_is_signed_out(client, outsider):
    client.force_login(outsider)
    client.get(reverse("home"))
    outsider.delete()
    assert CachedModelBackend().get_user(outsider.pk) is None
