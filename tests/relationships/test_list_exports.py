"""Exports of relationship lists: a portfolio section, a partner's actions and interactions."""

import datetime

import pytest
from django.urls import reverse

from tests.export_helpers import column_of, rows_of
from tests.factories import (
    ContactFactory,
    CultureAssessmentFactory,
    EngagementActionFactory,
    InteractionFactory,
    RelationshipObjectiveFactory,
    StakeholderFactory,
)

from .test_culture_pages import BUREAUCRATIC, COLLABORATIVE

pytestmark = pytest.mark.django_db
PORTFOLIO = reverse("relationships:portfolio")
FORMATS = ["csv", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_portfolio_exports_the_section_asked(client_for, manager, partner, fmt):
    StakeholderFactory(contact=ContactFactory(partner=partner, last_name="Neverseen"),
                       influence=5, cadence_days=30)  # fmt: skip
    staff = client_for(manager)
    response = staff.get(PORTFOLIO, {"owner": "all", "section": "cadence", "export": fmt})
    rows = rows_of(response, fmt)
    assert rows[0][:4] == ["Person", "Title", "Partner", "Stance"]
    assert any("Neverseen" in person for person in column_of(rows, "Person"))
    assert "relationship-portfolio-cadence-" in response["Content-Disposition"]
    champions = rows_of(staff.get(PORTFOLIO, {"owner": "all", "section": "champions",
                                              "export": fmt}), fmt)  # fmt: skip
    assert champions[0] == ["Partner", "Status", "Tier", "Owner"]
    assert partner.name in column_of(champions, "Partner")


def test_portfolio_sections_link_their_exports(client_for, manager, partner):
    StakeholderFactory(contact=ContactFactory(partner=partner), influence=5)
    content = client_for(manager).get(PORTFOLIO, {"owner": "all"}).content.decode()
    assert f"{PORTFOLIO}?owner=all&amp;section=cadence&amp;export=csv" in content


@pytest.mark.parametrize("fmt", FORMATS)
def test_action_list_exports_the_shown_actions(client_for, manager, partner, fmt):
    EngagementActionFactory(partner=partner, title="Open one", owner=manager)
    EngagementActionFactory(partner=partner, title="Done one", owner=manager, status="done")
    url = reverse("relationships:action-list", args=[partner.slug])
    rows = rows_of(client_for(manager).get(url, {"show": "open", "export": fmt}), fmt)
    assert rows[0] == ["What", "For", "Owner", "Due", "Status"]
    assert column_of(rows, "What") == ["Open one"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_interaction_list_exports_the_partners_interactions(
    client_for, manager, partner, other_partner, fmt
):
    person = StakeholderFactory(contact=ContactFactory(partner=partner, last_name="Met"))
    InteractionFactory(partner=partner, notes="=cmd|' /C calc'!A0", stakeholders=[person],
                       occurred_on=datetime.date(2026, 1, 5))  # fmt: skip
    InteractionFactory(partner=other_partner, notes="Elsewhere")
    url = reverse("relationships:interaction-list", args=[partner.slug])
    rows = rows_of(client_for(manager).get(url, {"export": fmt}), fmt)
    assert column_of(rows, "Notes") == ["'=cmd|' /C calc'!A0"]
    assert "Met" in column_of(rows, "With")[0]


@pytest.mark.parametrize("name", ["action-list", "interaction-list"])
def test_partner_lists_exports_are_staff_only(client_for, manager, partner, partner_admin, name):
    url = reverse(f"relationships:{name}", args=[partner.slug])
    assert client_for(partner_admin).get(url, {"export": "csv"}).status_code == 403
    assert client_for(manager).post(f"{url}?export=csv").status_code == 405


def test_portfolio_export_is_staff_only(client_for, partner_admin):
    assert client_for(partner_admin).get(PORTFOLIO, {"export": "csv"}).status_code == 403


@pytest.mark.parametrize("fmt", FORMATS)
def test_culture_portfolio_exports_its_filtered_rows(client_for, manager, partner, other_partner,
                                                      fmt):  # fmt: skip
    CultureAssessmentFactory(partner=None, is_own=True, assessed_by=manager, ratings=BUREAUCRATIC)
    CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=COLLABORATIVE)
    CultureAssessmentFactory(partner=other_partner, assessed_by=manager, ratings=BUREAUCRATIC)
    url = reverse("relationships:culture-portfolio")
    rows = rows_of(client_for(manager).get(url, {"type": "collaborative", "export": fmt}), fmt)
    assert rows[0] == ["Partner", "Dominant culture", "Clarity", "Distance from ours",
                       "Assessed on", "Validated"]  # fmt: skip
    assert column_of(rows, "Partner") == [partner.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_objective_list_exports_the_partners_objectives(client_for, manager, partner,
                                                        other_partner, fmt):  # fmt: skip
    RelationshipObjectiveFactory(partner=partner, title="Win the CFO", owner=manager)
    RelationshipObjectiveFactory(partner=other_partner, title="Elsewhere", owner=manager)
    url = reverse("relationships:objective-list", args=[partner.slug])
    rows = rows_of(client_for(manager).get(url, {"export": fmt}), fmt)
    assert rows[0][:2] == ["Objective", "Person"]
    assert column_of(rows, "Objective") == ["Win the CFO"]
