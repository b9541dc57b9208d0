"""API tokens expire after API_TOKEN_TTL_DAYS and are revoked at logout and deactivation."""

import datetime

from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

TOKEN = "/api/v1/auth/token/"
PARTNERS = "/api/v1/partners/"


def obtain_token(username="manager-t", password="pw") -> str:
    response = APIClient().post(TOKEN, {"username": username, "password": password})
    assert response.status_code == 200
    return response.json()["token"]


def age_token(key: str, days: int) -> None:
    Token.objects.filter(key=key).update(created=timezone.now() - datetime.timedelta(days=days))


def api_with(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_token_younger_than_the_ttl_is_accepted(manager):
    key = obtain_token()
    age_token(key, 29)

    assert api_with(key).get(PARTNERS).status_code == 200


def test_token_older_than_the_ttl_is_refused_with_401_and_deleted(manager):
    key = obtain_token()
    age_token(key, 30)

    response = api_with(key).get(PARTNERS)

    assert response.status_code == 401
    assert response.json() == {"detail": "Token has expired."}
    assert not Token.objects.filter(key=key).exists()


def test_token_ttl_comes_from_settings(manager, settings):
    settings.API_TOKEN_TTL_DAYS = 2
    key = obtain_token()
    age_token(key, 1)
    assert api_with(key).get(PARTNERS).status_code == 200

    age_token(key, 2)

    assert api_with(key).get(PARTNERS).status_code == 401


def test_token_endpoint_issues_a_fresh_token_when_the_old_one_expired(manager):
    old = obtain_token()
    age_token(old, 31)

    new = obtain_token()

    assert new != old
    assert list(Token.objects.filter(user=manager).values_list("key", flat=True)) == [new]
    assert api_with(new).get(PARTNERS).status_code == 200


def test_token_endpoint_keeps_a_token_within_the_ttl(manager):
    old = obtain_token()
    age_token(old, 10)

    assert obtain_token() == old


def test_logout_revokes_the_users_tokens(manager, other_manager):
    key = obtain_token()
    other_key = obtain_token("manager-other")
    client = Client()
    client.force_login(manager)

    client.post("/accounts/logout/")

    assert api_with(key).get(PARTNERS).status_code == 401
    assert not Token.objects.filter(user=manager).exists()
    assert api_with(other_key).get(PARTNERS).status_code == 200


def test_logout_without_a_session_revokes_nothing(manager):
    key = obtain_token()

    response = Client().post("/accounts/logout/")

    assert response.status_code == 302
    assert Token.objects.filter(key=key).exists()


def test_deactivating_a_user_revokes_their_tokens(manager, other_manager):
    key = obtain_token()
    other_key = obtain_token("manager-other")

    manager.is_active = False
    manager.save()

    assert not Token.objects.filter(key=key).exists()
    assert Token.objects.filter(key=other_key).exists()
    manager.is_active = True
    manager.save()
    assert api_with(key).get(PARTNERS).status_code == 401  # reactivation brings none back


def test_deactivating_in_the_admin_revokes_the_tokens(client_for, admin_user, manager):
    key = obtain_token()

    response = client_for(admin_user).post(
        f"/admin/prm/user/{manager.pk}/change/",
        {
            "username": "manager-t", "role": "channel_manager", "is_active": "",
            "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        },
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()[:2000]
    manager.refresh_from_db()
    assert not manager.is_active
    assert not Token.objects.filter(key=key).exists()


def test_saving_an_active_user_keeps_their_tokens(manager):
    key = obtain_token()

    manager.first_name = "Renamed"
    manager.save()

    assert api_with(key).get(PARTNERS).status_code == 200
