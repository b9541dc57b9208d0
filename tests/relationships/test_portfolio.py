"""The cross-partner portfolio page and the dashboard's relationship alerts panel."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from partners.models import Partner
from relationships.panels import engagement as panels
from relationships.selectors import portfolio as selectors
from tests.factories import (
    ContactFactory,
    EngagementActionFactory,
    PartnerFactory,
    RelationshipPlanFactory,
    StakeholderFactory,
)
from tests.helpers import HTMX

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
URL = "/relationships/"


def section(response, key: str) -> str:
    """The text of one portfolio section."""
    html = response.content.decode()
    start = html.index(f'<section id="{key}"')
    end = html.index("</section>", start)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:end]))


def person(partner, name, **fields):
    first, last = name.split()
    return StakeholderFactory(
        contact=ContactFactory(partner=partner, first_name=first, last_name=last), **fields
    )


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


def test_portfolio_url_is_the_relationships_root():
    assert reverse("relationships:portfolio") == URL


# --- access ------------------------------------------------------------------------------------


def test_portfolio_is_for_staff_only(client, client_for, partner_admin, outsider):
    response = client.get(URL)
    assert response.status_code == 302 and response.url == f"/accounts/login/?next={URL}"
    assert client_for(partner_admin).get(URL).status_code == 403
    assert client_for(outsider).get(URL).status_code == 403


def test_portfolio_answers_405_to_post(staff):
    assert staff.post(URL).status_code == 405


def test_nav_links_to_the_portfolio(staff):
    html = staff.get(URL).content.decode()
    assert f'<a href="{URL}" class="active" aria-current="page">Relationships</a>' in html


# --- the four sections -------------------------------------------------------------------------


@pytest.fixture
def channel(partner, other_partner, manager, other_manager):
    """Two partners of `manager`, one of `other_manager`, with one case of each alert."""
    theirs = PartnerFactory(
        name="Initech", slug="initech", owner=other_manager, status=Partner.Status.ONBOARDING
    )
    person(
        partner,
        "Nora Nay",
        influence=5,
        stance="non_supporter",
        last_interaction_on=TODAY - 40 * DAY,
    )
    planned = person(
        partner, "Pat Planned", influence=4, stance="non_supporter", last_interaction_on=TODAY
    )
    RelationshipPlanFactory(stakeholder=planned, owner=manager)
    person(partner, "Low Influence", influence=3, stance="non_supporter", last_interaction_on=TODAY)
    gone = person(partner, "Gone Away", influence=5, stance="non_supporter")
    gone.contact.left_on = TODAY - DAY
    gone.contact.save()
    person(partner, "Sam Champion", influence=5, stance="supporter", is_champion=True,
           champion_reason="Sponsor", last_interaction_on=TODAY)  # fmt: skip
    person(other_partner, "Ivy Never", influence=2, stance="supporter")  # never contacted
    owned = person(theirs, "Olga Owned", influence=4, stance="non_supporter")
    owned.owners.set([manager])  # manager owns this relationship at another manager's partner
    person(theirs, "Tom Theirs", influence=3, stance="neutral")
    EngagementActionFactory(
        partner=partner, owner=manager, title="Late lunch", due_on=TODAY - 5 * DAY
    )
    EngagementActionFactory(
        partner=partner, owner=manager, title="Done lunch", due_on=TODAY - 5 * DAY, status="done"
    )
    EngagementActionFactory(
        partner=theirs, owner=other_manager, title="Their late call", due_on=TODAY - DAY
    )
    EngagementActionFactory(partner=partner, owner=manager, title="Future call", due_on=TODAY + DAY)
    PartnerFactory(name="Exited Co", slug="exited-co", owner=manager, status=Partner.Status.EXITED)
    return theirs


def test_portfolio_sections_for_mine(staff, channel):
    response = staff.get(URL)
    assert response.status_code == 200
    non_supporters = section(response, "non-supporters")
    assert "Nora Nay" in non_supporters and "Olga Owned" in non_supporters
    assert "Pat Planned" not in non_supporters and "Low Influence" not in non_supporters
    assert "Gone Away" not in non_supporters
    cadence = section(response, "cadence")
    assert "Nora Nay" in cadence and "Ivy Never" in cadence and "Olga Owned" in cadence
    assert "Sam Champion" not in cadence and "Tom Theirs" not in cadence
    assert cadence.index("Nora Nay") < cadence.index("Ivy Never")  # key people first
    champions = section(response, "champions")
    assert "Globex Networks" in champions and "Acme Systems" not in champions
    assert "Initech" not in champions and "Exited Co" not in champions
    overdue = section(response, "overdue")
    assert "Late lunch" in overdue and "Their late call" not in overdue
    assert "Done lunch" not in overdue and "Future call" not in overdue


def test_portfolio_all_and_another_manager(staff, channel, other_manager):
    everyone = staff.get(URL + "?owner=all")
    assert "Tom Theirs" in section(everyone, "cadence")
    assert "Their late call" in section(everyone, "overdue")
    assert "Initech" in section(everyone, "champions")
    champions = section(everyone, "champions")
    assert champions.index("Globex Networks") < champions.index("Initech")  # active first
    theirs = staff.get(URL + f"?owner={other_manager.pk}")
    assert "Initech" in section(theirs, "champions") and "Globex" not in section(
        theirs, "champions"
    )
    assert "Their late call" in section(theirs, "overdue") and "Late lunch" not in section(
        theirs, "overdue"
    )
    bogus = staff.get(URL + "?owner=nobody&cadence_page=zz")
    assert bogus.status_code == 200 and "Nora Nay" in section(bogus, "cadence")


def test_portfolio_empty_states(staff):
    response = staff.get(URL)
    assert "Everyone has been contacted within their cadence." in section(response, "cadence")
    assert "No overdue actions." in section(response, "overdue")
    assert "See all partners" in section(response, "champions")


def test_portfolio_sections_page_separately_and_as_fragments(staff, partner):
    for index in range(13):
        person(partner, f"Never{index:02d} Met", influence=5 - index % 5)
    first = staff.get(URL)
    assert len(re.findall(r"Never\d\d Met", section(first, "cadence"))) == 10
    assert "Page 1 of 2" in section(first, "cadence")
    fragment = staff.get(URL + "?section=cadence&cadence_page=2", **HTMX)
    body = fragment.content.decode()
    assert body.lstrip().startswith('<section id="cadence"')
    assert len(re.findall(r"Never\d\d Met", section(fragment, "cadence"))) == 3
    assert "<html" not in body


def test_portfolio_query_count_is_constant(staff, manager, other_manager, count_queries):
    def add(size):
        for index in range(size):
            p = PartnerFactory(owner=[manager, other_manager][index % 2])
            s = person(p, f"P{index} Q{index}", influence=4 + index % 2, stance="non_supporter")
            s.owners.set([manager, other_manager])
            action = EngagementActionFactory(partner=p, owner=manager, due_on=TODAY - DAY)
            action.stakeholders.set([s])

    add(2)
    small = count_queries(staff, URL + "?owner=all")
    add(25)
    assert count_queries(staff, URL + "?owner=all") == small


# --- dashboard panel ---------------------------------------------------------------------------


def test_dashboard_alerts_count_the_managers_own_alerts(staff, manager, channel):
    assert panels.dashboard_alerts_context(type("R", (), {"user": manager})()) == {
        "counts": {"non_supporters": 2, "cadence": 3, "champions": 1, "overdue": 1}
    }
    html = staff.get("/").content.decode()
    assert "Relationships needing attention" in html
    assert f'href="{URL}#overdue"' in html


def test_dashboard_alerts_query_count_is_constant(staff, manager, count_queries):
    small = count_queries(staff, "/")
    for index in range(15):
        p = PartnerFactory(owner=manager)
        person(p, f"P{index} Q{index}", influence=5, stance="non_supporter")
        EngagementActionFactory(partner=p, owner=manager, due_on=TODAY - DAY)
    # Count again, not from the minute-long caches of the dashboard's panels.
    cache.delete(f"relationships:dashboard-alerts:{manager.pk}")
    cache.delete("performance:dashboard-overdue-reviews")
    assert count_queries(staff, "/") == small


def test_dashboard_alerts_are_kept_for_a_minute_then_recounted(staff, manager, monkeypatch):
    request = type("R", (), {"user": manager})()
    calls = []
    real = selectors.portfolio_counts
    monkeypatch.setattr(selectors, "portfolio_counts", lambda **kw: calls.append(1) or real(**kw))
    first = panels.dashboard_alerts_context(request)
    assert panels.dashboard_alerts_context(request) == first
    assert len(calls) == 1
    cache.delete(f"relationships:dashboard-alerts:{manager.pk}")
    panels.dashboard_alerts_context(request)
    assert len(calls) == 2


def test_portfolio_shows_each_change_on_the_next_view(staff, manager, partner):
    """The page keeps its lists while nothing they read changes; any change shows at once."""
    from relationships.services.engagement import interaction_log

    nora = person(partner, "Nora Nay", influence=5, stance="non_supporter",
                  last_interaction_on=TODAY - 40 * DAY)  # fmt: skip
    assert "Nora Nay" in section(staff.get(URL), "cadence")
    interaction_log(actor=manager, partner=partner, stakeholders=[nora], occurred_on=TODAY,
                    channel="meeting")  # fmt: skip
    assert "Nora Nay" not in section(staff.get(URL), "cadence")
    RelationshipPlanFactory(stakeholder=nora, owner=manager)
    assert "Nora Nay" not in section(staff.get(URL), "non-supporters")
    nora.contact.left_on = TODAY
    nora.contact.save()
    person(partner, "Walt Waiting", influence=4, stance="neutral")
    cadence = section(staff.get(URL), "cadence")
    assert "Walt Waiting" in cadence and "Nora Nay" not in cadence
