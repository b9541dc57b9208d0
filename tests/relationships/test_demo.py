"""relationships.demo: realistic, consistent org charts and relationship data, seeded once for
the module (each test reads inside its own rolled-back transaction)."""

import datetime
import io
from statistics import mean

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Max, Q

from partners.models import Contact, OrgUnit, Partner, PartnerMembership
from relationships import demo
from relationships.models import (
    EngagementAction,
    Interaction,
    RelationshipPlan,
    Stakeholder,
)

PARTNERS = 6
TODAY = datetime.date.today()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, partners=PARTNERS, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.usefixtures("seeded")


def depth_by_contact(partner) -> dict:
    parent_of = dict(partner.contacts.values_list("pk", "reports_to_id"))

    def depth(pk):
        levels = 0
        while parent_of[pk] is not None:
            pk, levels = parent_of[pk], levels + 1
        return levels

    return {pk: depth(pk) for pk in parent_of}


def test_demo_contacts_average_about_25_per_ordinary_partner(db):
    big = Partner.objects.annotate(n=Count("stakeholders")).order_by("-n").first()
    portal_partner = PartnerMembership.objects.get(user__username="portal-a").partner
    ordinary = Partner.objects.exclude(pk__in=[big.pk, portal_partner.pk]).annotate(
        n=Count("contacts")
    )

    sizes = [p.n for p in ordinary]
    assert all(8 <= size <= 60 for size in sizes)
    assert 15 <= mean(sizes) <= 40


def test_demo_reporting_lines_and_units_stay_inside_the_partner(db):
    assert (
        not Contact.objects.exclude(reports_to=None)
        .exclude(reports_to__partner=F("partner"))
        .exists()
    )
    assert not Contact.objects.exclude(org_unit__partner=F("partner")).exists()
    assert not OrgUnit.objects.exclude(parent=None).exclude(parent__partner=F("partner")).exists()
    assert Contact.objects.filter(reports_to=None).count() == Partner.objects.count()  # one CEO


def test_demo_units_are_a_tree_of_departments_and_teams(db):
    partner = PartnerMembership.objects.get(user__username="portal-a").partner
    roots = set(partner.org_units.filter(parent=None).values_list("name", flat=True))

    assert {"Executive", "Sales", "Presales", "Finance", "Marketing", "Operations"} <= roots
    assert partner.org_units.filter(parent__name="Sales").count() >= 2
    assert not partner.org_units.filter(parent__parent__isnull=False).exists()


def test_demo_portal_partner_chart_is_deep_and_titled(db):
    membership = PartnerMembership.objects.select_related("contact", "partner").get(
        user__username="portal-a"
    )
    depths = depth_by_contact(membership.partner)
    titles = set(membership.partner.contacts.values_list("title", flat=True))

    assert 4 <= max(depths.values()) + 1 <= 6
    assert {"Chief Executive Officer", "Chief Financial Officer", "Chief Revenue Officer"} <= titles
    assert any(title.startswith("Regional Sales Director") for title in titles)
    assert (membership.contact.full_name, membership.contact.title) == (
        "Anna Schmidt", "Head of Vendor Alliances",
    )  # fmt: skip
    colleague = PartnerMembership.objects.get(user__username="portal-a-member").contact
    assert colleague.partner == membership.partner


def test_demo_big_organisation_has_500_stakeholders_and_is_the_biggest(db):
    counts = list(
        Partner.objects.annotate(n=Count("stakeholders")).order_by("-n").values_list("n", "name")
    )
    portal = PartnerMembership.objects.filter(user__username__in=["portal-a", "portal-b"])
    first_other = Partner.objects.exclude(memberships__in=portal).order_by("name").first()

    assert counts[0] == (demo.BIG_ORG_STAKEHOLDERS, first_other.name)
    assert counts[1][0] < 200
    assert max(depth_by_contact(first_other).values()) + 1 >= 4


def test_demo_leavers_are_few_and_leave_nobody_reporting_to_them(db):
    leavers = Contact.objects.exclude(left_on=None)

    assert 0 < leavers.count() < Contact.objects.count() * 0.1
    assert not Contact.objects.filter(reports_to__in=leavers).exists()
    assert not leavers.filter(left_on__gt=TODAY).exists()


def test_demo_most_contacts_have_an_analysis_with_the_contacts_partner(db):
    assert Stakeholder.objects.count() >= 0.7 * Contact.objects.count()
    assert not Stakeholder.objects.exclude(partner=F("contact__partner")).exists()
    assert not Stakeholder.objects.filter(owners=None).exists()
    assert set(Stakeholder.objects.values_list("stance", flat=True)) == {
        "supporter", "neutral", "non_supporter",
    }  # fmt: skip
    assert len(set(Stakeholder.objects.values_list("adaptability", flat=True))) == 5


def test_demo_influence_falls_with_the_reporting_level(db):
    partner = PartnerMembership.objects.get(user__username="portal-a").partner
    depths = depth_by_contact(partner)
    influence = dict(partner.stakeholders.values_list("contact_id", "influence"))
    top = [influence[pk] for pk, depth in depths.items() if depth <= 1 and pk in influence]
    deep = [influence[pk] for pk, depth in depths.items() if depth >= 3 and pk in influence]

    assert mean(top) >= 4
    assert mean(deep) <= 2.5


def test_demo_champions_are_influential_supporters_with_a_reason(db):
    champions = Stakeholder.objects.filter(is_champion=True)

    assert champions.exists()
    assert champions.values("partner").annotate(n=Count("pk")).filter(n__gt=1).count() == 0
    assert not champions.exclude(stance="supporter").exists()
    assert not champions.filter(Q(influence__lt=4) | Q(champion_reason="")).exists()


def test_demo_last_interaction_matches_the_log(db):
    latest = dict(
        Interaction.stakeholders.through.objects.values("stakeholder_id")
        .annotate(last=Max("interaction__occurred_on"))
        .values_list("stakeholder_id", "last")
    )
    stored = dict(Stakeholder.objects.values_list("pk", "last_interaction_on"))

    assert latest
    assert {pk: stored[pk] for pk in latest} == latest
    assert all(stored[pk] is None for pk in stored.keys() - latest.keys())


def test_demo_interactions_are_a_year_of_the_partners_own_people(db):
    interactions = Interaction.objects.all()
    per_partner = interactions.count() / Partner.objects.count()

    assert per_partner >= 300
    assert not interactions.filter(stakeholders=None).exists()
    assert not interactions.exclude(stakeholders__partner=F("partner")).exists()
    assert not interactions.filter(occurred_on__gt=TODAY).exists()
    assert not interactions.filter(occurred_on__lt=TODAY - datetime.timedelta(days=366)).exists()
    assert len(set(interactions.values_list("channel", flat=True))) == 6


def test_demo_plans_actions_and_objectives_are_realistic(db):
    plans = RelationshipPlan.objects.all()
    actions = EngagementAction.objects.all()

    assert plans.exists()
    assert not plans.filter(stakeholder__influence__lt=4).exists()
    assert (
        not plans.exclude(related_stakeholders=None)
        .exclude(related_stakeholders__partner=F("stakeholder__partner"))
        .exists()
    )
    overdue = actions.filter(status__in=["planned", "in_progress"], due_on__lt=TODAY)
    assert overdue.exists()
    assert not actions.filter(status="done", completed_on=None).exists()
    assert not actions.exclude(status="done").exclude(completed_on=None).exists()
    assert not actions.exclude(stakeholders__partner=F("partner")).exists()


# --- partner surveys ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_surveys_give_the_perception_gap_rows_and_a_history():
    from performance.selectors.perception import partner_perception_history, portfolio_perceptions
    from relationships.models import Survey, SurveyResponse

    surveyed = set(Survey.objects.values_list("partner_id", flat=True))
    assert surveyed == set(PartnerMembership.objects.values_list("partner_id", flat=True))
    assert SurveyResponse.objects.count() > Survey.objects.count()
    rows = portfolio_perceptions()
    assert len(rows) == len(surveyed)
    assert max(abs(row.gap) for row in rows if row.gap is not None) >= 20
    for partner in Partner.objects.filter(pk__in=surveyed):
        assert len(partner_perception_history(partner=partner)) == demo.surveys.QUARTERS
    # The current quarter's survey waits for the members who have not answered it.
    open_survey = Survey.objects.filter(due_on__gte=TODAY).first()
    assert open_survey is not None and open_survey.responses.count() == 1
