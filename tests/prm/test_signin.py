"""Sign-in security: lockout after repeated failures (web login, admin login, token endpoint),
the client address behind proxies, and staff unlocking."""

import io

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.management import call_command
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from prm.api import TokenView
from prm.lib.client_ip import client_ip

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
TOKEN = "/api/v1/auth/token/"
LIMIT = 5  # AXES_FAILURE_LIMIT's default


def web_login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def token_login(api, username, password, **extra):
    return api.post(TOKEN, {"username": username, "password": password}, format="json", **extra)


# --- the web login ----------------------------------------------------------------------------


def test_web_login_locks_account_and_address_after_the_failure_limit(manager):
    client = Client()

    answers = [web_login(client, "manager-t", "wrong").status_code for _ in range(LIMIT)]
    right_password = web_login(client, "manager-t", "pw")

    assert answers == [200] * (LIMIT - 1) + [429]
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="manager-t").failures_since_start >= LIMIT


def test_web_login_lockout_page_says_why_for_how_long_and_what_to_do(manager):
    client = Client()
    for _ in range(LIMIT):
        response = web_login(client, "manager-t", "wrong")

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "Sign-in locked" in content
    assert "locked for 15 minutes" in content
    assert "ask an administrator to unlock" in content
    assert 'href="/accounts/password_reset/"' in content
    assert 'class="login-box card"' in content  # the app's layout, not a bare message


def test_web_login_lockout_is_per_account_and_address(manager, other_manager):
    client = Client()
    for _ in range(LIMIT):
        web_login(client, "manager-t", "wrong")

    other_account = web_login(Client(), "manager-other", "pw")
    other_address = web_login(Client(), "manager-t", "pw", REMOTE_ADDR="10.0.0.9")

    assert other_account.status_code == 302
    assert other_address.status_code == 302


def test_web_login_success_resets_the_failure_count(manager):
    client = Client()
    for _ in range(LIMIT - 1):
        web_login(client, "manager-t", "wrong")
    assert web_login(client, "manager-t", "pw").status_code == 302
    client.post("/accounts/logout/")

    answers = [web_login(client, "manager-t", "wrong").status_code for _ in range(LIMIT - 1)]

    assert answers == [200] * (LIMIT - 1)
    assert web_login(client, "manager-t", "pw").status_code == 302


def test_web_login_failure_limit_comes_from_settings(manager, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()

    answers = [web_login(client, "manager-t", "wrong").status_code for _ in range(2)]

    assert answers == [200, 429]


def test_web_login_rotating_forwarded_for_does_not_escape_the_lockout(manager, settings):
    settings.NUM_PROXIES = 0
    client = Client()

    answers = [
        web_login(client, "manager-t", "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(30)
    ]

    assert answers[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert set(answers[LIMIT - 1 :]) == {429}
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


# --- the admin login --------------------------------------------------------------------------


def test_admin_login_locks_after_the_failure_limit(admin_user):
    client = Client()
    data = {"username": "admin-t", "password": "wrong", "next": "/admin/"}

    answers = [client.post(ADMIN_LOGIN, data).status_code for _ in range(LIMIT)]
    right_password = client.post(ADMIN_LOGIN, {**data, "password": "pw"})

    assert answers == [200] * (LIMIT - 1) + [429]
    assert right_password.status_code == 429
    assert "Sign-in locked" in right_password.content.decode()


# --- the token endpoint -----------------------------------------------------------------------


def test_token_endpoint_locks_after_the_failure_limit_with_a_json_detail(manager):
    api = APIClient()

    answers = [token_login(api, "manager-t", "wrong").status_code for _ in range(LIMIT)]
    right_password = token_login(api, "manager-t", "pw")

    assert answers == [400] * (LIMIT - 1) + [429]
    assert right_password.status_code == 429
    assert right_password["Content-Type"].startswith("application/json")
    assert "Too many failed sign-ins" in right_password.json()["detail"]
    assert "token" not in right_password.json()


def test_token_endpoint_rotating_forwarded_for_is_locked_when_no_proxy_is_trusted(
    manager, settings
):
    settings.NUM_PROXIES = 0
    api = APIClient()

    answers = [
        token_login(api, "manager-t", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(30)
    ]

    assert answers[: LIMIT - 1] == [400] * (LIMIT - 1)
    assert set(answers[LIMIT - 1 :]) == {429}


@pytest.fixture
def token_rate_10_per_minute():
    throttle = TokenView.throttle_classes[0]
    saved = throttle.THROTTLE_RATES
    throttle.THROTTLE_RATES = {"token": "10/minute"}
    yield
    throttle.THROTTLE_RATES = saved


def test_token_throttle_counts_per_client_address_not_per_forwarded_for(
    db, settings, token_rate_10_per_minute
):
    settings.NUM_PROXIES = 0
    api = APIClient()

    # Different usernames too, so only the throttle (not the lockout) can refuse.
    answers = [
        token_login(api, f"guess-{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(30)
    ]

    assert answers[:10] == [400] * 10
    assert set(answers[10:]) == {429}


def test_token_throttle_behind_a_trusted_proxy_counts_each_client(
    db, settings, token_rate_10_per_minute
):
    settings.NUM_PROXIES = 1
    api = APIClient()

    answers = [
        token_login(api, f"guess-{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(30)
    ]

    assert set(answers) == {400}  # thirty clients behind the proxy, one try each


# --- the client address -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("num_proxies", "forwarded_for", "expected"),
    [
        (0, "", "10.0.0.1"),
        (0, "203.0.113.7", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.1.1.1", "203.0.113.7"),
        (3, "203.0.113.7, 10.1.1.1", "203.0.113.7"),
        (1, " , ", "10.0.0.1"),
    ],
)
def test_client_ip_trusts_forwarded_for_only_as_far_as_the_proxies(
    settings, num_proxies, forwarded_for, expected
):
    settings.NUM_PROXIES = num_proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == expected


def test_axes_records_the_client_address_from_the_helper(manager, settings):
    settings.NUM_PROXIES = 1

    web_login(Client(), "manager-t", "wrong", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")

    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


# --- staff unlock -----------------------------------------------------------------------------


def lock_out(username="manager-t"):
    client = Client()
    for _ in range(LIMIT):
        web_login(client, username, "wrong")
    assert web_login(client, username, "pw").status_code == 429


@pytest.mark.parametrize(
    "url", ["/admin/axes/accessattempt/", "/admin/axes/accessfailurelog/", "/admin/axes/"]
)
def test_admin_lists_sign_in_attempts_and_failures(client_for, admin_user, manager, url):
    lock_out()

    response = client_for(admin_user).get(url)

    assert response.status_code == 200
    assert AccessFailureLog.objects.filter(username="manager-t").count() >= LIMIT
    if url.endswith("accessattempt/"):
        assert "manager-t" in response.content.decode()


def test_admin_delete_of_the_attempt_unlocks_the_account(client_for, admin_user, manager):
    lock_out()
    attempt = AccessAttempt.objects.get(username="manager-t")

    client_for(admin_user).post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert not AccessAttempt.objects.exists()
    assert web_login(Client(), "manager-t", "pw").status_code == 302


def test_admin_attempts_are_not_reachable_by_a_channel_manager(client_for, other_manager):
    response = client_for(other_manager).get("/admin/axes/accessattempt/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "command", [("axes_reset_username", "manager-t"), ("axes_reset",)], ids=lambda c: c[0]
)
def test_axes_reset_commands_unlock_the_account(manager, command):
    lock_out()

    call_command(*command, stdout=io.StringIO())

    assert web_login(Client(), "manager-t", "pw").status_code == 302
