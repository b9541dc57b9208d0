"""The notification pages and API: the bell (a lazy fragment, so pages pay no query for it),
the list with filters and pages, marking read, preferences, unsubscribing from an email, and
isolation: each user sees only their own notifications (another's answers 404)."""

import datetime

import pytest
from django.urls import reverse

from prm.models import Notification, NotificationPreference
from prm.notifications import kinds, notify
from prm.notifications.kinds import Audience, Channel, Section
from prm.notifications.tokens import unsubscribe_token
from tests.helpers import HTMX, page_text

pytestmark = pytest.mark.django_db
LIST = "/notifications/"
READ_AT = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def test_kinds():
    for key, audience in (("test_staff", Audience.STAFF), ("test_partner", Audience.PARTNER)):
        kinds.register_kind(key, label=f"Test {audience}", group="Tests", default=Channel.IN_APP,
                            digest_section=Section.CHANGES, audience=audience)  # fmt: skip
    yield
    kinds._kinds.pop("test_staff", None)
    kinds._kinds.pop("test_partner", None)


def _notify(user, count=1, kind="test_staff", label="Initech"):
    for number in range(count):
        notify(kind=kind, recipients=[user], verb="registered a deal", actor_label="Anna Schmidt",
               object_label=f"{label} {number}", url="/performance/deals/")  # fmt: skip
    return Notification.objects.filter(recipient=user).first()


def test_pages_render_the_bell_without_a_query(client_for, manager, count_queries):
    staff = client_for(manager)
    before = count_queries(staff, "/", warm=True)
    _notify(manager, 5)
    page = staff.get("/").content.decode()
    assert count_queries(staff, "/", warm=True) == before
    assert 'hx-get="/notifications/bell/"' in page and 'href="/notifications/"' in page
    assert '<span class="sr-only">Notifications</span>' in page


def test_bell_fragment_counts_unread(client_for, manager):
    _notify(manager, 3)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(read_at=READ_AT)
    response = client_for(manager).get("/notifications/bell/", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Notifications, 2 unread" in page_text(response)
    assert '<span class="bell-count">2</span>' in body


def test_list_page_full_and_fragment(client_for, manager):
    _notify(manager, 2)
    staff = client_for(manager)
    full = staff.get(LIST)
    assert full.status_code == 200 and "<html" in full.content.decode()
    assert "registered a deal: Initech 1" in page_text(full)
    fragment = staff.get(LIST + "?state=unread", **HTMX).content.decode()
    assert "<html" not in fragment and 'id="notification-rows"' in fragment
    assert full["Vary"] and "HX-Request" in full["Vary"]


def test_list_filters_by_kind_and_read_state(client_for, manager):
    _notify(manager, kind="test_staff", label="Staff thing")
    read = _notify(manager, kind="test_staff", label="Read thing")
    Notification.objects.filter(object_label="Read thing 0").update(read_at=READ_AT)
    staff = client_for(manager)
    unread = page_text(staff.get(LIST + "?state=unread"))
    assert "Staff thing 0" in unread and "Read thing 0" not in unread
    assert "Read thing 0" in page_text(staff.get(LIST + "?state=read"))
    assert read is not None
    bad = staff.get(LIST + "?kind=nope&state=weird&page=abc")
    assert bad.status_code == 200  # a bad filter is ignored, never a 500


def test_list_paginates(client_for, manager):
    _notify(manager, 30)
    staff = client_for(manager)
    assert "Page 1 of 2" in page_text(staff.get(LIST))
    assert "Page 2 of 2" in page_text(staff.get(LIST + "?page=2"))


def test_list_query_count_is_constant(client_for, manager, count_queries):
    staff = client_for(manager)
    _notify(manager, 2)
    small = count_queries(staff, LIST)
    _notify(manager, 20)
    assert count_queries(staff, LIST) == small


def test_empty_list_says_what_will_appear(client_for, manager):
    assert "No notifications yet" in page_text(client_for(manager).get(LIST))


def test_open_marks_read_and_follows_the_link(client_for, manager):
    notification = _notify(manager)
    response = client_for(manager).get(reverse("notifications:notification-open",
                                               args=[notification.pk]))  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/performance/deals/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_plain_and_htmx(client_for, manager):
    first = _notify(manager, 2)
    second = Notification.objects.exclude(pk=first.pk).get()
    staff = client_for(manager)
    url = reverse("notifications:notification-read", args=[first.pk])
    response = staff.post(url, {"next": "/notifications/?state=unread"})
    assert response.status_code == 302 and response["Location"] == "/notifications/?state=unread"
    response = staff.post(reverse("notifications:notification-read", args=[second.pk]), **HTMX)
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert "notifications-changed" in response["HX-Trigger"]
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_read_refuses_an_outside_next(client_for, manager):
    notification = _notify(manager)
    url = reverse("notifications:notification-read", args=[notification.pk])
    response = client_for(manager).post(url, {"next": "https://evil.example/"})
    assert response["Location"] == LIST


def test_mark_all_read(client_for, manager, other_manager):
    _notify(manager, 3)
    _notify(other_manager, 2)
    response = client_for(manager).post(reverse("notifications:notification-read-all"))
    assert response.status_code == 302
    assert Notification.objects.filter(recipient=manager, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=other_manager, read_at__isnull=True).count() == 2


def test_wrong_methods_answer_405(client_for, manager):
    notification = _notify(manager)
    staff = client_for(manager)
    assert staff.get(reverse("notifications:notification-read", args=[notification.pk])
                     ).status_code == 405  # fmt: skip
    assert staff.get(reverse("notifications:notification-read-all")).status_code == 405
    assert staff.post(LIST).status_code == 405
    assert staff.post(reverse("notifications:notification-bell")).status_code == 405
    assert staff.delete(reverse("notifications:notification-preferences")).status_code == 405


def test_another_users_notification_answers_404(client_for, manager, partner_member, outsider):
    mine = _notify(partner_member, kind="test_partner")
    for user in (outsider, manager):
        client = client_for(user)
        assert client.get(reverse("notifications:notification-open", args=[mine.pk])
                          ).status_code == 404  # fmt: skip
        assert client.post(reverse("notifications:notification-read", args=[mine.pk])
                           ).status_code == 404  # fmt: skip
    assert Notification.objects.get(pk=mine.pk).read_at is None


def test_portal_user_sees_only_their_own_with_the_portal_layout(
    client_for, partner_member, outsider
):
    _notify(partner_member, kind="test_partner", label="Ours")
    _notify(outsider, kind="test_partner", label="Theirs")
    response = client_for(partner_member).get(LIST)
    text = page_text(response)
    assert "Ours 0" in text and "Theirs 0" not in text
    assert 'class="portal"' in response.content.decode()


def test_login_required(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_preferences_page_offers_the_users_kinds_and_saves(client_for, partner_member):
    client = client_for(partner_member)
    page = page_text(client.get(reverse("notifications:notification-preferences")))
    assert "Test partner" in page and "Test staff" not in page
    response = client.post(
        reverse("notifications:notification-preferences"),
        {"kind_test_partner": "email", "time_zone": "Europe/Berlin"},
    )
    assert response.status_code == 302
    partner_member.refresh_from_db()
    assert partner_member.time_zone == "Europe/Berlin"
    assert NotificationPreference.objects.get(user=partner_member).channel == "email"


def test_preferences_bad_input_errors_at_the_field(client_for, manager):
    response = client_for(manager).post(
        reverse("notifications:notification-preferences"),
        {"kind_test_staff": "loud", "time_zone": "Mars/Olympus"}, **HTMX,
    )  # fmt: skip
    assert response.status_code == 422
    assert 'id="field-time_zone"' in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_unsubscribe_link_works_without_login(client, manager):
    token = unsubscribe_token(user_id=manager.pk, kind="test_staff")
    url = reverse("notifications:notification-unsubscribe", args=[token])
    page = page_text(client.get(url))
    assert "Test staff" in page and "reaches you this way today: in the app" in page
    assert not NotificationPreference.objects.exists()  # a GET changes nothing
    response = client.post(url, {"delivery": "off"})
    assert response.status_code == 200 and "Saved" in page_text(response)
    assert NotificationPreference.objects.get(user=manager, kind="test_staff").channel == "off"


def test_unsubscribe_from_the_digest(client, manager):
    NotificationPreference.objects.create(user=manager, kind="test_staff", channel="digest")
    url = reverse("notifications:notification-unsubscribe",
                  args=[unsubscribe_token(user_id=manager.pk, kind="digest")])  # fmt: skip
    assert client.post(url).status_code == 200
    assert NotificationPreference.objects.get(user=manager, kind="test_staff").channel == "in_app"


def test_unsubscribe_refuses_a_bad_token(client):
    url = reverse("notifications:notification-unsubscribe", args=["not-a-token"])
    assert client.get(url).status_code == 404


# --- API -------------------------------------------------------------------------------------


def test_api_lists_only_mine_and_filters(api_for, manager, partner_member):
    _notify(manager, 2)
    _notify(partner_member, kind="test_partner")
    first = Notification.objects.filter(recipient=manager).order_by("pk").first()
    Notification.objects.filter(pk=first.pk).update(read_at=READ_AT)
    api = api_for(manager)
    body = api.get("/api/v1/notifications/").json()
    assert body["count"] == 2
    assert api.get("/api/v1/notifications/?unread=true").json()["count"] == 1
    assert api.get("/api/v1/notifications/?kind=test_partner").json()["count"] == 0
    row = body["results"][0]
    assert {"kind", "kind_label", "verb", "object_label", "url", "read"} <= set(row)


def test_api_mark_read_and_isolation(api_for, partner_member, outsider):
    mine = _notify(partner_member, kind="test_partner")
    response = api_for(outsider).post(f"/api/v1/notifications/{mine.pk}/read/")
    assert response.status_code == 404
    assert api_for(outsider).get(f"/api/v1/notifications/{mine.pk}/").status_code == 404
    response = api_for(partner_member).post(f"/api/v1/notifications/{mine.pk}/read/")
    assert response.status_code == 200 and response.json()["read"] is True
    assert api_for(partner_member).get(f"/api/v1/notifications/{mine.pk}/read/").status_code == 405
    assert api_for(partner_member).delete(f"/api/v1/notifications/{mine.pk}/").status_code == 405
    assert api_for().get("/api/v1/notifications/").status_code in (401, 403)


def test_api_read_all(api_for, manager):
    _notify(manager, 3)
    response = api_for(manager).post("/api/v1/notifications/read-all/")
    assert response.json() == {"marked_read": 3}


def test_api_preferences_list_and_update(api_for, manager):
    api = api_for(manager)
    rows = {
        row["kind"]: row for row in api.get("/api/v1/notification-preferences/").json()["results"]
    }
    assert rows["test_staff"]["delivery"] == "in_app" and "test_partner" not in rows
    response = api.patch("/api/v1/notification-preferences/test_staff/", {"delivery": "email"},
                         format="json")  # fmt: skip
    assert response.status_code == 200 and response.json()["delivery"] == "email"
    bad = api.patch("/api/v1/notification-preferences/test_staff/", {"delivery": "loud"},
                    format="json")  # fmt: skip
    assert bad.status_code == 400
    unknown = api.patch("/api/v1/notification-preferences/test_staff/",
                        {"delivery": "email", "extra": 1}, format="json")  # fmt: skip
    assert unknown.status_code == 400
    hidden = api.patch("/api/v1/notification-preferences/test_partner/", {"delivery": "email"},
                       format="json")  # fmt: skip
    assert hidden.status_code == 404


def test_admin_shows_notifications_read_only_and_preferences(client_for, admin_user, manager):
    notification = _notify(manager)
    NotificationPreference.objects.create(user=manager, kind="test_staff", channel="off")
    admin = client_for(admin_user)
    assert admin.get("/admin/prm/notification/?kind=test_staff").status_code == 200
    assert admin.get(f"/admin/prm/notification/{notification.pk}/change/").status_code == 200
    assert admin.get("/admin/prm/notification/add/").status_code == 403
    assert admin.get("/admin/prm/notificationpreference/").status_code == 200
    assert admin.get("/admin/prm/notificationpreference/add/").status_code == 200
    assert admin.get("/admin/prm/dailydigest/").status_code == 200
