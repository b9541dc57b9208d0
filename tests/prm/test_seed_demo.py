"""`seed_demo`: logins, partners and their people; deterministic per seed; idempotent; sound
org charts (at least three levels for portal-a's partner, no cycles) and one champion at most."""

import datetime
import io
from collections import Counter

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from partners.models import Contact, OrgUnit, Partner, PartnerMembership
from performance.models import ScoreRun
from relationships.models import (
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
)

MODELS = [
    Partner, PartnerMembership, OrgUnit, Contact, Stakeholder, RelationshipPlan,
    EngagementAction, RelationshipObjective, Interaction, Interaction.stakeholders.through,
    Stakeholder.owners.through,
]  # fmt: skip
PARTNERS = 4


def seed(partners=PARTNERS, seed=42) -> str:
    out = io.StringIO()
    call_command("seed_demo", force=True, partners=partners, seed=seed, stdout=out)
    return out.getvalue()


def row_counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot() -> list:
    """The seeded data by natural keys (ids differ between databases)."""
    contacts = sorted(
        Contact.objects.values_list(
            "partner__slug", "first_name", "last_name", "title", "email", "org_unit__name",
            "reports_to__email", "left_on",
        )
    )  # fmt: skip
    stakeholders = sorted(
        Stakeholder.objects.values_list(
            "contact__email", "partner__slug", "influence", "stance", "adaptability",
            "relationship_level", "decision_orientation", "is_champion", "last_interaction_on",
        )
    )  # fmt: skip
    interactions = sorted(
        Interaction.objects.values_list("partner__slug", "occurred_on", "channel", "notes")
    )
    return [contacts, stakeholders, interactions]


def wipe() -> None:
    # Performance keeps partners' history with PROTECT: its rows go first, score runs before
    # the weights they used.
    ScoreRun.objects.all().delete()
    for model in django_apps.get_app_config("performance").get_models():
        model.objects.all().delete()
    # The partner program keeps certifications and acknowledgements with PROTECT too; its
    # models are declared dependents-last, so deleting in reverse order clears them, except
    # claims, which point at the fund requests declared after them: they (and their proof) go
    # first.
    incentives = django_apps.get_app_config("incentives")
    incentives.get_model("ProofOfPerformance").objects.all().delete()
    incentives.get_model("IncentiveClaim").objects.all().delete()
    for model in reversed(list(incentives.get_models())):
        model.objects.all().delete()
    Interaction.objects.all().delete()
    EngagementAction.objects.all().delete()
    RelationshipObjective.objects.all().delete()
    RelationshipPlan.objects.all().delete()
    Partner.objects.all().delete()


def depth_of(node, parent_of: dict) -> int:
    """Levels above `node`; fails on a cycle."""
    seen, depth = {node}, 0
    while parent_of.get(node) is not None:
        node = parent_of[node]
        assert node not in seen, f"cycle through {node}"
        seen.add(node)
        depth += 1
    return depth


def test_seed_demo_creates_logins_partners_people_and_their_relationships(db):
    output = seed()

    usernames = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "manager", "portal-a", "portal-b", "portal-a-member"} <= usernames
    assert Partner.objects.count() == PARTNERS
    for model in (OrgUnit, Contact, Stakeholder, RelationshipPlan, EngagementAction,
                  RelationshipObjective, Interaction):  # fmt: skip
        assert model.objects.exists(), model.__name__
    assert not Partner.objects.filter(contacts__isnull=True).exists()
    assert "contacts:" in output and "interactions:" in output


def test_seed_demo_is_deterministic_for_a_seed(db):
    seed()
    first = snapshot()
    wipe()
    seed()
    second = snapshot()
    wipe()
    seed(seed=7)
    other_seed = snapshot()

    assert first == second
    assert first[0] != other_seed[0]


def test_seed_demo_twice_duplicates_nothing(db):
    seed()
    before = row_counts()

    output = seed()

    assert row_counts() == before
    assert "contacts" not in output  # nothing left to seed, nothing reported


def test_seed_demo_fills_in_only_partners_without_people(db):
    seed()
    before = row_counts()
    newcomer = Partner.objects.create(
        name="Newcomer Networks", slug="newcomer-networks", country="DE", partner_type="msp"
    )

    seed()

    assert newcomer.contacts.count() >= 8
    assert Contact.objects.count() - before["Contact"] == newcomer.contacts.count()
    assert Partner.objects.count() == before["Partner"] + 1


def test_seed_demo_portal_a_partner_has_an_org_chart_of_three_levels_or_more(db):
    seed()

    portal_a = PartnerMembership.objects.select_related("contact").get(user__username="portal-a")
    contacts = portal_a.partner.contacts.all()
    parent_of = dict(contacts.values_list("pk", "reports_to_id"))
    levels = Counter(depth_of(pk, parent_of) for pk in parent_of)
    assert max(levels) + 1 >= 3
    assert levels[0] == 1  # one person at the top
    assert contacts.count() >= 60
    assert portal_a.partner.org_units.filter(parent__isnull=False).exists()
    assert portal_a.contact is not None and portal_a.contact.partner == portal_a.partner


def test_seed_demo_has_no_reporting_or_unit_cycles(db):
    seed()

    reports_to = dict(Contact.objects.values_list("pk", "reports_to_id"))
    unit_parent = dict(OrgUnit.objects.values_list("pk", "parent_id"))
    depths = [depth_of(pk, reports_to) for pk in reports_to]
    assert 3 <= max(depths) + 1 <= 6
    assert all(depth_of(pk, unit_parent) <= 2 for pk in unit_parent)
    assert (
        not Contact.objects.exclude(reports_to__isnull=True)
        .exclude(reports_to__partner=F("partner"))
        .exists()
    )


def test_seed_demo_at_most_one_champion_per_partner(db):
    seed(partners=8)

    champions = Partner.objects.annotate(
        champions=Count("stakeholders", filter=Q(stakeholders__is_champion=True))
    ).values_list("champions", flat=True)
    assert max(champions) <= 1
    assert sum(champions) >= 1
    assert not Stakeholder.objects.filter(is_champion=True, champion_reason="").exists()


def test_seed_demo_interactions_cover_the_last_year_and_none_in_the_future(db):
    seed()

    today = datetime.date.today()
    dates = Interaction.objects.values_list("occurred_on", flat=True)
    assert max(dates) <= today
    assert min(dates) >= today - datetime.timedelta(days=366)


# --- culture ----------------------------------------------------------------------------------


def culture_snapshot() -> list:
    from relationships.models import CultureAssessment

    return sorted(
        (
            a.partner.slug if a.partner else "ours", a.is_current, a.assessed_on, a.validated,
            a.validated_on, a.validation_tactics,
            tuple(sorted((r.dimension, r.culture_type, r.score) for r in a.ratings.all())),
        )
        for a in CultureAssessment.objects.select_related("partner").prefetch_related("ratings")
    )  # fmt: skip


def test_seed_demo_assesses_the_culture_of_most_partners(db):
    from relationships.culture import culture_profile
    from relationships.models import CultureAssessment, CultureRating

    output = seed(partners=20)

    assessed = Partner.objects.filter(culture_assessments__isnull=False).distinct().count()
    assert 12 <= assessed < 20  # most, not all
    per_assessment = CultureRating.objects.values("assessment").annotate(n=Count("pk"))
    assert {row["n"] for row in per_assessment} == {20}
    assert CultureRating.objects.count() == 20 * CultureAssessment.objects.count()
    assert set(CultureRating.objects.values_list("score", flat=True)) <= {0, 1, 2, 3, 4}
    reassessed = Partner.objects.annotate(n=Count("culture_assessments")).filter(n=2)
    assert reassessed.exists()
    assert not Partner.objects.annotate(n=Count("culture_assessments")).filter(n__gt=2).exists()
    latest = CultureAssessment.objects.filter(is_own=False).prefetch_related("ratings")
    dominant = {
        culture_profile((r.dimension, r.culture_type, r.score) for r in a.ratings.all()).overall
        .dominant_label
        for a in latest
    }  # fmt: skip
    assert len(dominant) >= 3  # partners lean different ways
    assert "culture assessments:" in output


def test_seed_demo_has_one_current_own_culture_profile_and_one_older(db):
    from relationships.models import CultureAssessment

    seed()

    own = list(CultureAssessment.objects.filter(is_own=True).order_by("assessed_on"))
    assert [a.is_current for a in own] == [False, True]
    assert all(a.partner_id is None and a.ratings.count() == 20 for a in own)
    assert own[1].assessed_by.username.startswith("manager")


def test_seed_demo_validates_some_assessments_with_who_when_and_outcome(db):
    from relationships.models import CultureAssessment

    seed(partners=20)

    validated = CultureAssessment.objects.filter(validated=True)
    assert validated.exists()
    assert CultureAssessment.objects.filter(validated=False).exists()
    assert CultureAssessment.objects.filter(validated=False).exclude(validation_tactics="").exists()
    today = datetime.date.today()
    for assessment in validated:
        assert assessment.validation_outcome and assessment.validation_tactics
        assert assessment.validated_by_id is not None
        assert assessment.assessed_on <= assessment.validated_on <= today
    assert not CultureAssessment.objects.filter(assessed_on__gt=today).exists()


def test_seed_demo_culture_twice_duplicates_nothing(db):
    seed()
    before = culture_snapshot()

    output = seed()

    assert culture_snapshot() == before
    assert "culture" not in output


def test_seed_demo_culture_is_deterministic_and_per_partner(db):
    from relationships.models import CultureAssessment

    seed(partners=8)
    first = culture_snapshot()
    assessed = CultureAssessment.objects.filter(is_own=False).order_by("pk").first().partner
    CultureAssessment.objects.filter(partner=assessed).delete()
    CultureAssessment.objects.filter(is_own=True).delete()

    seed(partners=8)  # puts back exactly what was removed, from the same seed and slug

    assert culture_snapshot() == first


# --- production guard -------------------------------------------------------------------------


def test_seed_demo_refuses_to_run_with_debug_off_without_force(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG off.*--force"):
        call_command("seed_demo", partners=2, stdout=io.StringIO())

    assert not get_user_model().objects.exists()
    assert not Partner.objects.exists()


def test_seed_demo_runs_with_debug_on_without_force(db, settings):
    settings.DEBUG = True

    call_command("seed_demo", partners=2, stdout=io.StringIO())

    assert get_user_model().objects.filter(username="manager").exists()
