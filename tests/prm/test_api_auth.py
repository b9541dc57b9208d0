"""API authentication (token and session), anonymous access, and the OpenAPI schema and docs."""

import json

import pytest
from auditlog.models import LogEntry
from django.http import HttpRequest
from django.middleware.csrf import _get_new_csrf_string
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from partners.models import Partner
from tests.factories import UserFactory

TOKEN_URL = "/api/v1/auth/token/"
PARTNERS = "/api/v1/partners/"
SCHEMA_URL = "/api/schema/"
DOCS_URL = "/api/docs/"
RESOURCES = ["/api/v1/partners/", "/api/v1/territories/", "/api/v1/segments/"]


def obtain_token(username, password="pw"):
    return APIClient().post(TOKEN_URL, {"username": username, "password": password}, format="json")


def token_client(user):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {obtain_token(user.username).json()['token']}")
    return api


def new_partner_payload(name="Initech Solutions"):
    return {"name": name, "country": "FR", "partner_type": "reseller"}


# --- obtaining a token --------------------------------------------------------------------------


def test_token_obtain_returns_the_users_token(manager):
    response = obtain_token("manager-t")

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=manager).key}


def test_token_obtain_twice_returns_the_same_token(manager):
    first, second = obtain_token("manager-t"), obtain_token("manager-t")
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json()["token"] == second.json()["token"] == Token.objects.get(user=manager).key
    assert Token.objects.filter(user=manager).count() == 1


def test_token_obtain_accepts_form_data(manager):
    response = APIClient().post(TOKEN_URL, {"username": "manager-t", "password": "pw"})

    assert response.status_code == 200
    assert "token" in response.json()


def test_token_obtain_wrong_password_is_400_and_issues_nothing(manager):
    response = obtain_token("manager-t", password="wrong")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert "token" not in response.json()
    assert not Token.objects.exists()


def test_token_obtain_unknown_user_is_400(db):
    response = obtain_token("nobody")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_token_obtain_missing_fields_is_400_with_field_errors(db):
    response = APIClient().post(TOKEN_URL, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_token_obtain_inactive_user_is_400(db):
    UserFactory(username="gone", is_active=False)

    response = obtain_token("gone")

    assert response.status_code == 400
    assert not Token.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_token_obtain_wrong_method_is_405(manager, method):
    response = getattr(APIClient(), method)(TOKEN_URL)

    assert response.status_code == 405


# --- using a token ------------------------------------------------------------------------------


def test_token_auth_lets_manager_list_partners(manager, partner, other_partner):
    response = token_client(manager).get(PARTNERS)

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert "internal_notes" in response.json()["results"][0]


def test_token_auth_partner_user_sees_only_own_partner(partner_member, partner, other_partner):
    response = token_client(partner_member).get(PARTNERS)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [partner.pk]
    assert "internal_notes" not in response.json()["results"][0]


def test_token_auth_outsider_gets_404_for_another_partner(outsider, partner):
    response = token_client(outsider).get(f"{PARTNERS}{partner.pk}/")

    assert response.status_code == 404


def test_token_auth_partner_user_write_is_403(partner_admin, partner):
    api = token_client(partner_admin)

    created = api.post(PARTNERS, new_partner_payload(), format="json")
    patched = api.patch(f"{PARTNERS}{partner.pk}/", {"name": "Hijacked"}, format="json")

    assert created.status_code == patched.status_code == 403
    assert list(Partner.objects.values_list("name", flat=True)) == ["Acme Systems"]


def test_token_auth_wrong_method_is_405(manager, partner):
    response = token_client(manager).put(PARTNERS, new_partner_payload(), format="json")

    assert response.status_code == 405


def test_token_auth_write_is_audited_with_token_user(manager, other_manager, partner):
    api = token_client(other_manager)

    created = api.post(PARTNERS, new_partner_payload(), format="json")
    updated = api.patch(f"{PARTNERS}{partner.pk}/", {"status": "at_risk"}, format="json")

    assert created.status_code == 201
    assert updated.status_code == 200
    new_partner = Partner.objects.get(pk=created.json()["id"])
    assert LogEntry.objects.get_for_object(new_partner).get().actor == other_manager
    update = LogEntry.objects.get_for_object(partner).get(action=LogEntry.Action.UPDATE)
    assert update.actor == other_manager


def test_token_auth_needs_no_csrf_token(manager):
    api = APIClient(enforce_csrf_checks=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {obtain_token('manager-t').json()['token']}")

    response = api.post(PARTNERS, new_partner_payload(), format="json")

    assert response.status_code == 201


@pytest.mark.parametrize("header", ["Token not-a-real-token", "Token ", "Bearer abc"])
def test_token_auth_bad_header_is_401(manager, header):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=header)

    response = api.get(PARTNERS)

    assert response.status_code == 401
    assert "Location" not in response.headers


def test_token_auth_user_deactivated_after_issue_is_401(manager):
    api = token_client(manager)
    manager.is_active = False
    manager.save()

    assert api.get(PARTNERS).status_code == 401


# --- session authentication -------------------------------------------------------------------


def test_session_auth_lets_logged_in_manager_read(manager, partner):
    api = APIClient()
    assert api.login(request=HttpRequest(), username="manager-t", password="pw")

    response = api.get(PARTNERS)

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_session_auth_write_needs_csrf_token(manager):
    api = APIClient(enforce_csrf_checks=True)
    assert api.login(request=HttpRequest(), username="manager-t", password="pw")

    without = api.post(PARTNERS, new_partner_payload("Without CSRF"), format="json")
    secret = _get_new_csrf_string()
    api.cookies["csrftoken"] = secret
    with_token = api.post(
        PARTNERS, new_partner_payload("With CSRF"), format="json", HTTP_X_CSRFTOKEN=secret
    )

    assert without.status_code == 403
    assert with_token.status_code == 201
    assert list(Partner.objects.values_list("name", flat=True)) == ["With CSRF"]
    created = Partner.objects.get()
    assert LogEntry.objects.get_for_object(created).get().actor == manager


def test_session_auth_outsider_gets_404(client_for, outsider, partner):
    response = client_for(outsider).get(f"{PARTNERS}{partner.pk}/")

    assert response.status_code == 404


# --- anonymous ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/", *RESOURCES])
def test_api_anonymous_is_401_in_json_not_a_redirect(db, url):
    response = APIClient().get(url)

    assert response.status_code in (401, 403)
    assert "Location" not in response.headers
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_api_anonymous_write_is_rejected_and_saves_nothing(db):
    response = APIClient().post(PARTNERS, new_partner_payload(), format="json")

    assert response.status_code in (401, 403)
    assert not Partner.objects.exists()


def test_html_pages_still_redirect_anonymous_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- OpenAPI schema and docs ------------------------------------------------------------------


def fetch_schema(user):
    api = APIClient()
    api.force_authenticate(user)
    response = api.get(SCHEMA_URL, {"format": "json"})
    assert response.status_code == 200
    assert "json" in response["Content-Type"]
    return response.json()


def test_api_schema_is_valid_openapi_with_the_three_resources(manager):
    schema = fetch_schema(manager)

    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    for url in RESOURCES:
        assert {"get", "post"} <= set(schema["paths"][url])
        assert {"get", "put", "patch", "delete"} <= set(schema["paths"][f"{url}{{id}}/"])
    assert "post" in schema["paths"][TOKEN_URL]


def test_api_schema_documents_filters_search_ordering_and_pages(manager):
    schema = fetch_schema(manager)

    parameters = {p["name"] for p in schema["paths"][PARTNERS]["get"]["parameters"]}
    assert {
        "status", "partner_type", "tier", "owner", "country", "territory", "segment",
        "search", "ordering", "page",
    } <= parameters  # fmt: skip
    listing = schema["paths"][PARTNERS]["get"]["responses"]["200"]["content"]["application/json"]
    assert listing["schema"]["$ref"].endswith("/PaginatedPartnerList")


def test_api_schema_types_ids_as_integers(manager):
    schema = fetch_schema(manager)

    for url in RESOURCES:
        (parameter,) = schema["paths"][f"{url}{{id}}/"]["get"]["parameters"]
        assert parameter["schema"]["type"] == "integer"


def test_api_schema_for_staff_documents_the_writable_staff_partner(manager):
    schema = fetch_schema(manager)

    request_body = schema["components"]["schemas"]["PartnerRequest"]
    assert {"name", "country", "partner_type", "annual_revenue", "internal_notes"} <= set(
        request_body["properties"]
    )
    assert "conflicts" in schema["components"]["schemas"]["DealRegistration"]["properties"]
    assert "/api/v1/stakeholders/" in schema["paths"]


def test_api_schema_for_a_partner_user_describes_what_they_receive_and_may_call(
    partner_member,
):
    schema = fetch_schema(partner_member)
    text = json.dumps(schema)

    assert "internal_notes" not in text
    partner = schema["components"]["schemas"]["PartnerPortal"]["properties"]
    assert partner["tier"]["type"] == "string" and partner["tier"]["nullable"] is True
    assert set(schema["paths"][PARTNERS]) == {"get"}  # reading only
    filters = {p["name"] for p in schema["paths"][PARTNERS]["get"]["parameters"]}
    assert not {"owner", "status"} & filters and {"tier", "territory"} <= filters
    assert not any(path.startswith("/api/v1/stakeholders/") for path in schema["paths"])
    deal = schema["components"]["schemas"]["PartnerDealRegistration"]["properties"]
    assert "conflicts" not in deal and deal["conflict_count"]["type"] == "integer"


def test_api_schema_wrong_method_is_405(manager):
    api = APIClient()
    api.force_authenticate(manager)

    assert api.post(SCHEMA_URL, {}, format="json").status_code == 405


def test_api_docs_serves_swagger_ui_pointing_at_the_schema(client_for, manager):
    client = client_for(manager)
    response = client.get(DOCS_URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "swagger-ui" in content.lower()
    # The start-up script is a file of its own (the CSP refuses inline scripts).
    assert f'<script src="{DOCS_URL}?script="></script>' in content
    assert SCHEMA_URL in client.get(f"{DOCS_URL}?script=").content.decode()


def test_token_endpoint_is_rate_limited(db, settings):
    from django.core.cache import cache

    from prm.api import TokenView

    cache.clear()
    TokenView.throttle_classes[0].THROTTLE_RATES = {"token": "3/minute"}
    try:
        client = APIClient()
        answers = [
            client.post("/api/v1/auth/token/", {"username": "x", "password": "y"}).status_code
            for _ in range(4)
        ]
    finally:
        TokenView.throttle_classes[0].THROTTLE_RATES = settings.REST_FRAMEWORK[
            "DEFAULT_THROTTLE_RATES"
        ]
        cache.clear()
    assert answers == [400, 400, 400, 429]
