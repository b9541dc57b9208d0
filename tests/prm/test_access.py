"""Who may open what: login by default, internal pages for vendor staff, the portal for partner
users, and API views left to DRF's JSON answers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from prm import views as prm_views
from prm.lib.access import (
    IsVendorStaff,
    IsVendorStaffOrPartnerReadOnly,
    LoginRequiredByDefaultMiddleware,
    partner_user_required,
    vendor_staff_required,
)
from tests.factories import UserFactory

# --- the middleware, through real requests -------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/partners/any-slug/", "/portal/", "/portal/profile/"])
def test_pages_redirect_anonymous_users_to_login_with_next(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_unknown_page_redirects_anonymous_users_instead_of_revealing_404(client, db):
    response = client.get("/partners/nobody/edit/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_login_page_is_public(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_healthz_is_public(client, db, monkeypatch):
    monkeypatch.setattr(prm_views, "_check_broker", lambda: "ok")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.parametrize("url", ["/api/v1/partners/", "/api/v1/territories/", "/api/v1/segments/"])
def test_api_answers_anonymous_users_401_in_json(client, db, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert "Location" not in response


def test_api_answers_partner_user_write_403_in_json(client_for, partner_admin):
    response = client_for(partner_admin).post(
        "/api/v1/partners/", {"name": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_api_reached_with_session_by_staff(client_for, manager, partner):
    response = client_for(manager).get("/api/v1/partners/")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["Acme Systems"]


def test_middleware_skips_only_drf_views(db):
    middleware = LoginRequiredByDefaultMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()

    def plain_view(request):
        return HttpResponse()

    api_view = ProbeAPIView.as_view()
    assert middleware.process_view(request, api_view, (), {}) is None
    redirect = middleware.process_view(request, plain_view, (), {})
    assert redirect.status_code == 302
    assert redirect.url == "/accounts/login/?next=/somewhere/"


class ProbeAPIView(APIView):
    permission_classes = [IsVendorStaff]


# --- decorators ----------------------------------------------------------------------------


def ok_view(request):
    return HttpResponse("ok")


def request_as(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.mark.parametrize(
    ("role", "extra", "allowed"),
    [
        ("channel_manager", {}, True),
        ("administrator", {}, True),
        ("partner_user", {}, False),
        ("channel_manager", {"is_active": False}, False),
    ],
)
def test_vendor_staff_required(db, role, extra, allowed):
    view = vendor_staff_required(ok_view)
    request = request_as(UserFactory(role=role, **extra))
    if allowed:
        assert view(request).content == b"ok"
    else:
        with pytest.raises(PermissionDenied, match="channel team"):
            view(request)


@pytest.mark.parametrize(
    ("role", "extra", "allowed"),
    [
        ("partner_user", {}, True),
        ("channel_manager", {}, False),
        ("administrator", {}, False),
        ("partner_user", {"is_active": False}, False),
        ("partner_user", {"is_superuser": True}, False),
    ],
)
def test_partner_user_required(db, role, extra, allowed):
    view = partner_user_required(ok_view)
    request = request_as(UserFactory(role=role, **extra))
    if allowed:
        assert view(request).content == b"ok"
    else:
        with pytest.raises(PermissionDenied, match="partner portal"):
            view(request)


def test_decorators_keep_the_view_name():
    assert vendor_staff_required(ok_view).__name__ == "ok_view"
    assert partner_user_required(ok_view).__name__ == "ok_view"


# --- DRF permission classes ----------------------------------------------------------------


def drf_request(method, user):
    request = getattr(APIRequestFactory(), method)("/api/v1/partners/")
    request.user = user
    return request


@pytest.mark.parametrize(
    ("persona", "method", "allowed"),
    [
        ("manager", "get", True),
        ("manager", "post", True),
        ("partner_member", "get", False),
        ("anonymous", "get", False),
    ],
)
def test_is_vendor_staff_permission(request, persona, method, allowed):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    assert IsVendorStaff().has_permission(drf_request(method, user), None) is allowed


@pytest.mark.parametrize(
    ("persona", "method", "allowed"),
    [
        ("manager", "get", True),
        ("manager", "delete", True),
        ("admin_user", "patch", True),
        ("partner_admin", "get", True),
        ("partner_admin", "options", True),
        ("partner_admin", "post", False),
        ("partner_member", "put", False),
        ("partner_member", "delete", False),
        ("anonymous", "get", False),
    ],
)
def test_is_vendor_staff_or_partner_read_only_permission(request, persona, method, allowed):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    permission = IsVendorStaffOrPartnerReadOnly()
    assert permission.has_permission(drf_request(method, user), None) is allowed


def test_inactive_staff_has_no_api_permission(db):
    inactive = UserFactory(role="channel_manager", is_active=False)
    assert not IsVendorStaff().has_permission(drf_request("get", inactive), None)
    assert not IsVendorStaffOrPartnerReadOnly().has_permission(drf_request("get", inactive), None)
