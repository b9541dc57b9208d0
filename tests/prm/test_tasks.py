"""prm.tasks: housekeeping jobs, tested by calling them."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from prm.celery import app as celery_app
from prm.tasks import clear_expired_sessions


def make_session(*, expires_in: timedelta) -> str:
    store = SessionStore()
    store["user"] = "someone"
    store.set_expiry(timezone.now() + expires_in)
    store.save()
    return store.session_key


@pytest.fixture
def sessions(db):
    return {
        "expired": make_session(expires_in=timedelta(days=-1)),
        "live": make_session(expires_in=timedelta(days=1)),
    }


def test_clear_expired_sessions_removes_expired_session_rows(sessions):
    clear_expired_sessions()

    assert not Session.objects.filter(session_key=sessions["expired"]).exists()
    assert Session.objects.filter(session_key=sessions["live"]).exists()


def test_clear_expired_sessions_runs_through_celery(sessions):
    result = clear_expired_sessions.delay()

    assert result.successful()
    assert list(Session.objects.values_list("session_key", flat=True)) == [sessions["live"]]


def test_clear_expired_sessions_with_nothing_expired_keeps_everything(db):
    live = make_session(expires_in=timedelta(hours=1))

    clear_expired_sessions()

    assert list(Session.objects.values_list("session_key", flat=True)) == [live]


def test_clear_expired_sessions_is_on_the_default_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]

    assert entry["task"] == clear_expired_sessions.name == "prm.clear_expired_sessions"
    assert entry["task"] in celery_app.tasks
    assert celery_app.conf.beat_schedule["clear-expired-sessions"]["task"] == entry["task"]
