"""Our judgement over the partner's org chart (the stakeholder layer): stance, influence,
level and the champion on each box, links to the analysis or to assess, the chart's stakeholder
figures, and nothing of it for a partner user. The chart itself: tests/partners/test_orgchart.py.
"""

import pytest
from django.urls import reverse

from partners.panels.orgchart import orgchart_tab_context
from partners.selectors import chart_nodes
from relationships.panels.orgchart import stakeholder_layer
from tests.orgchart_data import make_org, tab_url


@pytest.fixture
def org(partner):
    return make_org(partner)


# --- the layer ----------------------------------------------------------------------------


def test_orgchart_tab_draws_people_with_their_markers(client_for, manager, org, partner):
    response = client_for(manager).get(tab_url(partner))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'class="oc-box stance-supporter is-champion" id="person-{org["maria"].pk}"' in html
    assert f'class="oc-box stance-non_supporter" id="person-{org["kai"].pk}"' in html
    assert f'class="oc-box unassessed" id="person-{org["lea"].pk}"' in html
    assert "Influence 5 of 5" in html and "Relationship: Trusted (4 of 5)" in html
    assert "Not assessed" in html and 'title="Champion"' in html
    # Lea is Kai's report, Kai is Maria's: nested lists, Olga is a second root.
    maria_box = html.index(f'id="person-{org["maria"].pk}"')
    assert (
        maria_box
        < html.index(f'id="person-{org["kai"].pk}"')
        < html.index(f'id="person-{org["lea"].pk}"')
    )
    assert html.count('<li class="oc-node">') == 4  # Gil left: not on the chart
    assert "Gil Gone" in html.split('id="oc-left-title"')[1]  # ...but in the history list
    assert "EMEA" in html and "Rename / move" in html


def test_orgchart_tab_links_boxes_to_the_analysis_or_to_assess(client_for, manager, org, partner):
    html = client_for(manager).get(tab_url(partner)).content.decode()
    stakeholder = org["maria"].stakeholder
    assert reverse("relationships:stakeholder-detail", kwargs={"pk": stakeholder.pk}) in html
    assert reverse("relationships:stakeholder-create", kwargs={"contact_pk": org["lea"].pk}) in html


def test_orgchart_context_counts_and_units(rf, manager, org, partner):
    request = rf.get("/")
    request.user = manager
    context = orgchart_tab_context(request, partner)
    assert context["stats"]["people"] == 4
    assert (context["stats"]["supporters"], context["stats"]["non_supporters"]) == (1, 1)
    assert context["stats"]["champion"] == org["maria"]
    assert [(row.unit.name, row.depth, row.people) for row in context["units"]] == [
        ("Sales", 0, 1),
        ("EMEA", 1, 1),
    ]
    assert context["left"] == [org["gil"]]


def test_stakeholder_layer_is_never_drawn_for_a_partner_user(rf, partner_admin, org, partner):
    assert stakeholder_layer(rf.get("/"), partner) is None  # nobody said who it is for
    request = rf.get("/")
    request.user = partner_admin
    assert stakeholder_layer(request, partner) is None
    context = orgchart_tab_context(request, partner)
    assert context["layers"] == [] and set(context["stats"]) == {"people"}
    assert not any(node.marks or node.link for node in chart_nodes(context["roots"]))
