"""Culture services with the real database: ratings checked (0–4, whole numbers, known pairs, at
least one) with nothing saved on refusal, exactly one current own profile (service and database),
validation who/when, partner-or-own, staff only, and the audit trail."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from relationships import services
from relationships.models import (
    CultureAssessment,
    CultureDescriptor,
    CultureGuideline,
    CultureRating,
)
from tests.factories import CultureAssessmentFactory

TODAY = datetime.date.today()
RATINGS = {
    ("decision_making", "collaborative"): 4,
    ("decision_making", "bureaucratic"): 1,
    ("communication", "collaborative"): 3,
}


def create(actor, **overrides):
    fields = {"assessed_on": TODAY, "ratings": RATINGS, "values": "Team first", **overrides}
    return services.culture_assessment_create(actor=actor, **fields)


def create_own(actor, **overrides):
    return create(actor, is_own=True, **overrides)


def nothing_saved() -> bool:
    return not CultureAssessment.objects.exists() and not CultureRating.objects.exists()


# --- create and update with ratings -----------------------------------------------------------


def test_culture_assessment_create_saves_the_assessment_and_its_ratings(manager, partner):
    assessment = create(manager, partner=partner, behaviours="Consults widely")

    assessment.refresh_from_db()
    assert assessment.partner == partner
    assert assessment.is_own is False and assessment.is_current is True
    assert assessment.assessed_by == manager
    assert assessment.values == "Team first" and assessment.behaviours == "Consults widely"
    stored = {(r.dimension, r.culture_type): r.score for r in assessment.ratings.all()}
    assert stored == RATINGS


def test_culture_assessment_create_skips_blank_scores(manager, partner):
    ratings = {**RATINGS, ("power", "individualistic"): "", ("control", "bureaucratic"): None}

    assessment = create(manager, partner=partner, ratings=ratings)

    assert assessment.ratings.count() == len(RATINGS)


def test_culture_assessment_create_accepts_scores_as_text(manager, partner):
    assessment = create(manager, partner=partner, ratings={("power", "bureaucratic"): " 3 "})

    assert assessment.ratings.get().score == 3


@pytest.mark.parametrize("score", [5, -1, 99])
def test_culture_assessment_create_refuses_a_rating_outside_0_to_4(manager, partner, score):
    with pytest.raises(ValidationError) as refused:
        create(manager, partner=partner, ratings={**RATINGS, ("power", "bureaucratic"): score})

    assert set(refused.value.message_dict) == {"ratings"}
    assert "from 0 (does not fit) to 4 (fits fully)" in refused.value.message_dict["ratings"][0]
    assert "Source of power — Bureaucratic" in refused.value.message_dict["ratings"][0]
    assert nothing_saved()


@pytest.mark.parametrize("score", ["two", "2.5", 2.5, "3x"])
def test_culture_assessment_create_refuses_a_rating_that_is_not_a_whole_number(
    manager, partner, score
):
    with pytest.raises(ValidationError) as refused:
        create(manager, partner=partner, ratings={("power", "bureaucratic"): score})

    assert set(refused.value.message_dict) == {"ratings"}
    assert nothing_saved()


@pytest.mark.parametrize(
    "key", [("ethics", "bureaucratic"), ("power", "anarchic"), ("Power", "Bureaucratic")]
)
def test_culture_assessment_create_refuses_unknown_dimension_or_type(manager, partner, key):
    with pytest.raises(ValidationError) as refused:
        create(manager, partner=partner, ratings={**RATINGS, key: 2})

    assert refused.value.message_dict["ratings"] == [f"Unknown rating {key[0]} / {key[1]}."]
    assert nothing_saved()


@pytest.mark.parametrize("ratings", [{}, None, {("power", "bureaucratic"): ""}])
def test_culture_assessment_create_refuses_an_assessment_without_ratings(manager, partner, ratings):
    with pytest.raises(ValidationError) as refused:
        create(manager, partner=partner, ratings=ratings)

    assert "an assessment needs ratings" in refused.value.message_dict["ratings"][0]
    assert nothing_saved()


def test_culture_assessment_create_reports_every_bad_rating_at_once(manager, partner):
    ratings = {("power", "bureaucratic"): 7, ("control", "collaborative"): "x", ("a", "b"): 1}

    with pytest.raises(ValidationError) as refused:
        create(manager, partner=partner, ratings=ratings)

    assert len(refused.value.message_dict["ratings"]) == 3


def test_culture_assessment_create_refuses_unknown_fields(manager, partner):
    with pytest.raises(ValidationError):
        create(manager, partner=partner, validated=True)

    assert nothing_saved()


def test_culture_assessment_update_replaces_ratings_as_a_whole(manager, partner):
    assessment = create(manager, partner=partner)

    services.culture_assessment_update(
        actor=manager, assessment=assessment, ratings={("power", "entrepreneurial"): 4},
        symbols="Growth charts",
    )  # fmt: skip

    assessment.refresh_from_db()
    assert assessment.symbols == "Growth charts"
    assert list(assessment.ratings.values_list("dimension", "culture_type", "score")) == [
        ("power", "entrepreneurial", 4)
    ]


def test_culture_assessment_update_without_ratings_keeps_them(manager, partner):
    assessment = create(manager, partner=partner)

    services.culture_assessment_update(actor=manager, assessment=assessment, practices="RFPs")

    assert assessment.ratings.count() == len(RATINGS)


def test_culture_assessment_update_with_a_bad_rating_changes_nothing(manager, partner):
    assessment = create(manager, partner=partner)

    with pytest.raises(ValidationError) as refused:
        services.culture_assessment_update(
            actor=manager, assessment=assessment, values="Changed",
            ratings={("power", "bureaucratic"): 9},
        )  # fmt: skip

    assert "ratings" in refused.value.message_dict
    assessment.refresh_from_db()
    assert assessment.values == "Team first"
    assert assessment.ratings.count() == len(RATINGS)


def test_culture_assessment_update_with_no_ratings_left_changes_nothing(manager, partner):
    assessment = create(manager, partner=partner)

    with pytest.raises(ValidationError) as refused:
        services.culture_assessment_update(actor=manager, assessment=assessment, ratings={})

    assert "ratings" in refused.value.message_dict
    assert assessment.ratings.count() == len(RATINGS)


# --- partner or our own ---------------------------------------------------------------------


def test_culture_assessment_create_of_a_partner_needs_the_partner(manager):
    with pytest.raises(ValidationError) as refused:
        create(manager)

    assert "partner" in refused.value.message_dict
    assert nothing_saved()


def test_culture_assessment_create_of_our_own_has_no_partner(manager, partner):
    own = create_own(manager, partner=partner)

    assert own.is_own and own.partner is None


def test_culture_assessment_database_refuses_neither_partner_nor_own(manager):
    with pytest.raises(IntegrityError), transaction.atomic():
        CultureAssessment.objects.create(is_own=False, assessed_on=TODAY, assessed_by=manager)


def test_culture_assessment_database_refuses_both_partner_and_own(manager, partner):
    with pytest.raises(IntegrityError), transaction.atomic():
        CultureAssessment.objects.create(
            partner=partner, is_own=True, assessed_on=TODAY, assessed_by=manager
        )


def test_culture_rating_database_refuses_a_score_above_4(manager, partner):
    assessment = create(manager, partner=partner)

    with pytest.raises(IntegrityError), transaction.atomic():
        CultureRating.objects.create(
            assessment=assessment, dimension="power", culture_type="bureaucratic", score=5
        )


# --- our own culture: exactly one current profile ----------------------------------------------


def test_culture_own_first_profile_is_current_by_default(manager):
    own = create_own(manager)

    assert own.is_current is True


def test_culture_own_later_profile_is_not_current_by_default(manager):
    first = create_own(manager)

    second = create_own(manager)

    assert second.is_current is False
    first.refresh_from_db()
    assert first.is_current is True


def test_culture_own_second_current_profile_is_refused_at_is_current(manager):
    create_own(manager)

    with pytest.raises(ValidationError) as refused:
        create_own(manager, is_current=True)

    assert "already a current profile" in refused.value.message_dict["is_current"][0]
    assert CultureAssessment.objects.count() == 1
    assert CultureRating.objects.count() == len(RATINGS)


def test_culture_own_make_current_retires_the_previous_one(manager, other_manager):
    first = create_own(manager)
    second = create_own(manager)

    services.culture_own_make_current(actor=other_manager, assessment=second)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    assert CultureAssessment.objects.filter(is_own=True, is_current=True).get() == second
    entry = LogEntry.objects.get_for_object(first).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == other_manager


def test_culture_own_make_current_of_the_current_one_changes_nothing(manager):
    own = create_own(manager)

    services.culture_own_make_current(actor=manager, assessment=own)

    assert CultureAssessment.objects.filter(is_current=True).get() == own


def test_culture_own_make_current_refuses_a_partner_assessment(manager, partner):
    create_own(manager)
    theirs = create(manager, partner=partner)

    with pytest.raises(ValidationError, match="our own culture"):
        services.culture_own_make_current(actor=manager, assessment=theirs)

    assert CultureAssessment.objects.get(is_own=True).is_current is True


def test_culture_own_database_refuses_two_current_profiles(manager):
    create_own(manager)

    with pytest.raises(IntegrityError), transaction.atomic():
        CultureAssessment.objects.create(
            is_own=True, is_current=True, assessed_on=TODAY, assessed_by=manager
        )


def test_culture_own_database_allows_many_profiles_that_are_not_current(manager):
    create_own(manager)
    for _ in range(2):
        CultureAssessment.objects.create(
            is_own=True, is_current=False, assessed_on=TODAY, assessed_by=manager
        )

    assert CultureAssessment.objects.filter(is_own=True).count() == 3


def test_culture_partner_assessments_are_all_current_without_conflict(manager, partner):
    create(manager, partner=partner)
    create(manager, partner=partner)
    create_own(manager)

    assert CultureAssessment.objects.filter(is_current=True).count() == 3


# --- validation -------------------------------------------------------------------------------


def test_culture_assessment_validate_records_who_when_and_outcome(manager, other_manager, partner):
    assessment = create(manager, partner=partner)

    services.culture_assessment_validate(
        actor=other_manager, assessment=assessment, validated=True,
        outcome="Confirmed in the QBR", tactics="Observe a decision meeting",
    )  # fmt: skip

    assessment.refresh_from_db()
    assert assessment.validated is True
    assert assessment.validated_by == other_manager
    assert assessment.validated_on == TODAY
    assert assessment.validation_outcome == "Confirmed in the QBR"
    assert assessment.validation_tactics == "Observe a decision meeting"


@pytest.mark.parametrize("outcome", ["", "   "])
def test_culture_assessment_validate_needs_an_outcome(manager, partner, outcome):
    assessment = create(manager, partner=partner)

    with pytest.raises(ValidationError) as refused:
        services.culture_assessment_validate(
            actor=manager, assessment=assessment, validated=True, outcome=outcome
        )

    assert "validation_outcome" in refused.value.message_dict
    assessment.refresh_from_db()
    assert assessment.validated is False and assessment.validated_by is None


def test_culture_assessment_validate_keeps_tactics_when_not_given(manager, partner):
    assessment = create(manager, partner=partner, validation_tactics="Ask their CFO")

    services.culture_assessment_validate(
        actor=manager, assessment=assessment, validated=True, outcome="Held"
    )

    assessment.refresh_from_db()
    assert assessment.validation_tactics == "Ask their CFO"


def test_culture_assessment_unvalidate_clears_who_and_when(manager, partner):
    assessment = create(manager, partner=partner)
    services.culture_assessment_validate(
        actor=manager, assessment=assessment, validated=True, outcome="Held"
    )

    services.culture_assessment_validate(
        actor=manager, assessment=assessment, validated=False, outcome="Re-check after merger"
    )

    assessment.refresh_from_db()
    assert assessment.validated is False
    assert assessment.validated_by is None and assessment.validated_on is None
    assert assessment.validation_outcome == "Re-check after merger"


def test_culture_assessment_database_refuses_validated_without_who(manager, partner):
    assessment = create(manager, partner=partner)

    with pytest.raises(IntegrityError), transaction.atomic():
        CultureAssessment.objects.filter(pk=assessment.pk).update(validated=True)


# --- reference text ---------------------------------------------------------------------------


def test_culture_guideline_update_saves_stripped_text(manager):
    guideline = CultureGuideline.objects.get(culture_type="bureaucratic", dimension="power")

    services.culture_guideline_update(actor=manager, guideline=guideline, guidance="  Go slow. ")

    guideline.refresh_from_db()
    assert guideline.guidance == "Go slow."
    assert LogEntry.objects.get_for_object(guideline).get().actor == manager


def test_culture_guideline_update_refuses_empty_guidance(manager):
    guideline = CultureGuideline.objects.get(culture_type="bureaucratic", dimension="power")
    before = guideline.guidance

    with pytest.raises(ValidationError) as refused:
        services.culture_guideline_update(actor=manager, guideline=guideline, guidance="  ")

    assert "guidance" in refused.value.message_dict
    guideline.refresh_from_db()
    assert guideline.guidance == before


def test_culture_descriptor_update_saves_and_refuses_empty_text(manager):
    descriptor = CultureDescriptor.objects.get(culture_type="collaborative", dimension="control")

    services.culture_descriptor_update(actor=manager, descriptor=descriptor, text="Peer review")
    with pytest.raises(ValidationError) as refused:
        services.culture_descriptor_update(actor=manager, descriptor=descriptor, text="")

    descriptor.refresh_from_db()
    assert descriptor.text == "Peer review"
    assert "text" in refused.value.message_dict


def test_culture_defaults_cover_all_twenty_pairs(db):
    assert CultureDescriptor.objects.count() == CultureGuideline.objects.count() == 20


# --- staff only -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_culture_services_refuse_partner_users(request, manager, partner, persona):
    user = request.getfixturevalue(persona)
    assessment = CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=RATINGS)
    own = CultureAssessmentFactory(partner=None, is_own=True, assessed_by=manager)
    guideline = CultureGuideline.objects.first()
    descriptor = CultureDescriptor.objects.first()
    attempts = [
        lambda: create(user, partner=partner),
        lambda: create_own(user),
        lambda: services.culture_assessment_update(actor=user, assessment=assessment, values="x"),
        lambda: services.culture_assessment_validate(
            actor=user, assessment=assessment, validated=True, outcome="x"
        ),
        lambda: services.culture_own_make_current(actor=user, assessment=own),
        lambda: services.culture_guideline_update(actor=user, guideline=guideline, guidance="x"),
        lambda: services.culture_descriptor_update(actor=user, descriptor=descriptor, text="x"),
    ]

    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()

    assert CultureAssessment.objects.count() == 2
    assessment.refresh_from_db()
    assert assessment.values != "x" and not assessment.validated


def test_culture_services_allow_an_administrator(admin_user, partner):
    assert create(admin_user, partner=partner).assessed_by == admin_user


# --- audit trail ------------------------------------------------------------------------------


def test_culture_assessment_writes_are_audited_with_the_actor(manager, other_manager, partner):
    assessment = create(manager, partner=partner)
    services.culture_assessment_update(actor=other_manager, assessment=assessment, values="New")
    services.culture_assessment_validate(
        actor=manager, assessment=assessment, validated=True, outcome="Held"
    )

    entries = LogEntry.objects.get_for_object(assessment).order_by("pk")
    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, manager),
        (LogEntry.Action.UPDATE, other_manager),
        (LogEntry.Action.UPDATE, manager),
    ]
    assert "values" in entries[1].changes_dict
    assert "validated" in entries[2].changes_dict
