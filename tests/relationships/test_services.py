import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from relationships import services
from relationships.models import EngagementAction, Stakeholder, Stance, Strategy
from tests.factories import (
    ContactFactory,
    EngagementActionFactory,
    RelationshipPlanFactory,
    StakeholderFactory,
)

TODAY = datetime.date.today()


@pytest.mark.parametrize(
    ("stance", "strategy"),
    [
        (Stance.SUPPORTER, Strategy.LEVERAGE),
        (Stance.NEUTRAL, Strategy.MOTIVATE),
        (Stance.NON_SUPPORTER, Strategy.NEUTRALIZE),
    ],
)
def test_stakeholder_strategy_follows_the_stance(db, stance, strategy):
    stakeholder = StakeholderFactory(stance=stance)
    assert stakeholder.strategy == strategy
    assert stakeholder.strategy_meaning


def test_stakeholder_create_records_the_analysis_and_owners(manager, partner):
    contact = ContactFactory(partner=partner)
    stakeholder = services.stakeholder_create(
        actor=manager, contact=contact, owners=[manager], influence=5, stance="supporter"
    )
    assert stakeholder.partner_id == partner.pk
    assert list(stakeholder.owners.all()) == [manager]
    assert stakeholder.get_strategy_display() == "Leverage"


def test_stakeholder_create_refuses_partner_users_and_second_analysis(partner_admin, manager):
    contact = ContactFactory(partner=partner_admin.partner_membership.partner)
    with pytest.raises(PermissionDenied):
        services.stakeholder_create(actor=partner_admin, contact=contact)
    services.stakeholder_create(actor=manager, contact=contact)
    with pytest.raises(ValidationError):
        services.stakeholder_create(actor=manager, contact=contact)


def test_stakeholder_update_refuses_influence_out_of_range(manager):
    stakeholder = StakeholderFactory()
    with pytest.raises(ValidationError) as error:
        services.stakeholder_update(actor=manager, stakeholder=stakeholder, influence=7)
    assert "influence" in error.value.message_dict
    stakeholder.refresh_from_db()
    assert stakeholder.influence == 3


def test_champion_designate_replaces_the_previous_champion(manager, partner):
    first = StakeholderFactory(contact__partner=partner)
    second = StakeholderFactory(contact__partner=partner)
    services.champion_designate(actor=manager, stakeholder=first, reason="Opens every door")
    services.champion_designate(actor=manager, stakeholder=second, reason="Owns the budget")
    first.refresh_from_db()
    assert not first.is_champion and first.champion_reason == ""
    assert Stakeholder.objects.get(is_champion=True, partner=partner) == second


def test_champion_designate_needs_a_reason(manager):
    stakeholder = StakeholderFactory()
    with pytest.raises(ValidationError) as error:
        services.champion_designate(actor=manager, stakeholder=stakeholder, reason="  ")
    assert "champion_reason" in error.value.message_dict


def test_database_allows_one_champion_per_partner(partner):
    StakeholderFactory(contact__partner=partner, is_champion=True, champion_reason="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderFactory(contact__partner=partner, is_champion=True, champion_reason="y")


def test_database_requires_a_reason_for_a_champion(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        StakeholderFactory(is_champion=True, champion_reason="")


def test_plan_create_refuses_related_people_of_another_partner(manager, partner, other_partner):
    stakeholder = StakeholderFactory(contact__partner=partner)
    stranger = StakeholderFactory(contact__partner=other_partner)
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            actor=manager,
            stakeholder=stakeholder,
            related_stakeholders=[stranger],
            position_and_responsibilities="CFO",
            owner=manager,
            review_on=TODAY,
        )
    assert "related_stakeholders" in error.value.message_dict


def test_plan_create_refuses_a_second_plan(manager):
    plan = RelationshipPlanFactory(owner=manager)
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=manager,
            stakeholder=plan.stakeholder,
            position_and_responsibilities="CFO",
            owner=manager,
            review_on=TODAY,
        )


def test_interaction_log_keeps_last_interaction_date(manager, partner):
    stakeholder = StakeholderFactory(contact__partner=partner)
    older = TODAY - datetime.timedelta(days=40)
    services.interaction_log(
        actor=manager, partner=partner, stakeholders=[stakeholder], occurred_on=TODAY,
        channel="call",
    )  # fmt: skip
    services.interaction_log(
        actor=manager, partner=partner, stakeholders=[stakeholder], occurred_on=older,
        channel="email",
    )  # fmt: skip
    stakeholder.refresh_from_db()
    assert stakeholder.last_interaction_on == TODAY


def test_interaction_delete_recomputes_last_interaction_date(manager, partner):
    stakeholder = StakeholderFactory(contact__partner=partner)
    older = TODAY - datetime.timedelta(days=3)
    services.interaction_log(
        actor=manager, partner=partner, stakeholders=[stakeholder], occurred_on=older,
        channel="call",
    )  # fmt: skip
    latest = services.interaction_log(
        actor=manager, partner=partner, stakeholders=[stakeholder], occurred_on=TODAY,
        channel="call",
    )  # fmt: skip
    services.interaction_delete(actor=manager, interaction=latest)
    stakeholder.refresh_from_db()
    assert stakeholder.last_interaction_on == older


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"occurred_on": TODAY + datetime.timedelta(days=1)}, "occurred_on"),
        ({"stakeholders": []}, "stakeholders"),
        ({"channel": "carrier-pigeon"}, "channel"),
    ],
)
def test_interaction_log_refuses_bad_input_at_the_field(manager, partner, kwargs, field):
    stakeholder = StakeholderFactory(contact__partner=partner)
    arguments = {"stakeholders": [stakeholder], "occurred_on": TODAY, "channel": "call"}
    arguments.update(kwargs)
    with pytest.raises(ValidationError) as error:
        services.interaction_log(actor=manager, partner=partner, **arguments)
    assert field in error.value.message_dict
    assert not partner.interactions.exists()


def test_interaction_log_refuses_another_partners_stakeholder(manager, partner, other_partner):
    stranger = StakeholderFactory(contact__partner=other_partner)
    with pytest.raises(ValidationError) as error:
        services.interaction_log(
            actor=manager, partner=partner, stakeholders=[stranger], occurred_on=TODAY,
            channel="call",
        )  # fmt: skip
    assert "stakeholders" in error.value.message_dict


def test_action_update_sets_and_clears_completion_date(manager):
    action = EngagementActionFactory(owner=manager)
    services.action_update(actor=manager, action=action, status=EngagementAction.Status.DONE)
    assert action.completed_on == TODAY
    services.action_update(actor=manager, action=action, status=EngagementAction.Status.PLANNED)
    assert action.completed_on is None


def test_objective_create_refuses_another_partners_stakeholder(manager, partner, other_partner):
    stranger = StakeholderFactory(contact__partner=other_partner)
    with pytest.raises(ValidationError):
        services.objective_create(
            actor=manager, partner=partner, title="Win the CFO", stakeholder=stranger,
            due_on=TODAY, owner=manager,
        )  # fmt: skip


def test_every_write_refuses_partner_users(partner_admin, partner):
    stakeholder = StakeholderFactory(contact__partner=partner)
    with pytest.raises(PermissionDenied):
        services.stakeholder_update(actor=partner_admin, stakeholder=stakeholder, influence=5)
    with pytest.raises(PermissionDenied):
        services.champion_designate(actor=partner_admin, stakeholder=stakeholder, reason="x")
    with pytest.raises(PermissionDenied):
        services.interaction_log(
            actor=partner_admin, partner=partner, stakeholders=[stakeholder],
            occurred_on=TODAY, channel="call",
        )  # fmt: skip
