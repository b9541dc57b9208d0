"""Relationship objectives: list with progress of a linked stakeholder, create and edit."""

import datetime
import re

import pytest
from django.urls import reverse

from relationships.models import RelationshipObjective
from relationships.selectors.engagement import objective_progress
from tests.factories import ContactFactory, RelationshipObjectiveFactory, StakeholderFactory
from tests.helpers import HTMX, edit_of, field_errors

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


@pytest.fixture
def cfo(partner):
    contact = ContactFactory(partner=partner, first_name="Clara", last_name="Ohm", title="CFO")
    return StakeholderFactory(contact=contact, stance="neutral", relationship_level=2)


def list_url(partner):
    return reverse("relationships:objective-list", kwargs={"slug": partner.slug})


def create_url(partner):
    return reverse("relationships:objective-create", kwargs={"slug": partner.slug})


def valid_data(manager, **overrides):
    data = {
        "title": "Move the CFO from neutral to supporter",
        "stakeholder": "",
        "target_stance": "supporter",
        "target_level": "4",
        "due_on": (TODAY + 60 * DAY).isoformat(),
        "status": "open",
        "owner": manager.pk,
        "notes": "",
    }
    data.update(overrides)
    return data


# --- access ------------------------------------------------------------------------------------


def test_objective_pages_redirect_anonymous_and_refuse_partner_users(
    client, client_for, partner, manager, partner_admin, outsider
):
    objective = RelationshipObjectiveFactory(partner=partner, owner=manager)
    urls = [
        list_url(partner),
        create_url(partner),
        reverse("relationships:objective-edit", kwargs={"pk": objective.pk}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    for user in (partner_admin, outsider):
        logged_in = client_for(user)
        for url in urls:
            assert logged_in.get(url).status_code == 403
        assert logged_in.post(urls[1], valid_data(manager)).status_code == 403
    assert RelationshipObjective.objects.count() == 1


def test_objective_pages_answer_405_and_404(staff, partner):
    assert staff.post(list_url(partner)).status_code == 405
    assert staff.patch(create_url(partner)).status_code == 405
    assert (
        staff.get(reverse("relationships:objective-edit", kwargs={"pk": 9999})).status_code == 404
    )


# --- create and edit ---------------------------------------------------------------------------


def test_objective_create_with_a_stakeholder(staff, partner, manager, cfo):
    response = staff.post(create_url(partner), valid_data(manager, stakeholder=cfo.pk))
    assert response.status_code == 302 and response.url == list_url(partner)
    objective = RelationshipObjective.objects.get()
    assert objective.stakeholder == cfo and objective.target_level == 4
    assert objective.partner == partner


def test_objective_create_htmx_invalid_returns_the_form_with_422(staff, partner, manager):
    response = staff.post(create_url(partner), valid_data(manager, title="", due_on=""), **HTMX)
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<form id="objective-form"')
    assert "required" in field_errors(response, "title")
    assert "required" in field_errors(response, "due_on")
    assert not RelationshipObjective.objects.exists()


def test_objective_create_refuses_a_stakeholder_of_another_partner(
    staff, partner, manager, other_partner
):
    stranger = StakeholderFactory(contact=ContactFactory(partner=other_partner))
    response = staff.post(create_url(partner), valid_data(manager, stakeholder=stranger.pk))
    assert response.status_code == 422
    assert "valid choice" in field_errors(response, "stakeholder")
    assert not RelationshipObjective.objects.exists()


def test_objective_create_refuses_a_level_out_of_range(staff, partner, manager):
    response = staff.post(create_url(partner), valid_data(manager, target_level="9"))
    assert response.status_code == 422
    assert "valid choice" in field_errors(response, "target_level")


def test_objective_edit_changes_status(staff, partner, manager, cfo):
    objective = RelationshipObjectiveFactory(
        partner=partner, owner=manager, stakeholder=cfo, target_stance="supporter"
    )
    url = reverse("relationships:objective-edit", kwargs={"pk": objective.pk})
    page = staff.get(url)
    assert page.status_code == 200 and "Move the CFO" in page.content.decode()
    data = valid_data(manager, stakeholder=cfo.pk, status="achieved", title="CFO is a supporter")
    assert staff.post(url, edit_of(objective, data)).status_code == 302
    objective.refresh_from_db()
    assert objective.status == "achieved" and objective.title == "CFO is a supporter"


# --- list and progress -------------------------------------------------------------------------


def test_objective_list_shows_progress_and_past_due(staff, partner, manager, cfo):
    RelationshipObjectiveFactory(
        partner=partner,
        owner=manager,
        stakeholder=cfo,
        target_stance="supporter",
        target_level=4,
        title="Win the CFO",
    )
    RelationshipObjectiveFactory(
        partner=partner, owner=manager, title="Late goal", due_on=TODAY - DAY
    )
    RelationshipObjectiveFactory(
        partner=partner, owner=manager, title="Old goal", status="achieved", due_on=TODAY - 90 * DAY
    )
    html = staff.get(list_url(partner)).content.decode()
    titles = re.findall(r'class="row-title"[^>]*>([^<]+)<', html)
    assert titles == ["Late goal", "Win the CFO", "Old goal"]
    assert "Level 2 Aware of 4 Trusted" in html and 'class="w-50"' in html
    assert "→ Supporter" in html
    assert html.count("Past due") == 1


def test_objective_list_empty_state_and_htmx_fragment(staff, partner):
    assert (
        "No relationship objectives for Acme Systems yet"
        in staff.get(list_url(partner)).content.decode()
    )
    fragment = staff.get(list_url(partner), **HTMX).content.decode()
    assert fragment.lstrip().startswith('<div id="objective-rows"')


def test_objective_list_query_count_is_constant(staff, partner, manager, count_queries):
    def add(n):
        for index in range(n):
            person = StakeholderFactory(contact=ContactFactory(partner=partner))
            RelationshipObjectiveFactory(
                partner=partner,
                owner=manager,
                stakeholder=person if index % 2 else None,
                target_level=4,
            )

    add(2)
    small = count_queries(staff, list_url(partner))
    add(20)
    assert count_queries(staff, list_url(partner)) == small


@pytest.mark.parametrize(
    "stance, level, target_stance, target_level, reached",
    [
        ("neutral", 2, "supporter", None, False),
        ("supporter", 2, "supporter", None, True),
        ("supporter", 2, "neutral", None, True),
        ("supporter", 3, "supporter", 4, False),
        ("non_supporter", 5, "", 4, True),
    ],
)
def test_objective_progress_compares_current_and_target(
    stance, level, target_stance, target_level, reached
):
    person = StakeholderFactory.build(stance=stance, relationship_level=level)
    objective = RelationshipObjectiveFactory.build(
        stakeholder=person, target_stance=target_stance, target_level=target_level
    )
    assert objective_progress(objective).reached is reached


def test_objective_progress_is_none_without_a_stakeholder():
    assert objective_progress(RelationshipObjectiveFactory.build(stakeholder=None)) is None
