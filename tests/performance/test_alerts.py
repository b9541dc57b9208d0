"""Alerts: a run as of today raises them from what it finds, refreshes them while the cause
stays, resolves them when it goes; people assign, dismiss (with a reason) and reopen them on
the alert list and through the API; the dashboard counts them, mine first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from performance.models import Alert, AlertKind, ScoreRun
from performance.scoring.alerts import Cause
from performance.services.alerts import alert_dismiss, alerts_sync
from performance.services.scoring import score_run_foreground
from tests.factories import ContactFactory, PartnerFactory, StakeholderFactory
from tests.helpers import HTMX, page_text

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
URL = "/performance/alerts/"


def _cause(kind=AlertKind.NO_CHAMPION, subject="", message="No champion named."):
    return Cause(kind, subject, message, "relationships")


def _alert(partner, **fields):
    today = TODAY()
    values = {"kind": AlertKind.NO_CHAMPION, "message": "No champion named.", "raised_on": today,
              "last_seen_on": today, "fix": "relationships"} | fields  # fmt: skip
    return Alert.objects.create(partner=partner, **values)


def _key_person(partner, name="Kim Key", **fields):
    first, last = name.split()
    return StakeholderFactory(contact=ContactFactory(partner=partner, first_name=first,
                                                     last_name=last),
                              influence=5, **fields)  # fmt: skip


# --- keeping alerts in step with the runs ------------------------------------------------------


def test_sync_raises_refreshes_and_resolves(partner):
    run = None
    first = alerts_sync(partner_ids=[partner.pk], causes_by_partner={partner.pk: [_cause()]},
                        run=run, today=TODAY())  # fmt: skip
    assert first == {"raised": 1, "refreshed": 0, "resolved": 0}
    again = alerts_sync(partner_ids=[partner.pk],
                        causes_by_partner={partner.pk: [_cause(message="Still none.")]}, run=run,
                        today=TODAY() + datetime.timedelta(days=1))  # fmt: skip
    alert = Alert.objects.get()
    assert again["refreshed"] == 1 and alert.message == "Still none."
    assert alert.last_seen_on == TODAY() + datetime.timedelta(days=1) and alert.raised_on == TODAY()
    gone = alerts_sync(partner_ids=[partner.pk], causes_by_partner={partner.pk: []}, run=run,
                       today=TODAY())  # fmt: skip
    alert.refresh_from_db()
    assert gone["resolved"] == 1 and alert.status == "resolved" and alert.resolved_on == TODAY()


def test_a_dismissed_alert_stays_dismissed_while_its_cause_stays(partner, manager):
    alerts_sync(partner_ids=[partner.pk], causes_by_partner={partner.pk: [_cause()]}, run=None,
                today=TODAY())  # fmt: skip
    alert_dismiss(actor=manager, alert=Alert.objects.get(), reason="Agreed to revisit in May.")
    alerts_sync(partner_ids=[partner.pk], causes_by_partner={partner.pk: [_cause()]}, run=None,
                today=TODAY())  # fmt: skip
    assert list(Alert.objects.values_list("status", flat=True)) == ["dismissed"]


def test_a_cause_that_returns_after_resolving_raises_a_new_alert(partner):
    for causes in ([_cause()], [], [_cause()]):
        alerts_sync(partner_ids=[partner.pk], causes_by_partner={partner.pk: causes}, run=None,
                    today=TODAY())  # fmt: skip
    assert sorted(Alert.objects.values_list("status", flat=True)) == ["open", "resolved"]


def test_sync_leaves_other_partners_alerts_alone(partner, other_partner):
    _alert(other_partner)
    alerts_sync(partner_ids=[partner.pk], causes_by_partner={partner.pk: []}, run=None,
                today=TODAY())  # fmt: skip
    assert Alert.objects.get().status == "open"


def test_the_database_holds_one_active_alert_per_cause(partner):
    from django.db import IntegrityError, transaction

    _alert(partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        _alert(partner)


# --- what a run finds ---------------------------------------------------------------------------


def test_a_run_as_of_today_raises_alerts_and_a_past_run_does_not(partner):
    _key_person(partner, stance="non_supporter")  # never met, no plan, and no champion
    score_run_foreground(as_of=TODAY() - datetime.timedelta(days=1))
    assert not Alert.objects.exists()
    score_run_foreground(as_of=TODAY())
    kinds = set(Alert.objects.filter(partner=partner).values_list("kind", flat=True))
    assert {"key_out_of_cadence", "non_supporter_without_plan", "no_champion"} <= kinds
    assert all(alert.raised_by.as_of == TODAY() for alert in Alert.objects.all())


def test_a_champion_who_left_is_one_alert_not_two(partner):
    champion = _key_person(partner, "Cora Champion", is_champion=True, champion_reason="Sponsor")
    _key_person(partner, "Sam Stays", stance="supporter")
    champion.contact.left_on = TODAY() - datetime.timedelta(days=3)
    champion.contact.save()
    score_run_foreground(as_of=TODAY())
    kinds = list(Alert.objects.filter(partner=partner).values_list("kind", flat=True))
    assert "champion_left" in kinds and "no_champion" not in kinds
    assert "Cora Champion" in Alert.objects.get(kind="champion_left").message


def test_rerunning_today_resolves_what_was_fixed(partner, manager):
    person = _key_person(partner, stance="non_supporter")
    score_run_foreground(as_of=TODAY())
    from relationships.services.engagement import interaction_log

    interaction_log(actor=manager, partner=partner, stakeholders=[person], occurred_on=TODAY(),
                    channel="meeting")  # fmt: skip
    score_run_foreground(as_of=TODAY())
    cadence = Alert.objects.get(kind="key_out_of_cadence")
    assert cadence.status == "resolved" and ScoreRun.objects.count() == 1


def test_a_health_drop_of_the_threshold_raises_an_alert(partner):
    from tests.performance.scoring_factories import PartnerScoreFactory, ScoreRunFactory

    earlier = ScoreRunFactory(as_of=TODAY() - datetime.timedelta(days=30))
    PartnerScoreFactory(run=earlier, partner=partner, health=90)
    score_run_foreground(as_of=TODAY())
    drop = Alert.objects.get(partner=partner, kind="health_drop")
    assert "Health fell" in drop.message and "90" in drop.message


# --- the alert list -----------------------------------------------------------------------------


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


def test_alert_list_shows_open_alerts_with_where_to_act(staff, partner):
    _alert(partner, message="Nobody champions us at Acme.")
    _alert(partner, kind=AlertKind.REVIEW_OVERDUE, status="resolved", resolved_on=TODAY(),
           message="Review long overdue.")  # fmt: skip
    text = page_text(staff.get(URL))
    assert "Nobody champions us at Acme." in text and "Review long overdue." not in text
    assert reverse("partners:partner-tab", args=[partner.slug, "relationships"]) in (
        staff.get(URL).content.decode()
    )


def test_alert_list_filters_and_fragment(staff, partner, other_manager):
    _alert(partner, message="Mine, unassigned.")  # the manager owns `partner`
    _alert(PartnerFactory(owner=other_manager), kind=AlertKind.SINGLE_THREADED,
           message="Someone else's.")  # fmt: skip
    mine = page_text(staff.get(URL + "?whose=mine"))
    assert "Mine, unassigned." in mine and "Someone else's." not in mine
    by_kind = staff.get(URL + "?kind=single_threaded", **HTMX)
    assert "Someone else's." in page_text(by_kind) and "<html" not in by_kind.content.decode()
    assert "No alert matches" in page_text(staff.get(URL + "?status=dismissed"))


def test_alert_list_empty_state(staff):
    assert "No open alert" in page_text(staff.get(URL))


def test_assign_and_dismiss_from_the_list(staff, partner, manager, other_manager):
    alert = _alert(partner)
    back = URL + "?kind=no_champion"
    response = staff.post(reverse("performance:alert-assign", args=[alert.pk]),
                          {"assignee": other_manager.pk, "next": back})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == back
    alert.refresh_from_db()
    assert alert.assigned_to == other_manager
    refused = staff.post(reverse("performance:alert-dismiss", args=[alert.pk]), {"reason": " "})
    assert refused.status_code == 422 and "Why dismiss it" in page_text(refused)
    staff.post(reverse("performance:alert-dismiss", args=[alert.pk]), {"reason": "Known."})
    alert.refresh_from_db()
    assert alert.status == "dismissed" and alert.dismissed_by == manager
    staff.post(reverse("performance:alert-reopen", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.status == "open" and alert.dismissed_reason == ""


def test_alert_actions_refuse_an_outside_redirect(staff, partner):
    alert = _alert(partner)
    response = staff.post(reverse("performance:alert-assign", args=[alert.pk]),
                          {"assignee": "", "next": "https://evil.example/"})  # fmt: skip
    assert response["Location"] == reverse("performance:alert-list")


def test_alert_pages_are_for_staff_only(client_for, partner_admin, outsider, partner):
    alert = _alert(partner)
    for user in (partner_admin, outsider):
        client = client_for(user)
        assert client.get(URL).status_code in (403, 404)
        post = client.post(reverse("performance:alert-dismiss", args=[alert.pk]), {"reason": "x"})
        assert post.status_code in (403, 404)
    assert Alert.objects.get().status == "open"


def test_alert_actions_answer_405_to_get(staff, partner):
    alert = _alert(partner)
    assert staff.get(reverse("performance:alert-assign", args=[alert.pk])).status_code == 405


def test_alert_list_query_count_is_constant(staff, count_queries):
    def queries(size):
        for _ in range(size):
            _alert(PartnerFactory())
        return count_queries(staff, URL)

    assert queries(2) == queries(12)


def test_dashboard_counts_open_alerts_mine_first(staff, partner, other_manager):
    _alert(partner)
    theirs = PartnerFactory(owner=other_manager)
    _alert(theirs, kind=AlertKind.SINGLE_THREADED)
    _alert(theirs, kind=AlertKind.SINGLE_THREADED, subject="x")
    text = page_text(staff.get("/"))
    assert "3 open, 1 of them yours" in text
    assert text.index("No champion") < text.index("Single-threaded relationship")


# --- the API ------------------------------------------------------------------------------------


def test_api_lists_filters_and_acts(api_for, manager, other_manager, partner, other_partner):
    alert = _alert(partner)
    _alert(other_partner, kind=AlertKind.SINGLE_THREADED)
    api = api_for(manager)
    listed = api.get("/api/v1/alerts/?kind=no_champion").json()
    assert [row["id"] for row in listed["results"]] == [alert.pk]
    assert api.get("/api/v1/alerts/?kind=nonsense").status_code == 400
    assigned = api.post(f"/api/v1/alerts/{alert.pk}/assign/", {"assignee": other_manager.pk},
                        format="json")  # fmt: skip
    assert assigned.status_code == 200 and assigned.json()["assigned_to"]
    missing = api.post(f"/api/v1/alerts/{alert.pk}/dismiss/", {}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()
    dismissed = api.post(f"/api/v1/alerts/{alert.pk}/dismiss/", {"reason": "Known."},
                         format="json")  # fmt: skip
    assert dismissed.json()["status"] == "dismissed"
    reopened = api.post(f"/api/v1/alerts/{alert.pk}/reopen/", {}, format="json")
    assert reopened.json()["status"] == "open"
    again = api.post(f"/api/v1/alerts/{alert.pk}/reopen/", {}, format="json")
    assert again.status_code == 400


def test_api_alerts_are_never_a_partner_users(api_for, partner_admin, partner):
    alert = _alert(partner)
    api = api_for(partner_admin)
    assert api.get("/api/v1/alerts/").status_code == 403
    assert api.get(f"/api/v1/alerts/{alert.pk}/").status_code == 403
    assert api_for(None).get("/api/v1/alerts/").status_code == 401


def test_api_alerts_are_read_and_acted_on_only(api_for, manager, partner):
    alert = _alert(partner)
    api = api_for(manager)
    assert api.delete(f"/api/v1/alerts/{alert.pk}/").status_code == 405
    assert api.post("/api/v1/alerts/", {}, format="json").status_code == 405


def test_partner_scores_tab_lists_its_active_alerts(staff, partner):
    _alert(partner, message="Nobody champions us here.")
    _alert(partner, kind=AlertKind.REVIEW_OVERDUE, message="Old news.", status="resolved",
           resolved_on=TODAY())  # fmt: skip
    text = page_text(staff.get(reverse("partners:partner-tab", args=[partner.slug, "scores"]),
                               **HTMX))  # fmt: skip
    assert "Nobody champions us here." in text and "Old news." not in text


def test_a_certification_expiring_within_30_days_raises_an_alert(partner):
    from tests.incentives.enablement_factories import CertificationFactory

    today = TODAY()
    soon = CertificationFactory(contact=ContactFactory(partner=partner, first_name="Ada",
                                                       last_name="Soon"),
                                course__name="Cloud Architect", expires_on=today +
                                datetime.timedelta(days=12))  # fmt: skip
    CertificationFactory(contact__partner=partner, expires_on=today + datetime.timedelta(days=90))
    score_run_foreground(as_of=today)
    alert = Alert.objects.get(kind="certification_expiring")
    assert alert.subject == f"certification:{soon.pk}" and alert.fix == "program"
    assert "Ada Soon's Cloud Architect certification expires" in alert.message


def test_deal_protection_ending_before_the_expected_close_raises_an_alert(partner, manager):
    from tests.performance.deals_factories import DealRegistrationFactory

    today = TODAY()
    decided = {"status": "approved", "decided_by": manager, "decided_at": timezone.now()}
    short = DealRegistrationFactory(
        partner=partner, customer_name="Globex", **decided,
        protection_until=today + datetime.timedelta(days=10),
        expected_close_on=today + datetime.timedelta(days=40),
    )  # fmt: skip
    DealRegistrationFactory(
        partner=partner, **decided, protection_until=today + datetime.timedelta(days=50),
        expected_close_on=today + datetime.timedelta(days=40),
    )  # fmt: skip
    score_run_foreground(as_of=today)
    alert = Alert.objects.get(kind="deal_protection_expiring")
    assert alert.subject == f"deal:{short.pk}" and alert.fix == "deals"
    assert "Protection of the Globex registration ends" in alert.message


# --- program-wide alerts: the rules of engagement changing too often ----------------------------


def _versions(*days_ago):
    from tests.incentives.enablement_factories import RulesFactory

    now = timezone.now()
    return [RulesFactory(published_at=now - datetime.timedelta(days=days)) for days in days_ago]


def _program_alert(**fields):
    today = TODAY()
    values = {"kind": AlertKind.RULES_CHANGING, "subject": "rules_of_engagement",
              "message": "The rules changed 3 times in 90 days.", "fix": "rules",
              "raised_on": today, "last_seen_on": today} | fields  # fmt: skip
    return Alert.objects.create(partner=None, **values)


def test_rules_changing_too_often_is_raised_once_per_run_and_resolved(partner, settings,
                                                                      monkeypatch):  # fmt: skip
    from performance.services import scoring
    from performance.services.scoring import scoring_weights_set
    from tests.factories import UserFactory

    settings.SCORING_CHUNK_SIZE = 1
    PartnerFactory(), PartnerFactory()  # three chunks
    _versions(200, 80, 40, 5)  # three within the 90 days: more than 2
    syncs = []
    real_sync = scoring.program_alerts_sync
    monkeypatch.setattr(scoring, "program_alerts_sync",
                        lambda **kwargs: syncs.append(kwargs) or real_sync(**kwargs))  # fmt: skip

    score_run_foreground(as_of=TODAY() - datetime.timedelta(days=1))
    assert not Alert.objects.filter(partner=None).exists() and not syncs  # a past run: none
    score_run_foreground(as_of=TODAY())
    alert = Alert.objects.get(partner=None)
    assert len(syncs) == 1, "once per run, not once per chunk"
    assert (alert.kind, alert.subject, alert.fix) == ("rules_changing", "rules_of_engagement",
                                                      "rules")  # fmt: skip
    assert alert.message.startswith("The rules of engagement changed 3 times in the last 90 days")
    score_run_foreground(as_of=TODAY())
    assert Alert.objects.filter(partner=None).count() == 1  # refreshed, not raised again

    scoring_weights_set(actor=UserFactory(role="channel_manager"), relationship=40,
                        performance=35, engagement=25, rules_change_limit=3)  # fmt: skip
    score_run_foreground(as_of=TODAY())
    alert.refresh_from_db()
    assert alert.status == "resolved" and alert.resolved_on == TODAY()


def test_a_window_of_settled_rules_raises_nothing(partner):
    _versions(200, 120, 40)
    score_run_foreground(as_of=TODAY())
    assert not Alert.objects.filter(partner=None).exists()


def test_the_database_holds_one_active_program_wide_alert_per_cause():
    from django.db import IntegrityError, transaction

    _program_alert()
    _program_alert(status="resolved", resolved_on=TODAY())  # history is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        _program_alert()


def test_alert_list_shows_a_program_wide_alert_and_filters_by_scope(staff, partner):
    _program_alert(message="Rules keep changing.")
    _alert(partner, message="About Acme.")
    response = staff.get(URL)
    text = page_text(response)
    assert "Program-wide" in text and "Rules keep changing." in text and "About Acme." in text
    assert reverse("incentives:rules-list") in response.content.decode()
    program = page_text(staff.get(URL + "?about=program", **HTMX))
    assert "Rules keep changing." in program and "About Acme." not in program
    partners_only = page_text(staff.get(URL + "?about=partners"))
    assert "Rules keep changing." not in partners_only and "About Acme." in partners_only


def test_program_wide_alert_is_assigned_dismissed_and_reopened(staff, other_manager):
    alert = _program_alert()
    staff.post(reverse("performance:alert-assign", args=[alert.pk]),
               {"assignee": other_manager.pk})  # fmt: skip
    response = staff.post(reverse("performance:alert-dismiss", args=[alert.pk]),
                          {"reason": "Last change of the year."}, follow=True)  # fmt: skip
    alert.refresh_from_db()
    assert (alert.assigned_to, alert.status) == (other_manager, "dismissed")
    assert "Alert on the program dismissed." in page_text(response)
    staff.post(reverse("performance:alert-reopen", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.status == "open"


def test_dashboard_counts_program_wide_alerts(staff, partner):
    _program_alert()
    _alert(partner)
    text = page_text(staff.get("/"))
    assert "2 open, 1 of them yours" in text
    assert "Rules of engagement changing too often program-wide" in text


def test_api_shows_and_filters_program_wide_alerts(api_for, manager, partner):
    program = _program_alert()
    _alert(partner)
    api = api_for(manager)
    rows = api.get("/api/v1/alerts/?program_wide=true").json()["results"]
    assert [(row["id"], row["partner"], row["partner_name"], row["program_wide"])
            for row in rows] == [(program.pk, None, None, True)]  # fmt: skip
    others = api.get("/api/v1/alerts/?program_wide=false").json()["results"]
    assert [(row["partner_name"], row["program_wide"]) for row in others] == [(partner.name, False)]
    dismissed = api.post(f"/api/v1/alerts/{program.pk}/dismiss/", {"reason": "Known."},
                         format="json")  # fmt: skip
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"


def test_program_wide_alerts_are_never_a_partner_users(client_for, api_for, partner_admin,
                                                        outsider):  # fmt: skip
    alert = _program_alert(message="Internal: rules churn.")
    for user in (partner_admin, outsider):
        assert api_for(user).get(f"/api/v1/alerts/{alert.pk}/").status_code == 403
        client = client_for(user)
        assert client.get(URL + "?about=program").status_code in (403, 404)
        post = client.post(reverse("performance:alert-dismiss", args=[alert.pk]), {"reason": "x"})
        assert post.status_code in (403, 404)
    assert Alert.objects.get().status == "open"


def test_admin_lists_program_wide_alerts_read_only(client_for, admin_user, partner):
    _program_alert()
    _alert(partner)
    client = client_for(admin_user)
    changelist = reverse("admin:performance_alert_changelist")
    text = page_text(client.get(changelist))
    assert "Program-wide" in text and partner.name in text
    program_only = page_text(client.get(changelist + "?about=program"))
    assert "Program-wide" in program_only and partner.name not in program_only
    assert client.get(reverse("admin:performance_alert_add")).status_code == 403
