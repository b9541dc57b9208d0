"""No 500 on bad input: bounded request bodies (size and JSON depth), unknown fields refused by
name, a delete other records prevent answers 409 with the reason, range checks as field errors
(prm/lib/parsers.py, prm/lib/api.py, prm/lib/errors.py)."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.test import RequestFactory, override_settings
from rest_framework.test import APIClient

from incentives.models import RulesOfEngagement
from prm.lib.errors import StillUsedMiddleware, constraint_error, place_constraint_errors
from prm.lib.parsers import json_depth
from tests.factories import ContactFactory
from tests.incentives.enablement_factories import CertificationFactory, CourseFactory

DEEP = "[" * 100_000 + "]" * 100_000


def anonymous():
    return APIClient(raise_request_exception=False)


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        (b"{}", 1),
        (b'{"a": [1, {"b": []}]}', 4),
        (b'{"a": "[[[[{{{{"}', 1),  # brackets inside strings do not nest
        (b'{"a": "\\"[[[", "b": [[]]}', 3),  # nor after an escaped quote
        (b"42", 0),
    ],
)
def test_json_depth_counts_nesting_outside_strings(body, depth):
    assert json_depth(body) == depth


def test_deep_json_on_the_unauthenticated_token_endpoint_is_400(db):
    response = anonymous().post("/api/v1/auth/token/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_deep_json_on_a_write_is_400(api_for, manager):
    response = api_for(manager).post("/api/v1/partners/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_json_within_the_depth_limit_is_parsed(api_for, manager):
    body = '{"name": "Nested Ltd", "slug": "nested", "notes": ' + "[" * 20 + "]" * 20 + "}"
    response = api_for(manager).post("/api/v1/partners/", body, content_type="application/json")
    assert response.status_code == 400 and response.json() == {"notes": ["Unknown field."]}


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"username": "' + "x" * 2000 + '"}', "application/json"),
        ("username=" + "x" * 2000, "application/x-www-form-urlencoded"),
    ],
    ids=["json", "form"],
)
def test_a_body_over_the_limit_is_413_in_json(db, body, content_type):
    response = anonymous().post("/api/v1/auth/token/", body, content_type=content_type)
    assert response.status_code == 413
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in response.json()["detail"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_multipart_body_over_the_limit_is_413(db):
    response = anonymous().post("/api/v1/auth/token/", {"username": "x" * 2000, "password": "p"})
    assert response.status_code == 413


def test_unknown_fields_in_a_write_are_refused_by_name(api_for, manager, partner):
    response = api_for(manager).patch(
        f"/api/v1/partners/{partner.pk}/", {"nmae": "Typo", "colour": "red"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"colour": ["Unknown field."], "nmae": ["Unknown field."]}
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


def test_read_only_fields_sent_back_from_a_get_are_ignored(api_for, manager, partner):
    api = api_for(manager)
    body = api.get(f"/api/v1/partners/{partner.pk}/").json()
    body["name"] = "Acme Renamed"
    response = api.put(f"/api/v1/partners/{partner.pk}/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Acme Renamed"


def test_unknown_fields_in_an_action_body_are_refused(api_for, manager, partner):
    contact = ContactFactory(partner=partner)
    response = api_for(manager).post(
        f"/api/v1/contacts/{contact.pk}/mark-left/", {"left": "2026-01-01"}, format="json"
    )
    assert response.status_code == 400 and "left" in response.json()


def test_rules_published_without_significant_are_not_significant(api_for, manager):
    response = api_for(manager).post(
        "/api/v1/rules-of-engagement/",
        {"effective_on": "2026-01-01", "summary": "New terms", "full_text": "1. Register."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert RulesOfEngagement.objects.get().significant is False


@pytest.mark.parametrize("months", [0, 121, 374])
def test_course_validity_out_of_range_is_a_field_error(api_for, manager, months):
    api = api_for(manager)
    created = api.post(
        "/api/v1/courses/",
        {"name": "Cloud 101", "product": "Cloud", "validity_months": months},
        format="json",
    )
    course = CourseFactory()
    patched = api.patch(f"/api/v1/courses/{course.pk}/", {"validity_months": months}, format="json")
    for response in (created, patched):
        assert response.status_code == 400
        assert list(response.json()) == ["validity_months"]


def test_deleting_a_partner_whose_people_hold_certifications_is_409(api_for, manager, partner):
    CertificationFactory(contact=ContactFactory(partner=partner))
    response = api_for(manager).delete(f"/api/v1/partners/{partner.pk}/")
    assert response.status_code == 409
    assert "certification" in response.json()["detail"]
    assert partner.contacts.count() == 1


def _page_post(referer):
    request = RequestFactory().post("/program/benefits/1/delete/", HTTP_REFERER=referer)
    request.session = {}
    request.htmx = False
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    ("referer", "location"),
    [("http://testserver/program/", "http://testserver/program/"), ("https://evil.example/", "/")],
)
def test_a_page_delete_prevented_by_other_records_goes_back_with_the_reason(db, referer, location):
    contact = ContactFactory()
    request = _page_post(referer)
    error = ProtectedError("protected", {contact})
    response = StillUsedMiddleware(lambda r: None).process_exception(request, error)
    assert response.status_code == 302 and response["Location"] == location
    assert [str(m) for m in get_messages(request)] == [
        "It cannot be deleted: it is still used by 1 contact."
    ]


def test_a_check_constraint_from_the_database_names_its_field():
    error = IntegrityError("CHECK constraint failed: course_validity_range")
    assert list(constraint_error(error)) == ["validity_months"]
    postgres = IntegrityError('violates check constraint "course_validity_range"')
    assert list(constraint_error(postgres)) == ["validity_months"]
    assert constraint_error(IntegrityError("NOT NULL constraint failed: x.y")) is None


def test_a_broken_check_constraint_from_full_clean_lands_at_its_field():
    placed = place_constraint_errors(
        {"__all__": ["Constraint “course_validity_range” is violated.", "Other."]}
    )
    assert placed == {
        "validity_months": ["This value is out of the allowed range."],
        "__all__": ["Other."],
    }


@pytest.mark.parametrize("value", ["1832689045162105719268680138752", "-1.1e123", "1.5"])
def test_an_id_filter_out_of_any_database_range_is_400(api_for, manager, value):
    for url in ("/api/v1/targets/", "/api/v1/interactions/", "/api/v1/contacts/"):
        assert api_for(manager).get(url, {"partner": value}).status_code == 400, url


def test_the_browsable_apis_csrf_token_is_not_an_unknown_field(api_for, manager, partner):
    response = api_for(manager).patch(
        f"/api/v1/partners/{partner.pk}/",
        {"name": "Acme Renamed", "csrfmiddlewaretoken": "token"},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
