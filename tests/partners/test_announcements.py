"""Announcements: staff write them, partners see the published ones meant for them (all
partners, or any of their tier, territories, segments), and hear of each once when published."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from partners import services
from partners.models import Announcement
from partners.tasks import notify_announcements_published
from prm.models import Notification
from tests.factories import (
    ProgramTierFactory,
    SegmentFactory,
    TerritoryFactory,
    UserFactory,
)

LIST = reverse("partners:announcement-list")
NEW = reverse("partners:announcement-create")
PORTAL = reverse("portal:announcement-list")
HOME = reverse("portal:home")
API = "/api/v1/announcements/"
HOUR = datetime.timedelta(hours=1)


def _make(actor, title="Summit", *, hours=-1, **fields):
    fields.setdefault("body", "Come to the summit.")
    fields.setdefault("audience", "all")
    return services.announcement_create(
        actor=actor, title=title, publish_at=timezone.now() + hours * HOUR, **fields
    )


# --- services and selectors ------------------------------------------------------------------


def test_targeted_needs_a_target_and_staff(manager, partner_admin):
    with pytest.raises(ValidationError) as error:
        _make(manager, audience="targeted")
    assert "audience" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        _make(partner_admin)
    with pytest.raises(ValidationError) as error:
        _make(manager, expires_at=timezone.now() - 5 * HOUR)
    assert "expires_at" in error.value.message_dict


def test_partner_sees_published_announcements_meant_for_it(manager, partner, other_partner,
                                                           client_for, partner_member):  # fmt: skip
    tier, territory, segment = ProgramTierFactory(), TerritoryFactory(), SegmentFactory()
    partner.tier = tier
    partner.save()
    partner.segments.add(segment)
    other_partner.territories.add(territory)
    _make(manager, "TO-ALL")
    _make(manager, "TO-TIER", audience="targeted", tiers=[tier])
    _make(manager, "TO-SEGMENT", audience="targeted", segments=[segment])
    _make(manager, "TO-OTHERS", audience="targeted", territories=[territory])
    _make(manager, "SCHEDULED", hours=5)
    _make(manager, "EXPIRED", hours=-5, expires_at=timezone.now() - HOUR)
    text = client_for(partner_member).get(PORTAL).content.decode()
    for shown in ("TO-ALL", "TO-TIER", "TO-SEGMENT"):
        assert shown in text
    for hidden in ("TO-OTHERS", "SCHEDULED", "EXPIRED"):
        assert hidden not in text
    home = client_for(partner_member).get(HOME).content.decode()
    assert "TO-ALL" in home and "TO-OTHERS" not in home


def test_notify_once_when_published(manager, partner, partner_admin, partner_member, outsider,
                                    other_partner, django_capture_on_commit_callbacks):  # fmt: skip
    tier = ProgramTierFactory()
    partner.tier = tier
    partner.save()
    announcement = _make(manager, audience="targeted", tiers=[tier])
    scheduled = _make(manager, "Later", hours=3)
    assert notify_announcements_published() == 2  # A's two portal users, not the outsider
    assert notify_announcements_published() == 0
    received = set(Notification.objects.filter(kind="announcement_published")
                   .values_list("recipient_id", flat=True))  # fmt: skip
    assert received == {partner_admin.pk, partner_member.pk}
    announcement.refresh_from_db()
    scheduled.refresh_from_db()
    assert announcement.notified_at is not None and scheduled.notified_at is None
    later = timezone.now() + 4 * HOUR
    assert services.announcements_notify_due(now=later) == 3  # every partner's users


def test_update_changes_targets(manager):
    tier = ProgramTierFactory()
    announcement = _make(manager, audience="targeted", tiers=[tier])
    services.announcement_update(actor=manager, announcement=announcement, audience="all")
    assert list(announcement.tiers.all()) == []


# --- staff pages -----------------------------------------------------------------------------


def test_staff_create_edit_delete(client_for, manager):
    client = client_for(manager)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, {"title": "Hello partners", "body": "News",
                                 "publish_at": "2026-01-01T09:00", "audience": "all"})  # fmt: skip
    assert response.status_code == 302, response.content
    announcement = Announcement.objects.get()
    edit = reverse("partners:announcement-edit", args=[announcement.pk])
    invalid = client.post(edit, {"title": "", "body": "News", "publish_at": "2026-01-01T09:00",
                                 "audience": "targeted"}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert invalid.status_code == 422
    assert "Hello partners" in client.get(LIST).content.decode()
    client.post(reverse("partners:announcement-delete", args=[announcement.pk]))
    assert not Announcement.objects.exists()


def test_reach_preview_counts_partners(client_for, manager, partner, other_partner):
    tier = ProgramTierFactory()
    partner.tier = tier
    partner.save()
    url = reverse("partners:announcement-reach")
    client = client_for(manager)
    assert "Reaches 2 partners" in client.get(url, {"audience": "all"}).content.decode()
    one = client.get(url, {"audience": "targeted", "tiers": [tier.pk]}).content.decode()
    assert "Reaches 1 partner." in one


def test_staff_pages_access(client, client_for, partner_admin, manager):
    announcement = _make(manager)
    edit = reverse("partners:announcement-edit", args=[announcement.pk])
    delete = reverse("partners:announcement-delete", args=[announcement.pk])
    assert client.get(LIST).status_code == 302
    for url in (LIST, NEW, edit):
        assert client_for(partner_admin).get(url).status_code == 403
    assert client_for(partner_admin).post(delete).status_code == 403
    assert client_for(manager).get(delete).status_code == 405
    assert client_for(manager).post(LIST).status_code == 405
    missing = reverse("partners:announcement-edit", args=[announcement.pk + 99])
    assert client_for(manager).get(missing).status_code == 404


def test_portal_page_access(client_for, manager, partner_admin):
    assert client_for(manager).get(PORTAL).status_code == 403
    assert client_for(partner_admin).post(PORTAL).status_code == 405


def test_list_query_counts_constant(client_for, manager, partner_member, count_queries):
    def count(n):
        for index in range(n):
            _make(manager, f"News {index}", audience="targeted",
                  tiers=[ProgramTierFactory()], segments=[SegmentFactory()])  # fmt: skip
            _make(manager, f"All {index}")
        return (count_queries(client_for(manager), LIST, warm=True),
                count_queries(client_for(partner_member), PORTAL, warm=True))  # fmt: skip

    assert count(2) == count(6)


# --- API -------------------------------------------------------------------------------------


def test_api_staff_crud(api_for, manager):
    tier = ProgramTierFactory()
    api = api_for(manager)
    body = {"title": "T", "body": "B", "publish_at": "2026-01-01T09:00:00Z",
            "audience": "targeted", "tiers": [tier.pk]}  # fmt: skip
    created = api.post(API, body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    bad = api.patch(f"{API}{pk}/", {"audience": "targeted", "tiers": []}, format="json")
    assert bad.status_code == 400 and "audience" in bad.json()
    assert api.patch(f"{API}{pk}/", {"audience": "all"}, format="json").status_code == 200
    assert api.get(API, {"published": "true"}).json()["count"] == 1
    assert api.delete(f"{API}{pk}/").status_code == 204


def test_api_partner_reads_only_its_published_ones(api_for, manager, partner_admin, partner):
    visible = _make(manager, "Visible")
    hidden = _make(manager, "Scheduled", hours=4)
    tier = ProgramTierFactory()
    elsewhere = _make(manager, "Elsewhere", audience="targeted", tiers=[tier])
    api = api_for(partner_admin)
    body = api.get(API).json()
    assert [row["id"] for row in body["results"]] == [visible.pk]
    assert "audience" not in body["results"][0]
    for other in (hidden, elsewhere):
        assert api.get(f"{API}{other.pk}/").status_code == 404
    assert api.post(API, {"title": "x"}, format="json").status_code == 403
    assert api.delete(f"{API}{visible.pk}/").status_code == 403


def test_api_outsider_without_membership(api_for):
    user = UserFactory(role="partner_user")
    assert api_for(user).get(API).json()["count"] == 0


def test_demo_seeds_corrections_and_announcements(db):
    import io

    from django.core.management import call_command

    from partners.models import ContactCorrection

    call_command("seed_demo", partners=2, force=True, stdout=io.StringIO())
    statuses = set(ContactCorrection.objects.values_list("status", flat=True))
    assert statuses == {"proposed", "accepted", "rejected"}
    now = timezone.now()
    assert Announcement.objects.published(now=now).count() >= 3
    assert Announcement.objects.filter(publish_at__gt=now).count() == 1
