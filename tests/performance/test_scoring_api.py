"""`/api/v1/scores/` and `/api/v1/score-runs/`: latest per partner, a run's rows, filters, and a
partner user's own performance and engagement scores only."""

import datetime
from decimal import Decimal

import pytest

from performance.models import ScoreRun
from tests.factories import PartnerFactory

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

pytestmark = pytest.mark.django_db
SCORES = "/api/v1/scores/"
RUNS = "/api/v1/score-runs/"


@pytest.fixture
def history(partner, other_partner):
    """Two finished runs of both partners and a third still running."""
    first = ScoreRunFactory(as_of=datetime.date(2025, 1, 1))
    second = ScoreRunFactory(as_of=datetime.date(2025, 2, 1))
    running = ScoreRunFactory(as_of=datetime.date(2025, 3, 1), status=ScoreRun.Status.RUNNING,
                              finished_at=None, partners_done=0)  # fmt: skip
    PartnerScoreFactory(run=first, partner=partner, health=Decimal("40.0"))
    PartnerScoreFactory(run=second, partner=partner, health=Decimal("45.5"),
                        relationship=Decimal("13.7"))  # fmt: skip
    PartnerScoreFactory(run=first, partner=other_partner, engagement=Decimal("80.0"))
    PartnerScoreFactory(run=second, partner=other_partner, engagement=Decimal("70.0"))
    PartnerScoreFactory(run=running, partner=partner, health=Decimal("99.0"))
    return first, second, running


def by_partner(response):
    return {row["partner"]: row for row in response.json()["results"]}


def test_scores_default_to_each_partners_latest_finished_with_change(
    api_for, manager, partner, other_partner, history
):
    rows = by_partner(api_for(manager).get(SCORES))
    assert set(rows) == {partner.pk, other_partner.pk}
    assert rows[partner.pk]["health"] == "45.5" and rows[partner.pk]["health_change"] == "5.5"
    assert rows[other_partner.pk]["engagement_change"] == "-10.0"
    assert rows[partner.pk]["as_of"] == "2025-02-01"
    components = rows[partner.pk]["components"]
    assert {c["score"] for c in components} == {"relationship", "performance", "engagement",
                                                "health"}  # fmt: skip
    assert {"key", "label", "value", "weight", "points", "evidence", "fix"} <= set(components[0])


def test_scores_of_one_run(api_for, manager, partner, history):
    first, _second, running = history
    rows = by_partner(api_for(manager).get(SCORES, {"run": first.pk}))
    assert rows[partner.pk]["health"] == "40.0" and rows[partner.pk]["health_change"] is None
    rows = by_partner(api_for(manager).get(SCORES, {"run": running.pk}))
    assert rows[partner.pk]["health"] == "99.0" and rows[partner.pk]["health_change"] == "53.5"


def test_scores_filter_by_partner_and_bounds(api_for, manager, partner, other_partner, history):
    api = api_for(manager)
    assert set(by_partner(api.get(SCORES, {"partner": partner.pk}))) == {partner.pk}
    assert set(by_partner(api.get(SCORES, {"min_engagement": "60"}))) == {other_partner.pk}
    assert set(by_partner(api.get(SCORES, {"max_relationship": "20"}))) == {partner.pk}
    assert by_partner(api.get(SCORES, {"min_health": "46", "max_health": "50"})) == {}


@pytest.mark.parametrize(
    "query",
    [{"min_health": "lots"}, {"max_engagement": "101"}, {"min_performance": "-1"},
     {"partner": "x"}, {"run": "first"}, {"run": "1.5"}],
)  # fmt: skip
def test_scores_bad_filter_is_400(api_for, manager, history, query):
    response = api_for(manager).get(SCORES, query)
    assert response.status_code == 400, response.content
    assert set(query) <= set(response.json())


def test_scores_ordering_by_change(api_for, manager, partner, other_partner, history):
    results = api_for(manager).get(SCORES, {"ordering": "-engagement_change"}).json()["results"]
    assert [row["partner"] for row in results] == [partner.pk, other_partner.pk]


def test_score_detail(api_for, manager, partner, history):
    first, _second, _running = history
    score = first.scores.get(partner=partner)
    body = api_for(manager).get(f"{SCORES}{score.pk}/").json()
    assert body["id"] == score.pk and body["health"] == "40.0"


def test_scores_query_count_constant(api_for, manager, count_queries):
    api = api_for(manager)
    first, second = ScoreRunFactory(), ScoreRunFactory()
    for _ in range(2):
        partner = PartnerFactory()
        PartnerScoreFactory(run=first, partner=partner)
        PartnerScoreFactory(run=second, partner=partner)
    small = count_queries(api, SCORES)
    for _ in range(20):
        partner = PartnerFactory()
        PartnerScoreFactory(run=first, partner=partner)
        PartnerScoreFactory(run=second, partner=partner)
    assert count_queries(api, SCORES) == small


def test_scores_are_read_only(api_for, manager, partner, history):
    score = history[0].scores.get(partner=partner)
    api = api_for(manager)
    assert api.post(SCORES, {}, format="json").status_code == 405
    assert api.patch(f"{SCORES}{score.pk}/", {}, format="json").status_code == 405
    assert api.delete(f"{SCORES}{score.pk}/").status_code == 405


def test_scores_need_a_login(api_for, history):
    assert api_for().get(SCORES).status_code in (401, 403)


# --- partner users ------------------------------------------------------------------------------

PORTAL_FIELDS = {"id", "run", "as_of", "partner", "performance", "engagement",
                 "performance_change", "engagement_change", "components"}  # fmt: skip


def test_partner_user_reads_only_own_performance_and_engagement(
    api_for, partner_member, partner, history
):
    response = api_for(partner_member).get(SCORES)
    results = response.json()["results"]
    assert [row["partner"] for row in results] == [partner.pk]
    assert set(results[0]) == PORTAL_FIELDS
    assert {c["score"] for c in results[0]["components"]} == {"performance", "engagement"}
    text = response.content.decode()
    for absent in ("relationship", "health", "13.7", "45.5", "relationship evidence"):
        assert absent not in text, absent


def test_partner_user_cannot_filter_on_hidden_scores(api_for, partner_member, partner, history):
    """Filters on relationship and health do not exist for them: no answer depends on those."""
    api = api_for(partner_member)
    assert len(api.get(SCORES, {"max_health": "1"}).json()["results"]) == 1
    assert len(api.get(SCORES, {"min_relationship": "99"}).json()["results"]) == 1


def test_partner_user_sees_no_unfinished_run(api_for, partner_member, history):
    _first, _second, running = history
    assert api_for(partner_member).get(SCORES, {"run": running.pk}).json()["results"] == []


def test_outsider_gets_404_for_another_partners_score(api_for, outsider, partner, history):
    score = history[1].scores.get(partner=partner)
    assert api_for(outsider).get(f"{SCORES}{score.pk}/").status_code == 404
    assert api_for(outsider).get(SCORES, {"partner": partner.pk}).json()["results"] == []


def test_partner_user_wrong_method_405(api_for, partner_member, partner, history):
    score = history[1].scores.get(partner=partner)
    assert api_for(partner_member).delete(f"{SCORES}{score.pk}/").status_code == 405


def test_partner_user_schema_names_no_hidden_score(api_for, partner_member):
    schema = api_for(partner_member).get("/api/schema/", {"format": "json"}).content.decode()
    assert '"PortalScore"' in schema and '"min_performance"' in schema
    for absent in ('"PartnerScore"', "min_health", "max_relationship", "health_change",
                   "score-runs"):  # fmt: skip
        assert absent not in schema, absent


# --- runs ---------------------------------------------------------------------------------------


def test_score_runs_list_and_detail_with_progress(api_for, manager, history):
    api = api_for(manager)
    results = api.get(RUNS).json()["results"]
    assert [row["as_of"] for row in results] == ["2025-03-01", "2025-02-01", "2025-01-01"]
    running = history[2]
    ScoreRun.objects.filter(pk=running.pk).update(partners_total=4, partners_done=1)
    body = api.get(f"{RUNS}{running.pk}/").json()
    assert body["status"] == "running" and body["progress_percent"] == 25
    assert api.get(RUNS, {"status": "done"}).json()["count"] == 2


def test_score_runs_read_only_and_staff_only(api_for, manager, partner_member, history):
    run = history[0]
    assert api_for(manager).post(RUNS, {}, format="json").status_code == 405
    assert api_for(manager).delete(f"{RUNS}{run.pk}/").status_code == 405
    assert api_for(partner_member).get(RUNS).status_code == 403
    assert api_for(partner_member).get(f"{RUNS}{run.pk}/").status_code == 403
