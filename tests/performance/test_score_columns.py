"""The score columns performance adds to the partner list (prm.columns): health with its trend
line, the other scores and the change since the run before; sorted and filtered in SQL across
pages, a constant number of queries, and never shown to partner users."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from partners.models import Partner
from performance.panels import columns as panels
from tests.factories import PartnerFactory
from tests.helpers import HTMX, field_errors

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

pytestmark = pytest.mark.django_db
LIST_URL = "/partners/"
ROW_LINK = re.compile(r'<td><a href="/partners/[\w-]+/">([^<]+)</a>')
SPARKLINE = re.compile(r'<svg class="sparkline"[^>]*>(?:<polyline points="([^"]*)"/>)?<circle')
SCORE_KEYS = ("relationship", "performance", "engagement", "health")


def row_names(response) -> list[str]:
    return ROW_LINK.findall(response.content.decode())


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


def scored(name: str, *runs_and_values) -> Partner:
    """A partner scored in each (run, {score: value}) given, the other scores at 50."""
    partner = PartnerFactory(name=name)
    for run, values in runs_and_values:
        scores = {key: Decimal(50) for key in SCORE_KEYS}
        scores.update({key: Decimal(value) for key, value in values.items()})
        PartnerScoreFactory(run=run, partner=partner, **scores)
    return partner


@pytest.fixture
def league():
    """Three scored partners over two runs, each first on one score, and one never scored:
    Alpha  relationship 90, performance 10, engagement 40, health 60 → 40 (-20)
    Bravo  relationship 10, performance 90, engagement 60, health 50 → 70 (+20)
    Charly relationship 40, performance 50, engagement 90, health 55 → 55 (±0)"""
    first, second = ScoreRunFactory(), ScoreRunFactory()
    scored(
        "Alpha",
        (first, {"health": 60}),
        (second, {"relationship": 90, "performance": 10, "engagement": 40, "health": 40}),
    )
    scored(
        "Bravo",
        (first, {"health": 50}),
        (second, {"relationship": 10, "performance": 90, "engagement": 60, "health": 70}),
    )
    scored(
        "Charly",
        (first, {"health": 55}),
        (second, {"relationship": 40, "performance": 50, "engagement": 90, "health": 55}),
    )
    PartnerFactory(name="Unscored")
    return first, second


# --- what the rows show ------------------------------------------------------------------------


def test_partner_list_shows_each_score_its_change_and_a_trend_line(staff):
    runs = [ScoreRunFactory() for _ in range(3)]
    scored("Acme", *[(run, {"health": h}) for run, h in zip(runs, (40, 70, 61), strict=True)])
    content = staff.get(LIST_URL).content.decode()
    for label in ("Health", "Health Δ"):
        assert f">{label}</a>" in content
    for short, label in (
        ("Rel.", "Relationship"),
        ("Perf.", "Performance"),
        ("Eng.", "Engagement"),
    ):
        # A short heading for a column of two-digit numbers; the full name for screen readers.
        assert (f'<span aria-hidden="true" title="{label}">{short}</span>'
                f'<span class="sr-only">{label}</span></a>') in content  # fmt: skip
    assert "<strong>61</strong>" in content
    assert '<span class="score-change down">▼ -9.0' in content
    (points,) = SPARKLINE.findall(content)
    assert len(points.split()) == 3
    assert 'aria-label="Health over the last 3 runs: 40, 70, 61"' in content
    assert "css/scores.css" in content


def test_trend_line_shows_the_last_twelve_runs_oldest_on_the_left(staff):
    runs = [ScoreRunFactory() for _ in range(14)]
    scored("Acme", *[(run, {"health": 10 + 5 * index}) for index, run in enumerate(runs)])
    (points,) = SPARKLINE.findall(staff.get(LIST_URL).content.decode())
    heights = [float(point.split(",")[1]) for point in points.split()]
    assert len(heights) == 12
    assert heights == sorted(heights, reverse=True)  # rising health: the line goes up (SVG y)


def test_a_single_scoring_draws_a_point_and_says_first_run(staff):
    scored("Acme", (ScoreRunFactory(), {"health": 42}))
    content = staff.get(LIST_URL).content.decode()
    assert SPARKLINE.findall(content) == [""]  # the marker alone, no line
    assert "first run" in content


def test_partner_never_scored_shows_dashes_not_zeroes(staff):
    PartnerFactory(name="Unscored")
    content = staff.get(LIST_URL).content.decode()
    assert content.count("not scored yet") == 5
    assert "sparkline" not in content.split('id="partner-rows"')[1]


def test_unfinished_runs_are_not_shown(staff):
    from performance.models import ScoreRun

    done = ScoreRunFactory()
    running = ScoreRunFactory(status=ScoreRun.Status.RUNNING, finished_at=None)
    scored("Acme", (done, {"health": 40}), (running, {"health": 90}))
    content = staff.get(LIST_URL).content.decode()
    assert "<strong>40</strong>" in content and "<strong>90</strong>" not in content
    assert row_names(staff.get(LIST_URL, {"min_health": 80})) == []


# --- sorting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-health", ["Bravo", "Charly", "Alpha", "Unscored"]),
        ("health", ["Alpha", "Charly", "Bravo", "Unscored"]),
        ("-relationship", ["Alpha", "Charly", "Bravo", "Unscored"]),
        ("relationship", ["Bravo", "Charly", "Alpha", "Unscored"]),
        ("-performance", ["Bravo", "Charly", "Alpha", "Unscored"]),
        ("performance", ["Alpha", "Charly", "Bravo", "Unscored"]),
        ("-engagement", ["Charly", "Bravo", "Alpha", "Unscored"]),
        ("engagement", ["Alpha", "Bravo", "Charly", "Unscored"]),
        ("-health_change", ["Bravo", "Charly", "Alpha", "Unscored"]),
        ("health_change", ["Alpha", "Charly", "Bravo", "Unscored"]),
    ],
)
def test_partner_list_sorts_by_each_score_and_change_unscored_last(staff, league, sort, expected):
    assert row_names(staff.get(LIST_URL, {"sort": sort})) == expected


def test_sorting_by_a_score_holds_across_pages(staff):
    run = ScoreRunFactory()
    for index in range(30):
        scored(f"P{index:02}", (run, {"health": index}))
    first = row_names(staff.get(LIST_URL, {"sort": "-health"}))
    second = row_names(staff.get(LIST_URL, {"sort": "-health", "page": 2}))
    assert first[:2] == ["P29", "P28"] and second == ["P04", "P03", "P02", "P01", "P00"]


@pytest.mark.parametrize("direction", ["", "-"])
def test_partners_missing_from_the_newest_runs_are_sorted_by_their_own_latest(staff, direction):
    """Each partner's latest finished scoring counts, wherever it is: in the newest run, in the
    run before (the newest scored one partner only), or further back (a partner no longer
    scored); its change is from its own scoring before that."""
    runs = [ScoreRunFactory() for _ in range(5)]  # oldest first
    scored("Newest", (runs[3], {"health": 40}), (runs[4], {"health": 50}))  # +10
    scored("Second", (runs[2], {"health": 20}), (runs[3], {"health": 80}))  # +60
    scored("Gap", (runs[2], {"health": 60}), (runs[4], {"health": 30}))  # -30
    scored("Old", (runs[0], {"health": 90}), (runs[1], {"health": 70}))  # -20
    scored("Once", (runs[1], {"health": 60}))
    by_health = ["Second", "Old", "Once", "Newest", "Gap"]
    by_change = ["Second", "Newest", "Old", "Gap", "Once"]
    if direction:
        assert row_names(staff.get(LIST_URL, {"sort": "-health"})) == by_health
        assert row_names(staff.get(LIST_URL, {"sort": "-health_change"})) == by_change
    else:
        assert row_names(staff.get(LIST_URL, {"sort": "health"})) == by_health[::-1]
        assert row_names(staff.get(LIST_URL, {"sort": "health_change"})) == [
            "Gap", "Old", "Newest", "Second", "Once",
        ]  # fmt: skip
    content = staff.get(LIST_URL, {"sort": "-health_change"}).content.decode()
    for change in ("▲ +60.0", "▲ +10.0", "▼ -20.0", "▼ -30.0", "first run"):
        assert change in content


def test_sort_header_of_a_score_flips_direction_and_keeps_filters(staff, league):
    content = staff.get(LIST_URL, {"sort": "-health", "min_health": "10"}).content.decode()
    assert 'aria-sort="descending"' in content
    assert 'href="?min_health=10&amp;sort=health"' in content


# --- filtering -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"min_health": "55"}, ["Bravo", "Charly"]),
        ({"max_health": "55"}, ["Alpha", "Charly"]),
        ({"min_relationship": "40", "max_relationship": "90"}, ["Alpha", "Charly"]),
        ({"min_performance": "50"}, ["Bravo", "Charly"]),
        ({"max_engagement": "59.9"}, ["Alpha"]),
        ({"moved_health_change": "20"}, ["Alpha", "Bravo"]),
        ({"moved_health_change": "20.5"}, []),
        ({"dropped_health_change": "on"}, ["Alpha"]),
        ({"moved_health_change": "0", "dropped_health_change": "on"}, ["Alpha"]),
        ({"min_health": "50", "status": "active"}, ["Bravo", "Charly"]),
    ],
)
def test_partner_list_filters_by_scores_and_change(staff, league, params, expected):
    assert row_names(staff.get(LIST_URL, params)) == expected


def test_score_filters_are_kept_in_pagination_links_and_the_pushed_url(staff):
    run = ScoreRunFactory()
    for index in range(30):
        scored(f"P{index:02}", (run, {"health": 40 + index}))
    content = staff.get(LIST_URL, {"min_health": "41", "sort": "-health"}).content.decode()
    assert 'href="?min_health=41&amp;sort=-health&amp;page=2"' in content
    response = staff.get(LIST_URL, {"min_health": "41", "sort": "-health", "page": "2"}, **HTMX)
    assert response["HX-Push-Url"] == "/partners/?min_health=41&sort=-health&page=2"
    assert row_names(response) == ["P04", "P03", "P02", "P01"]  # 29 of 30 match


@pytest.mark.parametrize(
    ("params", "field", "message", "shown"),
    [
        ({"min_health": "lots"}, "min_health", "Enter a number.", 4),
        ({"max_engagement": "101"}, "max_engagement", "less than or equal to 100", 4),
        ({"moved_health_change": "-5"}, "moved_health_change", "greater than or equal to 0", 4),
        # The minimum itself is fine and still applies.
        ({"min_health": "70", "max_health": "20"}, "max_health", "below the minimum (70)", 1),
    ],
)
def test_bad_score_filter_narrows_nothing_and_says_why_at_the_field(
    staff, league, params, field, message, shown
):
    response = staff.get(LIST_URL, params)
    assert response.status_code == 200
    assert message in field_errors(response, field)
    assert 'class="column-filters" open' in response.content.decode()
    assert len(row_names(response)) == shown


def test_bad_score_filter_in_an_htmx_request_tells_the_field_out_of_band(staff, league):
    response = staff.get(LIST_URL, {"min_health": "200"}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="partner-rows"')
    slot = r'<div id="id_min_health-errors" role="alert" hx-swap-oob="true">(.*?)</div>'
    errors = re.search(slot, content).group(1)
    assert "less than or equal to 100" in errors
    assert 'id="id_max_health-errors" role="alert" hx-swap-oob="true"></div>' in content
    assert response["HX-Push-Url"] == "/partners/"


def test_filters_start_closed_and_open_when_used(staff, league):
    assert 'class="column-filters">' in staff.get(LIST_URL).content.decode()
    used = staff.get(LIST_URL, {"dropped_health_change": "on"}).content.decode()
    assert 'class="column-filters" open' in used


# --- queries, access ----------------------------------------------------------------------------


def grow(partners: int, runs) -> None:
    for _ in range(partners):
        partner = PartnerFactory()
        for run in runs:
            PartnerScoreFactory(run=run, partner=partner)


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        (LIST_URL, {}),
        (LIST_URL, HTMX),
        (f"{LIST_URL}?sort=-health", {}),
        (f"{LIST_URL}?sort=health_change&min_performance=10&page=2", HTMX),
        (f"{LIST_URL}?dropped_health_change=on&moved_health_change=1", {}),
    ],
)
def test_partner_list_with_scores_runs_constant_queries(staff, url, headers, count_queries):
    runs = [ScoreRunFactory() for _ in range(2)]
    grow(5, runs)
    small = count_queries(staff, url, warm=True, **headers)
    runs += [ScoreRunFactory() for _ in range(12)]
    grow(55, runs)
    large = count_queries(staff, url, warm=True, **headers)
    assert small == large <= 10


def test_partner_list_and_its_sorts_stay_refused_to_partner_users(
    client_for, partner_admin, partner_member, outsider, league
):
    for user in (partner_admin, partner_member, outsider):
        response = client_for(user).get(LIST_URL, {"sort": "-health"})
        assert response.status_code == 403
        assert "Health" not in response.content.decode()


def test_portal_pages_never_show_score_columns(client_for, partner_admin, partner, league):
    run = ScoreRunFactory()
    PartnerScoreFactory(run=run, partner=partner, health=Decimal("12.3"))
    client = client_for(partner_admin)
    for name in ("portal:home", "portal:profile-edit"):
        content = client.get(reverse(name)).content.decode()
        assert "sparkline" not in content and "Health Δ" not in content
        assert "column-health" not in content and "12.3" not in content


def test_the_sorting_values_agree_with_the_score_lists_for_any_history():
    """`latest_score_value` and `score_change_value` (one SQL expression each, for sorting) say
    what `latest_scores` (the scores list's window) and `recent_scores` (the cells) say."""
    import random

    from performance.models import ScoreRun
    from performance.selectors import scoring

    chance = random.Random(7)
    runs = [ScoreRunFactory() for _ in range(6)]
    ScoreRunFactory(status=ScoreRun.Status.FAILED, finished_at=None)
    for index in range(40):
        partner = PartnerFactory(name=f"P{index:02}")
        for run in runs:
            if chance.random() < 0.5:
                PartnerScoreFactory(run=run, partner=partner, health=chance.randint(0, 100),
                                    engagement=chance.randint(0, 100))  # fmt: skip
    keys = ["health", "engagement", "health_change", "engagement_change"]
    expected = {
        row.partner_id: {key: getattr(row, key) for key in keys}
        for row in scoring.latest_scores()
    }  # fmt: skip
    found = scoring.latest_values(keys=keys)
    assert {pk: values for pk, values in found.items() if values["health"] is not None} == {
        pk: {"pk": pk, **values} for pk, values in expected.items()
    }
    cells = panels.partner_list_cells(list(found))
    assert {pk: cell["health_change"] for pk, cell in cells.items()} == {
        pk: values["health_change"] for pk, values in expected.items()
    }
