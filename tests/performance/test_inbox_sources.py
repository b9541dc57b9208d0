"""Performance's inbox sources on hand-built rows: each item appears while it waits and goes
when it is done; "mine" is the user's partners (and what is assigned to them), "team" all."""

import datetime

import pytest
from django.utils import timezone

from performance.models import Alert, AlertKind, AlertStatus, DealStatus, PlanAction
from performance.services import deals as deal_services
from performance.services import targets as target_services
from prm import inbox
from tests.factories import PartnerFactory, ProgramTierFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.plans_factories import BusinessPlanFactory, PlanActionFactory, ReviewFactory
from tests.performance.targets_factories import metric

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def waiting(user, kind, scope="mine", audience="staff"):
    gathered = inbox.gather(user=user, audience=audience, scope=scope, kinds=[kind], limit=100)
    items = [item for item in gathered.items if item.kind == kind]
    assert gathered.counts[kind] == len(items)
    return items


def test_deal_to_decide_appears_when_submitted_and_goes_when_decided(manager, partner):
    deal = DealRegistrationFactory(partner=partner, customer_name="Initech")
    [item] = waiting(manager, "deals")
    assert (item.partner, item.action) == ("Acme Systems", "Decide")
    assert item.what.startswith("Initech, 25,000 EUR")
    assert item.link.url == f"/performance/deals/{deal.pk}/"
    deal_services.deal_approve(actor=manager, deal=deal)
    assert waiting(manager, "deals") == []


def test_deals_mine_versus_team(manager, other_manager, partner):
    DealRegistrationFactory(partner=partner)
    theirs = DealRegistrationFactory(partner=PartnerFactory(owner=other_manager))
    DealRegistrationFactory(partner=partner, status=DealStatus.REJECTED, decided_by=manager,
                            decided_at=timezone.now(), rejection_reason="Duplicate")  # fmt: skip
    assert len(waiting(manager, "deals")) == 1
    assert [item.pk for item in waiting(other_manager, "deals")] == [theirs.pk]
    assert len(waiting(manager, "deals", scope="team")) == 2


def _propose(actor, partner, value=1000):
    return target_services.target_propose(
        actor=actor, partner=partner, metric=metric(), year=2026, quarter=2, value=value
    )


def test_target_proposal_waits_for_the_side_whose_turn_it_is(
    manager, partner, partner_admin, outsider
):
    target = _propose(partner_admin, partner)
    [item] = waiting(manager, "targets")
    assert "the partner proposed 1,000" in item.what and item.action == "Answer"
    assert item.link.url == f"/partners/acme-systems/tab/targets/#target-{target.pk}"
    assert waiting(partner_admin, "portal-targets", audience="portal") == []
    target_services.target_counter(actor=manager, target=target, value=1500)
    assert waiting(manager, "targets") == []
    [mine] = waiting(partner_admin, "portal-targets", audience="portal")
    assert "we countered with 1,500" in mine.what
    assert waiting(outsider, "portal-targets", audience="portal") == []
    target_services.target_accept(actor=partner_admin, target=target)
    assert waiting(partner_admin, "portal-targets", audience="portal") == []


def test_plan_actions_due_are_ours_mine_and_within_a_week(manager, other_manager, partner):
    plan = BusinessPlanFactory(partner=partner)
    soon = PlanActionFactory(plan=plan, owner_side="vendor", owner_name="", owner_user=manager,
                             due=TODAY + datetime.timedelta(days=3))  # fmt: skip
    late = PlanActionFactory(plan=plan, owner_side="vendor", owner_name="", owner_user=None,
                             due=TODAY - datetime.timedelta(days=4))  # fmt: skip
    PlanActionFactory(plan=plan, owner_side="vendor", due=TODAY + datetime.timedelta(days=30))
    PlanActionFactory(plan=plan, owner_side="partner", due=TODAY)  # theirs
    PlanActionFactory(plan=plan, owner_side="vendor", owner_user=other_manager, owner_name="",
                      due=TODAY)  # fmt: skip
    items = waiting(manager, "plan-actions")
    assert [item.pk for item in items] == [late.pk, soon.pk]  # overdue first
    assert items[0].due == late.due and items[0].link.fragment == f"action-{late.pk}"
    assert len(waiting(manager, "plan-actions", scope="team")) == 3
    late.status = PlanAction.Status.DONE
    late.save()
    assert [item.pk for item in waiting(manager, "plan-actions")] == [soon.pk]


def test_portal_plan_actions_are_their_side_of_their_active_plans(
    partner, partner_member, outsider, other_partner
):
    plan = BusinessPlanFactory(partner=partner)
    action = PlanActionFactory(plan=plan, due=TODAY + datetime.timedelta(days=1))
    PlanActionFactory(plan=BusinessPlanFactory(partner=partner, status="draft"), due=TODAY)
    PlanActionFactory(plan=BusinessPlanFactory(partner=other_partner), due=TODAY)
    [item] = waiting(partner_member, "portal-plan-actions", audience="portal")
    assert item.pk == action.pk
    assert item.link.url == f"/portal/performance/plans/#action-{action.pk}"
    assert len(waiting(outsider, "portal-plan-actions", audience="portal")) == 1  # their own


def test_review_due_by_the_tiers_cadence(manager, partner):
    partner.tier = ProgramTierFactory(review_cadence_days=30)
    partner.save()
    review = ReviewFactory(partner=partner, held_on=TODAY - datetime.timedelta(days=40))
    [item] = waiting(manager, "reviews")
    assert item.due == TODAY - datetime.timedelta(days=10)
    assert item.what.startswith("Last review") and "Every 30 days" in item.detail
    ReviewFactory(partner=partner, held_on=TODAY)  # reviewed: next one in 30 days
    assert waiting(manager, "reviews") == []
    review.delete()
    partner.status = "exited"
    partner.save()
    assert waiting(manager, "reviews", scope="team") == []


def test_never_reviewed_partner_is_due_from_joining(manager, partner):
    partner.joined_on = TODAY - datetime.timedelta(days=100)
    partner.save()
    [item] = waiting(manager, "reviews")
    assert item.what == "Never reviewed" and item.due == partner.joined_on
    partner.status = "prospect"
    partner.save()
    assert waiting(manager, "reviews") == []


def _alert(partner, **fields):
    values = {"kind": AlertKind.NO_CHAMPION, "message": "No champion named.", "raised_on": TODAY,
              "last_seen_on": TODAY, "fix": "relationships"} | fields  # fmt: skip
    return Alert.objects.create(partner=partner, **values)


def test_alerts_assigned_to_me_or_unassigned_on_my_partners(manager, other_manager, partner):
    mine = _alert(partner)
    assigned = _alert(PartnerFactory(owner=other_manager), assigned_to=manager)
    _alert(partner, kind=AlertKind.SINGLE_THREADED, assigned_to=other_manager)
    _alert(partner, kind=AlertKind.REVIEW_OVERDUE)  # listed as a review due instead
    items = waiting(manager, "alerts")
    assert {item.pk for item in items} == {mine.pk, assigned.pk}
    assert items[0].link.url.startswith("/performance/alerts/?partner=")
    mine.status = AlertStatus.RESOLVED
    mine.resolved_on = TODAY
    mine.save()
    assert [item.pk for item in waiting(manager, "alerts")] == [assigned.pk]
    assert len(waiting(other_manager, "alerts", scope="team")) == 2


def test_portal_deal_decisions_of_the_last_month_only_their_own(
    manager, partner, partner_admin, outsider, other_partner
):
    deal = DealRegistrationFactory(partner=partner)
    DealRegistrationFactory(partner=other_partner)
    assert waiting(partner_admin, "portal-deals", audience="portal") == []
    deal_services.deal_reject(actor=manager, deal=deal, reason="Customer already ours")
    [item] = waiting(partner_admin, "portal-deals", audience="portal")
    assert item.what.endswith(": rejected") and "Customer already ours" in item.detail
    assert item.link.url == f"/portal/performance/deals/{deal.pk}/"
    assert waiting(outsider, "portal-deals", audience="portal") == []
    type(deal).objects.filter(pk=deal.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert waiting(partner_admin, "portal-deals", audience="portal") == []
