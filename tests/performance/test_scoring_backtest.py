"""The "Does the score work?" page: the backtest's statistics on hand-built numbers (worked
out here), the read over runs, targets and actuals, and the page: its plain-words reading, its
honest empty states, who may open it and a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from performance.models import ScoreRun, TargetProposal
from performance.scoring.performance import closed_quarters
from performance.selectors.backtest import (
    BANDS,
    average_ranks,
    band_index,
    chance_bound,
    health_backtest,
    quarter_start,
    run_near_start,
    spearman,
    summarise,
)
from performance.views.backtest import reading, strength
from tests.factories import PartnerFactory, UserFactory
from tests.performance.targets_factories import ActualFactory, TargetFactory, metric

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

PAGE = reverse("performance:score-backtest")
TODAY = datetime.date(2026, 5, 15)  # Q1 2026 is the last complete quarter


# --- the statistics, by hand -----------------------------------------------------------------


def test_average_ranks_share_the_mean_rank_between_ties():
    assert average_ranks([10, 20, 20, 40]) == [1, 2.5, 2.5, 4]
    assert average_ranks([5, 5, 5]) == [2, 2, 2]
    assert average_ranks([3, 1, 2]) == [3, 1, 2]
    assert average_ranks([]) == []


def test_spearman_worked_example_with_a_tie():
    # health   10  20  20  40  50   → ranks 1, 2.5, 2.5, 4, 5   (the two 20s share 2 and 3)
    # attain.   1   3   2   5   4   → ranks 1, 3,   2,   5, 4
    # mean rank (n + 1) / 2 = 3; deviations dx = -2, -0.5, -0.5, 1, 2; dy = -2, 0, -1, 2, 1
    # Σ dx·dy = 4 + 0 + 0.5 + 2 + 2 = 8.5; Σ dx² = 9.5; Σ dy² = 10
    # ρ = 8.5 / √(9.5 × 10) = 8.5 / 9.7468 = 0.8721
    pairs = [(10, 1), (20, 3), (20, 2), (40, 5), (50, 4)]
    assert spearman(pairs) == pytest.approx(0.87208, abs=1e-5)


def test_spearman_of_a_perfect_order_is_one_and_of_its_reverse_minus_one():
    assert spearman([(1, 10), (2, 20), (3, 30), (4, 40)]) == pytest.approx(1)
    assert spearman([(1, 40), (2, 30), (3, 20), (4, 10)]) == pytest.approx(-1)


def test_spearman_is_none_without_enough_pairs_or_spread():
    assert spearman([]) is None
    assert spearman([(1, 2), (2, 3)]) is None
    assert spearman([(50, 1), (50, 2), (50, 3)]) is None  # every health the same
    assert spearman([(1, 0), (2, 0), (3, 0)]) is None  # nobody attained anything


def test_bands_are_fixed_and_cover_0_to_100():
    assert [band.label for band in BANDS] == ["0–39", "40–59", "60–79", "80–100"]
    cases = {0: 0, 39.9: 0, 40: 1, 59.9: 1, 60: 2, 79.9: 2, 80: 3, 100: 3}
    assert {health: band_index(Decimal(str(health))) for health in cases} == cases


def test_summarise_counts_partners_and_met_per_band():
    pairs = [(85, 120), (82, 99.9), (70, 100), (45, 60), (30, 0), (10, 150)]
    summary = summarise(pairs)

    assert [(b.partners, b.met) for b in summary.bands] == [(2, 1), (1, 0), (1, 1), (2, 1)]
    assert [b.share for b in summary.bands] == [50, 0, 100, 50]
    assert summary.pairs == 6 and summary.met == 3
    assert summary.bands[0].few  # fewer than 5 partners


def test_chance_bound_is_the_normal_approximation():
    assert chance_bound(3) is None
    assert chance_bound(101) == pytest.approx(0.196)


def test_run_near_start_takes_the_latest_run_up_to_the_window_before():
    start = datetime.date(2026, 1, 1)
    runs = [(1, datetime.date(2025, 11, 20)), (2, datetime.date(2025, 12, 15)),
            (3, datetime.date(2026, 1, 1)), (4, datetime.date(2026, 1, 2))]  # fmt: skip
    assert run_near_start(runs, start, 31) == (3, datetime.date(2026, 1, 1))
    assert run_near_start(runs[:2], start, 31) == (2, datetime.date(2025, 12, 15))
    assert run_near_start(runs[:1], start, 31) is None  # 42 days before
    assert quarter_start(2026, 2) == datetime.date(2026, 4, 1)


# --- the read over runs, targets and actuals -------------------------------------------------


def backdate(obj, day):
    type(obj).objects.filter(pk=obj.pk).update(
        created_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)
    )
    return obj


def agreed(partner, year, quarter, value, actual=None, key="revenue", recorded=None):
    """An agreed target for the quarter and, if given, its actual (recorded after it ended)."""
    target = TargetFactory(partner=partner, year=year, quarter=quarter, metric=metric(key),
                           status="agreed", agreed_value=value)  # fmt: skip
    accepted = TargetProposal.objects.create(
        target=target, side="partner", proposed_by=UserFactory(role="partner_user"),
        action="accept", value=value,
    )  # fmt: skip
    backdate(accepted, quarter_start(year, quarter))
    if actual is not None:
        day = recorded or quarter_start(year, quarter) + datetime.timedelta(days=100)
        backdate(ActualFactory(partner=partner, year=year, quarter=quarter, metric=metric(key),
                               value=actual), day)  # fmt: skip
    return target


def scored(run, partner, health):
    return PartnerScoreFactory(run=run, partner=partner, health=Decimal(health))


@pytest.mark.django_db
def test_backtest_pairs_health_at_the_start_with_attainment_at_the_end():
    early = ScoreRunFactory(as_of=datetime.date(2025, 12, 20))
    start = ScoreRunFactory(as_of=datetime.date(2026, 1, 1))  # nearer the start: this one
    ScoreRunFactory(as_of=datetime.date(2025, 10, 1), status=ScoreRun.Status.RUNNING,
                    finished_at=None)  # unfinished: Q4 2025 has no run  # fmt: skip
    star, good, fair, weak, untargeted = (PartnerFactory(name=n) for n in "ABCDE")
    scored(start, star, "85.0")
    scored(start, good, "70.0")
    scored(start, fair, "45.0")
    scored(start, weak, "30.0")
    scored(start, untargeted, "50.0")
    scored(early, star, "10.0")  # the run not picked says nothing
    agreed(star, 2026, 1, 100, actual=120)  # 120 %
    agreed(good, 2026, 1, 100, actual=90)  # 90 % and 200 % capped at 150 → 120 %
    agreed(good, 2026, 1, 10, actual=20, key="new-customers")
    agreed(fair, 2026, 1, 100, actual=100)  # 100 %: met
    agreed(weak, 2026, 1, 100)  # no actual: 0 %
    agreed(star, 2025, 4, 100, actual=10)  # Q4 2025: no run at its start

    result = health_backtest(today=TODAY, quarters=2)

    latest, earlier = result.quarters
    assert (latest.label, latest.run_as_of, latest.scored) == ("Q1 2026", start.as_of, 5)
    assert (earlier.label, earlier.run_as_of) == ("Q4 2025", None)
    assert result.without_run == [earlier]
    summary = latest.summary
    assert [(band.partners, band.met) for band in summary.bands] == [(1, 0), (1, 1), (1, 1), (1, 1)]
    # health ranks 4, 3, 2, 1 (star, good, fair, weak); attainment 120, 120, 100, 0 → ranks
    # 3.5, 3.5, 2, 1. dx = 1.5, .5, -.5, -1.5; dy = 1, 1, -.5, -1.5 (mean 2.5)
    # Σ dx·dy = 4.5; Σ dx² = 5; Σ dy² = 4.5 → ρ = 4.5 / √22.5 = 0.9487
    assert summary.rho == pytest.approx(0.94868, abs=1e-5)
    assert summary.pairs == 4 and result.overall.pairs == 4


@pytest.mark.django_db
def test_backtest_counts_only_what_was_recorded_by_today():
    run = ScoreRunFactory(as_of=datetime.date(2026, 1, 1))
    partner = PartnerFactory()
    scored(run, partner, "70.0")
    agreed(partner, 2026, 1, 100, actual=100, recorded=TODAY + datetime.timedelta(days=1))

    summary = health_backtest(today=TODAY, quarters=1).quarters[0].summary

    assert summary.pairs == 1 and summary.met == 0  # the actual came later: 0 % as of today


# --- the page ----------------------------------------------------------------------------------


def last_quarters(count):
    return closed_quarters(timezone.localdate(), count)


def scored_quarter(period, partners, *, health=lambda i: 20 + 15 * i, met=lambda i: i % 2 == 0):
    as_of = quarter_start(*period) - datetime.timedelta(days=3)
    run = ScoreRun.objects.filter(as_of=as_of).first() or ScoreRunFactory(as_of=as_of)
    for index, partner in enumerate(partners):
        scored(run, partner, str(min(health(index), 100)))
        agreed(partner, *period, 100, actual=120 if met(index) else 50)
    return run


@pytest.mark.django_db
def test_page_reads_the_data_in_plain_words_with_a_chart_per_quarter(client_for, manager):
    partners = [PartnerFactory() for _ in range(6)]
    # Healthier partners meet their targets: health 20, 35, 50, 65, 80, 95; met from 65 up.
    for period in last_quarters(2):
        scored_quarter(period, partners, met=lambda i: i >= 3)

    response = client_for(manager).get(PAGE)

    content = response.content.decode()
    assert response.status_code == 200
    assert ("Partners in the top band (80–100) at a quarter&#x27;s start met their targets "
            "100\xa0% of the time, against 0\xa0% in the lowest (0–39).") in content  # fmt: skip
    assert "ρ\xa0=\xa00.88 over 12 partner-quarters: a strong relation, a higher health" in content
    assert "That is little data: read it as a hint, not a verdict." in content
    assert "ρ was positive in 2 of the 2 quarters" in content
    assert content.count('class="bt-chart"') == 3  # all quarters, then each of the two
    assert "No finished run near the start of" in content  # the six other quarters
    label = "Q{1} {0}".format(*last_quarters(1)[0])
    assert f">{label}</h3>" in content


@pytest.mark.django_db
def test_page_says_the_score_points_the_wrong_way_when_it_does(client_for, manager):
    partners = [PartnerFactory() for _ in range(5)]
    scored_quarter(last_quarters(1)[0], partners, met=lambda i: i < 2)

    content = client_for(manager).get(PAGE).content.decode()

    assert "inverse relation" in content and "the score points the wrong way" in content
    assert "too little data to judge the score" in content


@pytest.mark.django_db
def test_page_without_any_run_says_there_is_nothing_to_test(client_for, manager):
    content = client_for(manager).get(PAGE).content.decode()
    assert "No scoring run has finished yet, so there is nothing to test." in content
    assert 'class="bt-chart"' not in content and "ρ\xa0=" not in content


@pytest.mark.django_db
def test_page_with_runs_but_none_at_a_quarter_start_says_so(client_for, manager):
    ScoreRunFactory(as_of=timezone.localdate())
    content = client_for(manager).get(PAGE).content.decode()
    assert (
        "No finished run falls on the first day of any of the last 8 complete quarters" in content
    )
    assert 'class="bt-chart"' not in content


@pytest.mark.django_db
def test_page_with_runs_but_no_agreed_targets_says_so(client_for, manager):
    run = ScoreRunFactory(as_of=quarter_start(*last_quarters(1)[0]))
    scored(run, PartnerFactory(), "70.0")
    content = client_for(manager).get(PAGE).content.decode()
    assert "none of the partners scored then had an agreed target for that quarter" in content
    assert "No partner scored at its start had an agreed target for it." in content
    assert "ρ&nbsp;=" not in content and "ρ\xa0=" not in content


@pytest.mark.django_db
def test_page_queries_do_not_grow_with_partners(client_for, manager, count_queries):
    client = client_for(manager)
    periods = last_quarters(3)
    few = [PartnerFactory() for _ in range(3)]
    for period in periods:
        scored_quarter(period, few)
    small = count_queries(client, PAGE)
    many = [PartnerFactory() for _ in range(15)]
    for period in periods:
        scored_quarter(period, many, health=lambda i: 5 * i)
    assert count_queries(client, PAGE) == small


@pytest.mark.django_db
def test_page_refused_to_partner_users_and_answers_only_get(
    client_for, manager, partner_admin, outsider
):
    for user in (partner_admin, outsider):
        assert client_for(user).get(PAGE).status_code == 403
    assert client_for(manager).post(PAGE).status_code == 405


def test_strength_words():
    assert strength(0.05).startswith("no visible relation")
    assert strength(0.2).startswith("a weak relation, a higher health going with a higher")
    assert strength(0.41).startswith("a moderate relation")
    assert strength(-0.6).startswith("a strong inverse relation")


def test_reading_never_invents_figures_for_one_band():
    from performance.selectors.backtest import Backtest, QuarterResult

    summary = summarise([(65, 120), (70, 50), (75, 100)])
    quarter = QuarterResult(2026, 1, datetime.date(2026, 1, 1), 3, summary)
    result = Backtest(TODAY, [quarter], summary, any_finished_run=True)

    text = " ".join(reading(result))

    assert "All 3 partner-quarters fell in one health band (60–79)" in text
    assert "67\xa0% met their targets" in text
    assert "Only 3 partner-quarters: too little data to judge the score." in text
