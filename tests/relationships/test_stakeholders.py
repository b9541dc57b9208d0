"""Stakeholder analysis pages: create, edit, detail with the derived strategy and cadence."""

import datetime

import pytest
from django.http import Http404
from django.urls import reverse

from relationships.models import STRATEGY_MEANING, Stakeholder, Stance, Strategy
from relationships.selectors import access
from relationships.selectors.access import contact_for_analysis_get
from relationships.selectors.stakeholders import cadence_status
from tests.factories import (
    ContactFactory,
    RelationshipPlanFactory,
    StakeholderFactory,
    UserFactory,
)
from tests.helpers import HTMX, edit_of, field_block, page_text


def analysis_data(**overrides) -> dict:
    data = {
        "formal_responsibilities": "Owns the partner's cloud practice",
        "business_objectives": "Grow recurring revenue 30 %",
        "decides_alone": "Which vendors the practice certifies on",
        "influences": "The CEO's portfolio decisions",
        "influence": "5",
        "decision_orientation": "strategic",
        "adaptability": "visionary",
        "relationship_level": "4",
        "stance": "supporter",
        "cadence_days": "21",
    }
    data.update(overrides)
    return data


@pytest.fixture
def contact(partner):
    return ContactFactory(partner=partner, first_name="Dana", last_name="Cruz", title="CTO")


@pytest.fixture
def stakeholder(contact, manager):
    return StakeholderFactory(contact=contact, owners=[manager])


def create_url(contact):
    return reverse("relationships:stakeholder-create", kwargs={"contact_pk": contact.pk})


# --- create ------------------------------------------------------------------------------


def test_stakeholder_create_shows_the_form_for_the_contact(client_for, manager, contact):
    response = client_for(manager).get(create_url(contact))
    assert response.status_code == 200
    text = page_text(response)
    assert "Assess Dana Cruz" in text
    for label in (
        "Formal responsibilities", "Business objectives", "What they decide alone",
        "What they influence", "Influence in their organisation", "Decision orientation",
        "Adaptability to change", "Relationship level with us", "Stance",
        "Relationship owners (coverage)", "Desired contact cadence (days)",
    ):  # fmt: skip
        assert label in text


def test_stakeholder_create_form_starts_without_an_assessment(client_for, manager, contact):
    html = client_for(manager).get(create_url(contact)).content.decode()
    for field in ("stance", "influence", "relationship_level", "decision_orientation",
                  "adaptability"):  # fmt: skip
        select = field_block_html(html, field)
        assert '<option value="" selected>— choose —</option>' in select, field
        assert select.count(" selected") == 1, field  # no middling value chosen for us


def test_stakeholder_create_careless_save_gets_an_error_at_each_assessment(
    client_for, manager, contact
):
    blank = {name: "" for name in (
        "stance", "influence", "relationship_level", "decision_orientation", "adaptability",
    )}  # fmt: skip
    response = client_for(manager).post(create_url(contact), analysis_data(**blank))
    assert response.status_code == 422
    for field, message in (
        ("stance", "Choose the stance."),
        ("influence", "Choose the influence in their organisation."),
        ("relationship_level", "Choose the relationship level with us."),
        ("decision_orientation", "Choose the decision orientation."),
        ("adaptability", "Choose the adaptability to change."),
    ):
        assert message in field_block(response, field)
    assert not Stakeholder.objects.filter(contact=contact).exists()


def test_stakeholder_edit_form_keeps_the_recorded_assessment(client_for, manager, stakeholder):
    url = reverse("relationships:stakeholder-edit", kwargs={"pk": stakeholder.pk})
    html = client_for(manager).get(url).content.decode()
    assert "— choose —" not in field_block_html(html, "stance")
    assert '<option value="neutral" selected>' in field_block_html(html, "stance")


def field_block_html(html: str, field: str) -> str:
    start = html.index(f'id="field-{field}"')
    return html[start : html.index("</div>", html.index("</select>", start))]


def test_stakeholder_create_saves_the_analysis_and_redirects(
    client_for, manager, other_manager, contact
):
    data = analysis_data(owners=[manager.pk, other_manager.pk])
    response = client_for(manager).post(create_url(contact), data)
    stakeholder = Stakeholder.objects.get(contact=contact)
    assert response.status_code == 302
    assert response.url == stakeholder.get_absolute_url()
    assert stakeholder.partner == contact.partner
    assert (stakeholder.influence, stakeholder.relationship_level) == (5, 4)
    assert stakeholder.stance == Stance.SUPPORTER
    assert stakeholder.cadence_days == 21
    assert set(stakeholder.owners.all()) == {manager, other_manager}


def test_stakeholder_create_htmx_success_is_a_client_redirect(client_for, manager, contact):
    response = client_for(manager).post(create_url(contact), analysis_data(), **HTMX)
    stakeholder = Stakeholder.objects.get(contact=contact)
    assert response.status_code == 200
    assert response["HX-Redirect"] == stakeholder.get_absolute_url()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("cadence_days", "0", "greater than or equal to 1"),
        ("cadence_days", "400", "less than or equal to 365"),
        ("influence", "9", "Select a valid choice"),
        ("stance", "enemy", "Select a valid choice"),
        ("relationship_level", "", "Choose the relationship level with us."),
    ],
)
def test_stakeholder_create_bad_input_errors_at_the_field_htmx_422(
    client_for, manager, contact, field, value, message
):
    response = client_for(manager).post(
        create_url(contact), analysis_data(**{field: value}), **HTMX
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="stakeholder-form"')  # the form partial only
    block = field_block(response, field)
    assert "has-error" in block and message in block
    assert not Stakeholder.objects.filter(contact=contact).exists()


def test_stakeholder_create_bad_input_plain_post_rerenders_the_page(client_for, manager, contact):
    response = client_for(manager).post(create_url(contact), analysis_data(cadence_days="0"))
    assert response.status_code == 422
    assert "<html" in response.content.decode()
    assert "has-error" in field_block(response, "cadence_days")
    assert not Stakeholder.objects.exists()


def test_stakeholder_create_owner_must_be_staff(client_for, manager, contact, partner_admin):
    response = client_for(manager).post(
        create_url(contact), analysis_data(owners=[partner_admin.pk]), **HTMX
    )
    assert response.status_code == 422
    assert "Select a valid choice" in field_block(response, "owners")
    assert not Stakeholder.objects.exists()


def test_stakeholder_create_for_a_contact_who_left_shows_the_service_error(
    client_for, manager, partner
):
    gone = ContactFactory(partner=partner, left_on=datetime.date(2024, 1, 31))
    response = client_for(manager).post(create_url(gone), analysis_data(), **HTMX)
    assert response.status_code == 422
    assert "has left the partner" in page_text(response)
    assert not Stakeholder.objects.exists()


def test_stakeholder_create_when_analysed_already_redirects_to_edit(
    client_for, manager, stakeholder
):
    response = client_for(manager).get(create_url(stakeholder.contact))
    assert response.status_code == 302
    assert response.url == reverse("relationships:stakeholder-edit", kwargs={"pk": stakeholder.pk})


# --- edit ----------------------------------------------------------------------------------


def test_stakeholder_edit_prefills_and_updates(client_for, manager, other_manager, stakeholder):
    url = reverse("relationships:stakeholder-edit", kwargs={"pk": stakeholder.pk})
    client = client_for(manager)
    page = client.get(url)
    assert page.status_code == 200
    assert "Runs the partner&#x27;s sales team" in page.content.decode()
    data = analysis_data(stance="non_supporter", influence="4", owners=[other_manager.pk])
    response = client.post(url, edit_of(stakeholder, data))
    assert response.status_code == 302
    stakeholder.refresh_from_db()
    assert stakeholder.stance == Stance.NON_SUPPORTER
    assert stakeholder.strategy == Strategy.NEUTRALIZE
    assert list(stakeholder.owners.all()) == [other_manager]


def test_stakeholder_edit_invalid_keeps_the_stored_analysis(client_for, manager, stakeholder):
    url = reverse("relationships:stakeholder-edit", kwargs={"pk": stakeholder.pk})
    response = client_for(manager).post(
        url, edit_of(stakeholder, analysis_data(stance="supporter", cadence_days="-3")), **HTMX
    )
    assert response.status_code == 422
    assert "has-error" in field_block(response, "cadence_days")
    stakeholder.refresh_from_db()
    assert stakeholder.stance == Stance.NEUTRAL and stakeholder.cadence_days == 30


# --- detail ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stance, strategy, label",
    [
        (Stance.SUPPORTER, Strategy.LEVERAGE, "Leverage"),
        (Stance.NEUTRAL, Strategy.MOTIVATE, "Motivate"),
        (Stance.NON_SUPPORTER, Strategy.NEUTRALIZE, "Neutralize"),
    ],
)
def test_stakeholder_detail_shows_the_derived_strategy_and_its_meaning(
    client_for, manager, partner, stance, strategy, label
):
    stakeholder = StakeholderFactory(contact__partner=partner, stance=stance)
    assert stakeholder.strategy == strategy
    response = client_for(manager).get(stakeholder.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    hero = html[html.index('class="card strategy-card') : html.index("</section>")]
    assert f"strategy-{strategy}" in hero
    assert f'<h2 id="strategy-heading" class="strategy-name">{label}</h2>' in hero
    assert STRATEGY_MEANING[strategy].replace("'", "&#x27;") in hero


def test_stakeholder_detail_shows_owners_cadence_and_links(client_for, manager, stakeholder):
    plan = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)
    response = client_for(manager).get(stakeholder.get_absolute_url())
    html = response.content.decode()
    text = page_text(response)
    assert str(manager) in text
    assert "Every 30 days" in text
    assert "Out of cadence" in text and "None logged yet" in text
    assert f'href="{plan.get_absolute_url()}"' in html
    assert f'href="{stakeholder.partner.get_absolute_url()}"' in html
    orgchart = reverse("partners:partner-tab", args=[stakeholder.partner.slug, "org-chart"])
    assert f'href="{orgchart}"' in html


def test_stakeholder_detail_without_plan_offers_to_write_one(client_for, manager, stakeholder):
    response = client_for(manager).get(stakeholder.get_absolute_url())
    url = reverse("relationships:plan-create", kwargs={"stakeholder_pk": stakeholder.pk})
    assert f'href="{url}"' in response.content.decode()
    assert "No plan for Dana yet" in page_text(response)


def test_stakeholder_detail_within_cadence(client_for, manager, stakeholder):
    Stakeholder.objects.filter(pk=stakeholder.pk).update(
        last_interaction_on=datetime.date.today() - datetime.timedelta(days=10)
    )
    text = page_text(client_for(manager).get(stakeholder.get_absolute_url()))
    assert "Within cadence" in text and "Out of cadence" not in text
    assert "10 days ago" in text


def test_cadence_status_compares_last_interaction_with_cadence():
    today = datetime.date(2025, 6, 30)
    stakeholder = Stakeholder(cadence_days=14, last_interaction_on=datetime.date(2025, 6, 16))
    assert not cadence_status(stakeholder, today).overdue  # due today
    assert cadence_status(stakeholder, today).due_on == today
    stakeholder.last_interaction_on = datetime.date(2025, 6, 15)
    assert cadence_status(stakeholder, today).overdue
    assert cadence_status(Stakeholder(cadence_days=14), today).overdue  # never contacted


# --- access ----------------------------------------------------------------------------------


def stakeholder_urls(stakeholder):
    return [
        create_url(ContactFactory(partner=stakeholder.partner)),
        reverse("relationships:stakeholder-detail", kwargs={"pk": stakeholder.pk}),
        reverse("relationships:stakeholder-edit", kwargs={"pk": stakeholder.pk}),
    ]


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_stakeholder_pages_refuse_partner_users(client_for, stakeholder, persona, request):
    client = client_for(request.getfixturevalue(persona))
    for url in stakeholder_urls(stakeholder):
        assert client.get(url).status_code == 403, url
        assert client.post(url, analysis_data()).status_code in (403, 405), url
    stakeholder.refresh_from_db()
    assert stakeholder.stance == Stance.NEUTRAL


def test_stakeholder_pages_send_anonymous_users_to_login(client, stakeholder):
    for url in stakeholder_urls(stakeholder):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_stakeholder_pages_refuse_other_methods(client_for, manager, stakeholder):
    client = client_for(manager)
    for url in stakeholder_urls(stakeholder):
        assert client.delete(url).status_code == 405
        assert client.put(url).status_code == 405
    assert client.post(stakeholder.get_absolute_url()).status_code == 405


def test_stakeholder_pages_answer_404_for_unknown_ids(client_for, manager):
    client = client_for(manager)
    assert client.get(reverse("relationships:stakeholder-detail", args=[999999])).status_code == 404
    assert client.get(reverse("relationships:stakeholder-edit", args=[999999])).status_code == 404
    assert client.get(reverse("relationships:stakeholder-create", args=[999999])).status_code == 404


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_stakeholder_access_functions_hide_analyses_from_partner_users(
    stakeholder, persona, request
):
    user = request.getfixturevalue(persona)
    with pytest.raises(Http404):
        access.stakeholder_get(user=user, pk=stakeholder.pk)
    with pytest.raises(Http404):
        contact_for_analysis_get(user=user, pk=stakeholder.contact_id)


def test_stakeholder_access_functions_serve_staff(stakeholder, manager):
    admin = UserFactory(username="admin-x", role="administrator")
    assert access.stakeholder_get(user=manager, pk=stakeholder.pk) == stakeholder
    assert contact_for_analysis_get(user=admin, pk=stakeholder.contact_id) == stakeholder.contact
