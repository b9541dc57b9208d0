"""Redis down: the cache degrades to a miss and sessions fall back to the database, so signed-in
pages and the token endpoint keep answering."""

import pytest
from django.core.cache import cache, caches
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every connection is refused at once.
DEAD_REDIS = {
    "default": {
        "BACKEND": "prm.lib.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def redis_down():
    with override_settings(CACHES=DEAD_REDIS):
        yield caches["default"]
    caches["default"].close()


def test_cache_reads_are_misses_and_writes_are_dropped(redis_down, caplog):
    assert cache.get("k", "fallback") == "fallback"
    cache.set("k", 1)
    assert cache.add("k", 1) is False and cache.has_key("k") is False
    assert cache.get_many(["a", "b"]) == {} and cache.get_or_set("k", 2) == 2
    assert cache.set_many({"a": 1}) == ["a"]
    cache.delete("k"), cache.delete_many(["a"]), cache.touch("k"), cache.clear()
    with pytest.raises(ValueError):
        cache.incr("k")
    assert "Cache unavailable" in caplog.text


def test_signed_in_pages_work_while_redis_is_down(redis_down, client, manager, partner):
    client.force_login(manager)

    assert client.get(reverse("home")).status_code == 200
    assert client.get(partner.get_absolute_url()).status_code == 200


def test_sign_in_through_the_form_works_while_redis_is_down(redis_down, client, manager):
    manager.set_password("a-long-enough-password")
    manager.save()

    response = client.post(
        reverse("login"), {"username": manager.username, "password": "a-long-enough-password"}
    )

    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_token_endpoint_works_while_redis_is_down(redis_down, client, manager):
    manager.set_password("a-long-enough-password")
    manager.save()

    response = client.post(
        reverse("api-token"),
        {"username": manager.username, "password": "a-long-enough-password"},
    )

    assert response.status_code == 200 and response.json()["token"]
