"""The "Recompute now" button and a run's page: starting a run (every partner, or one from its
Scores tab), the refusal while one runs, the progress partial htmx polls in each status, a
failure's reason, the recent runs, who may do it, and a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from performance.models import ScoreRun
from performance.services.scoring import score_run_prepare
from prm.templatetags.durations import duration
from tests.factories import UserFactory

from .scoring_factories import PartnerScoreFactory, ScoreRunFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
START = reverse("performance:score-run-start")
LIST = reverse("performance:score-list")


def run_url(run, **query) -> str:
    url = reverse("performance:score-run-detail", args=[run.pk])
    return url + "".join(f"?{key}={value}" for key, value in query.items())


def a_run(status, *, done=0, total=2000, error="", minutes_ago=2, updated_minutes_ago=0, **extra):
    now = timezone.now()
    return ScoreRunFactory(
        as_of=extra.pop("as_of", timezone.localdate()), status=status, partners_done=done,
        partners_total=total, error=error, statements=extra.pop("statements", 120),
        started_at=now - datetime.timedelta(minutes=minutes_ago),
        finished_at=now if status == ScoreRun.Status.DONE else None, **extra,
    )  # fmt: skip


def stale(run, minutes):
    ScoreRun.objects.filter(pk=run.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    run.refresh_from_db()
    return run


# --- starting a run -----------------------------------------------------------------------------


def test_recompute_runs_every_partner_and_shows_the_run(
    client_for, manager, partner, other_partner, django_capture_on_commit_callbacks
):
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START)

    run = ScoreRun.objects.get(as_of=timezone.localdate())
    assert response.status_code == 302 and response.url == run_url(run)
    assert run.status == ScoreRun.Status.DONE and run.started_by == manager
    assert run.scores.count() == 2
    content = client.get(response.url).content.decode()
    assert "Scored 2 partners in" in content
    assert "relationship 40&nbsp;% · performance 35&nbsp;% · engagement 25&nbsp;%" in content
    assert f'href="{LIST}"' in content and "See the scores" in content
    assert 'hx-trigger="every 1s"' not in content and 'http-equiv="refresh"' not in content


def test_recompute_from_a_partners_tab_scores_that_partner_alone(
    client_for, manager, partner, other_partner, django_capture_on_commit_callbacks
):
    PartnerScoreFactory(partner=other_partner, run=ScoreRunFactory(as_of=timezone.localdate()))
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, {"partner": partner.slug})

    run = ScoreRun.objects.get(as_of=timezone.localdate())
    assert response.url == run_url(run, partner=partner.slug)
    assert run.partners_total == 1
    assert set(run.scores.values_list("partner_id", flat=True)) == {partner.pk, other_partner.pk}
    content = client.get(response.url).content.decode()
    tab = reverse("partners:partner-tab", args=[partner.slug, "scores"])
    assert f'href="{tab}"' in content and "See the scores of Acme Systems" in content
    assert "this start rescored Acme Systems; the run holds the scores of 2 partners" in content


def test_recompute_while_a_run_is_in_progress_says_so_and_links_it(client_for, manager, partner):
    running, _ = score_run_prepare(as_of=timezone.localdate())
    client = client_for(manager)

    response = client.post(START, follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    content = response.content.decode()
    assert "are being computed already (0 of 1 partners); try again when it ends." in content
    assert f'<a href="{run_url(running)}">Follow its progress</a>' in content
    assert ScoreRun.objects.count() == 1


def test_recompute_of_one_partner_while_a_run_is_in_progress_returns_to_its_tab(
    client_for, manager, partner
):
    score_run_prepare(as_of=timezone.localdate())

    response = client_for(manager).post(START, {"partner": partner.slug})

    assert response.status_code == 302
    assert response.url == reverse("partners:partner-tab", args=[partner.slug, "scores"])


@pytest.mark.parametrize(
    ("data", "message"),
    [({"partner": "nobody"}, "That partner does not exist"),
     ({"as_of": "2999-01-01"}, "future date"), ({"as_of": "31/12/2025"}, "Enter a valid date")],
)  # fmt: skip
def test_recompute_bad_input_is_a_message_not_an_error(client_for, manager, data, message):
    response = client_for(manager).post(START, data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ScoreRun.objects.exists()


def test_recompute_when_the_queue_is_down_fails_the_run_with_the_reason(
    client_for, manager, partner, monkeypatch, django_capture_on_commit_callbacks
):
    from performance import tasks

    def unreachable(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(tasks.score_run_dispatch, "apply_async", unreachable)
    client = client_for(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START)

    content = client.get(response.url).content.decode()
    assert "The run failed:" in content
    assert "The job queue is unavailable; try again in a minute." in content
    assert "Try again" in content


def test_recompute_refused_to_partner_users(client_for, partner_admin, partner_member):
    for user in (partner_admin, partner_member):
        assert client_for(user).post(START, {"partner": "acme-systems"}).status_code == 403
    assert not ScoreRun.objects.exists()


def test_the_service_refuses_a_partner_user_too(partner_admin):
    from django.core.exceptions import PermissionDenied

    from performance.services.scoring import score_run_start

    with pytest.raises(PermissionDenied, match="Only the channel team recomputes scores"):
        score_run_start(actor=partner_admin)
    assert not ScoreRun.objects.exists()


def test_recompute_answers_get_with_405(client_for, manager):
    assert client_for(manager).get(START).status_code == 405


def test_recompute_button_on_the_scores_page_and_the_partners_tab(client_for, manager, partner):
    client = client_for(manager)
    content = client.get(LIST).content.decode()
    assert f'action="{START}"' in content and "Recompute now" in content
    assert reverse("performance:score-backtest") in content

    PartnerScoreFactory(partner=partner)
    tab = client.get(reverse("partners:partner-tab", args=[partner.slug, "scores"]))
    tab_content = tab.content.decode()
    assert f'action="{START}"' in tab_content
    assert f'name="partner" value="{partner.slug}"' in tab_content


def test_scores_page_says_a_run_is_in_progress_and_links_it(client_for, manager):
    run = a_run(ScoreRun.Status.RUNNING, done=1200)
    content = client_for(manager).get(LIST).content.decode()
    assert "are being computed (1,200 of 2,000 partners)" in content
    assert run_url(run) in content


# --- the run's page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "done", "expected", "polls"),
    [
        (ScoreRun.Status.PENDING, 0, "Waiting for a worker", True),
        (ScoreRun.Status.RUNNING, 1200, "<strong>1,200</strong> of 2,000 partners", True),
        (ScoreRun.Status.DONE, 2000, "Scored 2,000 partners in 2 min", False),
        (ScoreRun.Status.FAILED, 300, "The run failed:", False),
    ],
)
def test_progress_partial_renders_each_status(client_for, manager, status, done, expected, polls):
    run = a_run(status, done=done, error="RuntimeError: inputs unreadable" if done == 300 else "")

    response = client_for(manager).get(run_url(run), **HTMX)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'id="run-progress"' in content
    assert expected in content
    assert ('hx-trigger="every 1s"' in content) is polls
    # Once the run has ended, the recent runs come along out of band (the table agrees).
    assert ('id="recent-runs"' in content and 'hx-swap-oob="true"' in content) is not polls


def test_running_page_shows_progress_statements_and_elapsed_time(client_for, manager):
    run = a_run(ScoreRun.Status.RUNNING, done=1200, statements=345, minutes_ago=3)

    content = client_for(manager).get(run_url(run)).content.decode()

    assert "<html" in content and 'aria-valuenow="60"' in content and 'class="w-60"' in content
    assert "345 SQL statements so far" in content
    assert "Elapsed 3 min" in content
    # Without JavaScript the page refreshes itself.
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in content
    assert 'id="recent-runs"' in content


def test_failed_run_says_why_and_offers_to_try_again(client_for, manager):
    run = a_run(ScoreRun.Status.FAILED, done=500, error="OperationalError: database is locked",
                as_of=datetime.date(2025, 6, 1))  # fmt: skip

    content = client_for(manager).get(run_url(run)).content.decode()

    assert 'role="alert"><strong>The run failed:</strong> OperationalError: database is locked' in (
        content
    )
    assert "500 of 2,000 partners were scored before it stopped" in content
    assert 'name="as_of" value="2025-06-01"' in content and "Try again" in content
    assert 'hx-trigger="every 1s"' not in content


def test_abandoned_run_stops_polling_and_offers_to_start_again(client_for, manager, settings):
    run = stale(a_run(ScoreRun.Status.RUNNING, done=10, minutes_ago=90),
                settings.SCORING_STALE_AFTER_MINUTES + 5)  # fmt: skip

    content = client_for(manager).get(run_url(run)).content.decode()

    assert "Stalled" in content and "its worker has probably stopped" in content
    assert "Start it again" in content and 'hx-trigger="every 1s"' not in content


def test_recent_runs_list_status_starter_partners_statements_and_time(client_for, manager):
    starter = UserFactory(username="dana", first_name="Dana", last_name="Ruiz",
                          role="channel_manager")  # fmt: skip
    nightly = a_run(ScoreRun.Status.DONE, done=3, total=3, as_of=datetime.date(2025, 5, 1),
                    statements=77, minutes_ago=1)  # fmt: skip
    PartnerScoreFactory.create_batch(3, run=nightly)
    mine = a_run(ScoreRun.Status.FAILED, done=1, total=3, as_of=datetime.date(2025, 6, 1),
                 started_by=starter)  # fmt: skip

    content = client_for(manager).get(run_url(mine)).content.decode()
    table = content[content.index('id="recent-runs"') :]

    assert "1 May 2025" in table and "1 Jun 2025" in table
    assert "Schedule" in table and "Dana Ruiz" in table
    assert "run-done" in table and "run-failed" in table
    assert '<td data-label="Partners" class="num">3</td>' in table
    assert '<td data-label="Statements" class="num">77</td>' in table
    assert 'aria-current="page"' in table


def test_run_page_queries_do_not_grow_with_runs_or_partners(client_for, manager, count_queries):
    client = client_for(manager)
    run = a_run(ScoreRun.Status.DONE, done=2, total=2, as_of=datetime.date(2025, 1, 1))
    PartnerScoreFactory.create_batch(2, run=run)
    small = count_queries(client, run_url(run))
    small_poll = count_queries(client, run_url(run), **HTMX)
    for month in range(2, 13):
        other = a_run(ScoreRun.Status.DONE, done=4, total=4, as_of=datetime.date(2025, month, 1),
                      started_by=UserFactory(role="channel_manager"))  # fmt: skip
        PartnerScoreFactory.create_batch(4, run=other)
    PartnerScoreFactory.create_batch(6, run=run)
    assert count_queries(client, run_url(run)) == small
    assert count_queries(client, run_url(run), **HTMX) == small_poll


def test_polling_a_running_run_reads_only_the_run(client_for, manager, count_queries):
    client = client_for(manager)
    run = a_run(ScoreRun.Status.RUNNING, done=5)
    ScoreRunFactory.create_batch(5)
    with_runs = count_queries(client, run_url(run))
    polled = count_queries(client, run_url(run), **HTMX)
    assert polled < with_runs


def test_run_page_refused_to_partner_users_and_missing_runs_are_404(
    client_for, manager, partner_admin, outsider
):
    run = a_run(ScoreRun.Status.DONE, done=1, total=1)
    for user in (partner_admin, outsider):
        assert client_for(user).get(run_url(run)).status_code == 403
    missing = reverse("performance:score-run-detail", args=[run.pk + 100])
    assert client_for(manager).get(missing).status_code == 404
    assert client_for(manager).post(run_url(run)).status_code == 405


def test_run_page_ignores_an_unknown_partner_in_its_query(client_for, manager):
    run = a_run(ScoreRun.Status.DONE, done=1, total=1)
    response = client_for(manager).get(run_url(run, partner="nobody"))
    assert response.status_code == 200
    assert "See the scores" in response.content.decode()


# --- the pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("span", "text"),
    [(datetime.timedelta(seconds=0.42), "0.4 s"), (datetime.timedelta(seconds=45), "45 s"),
     (datetime.timedelta(seconds=72), "1 min 12 s"), (datetime.timedelta(minutes=3), "3 min"),
     (datetime.timedelta(hours=2, minutes=5, seconds=9), "2 h 5 min"), (None, ""),
     (-3, "0.0 s")],
)  # fmt: skip
def test_duration_reads_as_people_say_it(span, text):
    assert duration(span) == text


def test_run_elapsed_ends_when_it_finished_or_failed():
    started = timezone.now() - datetime.timedelta(minutes=10)
    done = ScoreRunFactory(started_at=started, finished_at=started + datetime.timedelta(seconds=72))
    failed = ScoreRunFactory(status=ScoreRun.Status.FAILED, started_at=started, finished_at=None)
    ScoreRun.objects.filter(pk=failed.pk).update(updated_at=started + datetime.timedelta(minutes=2))
    failed.refresh_from_db()

    assert done.elapsed == datetime.timedelta(seconds=72)
    assert failed.elapsed == datetime.timedelta(minutes=2)
    assert ScoreRunFactory(started_at=None).elapsed is None
