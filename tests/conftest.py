"""Persona fixtures shared by every test: manager, other manager, partner admin, partner member,
outsider (a partner admin of another partner), plus the partners they belong to."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.test import APIClient

from partners.models import PartnerMembership
from prm.auth import CachedModelBackend

from .factories import MembershipFactory, PartnerFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (dashboard counts, throttles, sessions)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request in German (LocaleMiddleware) leaves German active in the thread: each test
    starts in the default language, as each real request starts from its own."""
    yield
    translation.deactivate()


@pytest.fixture
def manager(db):
    return UserFactory(username="manager-t", role="channel_manager")


@pytest.fixture
def other_manager(db):
    return UserFactory(username="manager-other", role="channel_manager")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin-t", role="administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def partner(db, manager):
    return PartnerFactory(name="Acme Systems", slug="acme-systems", owner=manager)


@pytest.fixture
def other_partner(db, manager):
    return PartnerFactory(name="Globex Networks", slug="globex-networks", owner=manager)


@pytest.fixture
def partner_admin(partner):
    return MembershipFactory(
        partner=partner,
        user=UserFactory(username="pa-acme", role="partner_user"),
        role=PartnerMembership.Role.PARTNER_ADMIN,
    ).user


@pytest.fixture
def partner_member(partner):
    return MembershipFactory(
        partner=partner, user=UserFactory(username="pm-acme", role="partner_user")
    ).user


@pytest.fixture
def outsider(other_partner):
    """A partner admin of another partner: must never see `partner`."""
    return MembershipFactory(
        partner=other_partner,
        user=UserFactory(username="pa-globex", role="partner_user"),
        role=PartnerMembership.Role.PARTNER_ADMIN,
    ).user


def _login(client, user):
    client.force_login(user)
    # After their first request a signed-in user's row comes from the cache (prm.auth): start
    # there, so counting a page's queries counts the page's, not that first read.
    CachedModelBackend().get_user(user.pk)
    return client


@pytest.fixture
def client_for(client):
    """`client_for(user)` returns the Django test client logged in as that user."""
    return lambda user: _login(client, user)


@pytest.fixture
def api_for(db):
    """`api_for(user)` returns a DRF client authenticated as that user (None: anonymous)."""

    def make(user=None):
        api = APIClient()
        if user is not None:
            api.force_authenticate(user)
        return api

    return make


def _count_queries(client, url, *, warm=False, status=200, **headers) -> int:
    if warm:
        # Panels may keep counts in the cache for a while (the dashboard's alerts do), so the
        # first request after a change can cost more than the steady state being compared.
        client.get(url, **headers)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return len(queries.captured_queries)


@pytest.fixture
def count_queries():
    """`count_queries(client, url, warm=False, status=200, **headers)`: how many queries one
    GET of `url` runs (the Django test client or DRF's); the answer must have `status`.
    `warm` requests the page once first, so caches are filled."""
    return _count_queries
