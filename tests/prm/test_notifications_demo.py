"""seed_demo gives the demo users notifications of their partners' recent events (in the app
only, spread over the last days, some read) and time zones; a second run adds none."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from prm.models import Notification, User

pytestmark = pytest.mark.django_db


def test_seed_demo_notifies_the_demo_users_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", force=True, partners=8, seed=7, stdout=io.StringIO())
    for username in ("manager", "portal-a", "portal-b"):
        rows = Notification.objects.filter(recipient__username=username)
        assert rows.exists(), username
        assert rows.filter(read_at__isnull=True).exists(), username
    assert User.objects.get(username="portal-b").time_zone == "Africa/Lagos"
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"deal_registered", "rules_published", "certification_expiring"} <= kinds
    assert not Notification.objects.exclude(email_status="").exists() and mail.outbox == []
    portal_a = User.objects.get(username="portal-a").partner_membership.partner.name
    assert set(
        Notification.objects.filter(recipient__username="portal-a")
        .exclude(partner_label="")
        .values_list("partner_label", flat=True)
    ) == {portal_a}
    count = Notification.objects.count()
    call_command("seed_demo", force=True, partners=8, seed=7, stdout=io.StringIO())
    assert Notification.objects.count() == count
