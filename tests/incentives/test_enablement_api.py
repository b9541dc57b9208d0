"""API of enablement: courses, certifications, rules of engagement, acknowledgements."""

import pytest
from django.utils import timezone

from incentives.models import Acknowledgement, Certification
from tests.factories import ContactFactory

from .enablement_factories import (
    AcknowledgementFactory,
    CertificationFactory,
    CourseFactory,
    RulesFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_api_requires_authentication(api_for):
    for resource in ("courses", "certifications", "rules-of-engagement", "acknowledgements"):
        assert api_for().get(f"/api/v1/{resource}/").status_code in (401, 403)


def test_courses_staff_write_partner_read(api_for, manager, partner_member):
    created = api_for(manager).post(
        "/api/v1/courses/",
        {"name": "Cloud Basics", "product": "Cloud", "level": "foundation", "validity_months": 24},
    )
    assert created.status_code == 201
    assert api_for(partner_member).get("/api/v1/courses/").json()["count"] == 1
    denied = api_for(partner_member).post(
        "/api/v1/courses/", {"name": "X", "product": "Y", "level": "expert", "validity_months": 6}
    )
    assert denied.status_code == 403


def test_course_with_certifications_cannot_be_deleted(api_for, manager):
    cert = CertificationFactory()
    response = api_for(manager).delete(f"/api/v1/courses/{cert.course.pk}/")
    assert response.status_code == 400


def test_certifications_partner_sees_own_only(api_for, partner, other_partner, partner_member):
    own = CertificationFactory(contact=ContactFactory(partner=partner))
    other = CertificationFactory(contact=ContactFactory(partner=other_partner))
    api = api_for(partner_member)
    assert ids(api.get("/api/v1/certifications/")) == {own.pk}
    assert api.get(f"/api/v1/certifications/{other.pk}/").status_code == 404


def test_certification_request_by_partner_own_contact_only(
    api_for, partner, other_partner, partner_member
):
    course = CourseFactory()
    api = api_for(partner_member)
    own = ContactFactory(partner=partner)
    data = {"contact": own.pk, "course": course.pk, "earned_on": TODAY().isoformat()}
    response = api.post("/api/v1/certifications/", data)
    assert response.status_code == 201 and response.json()["status"] == "requested"
    foreign = ContactFactory(partner=other_partner)
    data["contact"] = foreign.pk
    response = api.post("/api/v1/certifications/", data)
    assert response.status_code == 400 and "contact" in response.json()
    assert Certification.objects.count() == 1


def test_certification_approve_reject_staff_only(api_for, manager, partner, partner_admin):
    cert = CertificationFactory(
        contact=ContactFactory(partner=partner), status=Certification.Status.REQUESTED
    )
    url = f"/api/v1/certifications/{cert.pk}/approve/"
    assert api_for(partner_admin).post(url).status_code == 403
    response = api_for(manager).post(url)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert api_for(manager).post(f"/api/v1/certifications/{cert.pk}/reject/").status_code == 400


def test_rules_partner_reads_effective_only_staff_publishes(api_for, manager, partner_member):
    RulesFactory(effective_on=TODAY())
    future = RulesFactory(effective_on=TODAY().replace(year=TODAY().year + 1))
    assert future.pk not in ids(api_for(partner_member).get("/api/v1/rules-of-engagement/"))
    data = {"effective_on": TODAY().isoformat(), "significant": True, "summary": "S",
            "full_text": "T"}  # fmt: skip
    assert api_for(partner_member).post("/api/v1/rules-of-engagement/", data).status_code == 403
    response = api_for(manager).post("/api/v1/rules-of-engagement/", data)
    assert response.status_code == 201 and response.json()["version"] == future.version + 1
    assert (
        api_for(manager).put(f"/api/v1/rules-of-engagement/{future.pk}/", data).status_code == 405
    )


def test_acknowledgements_partner_creates_own_staff_reads_all(
    api_for, manager, partner, other_partner, partner_member, outsider
):
    rules = RulesFactory(effective_on=TODAY())
    AcknowledgementFactory(partner=other_partner, rules=rules)
    api = api_for(partner_member)
    response = api.post("/api/v1/acknowledgements/", {"rules": rules.pk})
    assert response.status_code == 201 and response.json()["partner"] == partner.pk
    assert api.post("/api/v1/acknowledgements/", {"rules": rules.pk}).status_code == 400
    assert api.get("/api/v1/acknowledgements/").json()["count"] == 1
    assert (
        api_for(manager).post("/api/v1/acknowledgements/", {"rules": rules.pk}).status_code == 403
    )
    staff = api_for(manager).get(f"/api/v1/acknowledgements/?rules={rules.pk}")
    assert staff.json()["count"] == 2
    assert Acknowledgement.objects.filter(partner=partner).count() == 1
