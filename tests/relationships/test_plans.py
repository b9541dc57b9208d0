"""Individual relationship plans: create, edit, detail, the printable view."""

import datetime

import pytest
from django.http import Http404
from django.urls import reverse

from relationships.forms.stakeholders import plan_initial
from relationships.models import RelationshipPlan, Stance
from relationships.selectors import access
from tests.factories import ContactFactory, RelationshipPlanFactory, StakeholderFactory
from tests.helpers import HTMX, edit_of, field_block, page_text

QUESTIONS = [
    "What is their position and their formal responsibilities?",
    "What are their business objectives?",
    "What value do we provide them today?",
    "How do we build more value for them?",
    "What do they decide alone, and what do they influence?",
    "What is our current relationship, and our strategy?",
    "How often do we communicate?",
    "How will we communicate our value from now on?",
    "Which other individuals need a plan?",
]


@pytest.fixture
def stakeholder(partner, manager):
    return StakeholderFactory(
        contact=ContactFactory(partner=partner, first_name="Ana", last_name="Ruiz", title="CFO"),
        stance=Stance.NON_SUPPORTER,
        influence=5,
        business_objectives="Cut operating costs",
        decides_alone="Budget releases under 50k",
        cadence_days=14,
    )


@pytest.fixture
def colleague(partner):
    return StakeholderFactory(
        contact=ContactFactory(partner=partner, first_name="Ben", last_name="Ode", title="CEO")
    )


def plan_data(plan_owner, **overrides) -> dict:
    data = {
        "position_and_responsibilities": "CFO; signs off every vendor contract",
        "business_objectives": "Cut operating costs by 10 %",
        "value_we_provide": "Lower cost of delivery through automation",
        "how_to_build_more_value": "A TCO study with their finance team",
        "decisions_and_influence": "Decides budgets; influences the board",
        "current_relationship": "Sceptical after last year's price rise",
        "communication_frequency": "Monthly",
        "value_communication": "Quarterly savings report",
        "owner": str(plan_owner.pk),
        "review_on": "2030-03-31",
    }
    data.update(overrides)
    return data


def create_url(stakeholder):
    return reverse("relationships:plan-create", kwargs={"stakeholder_pk": stakeholder.pk})


def test_plan_create_starts_from_the_analysis(client_for, manager, stakeholder):
    response = client_for(manager).get(create_url(stakeholder))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CFO; Runs the partner&#x27;s sales team" in field_block(
        response, "position_and_responsibilities"
    )
    assert "Cut operating costs" in field_block(response, "business_objectives")
    assert "Decides alone: Budget releases under 50k" in field_block(
        response, "decisions_and_influence"
    )
    assert 'value="Every 14 days"' in field_block(response, "communication_frequency")
    assert f'<option value="{manager.pk}" selected>' in field_block(response, "owner")
    assert "Strategy: Neutralize" in page_text(response)
    assert 'name="review_on"' in html


def test_plan_initial_does_not_repeat_the_title(stakeholder, manager):
    stakeholder.formal_responsibilities = "CFO"
    assert plan_initial(stakeholder, manager)["position_and_responsibilities"] == "CFO"


def test_plan_create_saves_and_redirects_to_the_plan(client_for, manager, stakeholder, colleague):
    data = plan_data(manager, related_stakeholders=[colleague.pk])
    response = client_for(manager).post(create_url(stakeholder), data)
    plan = RelationshipPlan.objects.get(stakeholder=stakeholder)
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.owner == manager and plan.review_on == datetime.date(2030, 3, 31)
    assert plan.value_communication == "Quarterly savings report"
    assert list(plan.related_stakeholders.all()) == [colleague]


def test_plan_create_htmx_success_is_a_client_redirect(client_for, manager, stakeholder):
    response = client_for(manager).post(create_url(stakeholder), plan_data(manager), **HTMX)
    plan = RelationshipPlan.objects.get(stakeholder=stakeholder)
    assert response["HX-Redirect"] == plan.get_absolute_url()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("position_and_responsibilities", "", "This field is required"),
        ("review_on", "31/31/2030", "Enter a valid date"),
        ("review_on", "", "This field is required"),
        ("owner", "", "This field is required"),
    ],
)
def test_plan_create_bad_input_errors_at_the_field(
    client_for, manager, stakeholder, field, value, message
):
    response = client_for(manager).post(
        create_url(stakeholder), plan_data(manager, **{field: value}), **HTMX
    )
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<form id="plan-form"')
    block = field_block(response, field)
    assert "has-error" in block and message in block
    assert not RelationshipPlan.objects.exists()


def test_plan_related_stakeholders_must_be_of_the_same_partner(
    client_for, manager, stakeholder, other_partner
):
    stranger = StakeholderFactory(contact__partner=other_partner)
    response = client_for(manager).post(
        create_url(stakeholder), plan_data(manager, related_stakeholders=[stranger.pk])
    )
    assert response.status_code == 422
    assert "Select a valid choice" in field_block(response, "related_stakeholders")
    assert not RelationshipPlan.objects.exists()


def test_plan_owner_must_be_our_staff(client_for, manager, stakeholder, partner_admin):
    response = client_for(manager).post(create_url(stakeholder), plan_data(partner_admin), **HTMX)
    assert response.status_code == 422
    assert "Select a valid choice" in field_block(response, "owner")


def test_plan_create_when_a_plan_exists_redirects_to_edit(client_for, manager, stakeholder):
    plan = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)
    response = client_for(manager).get(create_url(stakeholder))
    assert response.status_code == 302
    assert response.url == reverse("relationships:plan-edit", kwargs={"pk": plan.pk})


def test_plan_edit_updates_the_plan(client_for, manager, other_manager, stakeholder, colleague):
    plan = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)
    plan.related_stakeholders.set([colleague])
    url = reverse("relationships:plan-edit", kwargs={"pk": plan.pk})
    client = client_for(manager)
    page = client.get(url)
    assert page.status_code == 200
    assert "Head of sales" in field_block(page, "position_and_responsibilities")
    response = client.post(url, edit_of(plan, plan_data(other_manager, review_on="2031-01-15")))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.owner == other_manager and plan.review_on == datetime.date(2031, 1, 15)
    assert list(plan.related_stakeholders.all()) == []


def test_plan_edit_invalid_changes_nothing(client_for, manager, stakeholder):
    plan = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)
    url = reverse("relationships:plan-edit", kwargs={"pk": plan.pk})
    response = client_for(manager).post(
        url, plan_data(manager, value_we_provide="changed", review_on="nope"), **HTMX
    )
    assert response.status_code == 422
    plan.refresh_from_db()
    assert plan.value_we_provide == ""


def test_plan_detail_answers_the_questions(client_for, manager, stakeholder, colleague):
    plan = RelationshipPlanFactory(
        stakeholder=stakeholder, owner=manager, value_we_provide="Faster delivery"
    )
    plan.related_stakeholders.set([colleague])
    response = client_for(manager).get(plan.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    for question in QUESTIONS:
        assert question in text
    assert "Faster delivery" in text
    assert "strategy Neutralize" in text
    assert "Review overdue" not in text
    html = response.content.decode()
    assert f'href="{colleague.get_absolute_url()}"' in html and "needs a plan" in text
    assert reverse("relationships:plan-print", kwargs={"pk": plan.pk}) in html


def test_plan_detail_links_related_plans(client_for, manager, stakeholder, colleague):
    plan = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)
    their_plan = RelationshipPlanFactory(stakeholder=colleague, owner=manager)
    plan.related_stakeholders.set([colleague])
    response = client_for(manager).get(plan.get_absolute_url())
    assert f'href="{their_plan.get_absolute_url()}"' in response.content.decode()


def test_plan_with_a_past_review_date_is_flagged(client_for, manager, stakeholder):
    plan = RelationshipPlanFactory(
        stakeholder=stakeholder,
        owner=manager,
        review_on=datetime.date.today() - datetime.timedelta(days=1),
    )
    client = client_for(manager)
    assert "Review overdue" in page_text(client.get(plan.get_absolute_url()))
    assert "Review overdue" in page_text(client.get(stakeholder.get_absolute_url()))
    printed = page_text(client.get(reverse("relationships:plan-print", args=[plan.pk])))
    assert "overdue" in printed


def test_plan_print_is_a_one_pager_with_every_answer(client_for, manager, stakeholder, colleague):
    plan = RelationshipPlanFactory(
        stakeholder=stakeholder,
        owner=manager,
        review_on=datetime.date(2030, 3, 31),
        **{k: v for k, v in plan_data(manager).items() if k not in ("owner", "review_on")},
    )
    plan.related_stakeholders.set([colleague])
    response = client_for(manager).get(reverse("relationships:plan-print", args=[plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    text = page_text(response)
    assert 'class="sheet"' in html and "data-print" in html
    for question in QUESTIONS:
        assert question in text
    for answer in plan_data(manager).values():
        if answer not in (str(manager.pk), "2030-03-31"):
            assert answer in text
    assert "Ana Ruiz" in text and "CFO" in text
    assert "Neutralize" in text and str(manager) in text and "31 Mar 2030" in text
    assert f'href="{colleague.get_absolute_url()}"' in html


# --- access ----------------------------------------------------------------------------------


def plan_urls(plan):
    return [
        create_url(StakeholderFactory(contact__partner=plan.stakeholder.partner)),
        reverse("relationships:plan-detail", kwargs={"pk": plan.pk}),
        reverse("relationships:plan-edit", kwargs={"pk": plan.pk}),
        reverse("relationships:plan-print", kwargs={"pk": plan.pk}),
    ]


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_plan_pages_refuse_partner_users(client_for, manager, stakeholder, persona, request):
    plan = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)
    client = client_for(request.getfixturevalue(persona))
    for url in plan_urls(plan):
        assert client.get(url).status_code == 403, url
        assert client.post(url, plan_data(manager)).status_code in (403, 405), url
    assert RelationshipPlan.objects.count() == 1
    with pytest.raises(Http404):
        access.plan_get(user=request.getfixturevalue(persona), pk=plan.pk)


def test_plan_pages_anonymous_methods_and_unknown_ids(client, client_for, manager, stakeholder):
    plan = RelationshipPlanFactory(stakeholder=stakeholder, owner=manager)
    for url in plan_urls(plan):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    staff = client_for(manager)
    for url in plan_urls(plan):
        assert staff.delete(url).status_code == 405
    assert staff.post(plan.get_absolute_url()).status_code == 405
    assert staff.post(reverse("relationships:plan-print", args=[plan.pk])).status_code == 405
    for name in ("plan-detail", "plan-edit", "plan-print"):
        assert staff.get(reverse(f"relationships:{name}", args=[999999])).status_code == 404
    assert staff.get(reverse("relationships:plan-create", args=[999999])).status_code == 404
