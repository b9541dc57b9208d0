"""A viewer reads the portal and changes nothing: every portal write and every API write a
partner user can make answers 403 to a viewer (with the reason), and nothing changes. The
same requests by a member succeed where members may write (the control that the requests are
well formed)."""

import datetime

import pytest
from django.urls import reverse

from incentives.models import Acknowledgement, Certification, FundRequest, IncentiveClaim
from partners.models import ContactCorrection, Invitation, Partner, PartnerMembership
from performance.models import DealRegistration, PlanAction, Target, TargetProposal
from relationships.models import QUESTION_KEYS, Feedback, SurveyResponse
from tests.factories import ContactFactory
from tests.incentives.claims_factories import IncentiveProgramFactory
from tests.incentives.enablement_factories import CourseFactory, RulesFactory
from tests.performance.deals_factories import deal_fields
from tests.performance.plans_factories import PlanActionFactory
from tests.performance.targets_factories import TargetFactory
from tests.relationships.test_surveys import make_survey

from .team_support import ROLE, member

TODAY = datetime.date.today


@pytest.fixture
def world(partner, partner_admin):
    """What the writes need: a contact, a course, rules, a program, a plan action, a target."""
    return {
        "contact": ContactFactory(partner=partner),
        "course": CourseFactory(),
        "rules": RulesFactory(),
        "program": IncentiveProgramFactory(),
        "action": PlanActionFactory(plan__partner=partner),
        "target": TargetFactory(partner=partner),
        "admin_membership": partner_admin.partner_membership,
        "partner": partner,
        "survey": make_survey(partner),
        "mdf": IncentiveProgramFactory(kind="mdf", name="MDF pool for viewers"),
    }


@pytest.fixture
def viewer(partner):
    return member(partner, ROLE.VIEWER).user


def _state() -> tuple:
    """Everything a write could change, as counts and values."""
    return (
        DealRegistration.objects.count(), IncentiveClaim.objects.count(),
        Certification.objects.count(), Acknowledgement.objects.count(),
        TargetProposal.objects.count(), Target.objects.count(), Invitation.objects.count(),
        list(PlanAction.objects.values_list("status", flat=True)),
        list(PartnerMembership.objects.values_list("role", "user__is_active")),
        list(Partner.objects.values_list("description", flat=True)),
        Feedback.objects.count(), SurveyResponse.objects.count(), FundRequest.objects.count(),
        ContactCorrection.objects.count(),
    )  # fmt: skip


def _survey_answers() -> dict:
    return {key: 4 for key in QUESTION_KEYS}


def _fund_request(w) -> dict:
    start = TODAY() + datetime.timedelta(days=30)
    return {"program": w["mdf"].pk, "activity": "Joint webinar", "starts_on": start.isoformat(),
            "ends_on": (start + datetime.timedelta(days=1)).isoformat(),
            "expected_results": "200 registrations", "amount": "1000"}  # fmt: skip


def _deal_form() -> dict:
    data = deal_fields()
    data["expected_close_on"] = data["expected_close_on"].isoformat()
    return data


# (name, URL from the world, form data from the world)
PORTAL_WRITES = [
    ("deal", lambda w: reverse("performance-portal:deal-create"), lambda w: _deal_form()),
    ("claim", lambda w: reverse("incentives-portal:claim-create"),
     lambda w: {"program": w["program"].pk, "amount": "100", "description": "Webinar"}),
    ("certification", lambda w: reverse("incentives-portal:certification-request"),
     lambda w: {"contact": w["contact"].pk, "course": w["course"].pk,
                "earned_on": TODAY().isoformat()}),
    ("rules", lambda w: reverse("incentives-portal:rules"), lambda w: {}),
    ("plan-action", lambda w: reverse("performance-portal:plan-action-status",
                                      args=[w["action"].pk]), lambda w: {"status": "done"}),
    ("target-propose", lambda w: reverse("performance-portal:target-propose"),
     lambda w: {"metric": "revenue", "year": 2027, "quarter": 1, "value": "100"}),
    ("target-counter", lambda w: reverse("performance-portal:target-counter",
                                         args=[w["target"].pk]), lambda w: {"value": "90"}),
    ("target-accept", lambda w: reverse("performance-portal:target-accept",
                                        args=[w["target"].pk]), lambda w: {}),
    ("profile", lambda w: reverse("portal:profile-edit"), lambda w: {"description": "Changed"}),
    ("team-invite", lambda w: reverse("portal:team-invite"),
     lambda w: {"email": "x@acme.example", "role": "member"}),
    ("team-role", lambda w: reverse("portal:team-member-role", args=[w["admin_membership"].pk]),
     lambda w: {"role": "viewer"}),
    ("team-deactivate", lambda w: reverse("portal:team-member-deactivate",
                                          args=[w["admin_membership"].pk]), lambda w: {}),
    ("feedback", lambda w: reverse("relationships-portal:feedback-create"),
     lambda w: {"category": "portal", "text": "The deal form is slow"}),
    ("survey", lambda w: reverse("relationships-portal:survey-detail", args=[w["survey"].pk]),
     lambda w: _survey_answers()),
    ("fund-request", lambda w: reverse("incentives-portal:fund-request-create"), _fund_request),
    ("correction", lambda w: reverse("portal:correction-propose", args=["left"]),
     lambda w: {"contact": w["contact"].pk, "left_on": TODAY().isoformat()}),
]  # fmt: skip

API_WRITES = [
    ("deal", "post", lambda w: "/api/v1/deal-registrations/", lambda w: _deal_form()),
    ("claim", "post", lambda w: "/api/v1/incentive-claims/",
     lambda w: {"program": w["program"].pk, "amount": "100", "description": "Webinar"}),
    ("certification", "post", lambda w: "/api/v1/certifications/",
     lambda w: {"contact": w["contact"].pk, "course": w["course"].pk,
                "earned_on": TODAY().isoformat()}),
    ("acknowledgement", "post", lambda w: "/api/v1/acknowledgements/",
     lambda w: {"rules": w["rules"].pk}),
    ("plan-action", "patch", lambda w: f"/api/v1/plan-actions/{w['action'].pk}/",
     lambda w: {"status": "done"}),
    ("target-propose", "post", lambda w: "/api/v1/targets/",
     lambda w: {"partner": w["partner"].pk, "metric": "revenue", "year": 2027, "quarter": 1,
                "value": "100"}),
    ("target-counter", "post", lambda w: f"/api/v1/targets/{w['target'].pk}/counter/",
     lambda w: {"value": "90"}),
    ("invitation", "post", lambda w: "/api/v1/invitations/",
     lambda w: {"email": "x@acme.example", "role": "member"}),
    ("membership-role", "patch",
     lambda w: f"/api/v1/memberships/{w['admin_membership'].pk}/", lambda w: {"role": "viewer"}),
    ("membership-deactivate", "post",
     lambda w: f"/api/v1/memberships/{w['admin_membership'].pk}/deactivate/", lambda w: {}),
    ("feedback", "post", lambda w: "/api/v1/feedback/",
     lambda w: {"category": "portal", "text": "The deal form is slow"}),
    ("survey-response", "post", lambda w: "/api/v1/survey-responses/",
     lambda w: {"survey": w["survey"].pk, **_survey_answers()}),
    ("fund-request", "post", lambda w: "/api/v1/fund-requests/", _fund_request),
    ("contact-correction", "post", lambda w: "/api/v1/contact-corrections/",
     lambda w: {"kind": "left", "contact": w["contact"].pk, "left_date": TODAY().isoformat()}),
]  # fmt: skip


@pytest.mark.parametrize("name,url,data", PORTAL_WRITES, ids=[row[0] for row in PORTAL_WRITES])
def test_viewer_posting_to_a_portal_write_gets_403_and_nothing_changes(
    client_for, world, viewer, name, url, data
):
    before = _state()
    response = client_for(viewer).post(url(world), data(world))
    assert response.status_code == 403, (name, response.status_code)
    assert _state() == before


@pytest.mark.parametrize("name,method,url,data", API_WRITES, ids=[row[0] for row in API_WRITES])
def test_viewer_api_write_gets_403_and_nothing_changes(api_for, world, viewer, name, method, url,
                                                       data):  # fmt: skip
    before = _state()
    response = getattr(api_for(viewer), method)(url(world), data(world), format="json")
    assert response.status_code == 403, (name, response.status_code, response.content)
    assert _state() == before


@pytest.mark.parametrize(
    "url", ["performance-portal:deal-create", "incentives-portal:claim-create",
            "incentives-portal:certification-request"],
)  # fmt: skip
def test_viewer_gets_403_on_the_form_pages_with_the_reason(client_for, viewer, url):
    response = client_for(viewer).get(reverse(url))
    assert response.status_code == 403
    assert "read-only access" in response.content.decode()


def test_member_writes_succeed_as_a_control(client_for, world, partner_member):
    client = client_for(partner_member)
    for name in ("deal", "claim", "certification", "rules", "plan-action"):
        _name, url, data = next(row for row in PORTAL_WRITES if row[0] == name)
        response = client.post(url(world), data(world))
        assert response.status_code == 302, (name, response.status_code)
    assert DealRegistration.objects.count() == IncentiveClaim.objects.count() == 1
    assert Certification.objects.count() == Acknowledgement.objects.count() == 1


def test_write_buttons_hidden_from_a_viewer(client_for, world, viewer, partner_member):
    pages = {
        "performance-portal:deal-list": reverse("performance-portal:deal-create"),
        "incentives-portal:claim-list": reverse("incentives-portal:claim-create"),
        "incentives-portal:certification-list": reverse("incentives-portal:certification-request"),
        "performance-portal:plan-list": reverse(
            "performance-portal:plan-action-status", args=[world["action"].pk]
        ),
        "incentives-portal:rules": 'action="' + reverse("incentives-portal:rules"),
    }
    for page, write in pages.items():
        as_viewer = client_for(viewer).get(reverse(page)).content.decode()
        as_member = client_for(partner_member).get(reverse(page)).content.decode()
        assert write in as_member and write not in as_viewer, page
