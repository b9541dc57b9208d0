"""The interaction log: log (with the checks at the field), list (paginated) and delete, and
the stakeholders' last interaction date kept up to date."""

import datetime

import pytest
from django.urls import reverse

from relationships import services
from relationships.models import Interaction
from tests.factories import ContactFactory, InteractionFactory, StakeholderFactory
from tests.helpers import HTMX, field_errors

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


@pytest.fixture
def people(partner):
    return [
        StakeholderFactory(
            contact=ContactFactory(partner=partner, first_name=name, last_name="Doe")
        )
        for name in ("Ann", "Ben")
    ]


def create_url(partner):
    return reverse("relationships:interaction-create", kwargs={"slug": partner.slug})


def list_url(partner):
    return reverse("relationships:interaction-list", kwargs={"slug": partner.slug})


def tab_url(partner):
    return reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": "relationships"})


def valid_data(people, **overrides):
    data = {
        "occurred_on": (TODAY - 3 * DAY).isoformat(),
        "contacts": [p.contact.pk for p in people],
        "channel": "meeting",
        "sentiment": "1",
        "notes": "Walked through the joint plan; Ann wants a pilot.",
    }
    data.update(overrides)
    return data


# --- access ------------------------------------------------------------------------------------


def test_interaction_pages_redirect_anonymous_to_login(client, partner, people):
    interaction = InteractionFactory(partner=partner, stakeholders=people)
    for url in (create_url(partner), list_url(partner)):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    delete = reverse("relationships:interaction-delete", kwargs={"pk": interaction.pk})
    assert client.post(delete).status_code == 302
    assert Interaction.objects.filter(pk=interaction.pk).exists()


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_interaction_pages_refuse_partner_users(request, client_for, partner, people, persona):
    interaction = InteractionFactory(partner=partner, stakeholders=people)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(create_url(partner)).status_code == 403
    assert client.get(list_url(partner)).status_code == 403
    assert client.post(create_url(partner), valid_data(people)).status_code == 403
    delete = reverse("relationships:interaction-delete", kwargs={"pk": interaction.pk})
    assert client.post(delete).status_code == 403
    assert Interaction.objects.count() == 1


def test_interaction_pages_answer_405_and_404(staff, partner, people):
    interaction = InteractionFactory(partner=partner, stakeholders=people)
    delete = reverse("relationships:interaction-delete", kwargs={"pk": interaction.pk})
    assert staff.get(delete).status_code == 405
    assert staff.post(list_url(partner)).status_code == 405
    assert staff.put(create_url(partner)).status_code == 405
    missing = reverse("relationships:interaction-delete", kwargs={"pk": 9999})
    assert staff.post(missing).status_code == 404
    assert Interaction.objects.count() == 1


# --- logging -----------------------------------------------------------------------------------


def test_interaction_log_saves_and_updates_last_interaction(staff, partner, manager, people):
    form = staff.get(create_url(partner))
    assert form.status_code == 200
    assert f'value="{TODAY.isoformat()}"' in form.content.decode()
    response = staff.post(create_url(partner), valid_data(people))
    assert response.status_code == 302 and response.url == tab_url(partner)
    interaction = Interaction.objects.get()
    assert interaction.logged_by == manager and interaction.sentiment == 1
    assert set(interaction.stakeholders.all()) == set(people)
    for person in people:
        person.refresh_from_db()
        assert person.last_interaction_on == TODAY - 3 * DAY


def test_interaction_log_htmx_success_redirects_the_client(staff, partner, people):
    response = staff.post(create_url(partner), valid_data(people), **HTMX)
    assert response.status_code == 200 and response["HX-Redirect"] == tab_url(partner)


def test_interaction_log_refuses_a_future_date_at_the_field(staff, partner, people):
    data = valid_data(people, occurred_on=(TODAY + DAY).isoformat())
    response = staff.post(create_url(partner), data, **HTMX)
    assert response.status_code == 422
    assert "once it has happened" in field_errors(response, "occurred_on")
    assert response.content.decode().lstrip().startswith('<form id="interaction-form"')
    assert not Interaction.objects.exists()
    people[0].refresh_from_db()
    assert people[0].last_interaction_on is None


def test_interaction_log_needs_at_least_one_stakeholder(staff, partner, people):
    response = staff.post(create_url(partner), valid_data(people, contacts=[]))
    assert response.status_code == 422
    assert "Say who the interaction was with" in field_errors(response, "contacts")
    assert not Interaction.objects.exists()


def test_interaction_log_refuses_a_stakeholder_of_another_partner(
    staff, partner, other_partner, people
):
    stranger = StakeholderFactory(contact=ContactFactory(partner=other_partner))
    data = valid_data(people, contacts=[people[0].contact.pk, stranger.contact.pk])
    response = staff.post(create_url(partner), data)
    assert response.status_code == 422
    assert "not one of the available choices" in field_errors(response, "contacts")
    assert not Interaction.objects.exists()


def test_interaction_log_refuses_someone_who_has_left(staff, partner, people):
    people[1].contact.left_on = TODAY - 10 * DAY
    people[1].contact.save()
    response = staff.post(create_url(partner), valid_data(people))
    assert response.status_code == 422
    assert "not one of the available choices" in field_errors(response, "contacts")


def test_interaction_log_reports_a_bad_date_and_channel_at_their_fields(staff, partner, people):
    response = staff.post(
        create_url(partner), valid_data(people, occurred_on="31/31/2024", channel="pigeon")
    )
    assert response.status_code == 422
    assert "Enter a valid date" in field_errors(response, "occurred_on")
    assert "valid choice" in field_errors(response, "channel")


# --- list and delete ---------------------------------------------------------------------------


def test_interaction_list_is_paginated_newest_first(staff, partner, people):
    for index in range(30):
        InteractionFactory(
            partner=partner,
            stakeholders=people[:1],
            occurred_on=TODAY - index * DAY,
            notes=f"note {index}",
        )
    first = staff.get(list_url(partner)).content.decode()
    assert "30 interactions" in first and "note 0<" in first and "note 29<" not in first
    assert "Page 1 of 2" in first
    second = staff.get(list_url(partner) + "?page=2", **HTMX).content.decode()
    assert "note 29<" in second and "<html" not in second
    assert second.lstrip().startswith('<div id="interaction-rows"')


def test_interaction_list_empty_state(staff, partner):
    response = staff.get(list_url(partner))
    assert "No interactions logged with Acme Systems yet" in response.content.decode()


def test_interaction_list_query_count_is_constant(staff, partner, manager, people, count_queries):
    InteractionFactory(partner=partner, stakeholders=people, logged_by=manager)
    small = count_queries(staff, list_url(partner))
    for index in range(40):
        InteractionFactory(
            partner=partner, stakeholders=people[: 1 + index % 2], occurred_on=TODAY - index * DAY
        )
    assert count_queries(staff, list_url(partner)) == small


def test_interaction_delete_refreshes_last_interaction(staff, partner, manager, people):
    for days_ago in (9, 1):
        services.interaction_log(
            actor=manager, partner=partner, stakeholders=people[:1],
            occurred_on=TODAY - days_ago * DAY, channel="call",
        )  # fmt: skip
    people[0].refresh_from_db()
    assert people[0].last_interaction_on == TODAY - DAY
    newer = Interaction.objects.get(occurred_on=TODAY - DAY)
    url = reverse("relationships:interaction-delete", kwargs={"pk": newer.pk})
    response = staff.post(url)
    assert response.status_code == 302 and response.url == list_url(partner)
    people[0].refresh_from_db()
    assert people[0].last_interaction_on == TODAY - 9 * DAY


def test_interaction_delete_htmx_removes_the_row(staff, partner, people):
    interaction = InteractionFactory(partner=partner, stakeholders=people)
    url = reverse("relationships:interaction-delete", kwargs={"pk": interaction.pk})
    response = staff.post(url, **HTMX)
    assert response.status_code == 200
    # Nothing in place of the row; the confirmation comes out of band, as a toast.
    content = response.content.decode()
    assert content.startswith('<div hx-swap-oob="beforeend:#toasts">')
    assert "Interaction deleted: Meeting of" in content
    assert not Interaction.objects.exists()


# --- anyone of the partner, analysed or not -------------------------------------------------


def test_interaction_log_with_a_contact_who_is_not_analysed(staff, partner, people):
    newcomer = ContactFactory(partner=partner, first_name="Cleo", last_name="Ray")
    data = valid_data(people[:1], contacts=[people[0].contact.pk, newcomer.pk])
    response = staff.post(create_url(partner), data, follow=True)
    interaction = Interaction.objects.get()
    assert set(interaction.contacts.all()) == {people[0].contact, newcomer}
    # Only the analysed one is linked as a stakeholder: no analysis is made up for Cleo.
    assert list(interaction.stakeholders.all()) == [people[0]]
    assert not hasattr(newcomer, "stakeholder") or newcomer.stakeholder is None
    assert "Interaction logged. Meeting with Ann Doe, Cleo Ray on" in response.content.decode()


def test_interaction_form_offers_every_current_contact_as_a_searchable_list(staff, partner, people):
    ContactFactory(partner=partner, first_name="Cleo", last_name="Ray", title="Buyer")
    ContactFactory(partner=partner, first_name="Gone", last_name="Away", left_on=TODAY - DAY)
    page = staff.get(create_url(partner)).content.decode()
    assert 'name="contacts"' in page and "data-searchable" in page and "multiple" in page
    assert "Cleo Ray · Buyer" in page and "Ann Doe" in page and "Gone Away" not in page


def test_interactions_show_everyone_who_took_part(staff, partner, people):
    newcomer = ContactFactory(partner=partner, first_name="Cleo", last_name="Ray")
    InteractionFactory(partner=partner, stakeholders=people[:1], contacts=[newcomer])
    page = staff.get(list_url(partner)).content.decode()
    assert "Ann Doe, Cleo Ray" in page


def test_analysing_someone_later_counts_the_interactions_logged_with_them(manager, partner, people):
    newcomer = ContactFactory(partner=partner)
    services.interaction_log(
        actor=manager, partner=partner, contacts=[newcomer], occurred_on=TODAY - 4 * DAY,
        channel="call",
    )  # fmt: skip
    assert not Interaction.objects.get().stakeholders.exists()
    analysis = services.stakeholder_create(
        actor=manager, contact=newcomer, influence=4, stance="supporter", relationship_level=3,
        decision_orientation="strategic", adaptability="visionary",
    )  # fmt: skip
    assert list(Interaction.objects.get().stakeholders.all()) == [analysis]
    analysis.refresh_from_db()
    assert analysis.last_interaction_on == TODAY - 4 * DAY
