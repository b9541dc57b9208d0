"""The partner page's Relationships and Timeline tabs."""

import datetime
import re

import pytest
from django.urls import reverse

from relationships.panels import engagement as panels
from relationships.selectors import engagement as selectors
from relationships.selectors import timeline
from tests.factories import (
    ContactFactory,
    EngagementActionFactory,
    InteractionFactory,
    RelationshipObjectiveFactory,
    RelationshipPlanFactory,
    StakeholderFactory,
)
from tests.helpers import HTMX

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def tab_url(partner, tab="relationships"):
    return reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": tab})


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


def person(partner, name, **fields):
    first, last = name.split()
    return StakeholderFactory(
        contact=ContactFactory(partner=partner, first_name=first, last_name=last), **fields
    )


def populate(partner, owner, size: int):
    """`size` of everything the tabs show: people, plans, actions, objectives, interactions."""
    people = []
    for index in range(size):
        s = person(partner, f"P{index} Person{index}", influence=3 + index % 3,
                   stance=["supporter", "neutral", "non_supporter"][index % 3],
                   last_interaction_on=TODAY - index * 7 * DAY if index % 2 else None)  # fmt: skip
        s.owners.set([owner])
        people.append(s)
        if index % 3 == 0:
            RelationshipPlanFactory(stakeholder=s, owner=owner, review_on=TODAY + (index - 2) * DAY)
        action = EngagementActionFactory(
            partner=partner, owner=owner, due_on=TODAY + (index - 3) * DAY
        )
        action.stakeholders.set(people[-2:])
        RelationshipObjectiveFactory(partner=partner, owner=owner, stakeholder=s, target_level=4)
        InteractionFactory(
            partner=partner, stakeholders=people[-2:], occurred_on=TODAY - index * DAY
        )
    return people


# --- access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", ["relationships", "timeline"])
def test_relationship_tabs_are_for_staff_only(
    client, client_for, partner, partner_admin, outsider, tab
):
    response = client.get(tab_url(partner, tab))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client_for(partner_admin).get(tab_url(partner, tab)).status_code == 403
    assert client_for(outsider).get(tab_url(partner, tab)).status_code == 403


@pytest.mark.parametrize("tab", ["relationships", "timeline"])
def test_relationship_tabs_answer_405_to_post(staff, partner, tab):
    assert staff.post(tab_url(partner, tab)).status_code == 405


# --- Relationships tab -------------------------------------------------------------------------


def test_relationships_tab_empty_partner_has_real_empty_states(staff, partner):
    response = staff.get(tab_url(partner))
    assert response.status_code == 200
    page = text(response)
    assert "No champion yet." in page
    assert "No key stakeholders analysed yet" in page
    assert "No open actions" in page and "No open objectives" in page
    assert "No interactions logged yet" in page
    html = response.content.decode()
    assert reverse("relationships:champion-candidates", kwargs={"slug": partner.slug}) in html
    for name in ("interaction-create", "action-create", "objective-create"):
        assert reverse(f"relationships:{name}", kwargs={"slug": partner.slug}) in html
    assert tab_url(partner, "org-chart") in html and tab_url(partner, "influence") in html


def test_relationships_tab_ties_the_plan_together(staff, partner, manager):
    person(partner, "Cham Pion", influence=5, stance="supporter", is_champion=True,
           champion_reason="Opens every door", last_interaction_on=TODAY - 2 * DAY)  # fmt: skip
    blocker = person(partner, "Bob Blocker", influence=4, stance="non_supporter", cadence_days=30,
                     last_interaction_on=TODAY - 31 * DAY)  # fmt: skip
    planned = person(
        partner, "Nina Planned", influence=5, stance="non_supporter", last_interaction_on=TODAY
    )
    RelationshipPlanFactory(stakeholder=planned, owner=manager)
    person(partner, "Minor Player", influence=2, stance="non_supporter")
    left = person(partner, "Gone Away", influence=5, stance="non_supporter")
    left.contact.left_on = TODAY - DAY
    left.contact.save()
    blocker.owners.set([manager])
    late = EngagementActionFactory(
        partner=partner, owner=manager, title="Send the case study", due_on=TODAY - 3 * DAY
    )
    late.stakeholders.set([blocker])
    EngagementActionFactory(partner=partner, owner=manager, title="Already done", status="done")
    RelationshipObjectiveFactory(
        partner=partner,
        owner=manager,
        stakeholder=blocker,
        target_stance="neutral",
        title="Soften Bob",
    )

    response = staff.get(tab_url(partner))
    page = text(response)
    assert "Cham Pion" in page and "Opens every door" in page and "No champion yet" not in page
    key_rows = re.findall(
        r'<tr class="([^"]*)">\s*<td><a href="[^"]*">([^<]+)</a>', response.content.decode()
    )
    assert [name for _, name in key_rows] == ["Cham Pion", "Nina Planned", "Bob Blocker"]
    assert dict((name, cls) for cls, name in key_rows) == {
        "Cham Pion": "", "Nina Planned": "", "Bob Blocker": "out-of-cadence",
    }  # fmt: skip
    needs_plan = page[
        page.index("Influential non-supporters without a plan") : page.index("Key stakeholders")
    ]
    assert "Bob Blocker" in needs_plan and "Nina Planned" not in needs_plan
    assert "Gone Away" not in page and "Minor Player" not in needs_plan
    assert "Neutralize" in page and "Leverage" in page
    assert "Send the case study" in page and "Overdue" in page and "Already done" not in page
    assert "Soften Bob" in page
    ctx = panels.relationships_tab_context(None, partner)
    assert ctx["summary"]["out_of_cadence"] == 2  # Bob (late) and Minor Player (never)
    assert ctx["action_counts"]["overdue"] == 1


def test_relationships_tab_query_count_is_constant(
    staff, partner, manager, other_manager, count_queries
):
    populate(partner, manager, 3)
    small = count_queries(staff, tab_url(partner), **HTMX)
    populate(partner, other_manager, 30)
    assert count_queries(staff, tab_url(partner), **HTMX) == small


# --- cadence detection -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "days_ago, cadence, expected",
    [
        (None, 30, True),
        (30, 30, False),
        (31, 30, True),
        (0, 1, False),
        (2, 1, True),
        (400, 365, True),
    ],
)
def test_out_of_cadence_in_python_and_sql_agree(partner, days_ago, cadence, expected):
    last = None if days_ago is None else TODAY - days_ago * DAY
    s = person(partner, "Cad Ence", cadence_days=cadence, last_interaction_on=last)
    assert selectors.is_out_of_cadence(s, TODAY) is expected
    in_sql = type(s).objects.filter(pk=s.pk).filter(selectors.out_of_cadence_q(TODAY)).exists()
    assert in_sql is expected


# --- Timeline tab ------------------------------------------------------------------------------


def test_timeline_merges_every_kind_newest_first(staff, partner, manager):
    ann = person(partner, "Ann Alpha")
    InteractionFactory(
        partner=partner,
        stakeholders=[ann],
        occurred_on=TODAY - 5 * DAY,
        channel="call",
        notes="Pricing talk",
    )
    EngagementActionFactory(
        partner=partner, owner=manager, title="Follow up", due_on=TODAY - 2 * DAY
    )
    RelationshipObjectiveFactory(
        partner=partner, owner=manager, title="Win Ann", due_on=TODAY + 30 * DAY
    )
    RelationshipPlanFactory(stakeholder=ann, owner=manager, review_on=TODAY - 10 * DAY)
    events, more = timeline.timeline(partner=partner)
    assert not more
    kinds = [(e.what, e.on) for e in events]
    assert kinds[0] == ("Objective due · Open", TODAY + 30 * DAY)
    assert ("Call", TODAY - 5 * DAY) in kinds and ("Action overdue", TODAY - 2 * DAY) in kinds
    assert ("Plan review overdue", TODAY - 10 * DAY) in kinds
    assert [e.on for e in events] == sorted((e.on for e in events), reverse=True)
    page = text(staff.get(tab_url(partner, "timeline")))
    assert "Pricing talk" in page and "Plan for Ann Alpha" in page and "Follow up" in page


def test_timeline_filters_by_kind_and_limits(staff, partner, manager):
    ann = person(partner, "Ann Alpha")
    for index in range(timeline.TIMELINE_PAGE + 5):
        InteractionFactory(
            partner=partner,
            stakeholders=[ann],
            occurred_on=TODAY - index * DAY,
            notes=f"talk {index}",
        )
    EngagementActionFactory(partner=partner, owner=manager, title="Only action")
    response = staff.get(tab_url(partner, "timeline") + "?kind=interaction", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="tab-panel"')
    assert "Only action" not in html
    assert html.count('class="event-interaction') == timeline.TIMELINE_PAGE
    assert (
        "Show more" in html and f"kind=interaction&amp;limit={2 * timeline.TIMELINE_PAGE}" in html
    )
    more = staff.get(
        tab_url(partner, "timeline") + f"?kind=interaction&limit={2 * timeline.TIMELINE_PAGE}"
    )
    assert more.content.decode().count('class="event-interaction') == timeline.TIMELINE_PAGE + 5
    assert "Show more" not in more.content.decode()
    bogus = staff.get(tab_url(partner, "timeline") + "?kind=bogus&limit=-3")
    assert bogus.status_code == 200 and "Only action" in bogus.content.decode()


def test_timeline_empty_state(staff, partner):
    assert "Nothing on the timeline yet" in text(staff.get(tab_url(partner, "timeline")))
    assert "Nothing of this kind yet" in text(
        staff.get(tab_url(partner, "timeline") + "?kind=plan")
    )


def test_timeline_query_count_is_constant(staff, partner, manager, other_manager, count_queries):
    populate(partner, manager, 3)
    small = count_queries(staff, tab_url(partner, "timeline"))
    populate(partner, other_manager, 40)
    assert count_queries(staff, tab_url(partner, "timeline")) == small
