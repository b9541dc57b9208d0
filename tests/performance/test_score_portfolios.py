"""Scores on the portfolio pages: the target and audit portfolios (performance's own selectors)
and the relationship portfolio (through prm.columns): a health column with its change, sorted
and filtered by any score across pages, kept in the cache per sort and filter until a run
changes the scores, in a constant number of queries, and refused to partner users."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from performance.models import ScoreRun
from performance.services.scoring import score_run_finish
from tests.factories import ContactFactory, PartnerFactory, StakeholderFactory
from tests.helpers import HTMX, field_errors
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.targets_factories import ActualFactory, TargetFactory, metric

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

pytestmark = pytest.mark.django_db
TARGETS = reverse("performance:target-portfolio")
AUDITS = reverse("performance:audit-portfolio")
RELATIONSHIPS = reverse("relationships:portfolio")
YEAR = 2026
TODAY = datetime.date.today()
SCORE_KEYS = ("relationship", "performance", "engagement", "health")


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


def in_order(response, names) -> list[str]:
    """Which of `names` the page shows, in the order it shows them."""
    content = response.content.decode()
    found = [(content.index(f">{name}<"), name) for name in names if f">{name}<" in content]
    return [name for _position, name in sorted(found)]


def score(run, partner, **values):
    scores = {key: Decimal(50) for key in SCORE_KEYS}
    scores.update({key: Decimal(value) for key, value in values.items()})
    return PartnerScoreFactory(run=run, partner=partner, **scores)


def with_targets(partner, attainment: int):
    TargetFactory(partner=partner, metric=metric("revenue"), status="agreed", agreed_value=100,
                  year=YEAR)  # fmt: skip
    ActualFactory(partner=partner, metric=metric("revenue"), year=YEAR, value=attainment)


NAMES = ["Alpha", "Bravo", "Charly", "Unscored"]


@pytest.fixture
def league(manager):
    """Four partners with agreed targets, audited, and (but one) scored in two runs:
    Alpha  attainment 90, relationship 90, performance 10, engagement 40, health 60 → 40
    Bravo  attainment 70, relationship 10, performance 90, engagement 60, health 50 → 70
    Charly attainment 50, relationship 40, performance 50, engagement 90, health 55 → 55
    Unscored attainment 30."""
    first, second = ScoreRunFactory(), ScoreRunFactory()
    rows = {
        "Alpha": (90, 60, {"relationship": 90, "performance": 10, "engagement": 40, "health": 40}),
        "Bravo": (70, 50, {"relationship": 10, "performance": 90, "engagement": 60, "health": 70}),
        "Charly": (50, 55, {"relationship": 40, "performance": 50, "engagement": 90, "health": 55}),
    }
    partners = {}
    for name, (attainment, health_before, latest) in rows.items():
        partner = partners[name] = PartnerFactory(name=name, owner=manager)
        with_targets(partner, attainment)
        PerformanceAuditFactory(partner=partner)
        score(first, partner, health=health_before)
        score(second, partner, **latest)
    partners["Unscored"] = unscored = PartnerFactory(name="Unscored", owner=manager)
    with_targets(unscored, 30)
    PerformanceAuditFactory(partner=unscored)
    return partners


SORTS = [
    ("", None),  # the page's own order
    ("-health", ["Bravo", "Charly", "Alpha", "Unscored"]),
    ("health", ["Alpha", "Charly", "Bravo", "Unscored"]),
    ("-relationship", ["Alpha", "Charly", "Bravo", "Unscored"]),
    ("performance", ["Alpha", "Charly", "Bravo", "Unscored"]),
    ("-engagement", ["Charly", "Bravo", "Alpha", "Unscored"]),
    ("-health_change", ["Bravo", "Charly", "Alpha", "Unscored"]),
    ("health_change", ["Alpha", "Charly", "Bravo", "Unscored"]),
]


# --- the target portfolio ---------------------------------------------------------------------


@pytest.mark.parametrize(("sort", "expected"), SORTS)
def test_target_portfolio_sorts_by_each_score_unscored_last(staff, league, sort, expected):
    response = staff.get(TARGETS, {"year": YEAR, "sort": sort})
    assert in_order(response, NAMES) == (expected or ["Alpha", "Bravo", "Charly", "Unscored"])


def test_target_portfolio_shows_health_and_its_change(staff, league):
    content = staff.get(TARGETS, {"year": YEAR}).content.decode()
    assert '<th class="num">Health</th>' in content
    assert "<strong>70</strong>" in content and "▲ +20.0" in content and "▼ -20.0" in content
    assert content.count("not scored yet") == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"min_health": "55"}, ["Bravo", "Charly"]),
        ({"max_performance": "50"}, ["Alpha", "Charly"]),
        ({"min_engagement": "50", "max_engagement": "80", "sort": "-health"}, ["Bravo"]),
    ],
)
def test_target_portfolio_filters_by_scores(staff, league, params, expected):
    assert in_order(staff.get(TARGETS, {"year": YEAR, **params}), NAMES) == expected


def test_target_portfolio_bad_filter_says_why_at_the_field(staff, league):
    response = staff.get(TARGETS, {"year": YEAR, "min_health": "abc", "sort": "bogus"})
    assert response.status_code == 200
    assert "Enter a number." in field_errors(response, "min_health")
    assert in_order(response, NAMES) == ["Alpha", "Bravo", "Charly", "Unscored"]
    fragment = staff.get(TARGETS, {"year": YEAR, "max_health": "500"}, **HTMX)
    content = fragment.content.decode()
    assert "<html" not in content and 'id="attainment"' in content
    assert re.search(r'id="id_max_health-errors" role="alert" hx-swap-oob="true"><ul', content)


def test_target_portfolio_keeps_sort_and_filters_across_pages(staff):
    run = ScoreRunFactory()
    for index in range(55):
        partner = PartnerFactory(name=f"P{index:02}")
        with_targets(partner, 50)
        score(run, partner, health=index)
    response = staff.get(TARGETS, {"year": YEAR, "sort": "health", "min_health": "2"})
    content = response.content.decode()
    assert f"?year={YEAR}&amp;sort=health&amp;min_health=2&amp;page=2" in content
    second = staff.get(TARGETS, {"year": YEAR, "sort": "health", "min_health": "2", "page": 2},
                       **HTMX)  # fmt: skip
    assert in_order(second, ["P51", "P52", "P53", "P54"]) == ["P52", "P53", "P54"]
    assert second["HX-Push-Url"] == f"{TARGETS}?year={YEAR}&sort=health&min_health=2&page=2"


def test_target_portfolio_filtered_to_nothing_says_so(staff, league):
    content = staff.get(TARGETS, {"year": YEAR, "min_health": "99"}).content.decode()
    assert "matches these filters" in content


# --- the audit portfolio ----------------------------------------------------------------------


@pytest.mark.parametrize(("sort", "expected"), SORTS[1:])
def test_audit_portfolio_sorts_by_each_score_unscored_last(staff, league, sort, expected):
    assert in_order(staff.get(AUDITS, {"sort": sort}), NAMES) == expected


def test_audit_portfolio_filters_by_score_and_shows_health(staff, league):
    response = staff.get(AUDITS, {"min_relationship": "40"})
    assert in_order(response, NAMES) == ["Alpha", "Charly"]
    content = response.content.decode()
    assert "2 of 2 partners audited (within the filters)" in content
    assert "▼ -20.0" in content and "▲ +20.0" not in content
    assert "Enter a number." in field_errors(staff.get(AUDITS, {"max_health": "x"}), "max_health")


def test_audit_portfolio_sorted_htmx_answer_pushes_its_url(staff, league):
    response = staff.get(AUDITS, {"sort": "-health"}, **HTMX)
    assert "<html" not in response.content.decode()
    assert response["HX-Push-Url"] == f"{AUDITS}?sort=-health"


# --- kept in the cache until the scores change ---------------------------------------------------


@pytest.mark.parametrize("url", [f"{TARGETS}?year={YEAR}&sort=-health", f"{AUDITS}?sort=-health",
                                 f"{RELATIONSHIPS}?owner=all&sort=-health"])  # fmt: skip
def test_a_new_run_changes_a_sorted_portfolio_at_once(staff, league, url):
    for partner in league.values():
        StakeholderFactory(contact=ContactFactory(partner=partner, first_name=partner.name,
                                                  last_name="Lead"), influence=5)  # fmt: skip
    names = ["Alpha", "Bravo", "Charly"]
    if "relationships" in url:
        names = [f"{name} Lead" for name in names]
    assert in_order(staff.get(url), names) == [names[1], names[2], names[0]]
    assert in_order(staff.get(url), names) == [names[1], names[2], names[0]]  # kept
    # A run being written shows nothing new; once done, it does.
    run = ScoreRunFactory(status=ScoreRun.Status.RUNNING, finished_at=None)
    for partner, health in zip([league[n] for n in ("Alpha", "Bravo", "Charly")], (99, 1, 50),
                               strict=True):  # fmt: skip
        score(run, partner, health=health)
    assert in_order(staff.get(url), names) == [names[1], names[2], names[0]]
    score_run_finish(run_id=run.pk)
    assert in_order(staff.get(url), names) == [names[0], names[2], names[1]]


@pytest.mark.parametrize("url", [f"{TARGETS}?year={YEAR}", AUDITS])
def test_a_sorted_ranking_is_kept_per_sort_and_filter(staff, league, monkeypatch, url):
    from performance.selectors import scoring

    reads = []
    real = scoring.latest_values
    monkeypatch.setattr(scoring, "latest_values", lambda **kw: reads.append(kw) or real(**kw))
    descending = in_order(staff.get(url, {"sort": "-health"}), NAMES)
    assert in_order(staff.get(url, {"sort": "-health"}), NAMES) == descending
    assert len(reads) == 1  # the second view read the kept ranking
    assert in_order(staff.get(url, {"sort": "health"}), NAMES) == ["Alpha", "Charly", "Bravo",
                                                                    "Unscored"]  # fmt: skip
    assert in_order(staff.get(url, {"sort": "health", "min_health": "41"}), NAMES) == [
        "Charly", "Bravo",
    ]  # fmt: skip
    assert len(reads) == 3
    staff.get(url)  # the ranking's own order reads no scores to rank
    assert len(reads) == 3


# --- the relationship portfolio (prm.columns) ---------------------------------------------------


def lead(partner, **fields):
    contact = ContactFactory(partner=partner, first_name=partner.name, last_name="Lead")
    return StakeholderFactory(contact=contact, influence=5, **fields)


def section(response, key: str) -> str:
    html = response.content.decode()
    start = html.index(f'<section id="{key}"')
    return html[start : html.index("</section>", start)]


LEADS = [f"{name} Lead" for name in NAMES]


def test_relationship_portfolio_shows_health_in_every_section(staff, league, manager):
    for partner in league.values():
        lead(partner, stance="non_supporter")
    response = staff.get(RELATIONSHIPS, {"owner": "all"})
    for key in ("non-supporters", "cadence", "champions"):
        html = section(response, key)
        assert ">Health</th>" in html and "<strong>70</strong>" in html and "▲ +20.0" in html
        assert "not scored yet" in html


@pytest.mark.parametrize(("sort", "expected"), SORTS)
def test_relationship_portfolio_sorts_every_section_by_a_score(staff, league, sort, expected):
    for partner in league.values():
        lead(partner)
    response = staff.get(RELATIONSHIPS, {"owner": "all", "sort": sort})
    # The sections' own order otherwise: key people never contacted, by partner name.
    expected = expected or NAMES
    assert in_order(response, LEADS) == [f"{name} Lead" for name in expected]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"min_health": "55"}, ["Bravo", "Charly"]),
        ({"max_relationship": "40"}, ["Bravo", "Charly"]),
        ({"dropped_health_change": "on"}, ["Alpha"]),
        ({"moved_health_change": "1"}, ["Alpha", "Bravo"]),
    ],
)
def test_relationship_portfolio_filters_every_section_by_scores(staff, league, params, expected):
    for partner in league.values():
        lead(partner)
    response = staff.get(RELATIONSHIPS, {"owner": "all", **params})
    assert in_order(response, LEADS) == [f"{name} Lead" for name in expected]
    champions = section(response, "champions")
    assert [name for name in NAMES if f">{name}<" in champions] == expected


def test_relationship_portfolio_bad_filter_says_why_at_the_field(staff, league):
    response = staff.get(RELATIONSHIPS, {"owner": "all", "min_health": "-3", "sort": "bogus"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in field_errors(response, "min_health")
    assert 'class="column-filters" open' in response.content.decode()


def test_relationship_portfolio_sections_keep_sort_and_filters_in_their_pages(staff):
    run = ScoreRunFactory()
    for index in range(12):
        partner = PartnerFactory(name=f"P{index:02}")
        score(run, partner, health=index)
        lead(partner)
    response = staff.get(RELATIONSHIPS, {"owner": "all", "sort": "health", "min_health": "1"})
    assert "owner=all&amp;sort=health&amp;min_health=1&amp;section=cadence&amp;cadence_page=2" in (
        section(response, "cadence")
    )
    query = {"owner": "all", "sort": "health", "min_health": "1", "section": "cadence"}
    fragment = staff.get(RELATIONSHIPS, {**query, "cadence_page": 2}, **HTMX)
    assert re.findall(r">(P\d\d) Lead<", fragment.content.decode()) == ["P11"]


# --- queries and access ------------------------------------------------------------------------


def grow(count, runs, manager):
    for _ in range(count):
        partner = PartnerFactory(owner=manager)
        with_targets(partner, 60)
        PerformanceAuditFactory(partner=partner)
        lead(partner, stance="non_supporter")
        for run in runs:
            score(run, partner)


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        (f"{TARGETS}?year={YEAR}&sort=-health&min_performance=1", {}),
        (f"{TARGETS}?year={YEAR}&sort=health_change&page=2", HTMX),
        (f"{AUDITS}?sort=-engagement&max_health=99", {}),
        (f"{RELATIONSHIPS}?owner=all&sort=-health&min_health=1", {}),
        (f"{RELATIONSHIPS}?owner=all&section=cadence&cadence_page=2&sort=health", HTMX),
    ],
)
def test_scored_portfolios_run_constant_queries(staff, manager, url, headers, count_queries):
    runs = [ScoreRunFactory() for _ in range(2)]
    grow(3, runs, manager)
    small = count_queries(staff, url, **headers)
    runs.append(ScoreRunFactory())
    grow(60, runs, manager)
    assert count_queries(staff, url, **headers) == small


@pytest.mark.parametrize("url", [f"{TARGETS}?sort=-health", f"{AUDITS}?min_health=1",
                                 f"{RELATIONSHIPS}?sort=-health"])  # fmt: skip
def test_portfolios_stay_refused_to_partner_users(
    client_for, partner_admin, partner_member, outsider, url
):
    for user in (partner_admin, partner_member, outsider):
        assert client_for(user).get(url).status_code == 403


def test_relationship_portfolio_filter_form_pushes_its_address_without_empty_fields(staff, league):
    query = {"owner": "all", "sort": "-health", "min_health": "", "max_health": "60",
             "moved_health_change": ""}  # fmt: skip
    response = staff.get(RELATIONSHIPS, query, **HTMX)
    assert response["HX-Push-Url"] == f"{RELATIONSHIPS}?owner=all&sort=-health&max_health=60"
    assert "<main" in response.content.decode()  # the page, from which htmx selects <main>
    section_page = staff.get(RELATIONSHIPS, {**query, "section": "cadence"}, **HTMX)
    assert "HX-Push-Url" not in section_page
