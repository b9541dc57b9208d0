import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from planning.models import ChannelProcess, OperationsAssessment, ProcessRating
from planning.selectors import maturity as selectors
from planning.services.maturity import assessment_create, rating_action_complete
from prm.notifications.models import Notification

from .maturity_helpers import assess, ratings

TODAY = datetime.date.today()


@pytest.mark.django_db
def test_migration_seeds_eight_processes_with_every_level_described():
    processes = list(ChannelProcess.objects.all())
    assert [p.key for p in processes] == [
        "recruitment", "onboarding", "enablement", "joint-business-planning", "incentives",
        "lead-management", "performance-review", "relationship-management",
    ]  # fmt: skip
    for process in processes:
        texts = [text for _value, _label, text in process.levels]
        assert len(texts) == 5 and all(len(text) > 30 for text in texts)
        assert len(set(texts)) == 5


def test_assessment_create_saves_every_rating(manager):
    assessment = assess(manager, levels={"recruitment": 1})
    assert assessment.ratings.count() == 8
    assert assessment.ratings.get(process__key="recruitment").level == 1
    assert assessment.assessed_by == manager


def test_assessment_create_refuses_partner_users(partner_member):
    with pytest.raises(PermissionDenied):
        assess(partner_member)


def test_assessment_create_saves_nothing_on_one_bad_rating(manager):
    rows = ratings()
    rows[-1]["evidence"] = ""
    rows[0] |= {"action": "Write a partner profile", "action_owner": None, "action_due": None}
    with pytest.raises(ValidationError) as error:
        assessment_create(actor=manager, assessed_on=TODAY, ratings=rows)
    assert set(error.value.message_dict) == {
        "relationship-management__evidence",
        "recruitment__action_owner",
        "recruitment__action_due",
    }
    assert not OperationsAssessment.objects.exists() and not ProcessRating.objects.exists()


def test_assessment_create_needs_every_process_once(manager):
    rows = ratings()
    with pytest.raises(ValidationError) as error:
        assessment_create(actor=manager, assessed_on=TODAY, ratings=rows[:-1])
    assert "Relationship management" in str(error.value.message_dict["ratings"])
    with pytest.raises(ValidationError) as error:
        assessment_create(actor=manager, assessed_on=TODAY, ratings=[*rows, rows[0]])
    assert "recruitment__process" in error.value.message_dict


def test_action_owner_must_be_staff_and_due_after_the_assessment(manager, partner_member):
    rows = ratings(onboarding={"action": "Onboarding plan", "action_owner": partner_member,
                               "action_due": TODAY - datetime.timedelta(days=1)})  # fmt: skip
    with pytest.raises(ValidationError) as error:
        assessment_create(actor=manager, assessed_on=TODAY, ratings=rows)
    assert set(error.value.message_dict) == {"onboarding__action_owner", "onboarding__action_due"}


def test_future_assessment_refused(manager):
    with pytest.raises(ValidationError) as error:
        assess(manager, days_ago=-2)
    assert "assessed_on" in error.value.message_dict


def test_owner_is_notified_of_an_assigned_action(manager, other_manager):
    due = TODAY + datetime.timedelta(days=14)
    assessment = assess(
        manager,
        onboarding={
            "action": "Measure time to first deal",
            "action_owner": other_manager,
            "action_due": due,
        },
    )
    note = Notification.objects.get(recipient=other_manager, kind="maturity_action_assigned")
    rating = assessment.ratings.get(process__key="onboarding")
    assert note.url == rating.get_absolute_url()
    assert not Notification.objects.filter(recipient=manager).exists()


def test_action_shows_in_the_owners_inbox_until_done(manager, other_manager):
    assessment = assess(manager, onboarding={
        "action": "Measure time to first deal", "action_owner": other_manager,
        "action_due": TODAY + datetime.timedelta(days=3)})  # fmt: skip
    mine = selectors.actions_due(user=other_manager, scope="mine", today=TODAY, limit=5)
    assert mine.count == 1 and mine.items[0].what == "Measure time to first deal"
    assert selectors.actions_due(user=manager, scope="mine", today=TODAY, limit=5).count == 0
    assert selectors.actions_due(user=manager, scope="team", today=TODAY, limit=5).count == 1
    rating_action_complete(actor=other_manager, rating=assessment.ratings.get(action__gt=""))
    assert selectors.actions_due(user=other_manager, scope="mine", today=TODAY, limit=5).count == 0


def test_action_complete_refuses_a_rating_without_action(manager):
    rating = assess(manager).ratings.first()
    with pytest.raises(ValidationError):
        rating_action_complete(actor=manager, rating=rating)


@pytest.mark.django_db
@pytest.mark.parametrize("fields", [
    {"level": 6},
    {"level": 0},
    {"evidence": ""},
    {"action": "Do it", "action_owner": None, "action_due": None},
    {"action": "", "action_due": TODAY},
    {"action": "", "action_done_on": TODAY},
])  # fmt: skip
def test_constraints_hold_in_the_database(manager, fields):
    assessment = OperationsAssessment.objects.create(assessed_on=TODAY, assessed_by=manager)
    process = ChannelProcess.objects.first()
    values = {"assessment": assessment, "process": process, "level": 3, "evidence": "x"} | fields
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessRating.objects.create(**values)


@pytest.mark.django_db
def test_one_rating_per_process_in_the_database(manager):
    assessment = OperationsAssessment.objects.create(assessed_on=TODAY, assessed_by=manager)
    process = ChannelProcess.objects.first()
    ProcessRating.objects.create(assessment=assessment, process=process, level=2, evidence="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessRating.objects.create(assessment=assessment, process=process, level=3, evidence="y")


def test_history_keeps_every_assessment_newest_first(manager):
    oldest = assess(manager, days_ago=400, default=2)
    middle = assess(manager, days_ago=200, default=3)
    newest = assess(manager, days_ago=10, default=4)
    history = list(selectors.assessment_history())
    assert history == [newest, middle, oldest]
    assert history[0].average_level == 4 and history[0].rating_count == 8
    latest, previous = selectors.latest_two()
    assert (latest, previous) == (newest, middle)


def test_comparison_orders_drops_first_then_lowest_then_name(manager):
    assess(manager, days_ago=90, default=3, levels={"recruitment": 5, "onboarding": 4,
                                                    "enablement": 2})  # fmt: skip
    assess(manager, days_ago=1, default=3, levels={
        "recruitment": 2,  # dropped 3
        "onboarding": 3,  # dropped 1
        "enablement": 4,  # up 2
        "incentives": 1,  # dropped 2
        "lead-management": 2,  # dropped 1, lower than onboarding
    })  # fmt: skip
    rows = selectors.comparison(*selectors.latest_two())
    keys = [row.process.key for row in rows]
    assert keys[:4] == ["recruitment", "incentives", "lead-management", "onboarding"]
    assert [row.change for row in rows[:4]] == [-3, -2, -1, -1]
    # Then the lowest level first, names breaking ties.
    assert keys[4:] == ["joint-business-planning", "performance-review",
                        "relationship-management", "enablement"]  # fmt: skip


def test_comparison_without_previous_shows_no_change(manager):
    assess(manager, default=3, levels={"onboarding": 1})
    rows = selectors.comparison(*selectors.latest_two())
    assert rows[0].process.key == "onboarding"
    assert all(row.change is None for row in rows)
