"""`/api/v1/business-plans/`, `/api/v1/plan-actions/`, `/api/v1/reviews/`: staff CRUD through the
services; partner users read their own partner's (non-draft plans, shared reviews) and may only
PATCH the status of their own side's actions."""

import datetime

import pytest

from performance.models import BusinessPlan, PlanAction, Review
from tests.factories import ContactFactory, PartnerFactory

from .plans_factories import BusinessPlanFactory, PlanActionFactory, ReviewFactory

pytestmark = pytest.mark.django_db

PLANS = "/api/v1/business-plans/"
ACTIONS = "/api/v1/plan-actions/"
REVIEWS = "/api/v1/reviews/"
TODAY = datetime.date.today()


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [PLANS, ACTIONS, REVIEWS])
def test_plans_api_anonymous_is_refused(api_for, url):
    assert api_for().get(url).status_code in (401, 403)


@pytest.mark.parametrize("url", [PLANS, REVIEWS])
def test_plans_api_partner_user_cannot_write(api_for, partner_admin, partner, url):
    plan = BusinessPlanFactory(partner=partner)
    review = ReviewFactory(partner=partner, shared_with_partner=True)
    obj = plan if url == PLANS else review
    api = api_for(partner_admin)
    assert api.post(url, {"partner": partner.pk}, format="json").status_code == 403
    assert api.patch(f"{url}{obj.pk}/", {"title": "x"}, format="json").status_code == 403
    assert api.delete(f"{url}{obj.pk}/").status_code == 403


def test_plans_api_wrong_method_is_405(api_for, manager):
    plan = BusinessPlanFactory()
    api = api_for(manager)
    assert api.put(PLANS, {}, format="json").status_code == 405
    assert api.post(f"{PLANS}{plan.pk}/", {}, format="json").status_code == 405
    assert api.delete(ACTIONS).status_code == 405
    assert api.patch(REVIEWS, {}, format="json").status_code == 405


# --- business plans ----------------------------------------------------------------------------


def test_plans_api_staff_lists_filters_and_shows_progress(api_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner, year=2026, quarter=2)
    other = BusinessPlanFactory(year=2025, status=BusinessPlan.Status.DRAFT)
    PlanActionFactory(plan=plan, status=PlanAction.Status.DONE)
    PlanActionFactory(plan=plan)
    PlanActionFactory(plan=plan, status=PlanAction.Status.CANCELLED)
    api = api_for(manager)
    assert ids(api.get(PLANS)) == {plan.pk, other.pk}
    assert ids(api.get(PLANS, {"partner": partner.pk})) == {plan.pk}
    assert ids(api.get(PLANS, {"status": "draft"})) == {other.pk}
    row = api.get(f"{PLANS}{plan.pk}/").json()
    assert row["progress"] == 50 and row["period"] == "Q2 2026"


def test_plans_api_staff_creates_updates_deletes(api_for, manager, partner):
    api = api_for(manager)
    payload = {"partner": partner.pk, "year": 2026, "quarter": 3, "title": "Grow EMEA"}
    response = api.post(PLANS, payload, format="json")
    assert response.status_code == 201, response.json()
    plan = BusinessPlan.objects.get()
    assert plan.title == "Grow EMEA" and plan.status == BusinessPlan.Status.DRAFT
    response = api.patch(f"{PLANS}{plan.pk}/", {"status": "active"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "active"
    assert api.delete(f"{PLANS}{plan.pk}/").status_code == 204
    assert not BusinessPlan.objects.exists()


def test_plans_api_duplicate_period_is_400_at_quarter(api_for, manager, partner):
    BusinessPlanFactory(partner=partner, year=2026, quarter=1)
    payload = {"partner": partner.pk, "year": 2026, "quarter": 1, "title": "Again"}
    response = api_for(manager).post(PLANS, payload, format="json")
    assert response.status_code == 400 and "quarter" in response.json()
    assert BusinessPlan.objects.count() == 1


def test_plans_api_partner_cannot_be_changed(api_for, manager, partner, other_partner):
    plan = BusinessPlanFactory(partner=partner)
    response = api_for(manager).patch(
        f"{PLANS}{plan.pk}/", {"partner": other_partner.pk}, format="json"
    )
    assert response.status_code == 400 and "partner" in response.json()


def test_plans_api_partner_user_sees_own_non_draft_plans(
    api_for, partner_member, partner, other_partner
):
    active = BusinessPlanFactory(partner=partner)
    draft = BusinessPlanFactory(partner=partner, status=BusinessPlan.Status.DRAFT)
    theirs = BusinessPlanFactory(partner=other_partner)
    api = api_for(partner_member)
    assert ids(api.get(PLANS)) == {active.pk}
    assert api.get(f"{PLANS}{draft.pk}/").status_code == 404
    assert api.get(f"{PLANS}{theirs.pk}/").status_code == 404


# --- plan actions ------------------------------------------------------------------------------


def test_plans_api_staff_creates_action_with_errors_at_field(api_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner)
    api = api_for(manager)
    payload = {"plan": plan.pk, "title": "Train 5 engineers", "owner_side": "partner"}
    response = api.post(ACTIONS, payload, format="json")
    assert response.status_code == 400 and "owner_name" in response.json()
    contact = ContactFactory(partner=partner)
    response = api.post(ACTIONS, payload | {"owner_contact": contact.pk}, format="json")
    assert response.status_code == 201, response.json()
    action = PlanAction.objects.get()
    assert action.owner_contact == contact
    stranger = ContactFactory(partner=PartnerFactory())
    response = api.patch(f"{ACTIONS}{action.pk}/", {"owner_contact": stranger.pk}, format="json")
    assert response.status_code == 400 and "owner_contact" in response.json()
    action.refresh_from_db()
    assert action.owner_contact == contact
    assert api.delete(f"{ACTIONS}{action.pk}/").status_code == 204
    assert not PlanAction.objects.exists()


def test_plans_api_actions_filter_by_plan_and_partner(api_for, manager, partner):
    plan = BusinessPlanFactory(partner=partner)
    ours = PlanActionFactory(plan=plan)
    other = PlanActionFactory()
    api = api_for(manager)
    assert ids(api.get(ACTIONS)) == {ours.pk, other.pk}
    assert ids(api.get(ACTIONS, {"plan": plan.pk})) == {ours.pk}
    assert ids(api.get(ACTIONS, {"partner": partner.pk})) == {ours.pk}
    assert ids(api.get(ACTIONS, {"partner": other.plan.partner_id})) == {other.pk}


def test_plans_api_partner_user_patches_status_of_own_side(api_for, partner_member, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner))
    response = api_for(partner_member).patch(
        f"{ACTIONS}{action.pk}/", {"status": "done"}, format="json"
    )
    assert response.status_code == 200, response.json()
    action.refresh_from_db()
    assert action.status == PlanAction.Status.DONE


def test_plans_api_partner_user_cannot_touch_other_actions(
    api_for, partner_member, partner, other_partner
):
    plan = BusinessPlanFactory(partner=partner)
    vendor_side = PlanActionFactory(plan=plan, owner_side=PlanAction.Side.VENDOR)
    own = PlanActionFactory(plan=plan)
    theirs = PlanActionFactory(plan=BusinessPlanFactory(partner=other_partner))
    draft = PlanActionFactory(
        plan=BusinessPlanFactory(partner=partner, status=BusinessPlan.Status.DRAFT)
    )
    api = api_for(partner_member)
    assert ids(api.get(ACTIONS)) == {vendor_side.pk, own.pk}
    done = {"status": "done"}
    assert api.patch(f"{ACTIONS}{vendor_side.pk}/", done, format="json").status_code == 403
    assert api.patch(f"{ACTIONS}{theirs.pk}/", done, format="json").status_code == 404
    assert api.patch(f"{ACTIONS}{draft.pk}/", done, format="json").status_code == 404
    response = api.patch(f"{ACTIONS}{own.pk}/", {"title": "Mine now"}, format="json")
    assert response.status_code == 403
    response = api.patch(f"{ACTIONS}{own.pk}/", done | {"due": "2030-01-01"}, format="json")
    assert response.status_code == 403
    assert api.put(f"{ACTIONS}{own.pk}/", done, format="json").status_code == 403
    assert api.delete(f"{ACTIONS}{own.pk}/").status_code == 403
    payload = {"plan": plan.pk, "title": "x", "owner_side": "partner", "owner_name": "Me"}
    assert api.post(ACTIONS, payload, format="json").status_code == 403
    response = api.patch(f"{ACTIONS}{own.pk}/", {"status": "finished"}, format="json")
    assert response.status_code == 400 and "status" in response.json()
    assert set(PlanAction.objects.values_list("status", flat=True)) == {"open"}


# --- reviews -----------------------------------------------------------------------------------


def test_plans_api_staff_logs_review_with_attendees(api_for, manager, partner):
    contact = ContactFactory(partner=partner)
    payload = {"partner": partner.pk, "kind": "qbr", "held_on": TODAY.isoformat(),
               "our_attendees": [manager.pk], "their_attendees": [contact.pk],
               "outcomes": "Agreed on two campaigns"}  # fmt: skip
    api = api_for(manager)
    response = api.post(REVIEWS, payload, format="json")
    assert response.status_code == 201, response.json()
    review = Review.objects.get()
    assert list(review.their_attendees.all()) == [contact]
    response = api.patch(f"{REVIEWS}{review.pk}/", {"shared_with_partner": True}, format="json")
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.shared_with_partner and list(review.our_attendees.all()) == [manager]
    assert ids(api.get(REVIEWS, {"kind": "qbr", "partner": partner.pk})) == {review.pk}
    assert ids(api.get(REVIEWS, {"kind": "plan"})) == set()
    assert api.delete(f"{REVIEWS}{review.pk}/").status_code == 204


def test_plans_api_review_bad_input_is_400_at_field(api_for, manager, partner, other_partner):
    api = api_for(manager)
    future = {"partner": partner.pk, "kind": "qbr",
              "held_on": (TODAY + datetime.timedelta(days=3)).isoformat()}  # fmt: skip
    response = api.post(REVIEWS, future, format="json")
    assert response.status_code == 400 and "held_on" in response.json()
    stranger = ContactFactory(partner=other_partner)
    payload = {"partner": partner.pk, "kind": "qbr", "held_on": TODAY.isoformat(),
               "their_attendees": [stranger.pk]}  # fmt: skip
    response = api.post(REVIEWS, payload, format="json")
    assert response.status_code == 400 and "their_attendees" in response.json()
    assert not Review.objects.exists()


def test_plans_api_partner_user_sees_only_shared_own_reviews(
    api_for, partner_member, partner, other_partner, manager
):
    shared = ReviewFactory(partner=partner, shared_with_partner=True)
    shared.our_attendees.set([manager])
    internal = ReviewFactory(partner=partner)
    theirs = ReviewFactory(partner=other_partner, shared_with_partner=True)
    api = api_for(partner_member)
    assert ids(api.get(REVIEWS)) == {shared.pk}
    assert api.get(f"{REVIEWS}{internal.pk}/").status_code == 404
    assert api.get(f"{REVIEWS}{theirs.pk}/").status_code == 404
    row = api.get(f"{REVIEWS}{shared.pk}/").json()
    assert "shared_with_partner" not in row
    assert row["our_attendees"] == [manager.get_full_name() or manager.username]


# --- query counts ------------------------------------------------------------------------------


def _seed(partner, size):
    contacts = [ContactFactory(partner=partner) for _ in range(2)]
    for n in range(size):
        plan = BusinessPlanFactory(partner=partner, year=2001 + n)
        PlanActionFactory(plan=plan, owner_contact=contacts[0])
        PlanActionFactory(plan=plan, status=PlanAction.Status.DONE)
        review = ReviewFactory(partner=partner, shared_with_partner=True)
        review.their_attendees.set(contacts)


@pytest.mark.parametrize("url", [PLANS, ACTIONS, REVIEWS])
@pytest.mark.parametrize("who", ["manager", "partner_member"])
def test_plans_api_list_query_count_is_constant(request, api_for, partner, url, who, count_queries):
    api = api_for(request.getfixturevalue(who))
    _seed(partner, 2)
    small = count_queries(api, url)
    _seed(PartnerFactory() if who == "manager" else partner, 0)
    for n in range(8):
        plan = BusinessPlanFactory(partner=partner, year=2050 + n)
        PlanActionFactory(plan=plan, owner_contact=ContactFactory(partner=partner))
        review = ReviewFactory(partner=partner, shared_with_partner=True)
        review.their_attendees.set([ContactFactory(partner=partner)])
        review.our_attendees.set([request.getfixturevalue("manager")])
    assert count_queries(api, url) == small
