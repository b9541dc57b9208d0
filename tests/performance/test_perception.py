"""The perception gap: our view (stance and levels from the scoring run, the audit's trust
criterion) beside the partner's survey answers, per survey period and across the portfolio;
the partner's trust as a relationship score component; a fall in trust raises an alert.
Internal only: partner users never reach our view or the gap."""

import datetime

import pytest
from django.utils import timezone

from performance.models import Alert, AlertKind
from performance.scoring.relationship import WEIGHTS
from performance.selectors.perception import partner_perception_history, portfolio_perceptions
from performance.services.scoring import score_run_foreground
from relationships.models import QUESTION_KEYS, Survey, SurveyResponse
from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from tests.helpers import HTMX, page_text
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.scoring_factories import PartnerScoreFactory, ScoreRunFactory, component

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
URL = "/performance/perception/"


def survey_with(partner, users, trusts, *, sent_on, overall=3):
    """A survey sent on `sent_on` answered by `users` with the given trust answers (the other
    five answers `overall`), answered the day it was sent."""
    survey = Survey.objects.create(
        partner=partner, reason=Survey.Reason.MANUAL,
        period=datetime.date(sent_on.year, 3 * ((sent_on.month - 1) // 3) + 1, 1),
        sent_on=sent_on, due_on=sent_on + datetime.timedelta(days=21),
    )  # fmt: skip
    for user, trust in zip(users, trusts, strict=True):
        response = SurveyResponse.objects.create(
            survey=survey, respondent=user, **({key: overall for key in QUESTION_KEYS}
                                               | {"trust": trust}),
        )  # fmt: skip
        moment = datetime.datetime.combine(sent_on, datetime.time(9), tzinfo=datetime.UTC)
        SurveyResponse.objects.filter(pk=response.pk).update(created_at=moment)
    return survey


def our_scores(partner, as_of, *, stance, levels, evidence=None):
    run = ScoreRunFactory(as_of=as_of)
    return PartnerScoreFactory(run=run, partner=partner, components=[
        component("relationship", "stance", value=stance, weight=20, evidence=evidence),
        component("relationship", "levels", value=levels, weight=15, evidence=evidence),
    ])  # fmt: skip


@pytest.fixture
def respondents(partner, partner_admin, partner_member):
    return [partner_admin, partner_member]


def test_gap_over_time_on_a_hand_built_history(partner, respondents):
    q1, q2 = datetime.date(2026, 1, 5), datetime.date(2026, 4, 6)
    our_scores(partner, datetime.date(2026, 3, 1), stance=80, levels=60)
    our_scores(partner, datetime.date(2026, 6, 1), stance=50, levels=50)
    PerformanceAuditFactory(partner=partner, audited_on=datetime.date(2026, 2, 1),
                            deliver_trust=4)  # fmt: skip
    survey_with(partner, respondents, [2, 2], sent_on=q1)  # trust 2 → 25
    survey_with(partner, respondents, [4, 5], sent_on=q2, overall=4)  # trust 4.5 → 87.5

    first, second = partner_perception_history(partner=partner,
                                               today=datetime.date(2026, 7, 15))  # fmt: skip

    # Q1: our view (80 + 60 + 75) / 3 = 71.7 against their 25: we think far better of it.
    assert first.period_label == "Q1 2026"
    assert first.our_view == pytest.approx(71.67, abs=0.01)
    assert first.partner_trust == 2 and first.gap == pytest.approx(46.7)
    # Q2: the June run (50, 50) and the same audit (75): 58.3 against their 87.5.
    assert second.our_view == pytest.approx(58.33, abs=0.01)
    assert second.partner_trust == 4.5 and second.gap == pytest.approx(-29.2)
    assert second.partner_overall == pytest.approx((4 * 5 + 4.5) / 6)


def test_nobody_analysed_and_never_audited_means_no_view_of_ours(partner, respondents):
    our_scores(partner, TODAY() - datetime.timedelta(days=1), stance=0, levels=0,
               evidence="No stakeholders analysed yet.")  # fmt: skip
    survey_with(partner, respondents, [3, 3], sent_on=TODAY())
    (row,) = portfolio_perceptions()
    assert row.our_view is None and row.gap is None


def test_portfolio_uses_the_latest_survey_and_our_view_now(partner, respondents):
    survey_with(partner, respondents, [5, 5], sent_on=TODAY() - datetime.timedelta(days=120))
    survey_with(partner, respondents, [1, 2], sent_on=TODAY() - datetime.timedelta(days=10))
    our_scores(partner, TODAY() - datetime.timedelta(days=400), stance=10, levels=10)
    our_scores(partner, TODAY() - datetime.timedelta(days=1), stance=90, levels=70)
    (row,) = portfolio_perceptions()
    assert row.partner_trust == 1.5
    assert row.our_view == 80.0 and row.gap == pytest.approx(80.0 - 12.5)


def _portfolio(size, start=0):
    for number in range(start, start + size):
        partner = PartnerFactory(name=f"Gap partner {number:02d}")
        user = MembershipFactory(partner=partner, user=UserFactory(role="partner_user")).user
        survey_with(partner, [user], [1 + number % 5], sent_on=TODAY())
        our_scores(partner, TODAY() - datetime.timedelta(days=1 + number), stance=70, levels=70)
        PerformanceAuditFactory(partner=partner, deliver_trust=4)


def test_portfolio_page_sorts_filters_and_exports(client_for, manager):
    _portfolio(5)
    client = client_for(manager)
    text = page_text(client.get(URL))
    # Only the latest run counts (one partner's scores): the others have the audit alone (75).
    assert text.index("Gap partner 00") < text.index("Gap partner 04")
    by_name = page_text(client.get(URL + "?sort=name"))
    assert by_name.index("Gap partner 00") < by_name.index("Gap partner 01")
    narrowed = page_text(client.get(URL + "?min_gap=60"))
    assert "Gap partner 00" in narrowed and "Gap partner 03" not in narrowed
    export = client.get(URL + "?min_gap=60&export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "Gap partner 00" in body and "Gap partner 03" not in body
    fragment = client.get(URL, **HTMX).content.decode()
    assert 'id="perception-rows"' in fragment and "<html" not in fragment
    assert client.get(URL + "?sort=nonsense&min_gap=x").status_code == 200


def test_portfolio_query_count_constant(client_for, count_queries, manager):
    client = client_for(manager)
    _portfolio(2)
    few = count_queries(client, URL, warm=True)
    _portfolio(12, start=2)
    assert count_queries(client, URL, warm=True) == few


def test_partner_tab_shows_history_and_chart(client_for, manager, partner, respondents):
    survey_with(partner, respondents, [2, 3], sent_on=TODAY() - datetime.timedelta(days=100))
    survey_with(partner, respondents, [4, 4], sent_on=TODAY())
    response = client_for(manager).get(f"/partners/{partner.slug}/tab/perception/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-chart="perception-gap-data"' in body and "Partner's trust" in body


def test_partners_never_see_our_view_or_the_gap(client_for, api_for, partner, respondents,
                                                 partner_admin):  # fmt: skip
    survey_with(partner, respondents, [2, 3], sent_on=TODAY())
    client = client_for(partner_admin)
    assert client.get(URL).status_code == 403
    assert client.get(f"/partners/{partner.slug}/tab/perception/").status_code in (403, 404)
    assert api_for(partner_admin).get("/api/v1/perception-gaps/").status_code == 403
    for path in ("/portal/surveys/", "/portal/"):
        text = page_text(client.get(path))
        assert "Our view" not in text and "Perception" not in text


def test_wrong_method_is_405(client_for, manager):
    assert client_for(manager).post(URL).status_code == 405


def test_api_perception_gaps_for_staff(api_for, manager, partner, respondents):
    survey_with(partner, respondents, [1, 1], sent_on=TODAY())
    PerformanceAuditFactory(partner=partner, deliver_trust=5)
    answer = api_for(manager).get("/api/v1/perception-gaps/", {"min_gap": 50})
    assert answer.status_code == 200
    (row,) = answer.json()["results"]
    assert row["partner"] == partner.pk and row["gap"] == 100.0 and row["audit_trust"] == 5
    assert api_for(manager).get("/api/v1/perception-gaps/", {"min_gap": "x"}).status_code == 400


# --- the score component and the alert --------------------------------------------------------


def test_partner_trust_component_weight_and_value(partner, respondents):
    assert WEIGHTS["partner_trust"] == 10 and sum(WEIGHTS.values()) == 100
    known_since = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    type(partner).objects.filter(pk=partner.pk).update(created_at=known_since)
    survey_with(partner, respondents, [4, 3], sent_on=TODAY() - datetime.timedelta(days=5))
    score = score_run_foreground(as_of=TODAY()).scores.get(partner=partner)
    entry = next(e for e in score.components if e["key"] == "partner_trust")
    assert entry["value"] == 62.5 and entry["points"] == 6.2  # 3.5 of 5
    assert "Trust 3.5 of 5 from 2 answers" in entry["evidence"]
    # Before anybody answered, the component was neutral.
    past = score_run_foreground(as_of=TODAY() - datetime.timedelta(days=30))
    entry = next(e for e in past.scores.get(partner=partner).components
                 if e["key"] == "partner_trust")  # fmt: skip
    assert entry["value"] == 50.0


def test_trust_drop_of_a_point_raises_an_explainable_alert(partner, respondents):
    survey_with(partner, respondents, [5, 4], sent_on=TODAY() - datetime.timedelta(days=100))
    latest = survey_with(partner, respondents, [3, 3], sent_on=TODAY() - datetime.timedelta(days=3))
    score_run_foreground(as_of=TODAY())
    alert = Alert.objects.get(partner=partner, kind=AlertKind.TRUST_DROP)
    assert alert.subject == f"survey:{latest.pk}" and alert.fix == "surveys"
    assert "fell from 4.5" in alert.message and "to 3.0" in alert.message


def test_small_trust_move_raises_no_alert(partner, respondents):
    survey_with(partner, respondents, [4, 4], sent_on=TODAY() - datetime.timedelta(days=100))
    survey_with(partner, respondents, [3, 4], sent_on=TODAY() - datetime.timedelta(days=3))
    score_run_foreground(as_of=TODAY())
    assert not Alert.objects.filter(kind=AlertKind.TRUST_DROP).exists()
