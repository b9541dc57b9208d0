"""Champion: suggested candidates, designation with a reason, one per partner, clearing."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from relationships.models import Stakeholder, Stance
from relationships.selectors.stakeholders import candidate_reason, champion_candidates
from tests.factories import ContactFactory, StakeholderFactory
from tests.helpers import HTMX, page_text


def person(partner, last_name, **fields):
    defaults = {
        "stance": Stance.SUPPORTER,
        "influence": 5,
        "relationship_level": 5,
        "decision_orientation": "strategic",
    }
    defaults.update(fields)
    return StakeholderFactory(
        contact=ContactFactory(partner=partner, first_name="Pat", last_name=last_name), **defaults
    )


def designate_url(stakeholder):
    return reverse("relationships:champion-designate", kwargs={"pk": stakeholder.pk})


def clear_url(stakeholder):
    return reverse("relationships:champion-clear", kwargs={"pk": stakeholder.pk})


def champion_page(partner):
    return reverse("relationships:champion-candidates", kwargs={"slug": partner.slug})


# --- candidates ----------------------------------------------------------------------------


def test_champion_candidates_rank_strategic_supporters_first(partner):
    tactical_max = person(partner, "Tactical", decision_orientation="tactical")
    strategic_low = person(partner, "Strategic", influence=4, relationship_level=4)
    strategic_max = person(partner, "Boss")
    operational = person(partner, "Operator", decision_orientation="operational")
    ranked = list(champion_candidates(partner))
    assert ranked == [strategic_max, strategic_low, tactical_max, operational]
    scores = [c.candidate_score for c in ranked]
    assert scores == [100, 88, 80, 60]
    top = ranked[0]
    assert (top.orientation_points, top.influence_points, top.level_points) == (40, 30, 30)


def test_champion_candidates_leave_out_who_does_not_qualify(partner, other_partner):
    qualified = person(partner, "Qualified")
    person(partner, "Neutral", stance=Stance.NEUTRAL)
    person(partner, "Critic", stance=Stance.NON_SUPPORTER)
    person(partner, "Weak", influence=3)
    person(partner, "Distant", relationship_level=3)
    gone = person(partner, "Gone")
    gone.contact.left_on = "2024-05-01"
    gone.contact.save()
    person(other_partner, "Elsewhere")
    assert list(champion_candidates(partner)) == [qualified]


def test_champion_candidates_explain_themselves(partner):
    assert list(champion_candidates(partner)) == []
    person(partner, "Lee", influence=4, relationship_level=5, decision_orientation="tactical")
    (candidate,) = champion_candidates(partner)
    reason = candidate_reason(candidate)
    assert "influence 4/5" in reason
    assert "level 5 (advocate)" in reason
    assert "tactical (shapes and recommends)" in reason.lower()


def test_champion_page_lists_candidates_with_score_and_reason(client_for, manager, partner):
    person(partner, "Boss")
    response = client_for(manager).get(champion_page(partner))
    assert response.status_code == 200
    text = page_text(response)
    assert "Pat Boss" in text
    assert "orientation 40 + influence 30 + relationship 30 = 100 of 100" in text
    assert "has no champion yet" in text


def test_champion_page_empty_state(client_for, manager, partner):
    person(partner, "Critic", stance=Stance.NON_SUPPORTER)
    text = page_text(client_for(manager).get(champion_page(partner)))
    assert "No candidate yet." in text


def test_champion_page_query_count_is_constant(client_for, manager, partner, count_queries):
    client = client_for(manager)
    for index in range(3):
        person(partner, f"First{index}")
    small = count_queries(client, champion_page(partner))
    for index in range(30):
        person(partner, f"More{index}", influence=4 + index % 2)
    assert count_queries(client, champion_page(partner)) == small


# --- designate and clear --------------------------------------------------------------------


def test_champion_designate_requires_a_reason_at_the_field(client_for, manager, partner):
    candidate = person(partner, "Boss")
    client = client_for(manager)
    response = client.post(designate_url(candidate), {"champion_reason": "   "}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith(f'<form id="champion-form-{candidate.pk}"')
    assert "has-error" in html and "Say why this person is the champion." in html
    plain = client.post(designate_url(candidate), {})
    assert plain.status_code == 422
    assert "Say why this person is the champion." in page_text(plain)
    candidate.refresh_from_db()
    assert not candidate.is_champion


def test_champion_designate_records_the_reason(client_for, manager, partner):
    candidate = person(partner, "Boss")
    response = client_for(manager).post(
        designate_url(candidate), {"champion_reason": " Sponsors our joint plan "}
    )
    assert response.status_code == 302
    assert response.url == champion_page(partner)
    candidate.refresh_from_db()
    assert candidate.is_champion and candidate.champion_reason == "Sponsors our joint plan"
    text = page_text(client_for(manager).get(champion_page(partner)))
    assert "Current champion" in text and "Sponsors our joint plan" in text


def test_champion_designate_replaces_the_previous_champion(client_for, manager, partner):
    first, second = person(partner, "First"), person(partner, "Second")
    other = person(ContactFactory().partner, "Elsewhere")
    client = client_for(manager)
    client.post(designate_url(other), {"champion_reason": "Their own partner"})
    client.post(designate_url(first), {"champion_reason": "Opened the door"})
    response = client.post(designate_url(second), {"champion_reason": "Now runs the deal"}, **HTMX)
    assert response.status_code == 200 and response["HX-Redirect"] == champion_page(partner)
    champions = Stakeholder.objects.filter(partner=partner, is_champion=True)
    assert list(champions) == [second]
    first.refresh_from_db()
    assert first.champion_reason == ""
    assert Stakeholder.objects.get(pk=other.pk).is_champion  # other partners keep theirs


def test_champion_database_allows_one_per_partner(partner):
    first, second = person(partner, "First"), person(partner, "Second")
    Stakeholder.objects.filter(pk=first.pk).update(is_champion=True, champion_reason="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Stakeholder.objects.filter(pk=second.pk).update(is_champion=True, champion_reason="B")


def test_champion_designate_from_the_analysis_page(client_for, manager, partner):
    anyone = person(partner, "Anyone", stance=Stance.NEUTRAL, influence=2)
    client = client_for(manager)
    page = client.get(anyone.get_absolute_url())
    assert f'action="{designate_url(anyone)}"' in page.content.decode()
    client.post(designate_url(anyone), {"champion_reason": "The manager knows best"})
    anyone.refresh_from_db()
    assert anyone.is_champion
    assert "★ Champion" in page_text(client.get(anyone.get_absolute_url()))


def test_champion_clear(client_for, manager, partner):
    champion = person(partner, "Boss")
    Stakeholder.objects.filter(pk=champion.pk).update(is_champion=True, champion_reason="Why")
    response = client_for(manager).post(clear_url(champion))
    assert response.status_code == 302
    champion.refresh_from_db()
    assert not champion.is_champion and champion.champion_reason == ""


# --- access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_champion_pages_refuse_partner_users(client_for, partner, persona, request):
    candidate = person(partner, "Boss")
    client = client_for(request.getfixturevalue(persona))
    assert client.get(champion_page(partner)).status_code == 403
    assert client.post(designate_url(candidate), {"champion_reason": "x"}).status_code == 403
    assert client.post(clear_url(candidate)).status_code == 403
    candidate.refresh_from_db()
    assert not candidate.is_champion


def test_champion_pages_anonymous_and_methods(client, client_for, manager, partner):
    candidate = person(partner, "Boss")
    for url in (champion_page(partner), designate_url(candidate), clear_url(candidate)):
        response = client.get(url) if url == champion_page(partner) else client.post(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    staff = client_for(manager)
    assert staff.get(designate_url(candidate)).status_code == 405
    assert staff.get(clear_url(candidate)).status_code == 405
    assert staff.post(champion_page(partner)).status_code == 405
    assert staff.post(reverse("relationships:champion-designate", args=[999999])).status_code == 404
    missing = reverse("relationships:champion-candidates", kwargs={"slug": "nobody"})
    assert staff.get(missing).status_code == 404
