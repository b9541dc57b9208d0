"""Score pages: the partner page's Scores tab, the partner scores list, the portal's scores page
and home panel (performance and engagement only)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import ScoreRun
from tests.factories import PartnerFactory

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
RELATIONSHIP_EVIDENCE = "relationship evidence"


def tab_url(partner):
    return reverse("partners:partner-tab", args=[partner.slug, "scores"])


def two_runs(partner, **latest):
    older = PartnerScoreFactory(
        partner=partner, run=ScoreRunFactory(as_of=datetime.date(2025, 1, 1)),
        health=Decimal("50.0"), performance=Decimal("60.0"),
    )  # fmt: skip
    newer = PartnerScoreFactory(
        partner=partner, run=ScoreRunFactory(as_of=datetime.date(2025, 2, 1)), **latest
    )
    return older, newer


# --- the partner page's Scores tab --------------------------------------------------------------


def test_scores_tab_explains_each_score_with_change_bars_fix_links_and_trend(
    client_for, manager, partner
):
    two_runs(partner, health=Decimal("42.0"))
    response = client_for(manager).get(tab_url(partner))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" in content and 'id="tab-panel"' in content
    assert "Met 70 % of agreed targets last quarter." in content
    assert "▼ -8.0" in content  # health 50 → 42
    assert "▲ +4.0" in content  # performance 60 → 64
    assert "49.0 of 70 points" in content
    assert 'class="w-70"' in content  # points 49 of weight 70
    assert reverse("partners:partner-tab", args=[partner.slug, "targets"]) in content
    assert 'data-chart="score-trend-data"' in content


def test_scores_tab_as_htmx_fragment(client_for, manager, partner):
    two_runs(partner)
    response = client_for(manager).get(tab_url(partner), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'id="tab-panel"' in content
    assert "Register deals: 0 in 90 days." in content


def test_scores_tab_empty_state_when_never_scored(client_for, manager, partner):
    content = client_for(manager).get(tab_url(partner)).content.decode()
    assert "Scores are computed nightly" in content
    assert "score-trend" not in content


def test_scores_tab_ignores_unfinished_runs(client_for, manager, partner):
    PartnerScoreFactory(partner=partner, run=ScoreRunFactory(status=ScoreRun.Status.RUNNING,
                                                             finished_at=None))  # fmt: skip
    assert (
        "Scores are computed nightly" in client_for(manager).get(tab_url(partner)).content.decode()
    )


def test_scores_tab_one_run_has_no_change_and_no_chart(client_for, manager, partner):
    PartnerScoreFactory(partner=partner)
    content = client_for(manager).get(tab_url(partner)).content.decode()
    assert "first run" in content and "One run so far" in content
    assert 'data-chart="score-trend-data"' not in content


def test_scores_tab_query_count_constant_in_runs(client_for, manager, partner, count_queries):
    client = client_for(manager)
    two_runs(partner)
    small = count_queries(client, tab_url(partner))
    for month in range(3, 13):
        PartnerScoreFactory(
            partner=partner, run=ScoreRunFactory(as_of=datetime.date(2025, month, 1))
        )
    PartnerScoreFactory.create_batch(5, run=ScoreRun.objects.get(as_of=datetime.date(2025, 12, 1)))
    assert count_queries(client, tab_url(partner)) == small


def test_scores_tab_refused_to_partner_user(client_for, partner_admin, partner):
    assert client_for(partner_admin).get(tab_url(partner)).status_code == 403


# --- the partner scores list --------------------------------------------------------------------

LIST = "performance:score-list"


def test_score_list_shows_latest_scores_with_change_and_trend(client_for, manager, partner):
    two_runs(partner, health=Decimal("61.0"))
    response = client_for(manager).get(reverse(LIST))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Acme Systems" in content and "▲ +11.0" in content
    assert 'class="spark"' in content and 'class="w-50"' in content and 'class="w-61"' in content
    assert tab_url(partner) in content


def test_score_list_fragment_for_htmx(client_for, manager, partner):
    two_runs(partner)
    response = client_for(manager).get(reverse(LIST), {"sort": "performance"}, **HTMX)
    content = response.content.decode()
    assert "<html" not in content and 'id="score-rows"' in content
    assert response["HX-Push-Url"] == reverse(LIST) + "?sort=performance"


def test_score_list_sorts_by_score_and_by_change(client_for, manager):
    risers, fallers = PartnerFactory(name="Risers"), PartnerFactory(name="Fallers")
    first, second = ScoreRunFactory(), ScoreRunFactory()
    PartnerScoreFactory(run=first, partner=risers, health=Decimal("30"))
    PartnerScoreFactory(run=second, partner=risers, health=Decimal("50"))
    PartnerScoreFactory(run=first, partner=fallers, health=Decimal("90"))
    PartnerScoreFactory(run=second, partner=fallers, health=Decimal("70"))
    client = client_for(manager)

    def order(sort):
        content = client.get(reverse(LIST), {"sort": sort}).content.decode()
        return content.index("Risers") < content.index("Fallers")

    assert not order("-health")
    assert order("health")
    assert order("-health_change")
    assert not order("health_change")


def test_score_list_filters_by_min_and_max(client_for, manager):
    PartnerScoreFactory(partner=PartnerFactory(name="Weak Co"), engagement=Decimal("20"))
    PartnerScoreFactory(partner=PartnerFactory(name="Strong Co"), engagement=Decimal("80"))
    client = client_for(manager)
    content = client.get(reverse(LIST), {"min_engagement": "50"}).content.decode()
    assert "Strong Co" in content and "Weak Co" not in content
    content = client.get(reverse(LIST), {"max_engagement": "50"}).content.decode()
    assert "Weak Co" in content and "Strong Co" not in content


def test_score_list_bad_filter_narrows_nothing_and_says_why(client_for, manager):
    PartnerScoreFactory(partner=PartnerFactory(name="Kept Co"))
    response = client_for(manager).get(reverse(LIST), {"min_health": "lots", "sort": "nope"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kept Co" in content and "errorlist" in content


def test_score_list_paginates_with_filters_in_the_url(client_for, manager):
    run = ScoreRunFactory()
    for index in range(30):
        PartnerScoreFactory(run=run, partner=PartnerFactory(name=f"Partner {index:02}"))
    content = client_for(manager).get(reverse(LIST), {"min_health": "10"}).content.decode()
    assert "Page 1 of 2" in content and "min_health=10&amp;page=2" in content


def test_score_list_empty_states(client_for, manager):
    content = client_for(manager).get(reverse(LIST)).content.decode()
    assert "No partner has been scored yet." in content
    PartnerScoreFactory(health=Decimal("40"))
    content = client_for(manager).get(reverse(LIST), {"min_health": "90"}).content.decode()
    assert "No partner's scores match these filters." in content


def test_score_list_query_count_constant(client_for, manager, count_queries):
    client = client_for(manager)
    first, second = ScoreRunFactory(), ScoreRunFactory()
    for _ in range(2):
        partner = PartnerFactory()
        PartnerScoreFactory(run=first, partner=partner)
        PartnerScoreFactory(run=second, partner=partner)
    small = count_queries(client, reverse(LIST))
    third = ScoreRunFactory()
    for _ in range(20):
        partner = PartnerFactory()
        for run in (first, second, third):
            PartnerScoreFactory(run=run, partner=partner)
    assert count_queries(client, reverse(LIST)) == small


def test_score_list_refused_to_partner_user_and_wrong_method(client_for, manager, partner_admin):
    assert client_for(partner_admin).get(reverse(LIST)).status_code == 403
    assert client_for(manager).post(reverse(LIST)).status_code == 405


# --- the portal ---------------------------------------------------------------------------------

PORTAL = "performance-portal:score-list"


def portal_scores(partner):
    return two_runs(partner, relationship=Decimal("13.7"), health=Decimal("27.9"))


def test_portal_scores_show_performance_and_engagement_with_what_would_raise_them(
    client_for, partner_member, partner
):
    portal_scores(partner)
    content = client_for(partner_member).get(reverse(PORTAL)).content.decode()
    assert "Performance" in content and "Engagement" in content
    assert "Register deals: 0 in 90 days." in content  # the largest gain first
    assert content.index("What would raise them") < content.index("Register deals")
    assert reverse("performance-portal:deal-list") in content
    assert 'data-chart="portal-score-trend-data"' in content


def test_portal_scores_never_show_relationship_or_health(client_for, partner_member, partner):
    portal_scores(partner)
    content = client_for(partner_member).get(reverse(PORTAL)).content.decode()
    # The rounded scores as rendered (">14<"): a bare "14" also turns up in random tokens.
    for absent in ("Relationship", "relationship", "Health", "health", "13.7", "27.9", ">14<",
                   ">28<", RELATIONSHIP_EVIDENCE, "Weighted (health)"):  # fmt: skip
        assert absent not in content, absent
    assert reverse("partners:partner-tab", args=[partner.slug, "relationships"]) not in content


def test_portal_home_panel_shows_own_scores_only(
    client_for, partner_member, partner, other_partner
):
    portal_scores(partner)
    PartnerScoreFactory(partner=other_partner, performance=Decimal("99.0"))
    content = client_for(partner_member).get(reverse("portal:home")).content.decode()
    assert 'id="portal-scores"' in content and "Register deals: 0 in 90 days." in content
    for absent in ("13.7", "27.9", RELATIONSHIP_EVIDENCE, "Weighted (health)", ">99<"):
        assert absent not in content, absent


def test_portal_scores_empty_state(client_for, partner_member, partner):
    content = client_for(partner_member).get(reverse(PORTAL)).content.decode()
    assert "Scores are computed nightly" in content
    home = client_for(partner_member).get(reverse("portal:home")).content.decode()
    assert "Scores are computed nightly" in home


def test_portal_scores_are_the_users_own(client_for, outsider, partner, other_partner):
    portal_scores(partner)
    PartnerScoreFactory(partner=other_partner, performance=Decimal("91.0"))
    content = client_for(outsider).get(reverse(PORTAL)).content.decode()
    assert '<span class="n">91</span>' in content and "Met 70 %" in content  # their own
    assert '<span class="n">64</span>' not in content  # not Acme's performance


def test_portal_scores_refused_to_staff_and_wrong_method(client_for, manager, partner_member):
    assert client_for(manager).get(reverse(PORTAL)).status_code == 403
    assert client_for(partner_member).post(reverse(PORTAL)).status_code == 405


def test_portal_scores_query_count_constant(client_for, partner_member, partner, count_queries):
    client = client_for(partner_member)
    portal_scores(partner)
    small = count_queries(client, reverse(PORTAL))
    for month in range(3, 13):
        PartnerScoreFactory(
            partner=partner, run=ScoreRunFactory(as_of=datetime.date(2025, month, 1))
        )
    assert count_queries(client, reverse(PORTAL)) == small
