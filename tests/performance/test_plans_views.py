import datetime

import pytest
from django.test import Client
from django.urls import reverse

from performance.models import BusinessPlan, PlanAction, Review
from tests.factories import ContactFactory, PartnerFactory
from tests.helpers import HTMX, field_errors, page_text
from tests.performance.plans_factories import (
    BusinessPlanFactory,
    PlanActionFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def _internal_urls(partner, plan, action):
    return [
        ("get", reverse("partners:partner-tab", args=[partner.slug, "plans"])),
        ("post", reverse("performance:plan-create", args=[partner.slug])),
        ("post", reverse("performance:plan-action-create", args=[plan.pk])),
        ("post", reverse("performance:plan-action-status", args=[action.pk])),
        ("post", reverse("performance:review-log", args=[partner.slug])),
        ("get", reverse("performance:review-pack", args=[partner.slug])),
    ]


def test_plan_pages_refuse_partner_users(client_for, partner, partner_admin, outsider):
    plan = BusinessPlanFactory(partner=partner)
    action = PlanActionFactory(plan=plan)
    for user in (partner_admin, outsider):
        client = client_for(user)
        for method, url in _internal_urls(partner, plan, action):
            assert getattr(client, method)(url, {"status": "done"}).status_code in (403, 404), url
    assert PlanAction.objects.get(pk=action.pk).status == "open"


def test_plan_pages_redirect_anonymous_to_login(client, partner):
    plan = BusinessPlanFactory(partner=partner)
    action = PlanActionFactory(plan=plan)
    for method, url in _internal_urls(partner, plan, action):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_plan_pages_wrong_method_is_405(client_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner)
    action = PlanActionFactory(plan=plan)
    client = client_for(manager)
    for method, url in _internal_urls(partner, plan, action)[1:]:
        other = client.get if method == "post" else client.post
        assert other(url).status_code == 405, url


def test_plan_tab_shows_plans_progress_and_reviews(client_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner, title="Grow EMEA")
    PlanActionFactory(plan=plan, status="done", title="Run a webinar")
    PlanActionFactory(plan=plan, title="Certify two engineers")
    ReviewFactory(partner=partner, outcomes="Agreed to double pipeline")
    response = client_for(manager).get(
        reverse("partners:partner-tab", args=[partner.slug, "plans"])
    )
    text = page_text(response)
    assert "Grow EMEA" in text and "50% · 1 of 2 done" in text
    assert "Agreed to double pipeline" in text and "Certify two engineers" in text


def test_plan_tab_empty_state(client_for, manager, partner):
    response = client_for(manager).get(
        reverse("partners:partner-tab", args=[partner.slug, "plans"])
    )
    text = page_text(response)
    assert "No business plan with" in text and "Never reviewed" in text and "Overdue" in text


def test_plan_create_and_duplicate_error_at_field(client_for, manager, partner):
    client = client_for(manager)
    url = reverse("performance:plan-create", args=[partner.slug])
    data = {"title": "FY plan", "year": "2026", "quarter": "", "status": "active"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"title": "Again"}, **HTMX)
    assert response.status_code == 422
    assert "already has a plan" in field_errors(response, "quarter")
    assert BusinessPlan.objects.filter(partner=partner).count() == 1


def test_plan_action_create_both_sides(client_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner)
    contact = ContactFactory(partner=partner)
    client = client_for(manager)
    url = reverse("performance:plan-action-create", args=[plan.pk])
    client.post(url, {"title": "Joint campaign", "owner_side": "vendor", "owner_user": manager.pk})
    client.post(url, {"title": "Hire", "owner_side": "partner", "owner_contact": contact.pk})
    sides = set(plan.actions.values_list("owner_side", flat=True))
    assert sides == {"vendor", "partner"}


def test_plan_action_create_without_owner_errors_at_field(client_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner)
    url = reverse("performance:plan-action-create", args=[plan.pk])
    response = client_for(manager).post(url, {"title": "Orphan", "owner_side": "partner"})
    assert response.status_code == 422
    assert "Name who owns" in field_errors(response, "owner_name")
    assert not plan.actions.exists()


def test_review_log_and_error_at_field(client_for, manager, partner):
    client = client_for(manager)
    url = reverse("performance:review-log", args=[partner.slug])
    bad = {"kind": "qbr", "held_on": TODAY.isoformat(), "next_review_on": TODAY.isoformat()}
    response = client.post(url, bad, **HTMX)
    assert response.status_code == 422
    assert "comes after" in field_errors(response, "next_review_on")
    assert not Review.objects.exists()
    good = bad | {"next_review_on": "", "our_attendees": [manager.pk], "outcomes": "Good"}
    assert client.post(url, good).status_code == 302
    assert Review.objects.get(partner=partner).our_attendees.get() == manager


def test_review_pack_shows_sections(client_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner, title="Grow EMEA")
    PlanActionFactory(plan=plan, title="Certify two engineers")
    response = client_for(manager).get(reverse("performance:review-pack", args=[partner.slug]))
    text = page_text(response)
    assert response.status_code == 200
    assert "Certify two engineers" in text and "Not audited yet" in text
    assert "Targets and attainment" in text


def test_dashboard_lists_overdue_reviews(client_for, manager):
    late = PartnerFactory(name="Latecomer Ltd")
    ReviewFactory(partner=late, held_on=TODAY - datetime.timedelta(days=120))
    text = page_text(client_for(manager).get(reverse("home")))
    assert "Overdue reviews" in text and "Latecomer Ltd" in text and "30 days overdue" in text


def test_plan_tab_query_count_constant(client_for, manager, partner, count_queries):
    client = client_for(manager)
    url = reverse("partners:partner-tab", args=[partner.slug, "plans"])

    def grow(n):
        for _ in range(n):
            plan = BusinessPlanFactory(partner=partner)
            PlanActionFactory.create_batch(2, plan=plan)
            review = ReviewFactory(partner=partner)
            review.our_attendees.add(manager)
            review.their_attendees.add(ContactFactory(partner=partner))

    grow(1)
    small = count_queries(client, url)
    grow(4)
    assert count_queries(client, url) == small


def test_review_pack_query_count_constant(client_for, manager, partner, count_queries):
    client = client_for(manager)
    url = reverse("performance:review-pack", args=[partner.slug])

    PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    small = count_queries(client, url)
    for _ in range(3):
        PlanActionFactory.create_batch(3, plan=BusinessPlanFactory(partner=partner))
    assert count_queries(client, url) == small


# --- portal --------------------------------------------------------------------------------


def test_portal_plans_lists_own_plans_and_shared_reviews(client_for, partner_member, partner,
                                                         other_partner):  # fmt: skip
    plan = BusinessPlanFactory(partner=partner, title="Our plan")
    BusinessPlanFactory(partner=partner, title="Draft only", status="draft")
    BusinessPlanFactory(partner=other_partner, title="Their secret plan")
    PlanActionFactory(plan=plan, title="Do the thing")
    ReviewFactory(partner=partner, shared_with_partner=True, outcomes="Shared outcome")
    ReviewFactory(partner=partner, shared_with_partner=False, outcomes="Internal outcome")
    text = page_text(client_for(partner_member).get(reverse("performance-portal:plan-list")))
    assert "Our plan" in text and "Do the thing" in text and "Shared outcome" in text
    assert "Their secret plan" not in text and "Internal outcome" not in text
    assert "Draft only" not in text


def test_portal_action_status_partner_side(client_for, partner_member, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    url = reverse("performance-portal:plan-action-status", args=[action.pk])
    response = client_for(partner_member).post(url, {"status": "done"})
    assert response.status_code == 302
    assert PlanAction.objects.get(pk=action.pk).status == "done"


def test_portal_action_status_refuses_vendor_side_403(client_for, partner_admin, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner), owner_side="vendor")
    url = reverse("performance-portal:plan-action-status", args=[action.pk])
    assert client_for(partner_admin).post(url, {"status": "done"}).status_code == 403
    assert PlanAction.objects.get(pk=action.pk).status == "open"


def test_portal_action_status_other_partner_404(client_for, outsider, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    url = reverse("performance-portal:plan-action-status", args=[action.pk])
    assert client_for(outsider).post(url, {"status": "done"}).status_code == 404
    assert PlanAction.objects.get(pk=action.pk).status == "open"


def test_portal_action_status_bad_value_422(client_for, partner_member, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    url = reverse("performance-portal:plan-action-status", args=[action.pk])
    response = client_for(partner_member).post(url, {"status": "finished"})
    assert response.status_code == 422 and "Select a valid choice" in page_text(response)


def test_portal_plans_access(client_for, manager, partner_member, partner):
    list_url = reverse("performance-portal:plan-list")
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    status_url = reverse("performance-portal:plan-action-status", args=[action.pk])
    assert client_for(manager).get(list_url).status_code == 403
    assert client_for(manager).post(status_url, {"status": "done"}).status_code == 403
    assert "/accounts/login/" in Client().get(list_url).url
    member = client_for(partner_member)
    assert member.post(list_url).status_code == 405
    assert member.get(status_url).status_code == 405


def test_portal_plans_query_count_constant(client_for, partner_member, partner, count_queries):
    client = client_for(partner_member)
    url = reverse("performance-portal:plan-list")

    PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    ReviewFactory(partner=partner, shared_with_partner=True)
    small = count_queries(client, url)
    for _ in range(3):
        PlanActionFactory.create_batch(2, plan=BusinessPlanFactory(partner=partner))
        ReviewFactory(partner=partner, shared_with_partner=True)
    assert count_queries(client, url) == small
