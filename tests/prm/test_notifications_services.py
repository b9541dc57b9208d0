"""The core's notifications: `notify` writes one row per recipient as their preference says,
email leaves only after commit from a task that retries and never loses the in-app row, the
daily digest goes out at 07:00 local time once per day, unsubscribe tokens."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from prm.models import DailyDigest, Notification, NotificationPreference
from prm.notifications import kinds, notify
from prm.notifications.digests import digests_send_due
from prm.notifications.kinds import Channel, Section
from prm.notifications.services import preference_set, preferences_set
from prm.notifications.tasks import send_notification_email
from prm.notifications.tokens import read_unsubscribe_token, unsubscribe_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_kinds():
    """Kinds of the tests' own, one per default channel, removed afterwards."""
    added = {
        "test_email": Channel.EMAIL,
        "test_in_app": Channel.IN_APP,
        "test_digest": Channel.DIGEST,
    }
    for key, default in added.items():
        kinds.register_kind(key, label=key, group="Tests", default=default,
                            digest_section=Section.WAITING)  # fmt: skip
    yield
    for key in added:
        kinds._kinds.pop(key, None)


def _notify(recipients, kind="test_email", **extra):
    values = {"verb": "registered a deal", "object_label": "Initech · 10,000 USD",
              "url": "/performance/deals/1/", "partner_label": "Acme"} | extra  # fmt: skip
    if "actor" not in extra:
        values.setdefault("actor_label", "Anna Schmidt")
    return notify(kind=kind, recipients=recipients, **values)


def test_notify_creates_one_row_per_recipient_and_skips_the_actor(manager, other_manager):
    actor = UserFactory(username="actor", role="partner_user")
    rows = _notify([manager, other_manager, manager, actor], actor=actor)
    assert sorted(row.recipient_id for row in rows) == sorted([manager.pk, other_manager.pk])
    row = Notification.objects.get(recipient=manager)
    assert row.actor == actor and row.actor_label == str(actor)
    assert row.sentence == f"{actor} registered a deal: Initech · 10,000 USD"


def test_notify_honours_each_users_preference(manager, other_manager, admin_user):
    preference_set(user=other_manager, kind="test_email", channel=Channel.OFF)
    preference_set(user=admin_user, kind="test_email", channel=Channel.DIGEST)
    _notify([manager, other_manager, admin_user])
    assert Notification.objects.filter(recipient=other_manager).count() == 0
    assert Notification.objects.get(recipient=manager).email_status == "pending"
    digest_row = Notification.objects.get(recipient=admin_user)
    assert digest_row.in_digest and digest_row.email_status == ""


def test_notify_default_in_app_sends_no_email(manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify([manager], kind="test_in_app")
    assert callbacks == [] and mail.outbox == []
    assert Notification.objects.get().email_status == ""


def test_notify_refuses_unknown_kind_and_absolute_url(manager):
    with pytest.raises(ValueError):
        _notify([manager], kind="no_such_kind")
    with pytest.raises(ValueError):
        _notify([manager], url="https://evil.example/")


def test_email_leaves_only_after_commit_with_both_parts(
    manager, django_capture_on_commit_callbacks, settings
):
    settings.PRM_BASE_URL = "https://prm.example.com"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([manager])
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    (message,) = mail.outbox
    assert message.to == [manager.email]
    assert "registered a deal" in message.subject
    assert "https://prm.example.com/performance/deals/1/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "https://prm.example.com/performance/deals/1/" in html
    assert "/notifications/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://prm.example.com/")
    assert Notification.objects.get().email_status == "sent"


def test_nothing_is_sent_when_the_transaction_rolls_back(
    manager, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _notify([manager])
        raise RuntimeError("the service failed after notifying")
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.exists()


class FlakySMTP:
    """A mail backend that fails `failures` times, then delivers to the outbox."""

    calls = 0
    failures = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls <= type(self).failures:
            raise smtplib.SMTPServerDisconnected("connection lost")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTP"
    FlakySMTP.calls = FlakySMTP.failures = 0
    # As on a worker: a retry is scheduled, not raised to the caller (eager runs it at once).
    conf = send_notification_email.app.conf
    propagates, conf.task_eager_propagates = conf.task_eager_propagates, False
    yield FlakySMTP
    conf.task_eager_propagates = propagates


def test_email_task_retries_on_smtp_error_then_sends(manager, flaky_smtp):
    flaky_smtp.failures = 2
    (row,) = _notify([manager])
    assert send_notification_email.apply(args=[row.pk]).get() is True
    assert flaky_smtp.calls == 3 and len(mail.outbox) == 1
    assert Notification.objects.get(pk=row.pk).email_status == "sent"


def test_email_task_gives_up_but_the_in_app_row_stays(manager, flaky_smtp):
    flaky_smtp.failures = 100
    (row,) = _notify([manager])
    result = send_notification_email.apply(args=[row.pk])
    assert result.failed()
    assert flaky_smtp.calls == send_notification_email.max_retries + 1
    row.refresh_from_db()
    assert row.email_status == "failed" and "SMTPServerDisconnected" in row.email_error
    assert row.read_at is None and mail.outbox == []


def test_email_task_is_idempotent(manager, flaky_smtp):
    (row,) = _notify([manager])
    send_notification_email.apply(args=[row.pk])
    send_notification_email.apply(args=[row.pk])
    assert len(mail.outbox) == 1


def test_dedupe_key_notifies_each_user_once(manager, other_manager):
    assert len(_notify([manager], dedupe_key="deal:1:2026-01-31")) == 1
    assert len(_notify([manager, other_manager], dedupe_key="deal:1:2026-01-31")) == 1
    assert Notification.objects.filter(recipient=manager).count() == 1


def test_preferences_set_validates_time_zone_and_saves_channels(manager):
    with pytest.raises(ValidationError) as error:
        preferences_set(user=manager, channels={}, time_zone="Mars/Olympus")
    assert "time_zone" in error.value.message_dict
    preferences_set(user=manager, channels={"test_email": "off"}, time_zone="Asia/Tokyo")
    manager.refresh_from_db()
    assert manager.time_zone == "Asia/Tokyo"
    assert NotificationPreference.objects.get(user=manager).channel == "off"


def test_unsubscribe_token_round_trips_and_refuses_tampering(manager):
    token = unsubscribe_token(user_id=manager.pk, kind="test_email")
    assert read_unsubscribe_token(token) == (manager.pk, "test_email")
    assert read_unsubscribe_token(token[:-2] + "xx") is None
    assert read_unsubscribe_token("garbage") is None


# --- the daily digest ------------------------------------------------------------------------


def _at(utc_hour, minute=0, day=10):
    return datetime.datetime(2026, 3, day, utc_hour, minute, tzinfo=datetime.UTC)


@pytest.fixture
def two_zones(db):
    paris = UserFactory(username="paris", time_zone="Europe/Paris")  # UTC+1 in March
    new_york = UserFactory(username="new-york", time_zone="America/New_York")  # UTC-4 (DST)
    for user in (paris, new_york):
        preference_set(user=user, kind="test_email", channel=Channel.DIGEST)
    _notify([paris, new_york])
    _notify([paris, new_york], kind="test_in_app", verb="agreed the target")
    return paris, new_york


def test_digest_goes_out_at_seven_local_in_each_time_zone(
    two_zones, django_capture_on_commit_callbacks
):
    paris, new_york = two_zones
    Notification.objects.update(created_at=_at(3))
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send_due(now=_at(5, 45)) == 0  # 06:45 in Paris
        assert digests_send_due(now=_at(6, 0)) == 1  # 07:00 in Paris, 02:00 in New York
    assert [message.to for message in mail.outbox] == [[paris.email]]
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send_due(now=_at(10, 45)) == 0  # 06:45 in New York
        assert digests_send_due(now=_at(11, 0)) == 1  # 07:00 in New York
    assert [message.to for message in mail.outbox] == [[paris.email], [new_york.email]]
    digest = DailyDigest.objects.get(user=new_york)
    assert digest.local_date == datetime.date(2026, 3, 10) and digest.status == "sent"


def test_digest_is_sent_once_per_day_and_lists_what_was_marked(
    two_zones, django_capture_on_commit_callbacks
):
    paris, _ = two_zones
    Notification.objects.update(created_at=_at(3))
    with django_capture_on_commit_callbacks(execute=True):
        digests_send_due(now=_at(6, 0))
        assert digests_send_due(now=_at(6, 15)) == 0
        assert digests_send_due(now=_at(22, 0)) == 1  # New York only
    assert DailyDigest.objects.filter(user=paris).count() == 1
    message = mail.outbox[0]
    assert "Waiting for you (1)" in message.body
    assert "registered a deal: Initech" in message.body
    assert "agreed the target" not in message.body  # in-app only: not in the digest
    assert "2 unread notifications" in message.body
    assert "/notifications/unsubscribe/" in message.body
    assert message.alternatives[0][1] == "text/html"
    # The next day's digest has nothing new: it is recorded, and no email leaves.
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send_due(now=_at(6, 0, day=11)) == 0
    assert len(mail.outbox) == 2
