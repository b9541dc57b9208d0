"""Each event of performance notifies the right people only, through its own service: deals,
targets, plan actions, alerts, and the daily reminders (once per object and date)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from performance.models import Alert, AlertKind, PlanAction
from performance.notifications import reminders_send
from performance.services import deals as deal_services
from performance.services.alerts import alert_assign
from performance.services.plans import plan_action_create, plan_action_update
from performance.services.targets import target_accept, target_counter, target_propose
from performance.tasks import notify_reminders
from prm.models import Notification
from tests.factories import ContactFactory, MembershipFactory, UserFactory

from .deals_factories import DealRegistrationFactory, deal_fields
from .plans_factories import BusinessPlanFactory, PlanActionFactory, ReviewFactory
from .targets_factories import metric

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _recipients(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_deal_registered_tells_the_owner_and_emails_after_commit(
    partner, partner_member, partner_admin, manager, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        deal = deal_services.deal_submit(actor=partner_member, partner=partner, **deal_fields())
    assert _recipients("deal_registered") == {manager.username}
    row = Notification.objects.get(kind="deal_registered")
    assert row.url == f"/performance/deals/{deal.pk}/" and row.partner_label == partner.name
    assert row.object_label == "Globex Corporation · 120,000 USD"
    assert [message.to for message in mail.outbox] == [[manager.email]]


def test_deal_approved_and_rejected_tell_the_partners_users_only(
    partner, partner_member, partner_admin, manager, outsider
):
    first = DealRegistrationFactory(partner=partner)
    deal_services.deal_approve(actor=manager, deal=first)
    assert _recipients("deal_approved") == {partner_member.username, partner_admin.username}
    assert Notification.objects.filter(kind="deal_approved").first().url == (
        f"/portal/performance/deals/{first.pk}/"
    )
    second = DealRegistrationFactory(partner=partner)
    deal_services.deal_reject(actor=manager, deal=second, reason="Already ours.")
    assert _recipients("deal_rejected") == {partner_member.username, partner_admin.username}
    assert "Already ours." in Notification.objects.filter(kind="deal_rejected").first().object_label
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_targets_go_to_the_other_side_and_agreement_to_both(
    partner, partner_admin, manager, outsider
):
    target = target_propose(actor=manager, partner=partner, metric=metric(), year=2026,
                            quarter=1, value=1000)  # fmt: skip
    assert _recipients("target_proposed") == {partner_admin.username}
    target_counter(actor=partner_admin, target=target, value=Decimal("800"))
    assert _recipients("target_countered") == {manager.username}
    assert Notification.objects.get(kind="target_countered").url == (
        f"/partners/{partner.slug}/tab/targets/"
    )
    target_accept(actor=manager, target=target)
    # Both sides but the one who accepted.
    assert _recipients("target_agreed") == {partner_admin.username}
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_plan_action_assigned_on_create_and_on_owner_change(
    partner, partner_member, manager, other_manager
):
    plan = BusinessPlanFactory(partner=partner)
    contact = ContactFactory(partner=partner)
    MembershipFactory(partner=partner, user=UserFactory(username="pm-bound", role="partner_user"),
                      contact=contact)  # fmt: skip
    action = plan_action_create(actor=manager, plan=plan, title="Run a webinar",
                                owner_side="partner", owner_contact=contact)  # fmt: skip
    assert _recipients("plan_action_assigned") == {"pm-bound"}
    plan_action_update(actor=manager, action=action, title="Run two webinars")
    assert Notification.objects.filter(kind="plan_action_assigned").count() == 1
    plan_action_update(actor=manager, action=action, owner_side="vendor", owner_contact=None,
                       owner_user=other_manager)  # fmt: skip
    assert _recipients("plan_action_assigned") == {"pm-bound", other_manager.username}


def test_alert_assigned_tells_the_assignee(partner, manager, other_manager):
    alert = Alert.objects.create(partner=partner, kind=AlertKind.NO_CHAMPION,
                                 message="No champion named.", raised_on=TODAY(),
                                 last_seen_on=TODAY(), fix="relationships")  # fmt: skip
    alert_assign(actor=manager, alert=alert, assignee=other_manager)
    alert_assign(actor=manager, alert=alert, assignee=other_manager)  # no change: no news
    assert _recipients("alert_assigned") == {other_manager.username}
    assert Notification.objects.get(kind="alert_assigned").url == alert.get_absolute_url()


def test_daily_reminders_are_sent_once_per_object_and_date(partner, partner_member, manager):
    today = TODAY()
    for days in (3, 40):
        DealRegistrationFactory(partner=partner, status="approved", decided_by=manager,
                                decided_at=timezone.now(),
                                protection_until=today + datetime.timedelta(days=days))  # fmt: skip
    PlanActionFactory(plan=BusinessPlanFactory(partner=partner), owner_side="vendor",
                      owner_user=manager, due=today - datetime.timedelta(days=2))  # fmt: skip
    PlanActionFactory(plan=BusinessPlanFactory(partner=partner), owner_side="vendor",
                      owner_user=manager, due=today - datetime.timedelta(days=2),
                      status=PlanAction.Status.DONE)  # fmt: skip
    older = ReviewFactory(partner=partner, held_on=today - datetime.timedelta(days=80),
                          next_review_on=today + datetime.timedelta(days=2))  # fmt: skip
    ReviewFactory(partner=partner, held_on=today - datetime.timedelta(days=70),
                  next_review_on=today + datetime.timedelta(days=5))  # fmt: skip
    sent = notify_reminders.apply().get()
    assert sent == {"deal_protection_expiring": 2, "plan_action_overdue": 1, "review_due": 1}
    assert _recipients("deal_protection_expiring") == {partner_member.username, manager.username}
    assert not Notification.objects.filter(dedupe_key__startswith=f"review:{older.pk}:").exists()
    assert reminders_send(today=today) == {
        "deal_protection_expiring": 0, "plan_action_overdue": 0, "review_due": 0,
    }  # fmt: skip
