"""Engagement actions: the per-partner list (open first, overdue flagged), create and edit,
and the quick status change."""

import datetime
import re

import pytest
from django.urls import reverse

from relationships.models import EngagementAction
from relationships.selectors import engagement as selectors
from tests.factories import (
    ContactFactory,
    EngagementActionFactory,
    PartnerFactory,
    StakeholderFactory,
)
from tests.helpers import HTMX, edit_of

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def field_errors(response, field: str) -> str:
    """The text of one form field's block (label, widget, its own errors)."""
    html = response.content.decode()
    start = html.index(f'id="field-{field}"')
    end = html.find('<div class="field', start)
    return re.sub(r"<[^>]+>", " ", html[start : end if end != -1 else len(html)])


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


@pytest.fixture
def person(partner):
    return StakeholderFactory(
        contact=ContactFactory(partner=partner, first_name="Carla", last_name="Finance")
    )


@pytest.fixture
def action(partner, manager, person):
    action = EngagementActionFactory(
        partner=partner, owner=manager, title="Invite Carla to the QBR"
    )
    action.stakeholders.set([person])
    return action


def list_url(partner):
    return reverse("relationships:action-list", kwargs={"slug": partner.slug})


def create_url(partner):
    return reverse("relationships:action-create", kwargs={"slug": partner.slug})


def valid_data(manager, **overrides):
    data = {
        "title": "Share the Q3 roadmap",
        "owner": manager.pk,
        "due_on": (TODAY + 10 * DAY).isoformat(),
        "status": "planned",
        "notes": "",
    }
    data.update(overrides)
    return data


# --- access ------------------------------------------------------------------------------------


def page_urls(partner, action):
    return [
        list_url(partner),
        create_url(partner),
        reverse("relationships:action-edit", kwargs={"pk": action.pk}),
    ]


def test_action_pages_redirect_anonymous_to_login(client, partner, action):
    for url in page_urls(partner, action):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    status_url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    assert client.post(status_url, {"status": "done"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "planned"


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_action_pages_refuse_partner_users(request, client_for, partner, action, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in page_urls(partner, action):
        assert client.get(url).status_code == 403
    status_url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    assert client.post(status_url, {"status": "done"}).status_code == 403
    assert client.post(create_url(partner), {"title": "x"}).status_code == 403
    assert EngagementAction.objects.count() == 1


def test_action_access_selector_hides_actions_from_partner_users(partner_admin, action):
    from django.http import Http404

    from relationships.selectors.access import action_get

    with pytest.raises(Http404):
        action_get(user=partner_admin, pk=action.pk)


def test_action_pages_answer_405_to_wrong_methods(staff, partner, action):
    assert staff.post(list_url(partner)).status_code == 405
    assert staff.delete(create_url(partner)).status_code == 405
    status_url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    assert staff.get(status_url).status_code == 405


def test_action_pages_answer_404_for_unknown_objects(staff, partner):
    assert staff.get(reverse("relationships:action-edit", kwargs={"pk": 9999})).status_code == 404
    missing = reverse("relationships:action-list", kwargs={"slug": "no-such-partner"})
    assert staff.get(missing).status_code == 404
    status_url = reverse("relationships:action-status", kwargs={"pk": 9999})
    assert staff.post(status_url, {"status": "done"}).status_code == 404


# --- list --------------------------------------------------------------------------------------


def test_action_list_shows_open_first_and_flags_overdue(staff, partner, manager):
    EngagementActionFactory(
        partner=partner,
        owner=manager,
        title="Done long ago",
        status="done",
        due_on=TODAY - 30 * DAY,
    )
    EngagementActionFactory(partner=partner, owner=manager, title="Later", due_on=TODAY + 20 * DAY)
    EngagementActionFactory(
        partner=partner,
        owner=manager,
        title="Late one",
        status="in_progress",
        due_on=TODAY - 2 * DAY,
    )
    EngagementActionFactory(
        partner=partner,
        owner=manager,
        title="Cancelled",
        status="cancelled",
        due_on=TODAY - 40 * DAY,
    )
    EngagementActionFactory(owner=manager, title="Other partner's action")
    response = staff.get(list_url(partner))
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'class="row-title"[^>]*>([^<]+)<', html)
    assert titles == ["Late one", "Later", "Done long ago", "Cancelled"]
    late_row = re.search(
        r'<tr id="action-\d+" class="([^"]*)">\s*<td>\s*<a class="row-title"[^>]*>Late one', html
    )
    assert late_row and late_row.group(1) == "overdue"
    assert html.count('class="badge overdue"') == 1


def test_action_list_filters_by_overdue_and_closed(staff, partner, manager):
    EngagementActionFactory(partner=partner, owner=manager, title="Late one", due_on=TODAY - DAY)
    EngagementActionFactory(partner=partner, owner=manager, title="Due today", due_on=TODAY)
    EngagementActionFactory(
        partner=partner, owner=manager, title="Finished", status="done", due_on=TODAY - 9 * DAY
    )
    overdue = text(staff.get(list_url(partner) + "?show=overdue"))
    assert "Late one" in overdue and "Due today" not in overdue and "Finished" not in overdue
    closed = text(staff.get(list_url(partner) + "?show=closed"))
    assert "Finished" in closed and "Late one" not in closed
    bogus = staff.get(list_url(partner) + "?show=bogus&page=x")
    assert bogus.status_code == 200 and "Finished" in text(bogus)


def test_action_list_empty_state_invites_the_first_action(staff, partner):
    response = staff.get(list_url(partner))
    assert "No engagement actions for Acme Systems yet" in text(response)
    assert create_url(partner) in response.content.decode()


def test_action_list_htmx_returns_only_the_rows(staff, partner, action):
    full = staff.get(list_url(partner))
    fragment = staff.get(list_url(partner) + "?show=open", **HTMX)
    assert "<html" in full.content.decode()
    body = fragment.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<div id="action-rows"')
    assert action.title in body
    assert "HX-Request" in fragment["Vary"]


def _actions(partner, owner, people, count):
    for index in range(count):
        action = EngagementActionFactory(
            partner=partner, owner=owner, due_on=TODAY + (index - count // 2) * DAY,
            status=["planned", "in_progress", "done", "cancelled"][index % 4],
        )  # fmt: skip
        action.stakeholders.set(people[: 1 + index % len(people)])


def test_action_list_query_count_is_constant(staff, partner, manager, other_manager, count_queries):
    people = [StakeholderFactory(contact=ContactFactory(partner=partner)) for _ in range(3)]
    _actions(partner, manager, people, 3)
    small = count_queries(staff, list_url(partner))
    _actions(partner, other_manager, people, 20)
    assert count_queries(staff, list_url(partner)) == small


# --- create and edit ---------------------------------------------------------------------------


def test_action_create_saves_and_redirects_to_the_list(staff, partner, manager, person):
    form = staff.get(create_url(partner))
    assert form.status_code == 200 and "Carla Finance" in form.content.decode()
    response = staff.post(create_url(partner), valid_data(manager, stakeholders=[person.pk]))
    assert response.status_code == 302 and response.url == list_url(partner)
    action = EngagementAction.objects.get()
    assert action.partner == partner and list(action.stakeholders.all()) == [person]
    assert action.title == "Share the Q3 roadmap"


def test_action_create_htmx_success_redirects_the_client(staff, partner, manager):
    response = staff.post(create_url(partner), valid_data(manager), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == list_url(partner)


def test_action_create_reports_a_missing_title_at_the_field(staff, partner, manager):
    response = staff.post(create_url(partner), valid_data(manager, title=""))
    assert response.status_code == 422
    assert "This field is required" in field_errors(response, "title")
    assert "<html" in response.content.decode()
    fragment = staff.post(create_url(partner), valid_data(manager, title=""), **HTMX)
    assert fragment.status_code == 422
    assert fragment.content.decode().lstrip().startswith('<form id="action-form"')
    assert not EngagementAction.objects.exists()


def test_action_create_refuses_a_stakeholder_of_another_partner(
    staff, partner, manager, other_partner
):
    stranger = StakeholderFactory(contact=ContactFactory(partner=other_partner))
    response = staff.post(create_url(partner), valid_data(manager, stakeholders=[stranger.pk]))
    assert response.status_code == 422
    assert "not one of the available choices" in field_errors(response, "stakeholders")
    assert not EngagementAction.objects.exists()


def test_action_create_refuses_a_partner_user_as_owner(staff, partner, manager, partner_admin):
    response = staff.post(create_url(partner), valid_data(manager, owner=partner_admin.pk))
    assert response.status_code == 422
    assert "valid choice" in field_errors(response, "owner")


def test_action_edit_updates_and_keeps_a_left_stakeholder_choosable(
    staff, partner, manager, action, person
):
    person.contact.left_on = TODAY
    person.contact.save()
    url = reverse("relationships:action-edit", kwargs={"pk": action.pk})
    page = staff.get(url)
    assert page.status_code == 200 and 'value="Invite Carla to the QBR"' in page.content.decode()
    response = staff.post(
        url,
        edit_of(
            action,
            valid_data(manager, title="Invite Carla", stakeholders=[person.pk], status="done"),
        ),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Invite Carla" and action.completed_on == TODAY


# --- quick status change -------------------------------------------------------------------------


def test_action_status_htmx_swaps_the_row(staff, action):
    url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    response = staff.post(url, {"status": "done"}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="action-{action.pk}" class="closed"')
    assert "Reopen" in body
    action.refresh_from_db()
    assert action.status == "done" and action.completed_on == TODAY


def test_action_status_plain_post_redirects_back_to_the_list(staff, partner, action):
    url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    response = staff.post(url, {"status": "in_progress"})
    assert response.status_code == 302 and response.url == list_url(partner)
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_action_status_refuses_an_unknown_status(staff, action):
    url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    response = staff.post(url, {"status": "bogus"}, **HTMX)
    assert response.status_code == 422
    assert "Choose a valid status" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "planned"


def test_action_status_reopening_clears_the_completion_date(staff, action):
    url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    staff.post(url, {"status": "done"})
    staff.post(url, {"status": "planned"})
    action.refresh_from_db()
    assert action.status == "planned" and action.completed_on is None


# --- overdue detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, due, expected",
    [
        ("planned", TODAY - DAY, True),
        ("in_progress", TODAY - DAY, True),
        ("planned", TODAY, False),
        ("done", TODAY - DAY, False),
        ("cancelled", TODAY - DAY, False),
    ],
)
def test_is_overdue_only_for_open_actions_past_their_due_date(status, due, expected):
    assert selectors.is_overdue(EngagementAction(status=status, due_on=due), TODAY) is expected


def test_action_counts_match_the_list_filters(partner, manager):
    EngagementActionFactory(partner=partner, owner=manager, due_on=TODAY - DAY)
    EngagementActionFactory(
        partner=partner, owner=manager, due_on=TODAY + DAY, status="in_progress"
    )
    EngagementActionFactory(partner=partner, owner=manager, status="done")
    EngagementActionFactory(partner=PartnerFactory(), owner=manager, due_on=TODAY - DAY)
    counts = selectors.action_counts(partner=partner)
    assert counts == {"all": 3, "open": 2, "overdue": 1, "closed": 1}
    for show in ("open", "overdue", "closed"):
        assert selectors.action_list(partner=partner, show=show).count() == counts[show]
