"""Scoring runs: idempotent per date, one at a time (the lock), a constant number of
statements per chunk, the command, and the Celery tasks (eager in tests)."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from performance.models import Alert, PartnerScore, ScoreRun
from performance.services.scoring import (
    score_run_chunk,
    score_run_foreground,
    score_run_prepare,
    score_run_start,
)
from tests.factories import (
    InteractionFactory,
    MembershipFactory,
    PartnerFactory,
    StakeholderFactory,
    UserFactory,
)
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.plans_factories import ReviewFactory

TODAY = timezone.localdate


def busy_partners(count: int) -> list[int]:
    """Partners with something in every input the engine reads."""
    owner = UserFactory(role="channel_manager")
    ids = []
    for _ in range(count):
        partner = PartnerFactory()
        person = StakeholderFactory(contact__partner=partner, influence=5, owners=[owner])
        InteractionFactory(partner=partner, stakeholders=[person], logged_by=owner)
        PerformanceAuditFactory(partner=partner)
        ReviewFactory(partner=partner)
        MembershipFactory(partner=partner)
        ids.append(partner.pk)
    return ids


def statements(queries) -> list[str]:
    """The statements run, counting one bulk insert once: SQLite splits a bulk insert into
    batches of at most 999 parameters, PostgreSQL sends it as one statement."""
    sql = [query["sql"] for query in queries]
    return [text for i, text in enumerate(sql)
            if not (text.startswith("INSERT") and i and sql[i - 1].split(" (")[0]
                    == text.split(" (")[0])]  # fmt: skip


def statements_for(run, partner_ids) -> int:
    with CaptureQueriesContext(connection) as queries:
        score_run_chunk(run_id=run.pk, partner_ids=partner_ids)
    return len(statements(queries.captured_queries))


@pytest.mark.django_db
def test_chunk_issues_the_same_statements_for_10_and_200_partners(settings):
    settings.SCORING_CHUNK_SIZE = 500
    few, many = busy_partners(10), busy_partners(200)

    # As of yesterday: scores only. As of today: scores and alerts.
    for as_of in (TODAY() - datetime.timedelta(days=1), TODAY()):
        run, _ = score_run_prepare(as_of=as_of)
        per_chunk = statements_for(run, few)
        assert statements_for(run, many) == per_chunk, as_of
        assert per_chunk < 50
        assert PartnerScore.objects.filter(run=run).count() == 210
    assert Alert.objects.filter(partner_id__in=many).exists()


@pytest.mark.django_db
def test_the_run_counts_scorings_statements_not_its_own_bookkeeping():
    partners = busy_partners(10)
    run, _ = score_run_prepare(as_of=TODAY() - datetime.timedelta(days=1))
    per_chunk = statements_for(run, partners)
    statements_for(run, partners)
    run.refresh_from_db()
    # Not its own read of the run and progress update per chunk.
    assert run.statements == 2 * (per_chunk - 2)


@pytest.mark.django_db
def test_rerun_replaces_the_rows_of_that_date():
    ids = busy_partners(3)
    first = score_run_foreground()
    second = score_run_foreground()

    assert first.pk == second.pk
    assert ScoreRun.objects.count() == 1
    assert PartnerScore.objects.filter(run=second).count() == len(ids)
    assert second.status == ScoreRun.Status.DONE
    assert second.partners_done == second.partners_total == 3


@pytest.mark.django_db
def test_one_partner_rerun_replaces_only_its_row():
    ids = busy_partners(2)
    score_run_foreground()
    score_run_foreground(partner_id=ids[0])

    assert PartnerScore.objects.filter(partner_id__in=ids).count() == 2


@pytest.mark.django_db
def test_second_start_while_one_runs_is_refused():
    busy_partners(1)
    score_run_prepare(as_of=TODAY())

    with pytest.raises(ValidationError, match="being computed already"):
        score_run_prepare(as_of=TODAY())


@pytest.mark.django_db
def test_abandoned_run_is_taken_over_and_completed(settings):
    """A worker killed mid-run leaves it running; after the stale delay a new start wins."""
    ids = busy_partners(2)
    run, _ = score_run_prepare(as_of=TODAY())
    score_run_chunk(run_id=run.pk, partner_ids=ids[:1])  # then the worker dies
    long_ago = timezone.now() - datetime.timedelta(minutes=settings.SCORING_STALE_AFTER_MINUTES + 1)
    ScoreRun.objects.filter(pk=run.pk).update(updated_at=long_ago)

    rerun = score_run_foreground()

    assert rerun.pk == run.pk
    assert rerun.status == ScoreRun.Status.DONE
    assert rerun.scores.count() == 2


@pytest.mark.django_db
def test_future_date_is_refused():
    with pytest.raises(ValidationError, match="future"):
        score_run_prepare(as_of=TODAY() + datetime.timedelta(days=1))


@pytest.mark.django_db
def test_failing_chunk_marks_the_run_failed_with_the_reason(monkeypatch):
    busy_partners(1)

    def broken(**kwargs):
        raise RuntimeError("inputs unreadable")

    monkeypatch.setattr("performance.services.scoring.score_chunk", broken)
    with pytest.raises(RuntimeError):
        score_run_foreground()

    run = ScoreRun.objects.get()
    assert run.status == ScoreRun.Status.FAILED
    assert run.error == "RuntimeError: inputs unreadable"


@pytest.mark.django_db
def test_start_runs_the_chunks_as_a_group_and_the_chord_finishes_it(
    settings, django_capture_on_commit_callbacks, manager
):
    settings.SCORING_CHUNK_SIZE = 2
    ids = busy_partners(5)

    with django_capture_on_commit_callbacks(execute=True):
        run = score_run_start(actor=manager)

    run.refresh_from_db()
    assert run.status == ScoreRun.Status.DONE
    assert run.started_by == manager
    assert run.partners_done == run.partners_total == len(ids)
    assert run.scores.count() == len(ids)
    assert run.finished_at is not None


@pytest.mark.django_db
def test_nightly_task_scores_as_of_today(django_capture_on_commit_callbacks):
    from performance.tasks import score_partners

    busy_partners(2)
    with django_capture_on_commit_callbacks(execute=True):
        score_partners.apply()

    run = ScoreRun.objects.get(as_of=TODAY())
    assert run.scores.count() == 2


@pytest.mark.django_db
def test_command_prints_time_partners_rows_and_statements():
    ids = busy_partners(2)
    out = StringIO()

    call_command("score_partners", stdout=out)

    text = out.getvalue()
    assert "2/2 partners" in text
    assert f"Scored as of {TODAY()}: 2 partners, 2 rows" in text
    assert "statements in" in text
    call_command("score_partners", "--partner", str(ids[0]), "--as-of", str(TODAY()), stdout=out)
    assert PartnerScore.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["--as-of", "15/05/2026"], "YYYY-MM-DD"), (["--partner", "999999"], "no partner 999999"),
     (["--as-of", "2999-01-01"], "future")],
)  # fmt: skip
def test_command_bad_input_is_a_clear_error(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("score_partners", *arguments, stdout=StringIO())


def test_beat_runs_scoring_nightly_at_two(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["score-partners"]
    assert entry["task"] == "performance.score_partners"
    assert entry["schedule"].hour == {2} and entry["schedule"].minute == {0}


@pytest.mark.django_db
def test_new_weights_replace_the_current_set_and_keep_the_old(manager):
    from performance.models import ScoringWeights
    from performance.services.scoring import scoring_weights_set

    old = ScoringWeights.objects.get(is_current=True)
    new = scoring_weights_set(actor=manager, relationship=50, performance=30, engagement=20,
                              note="People first")  # fmt: skip

    old.refresh_from_db()
    assert new.is_current and not old.is_current
    assert score_run_foreground().weights == new
    with pytest.raises(ValidationError, match="add up to 100"):
        scoring_weights_set(actor=manager, relationship=50, performance=30, engagement=30)


def test_backfill_dates_are_twelve_month_firsts_then_today():
    from performance.demo.scoring import backfill_dates

    dates = backfill_dates(datetime.date(2026, 3, 17))

    assert dates[0] == datetime.date(2025, 3, 1)
    assert dates[-2:] == [datetime.date(2026, 2, 1), datetime.date(2026, 3, 17)]
    assert len(dates) == 13
