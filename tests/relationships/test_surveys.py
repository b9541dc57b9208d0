"""Partner surveys: sent on a quarterly schedule (once per partner and quarter), after reviews
and by hand; answered once, 1–5, by the partner's admins and members only; reminders once per
window to who has not answered; answers read by staff (all), a partner admin (colleagues') and a
member (own); another partner's survey is a 404 everywhere."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partners.models import PartnerMembership
from performance.services.plans import review_log
from prm.notifications.models import Notification
from relationships.models import QUESTION_KEYS, Survey, SurveyResponse
from relationships.selectors import surveys as selectors
from relationships.selectors.surveys import can_answer, portal_surveys_to_answer
from relationships.services import surveys as services
from tests.factories import MembershipFactory, PartnerFactory, UserFactory
from tests.helpers import HTMX, page_text

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
GOOD = {key: 4 for key in QUESTION_KEYS}


def make_survey(partner, *, sent_on=None, reason=Survey.Reason.MANUAL, due_days=21):
    sent_on = sent_on or TODAY()
    return Survey.objects.create(
        partner=partner, reason=reason, period=datetime.date(sent_on.year, 1, 1),
        sent_on=sent_on, due_on=sent_on + datetime.timedelta(days=due_days),
    )  # fmt: skip


def answer(survey, user, **answers):
    return SurveyResponse.objects.create(survey=survey, respondent=user, **(GOOD | answers))


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# --- sending ---------------------------------------------------------------------------------


def test_scheduled_surveys_once_per_partner_and_quarter(partner, partner_admin, other_partner):
    day = datetime.date(2026, 4, 2)
    assert services.surveys_send_scheduled(today=day) == 1  # other_partner has no portal user
    assert services.surveys_send_scheduled(today=day + datetime.timedelta(days=30)) == 0
    survey = Survey.objects.get()
    assert (survey.partner, survey.reason, survey.period) == (
        partner,
        Survey.Reason.SCHEDULED,
        datetime.date(2026, 4, 1),
    )
    assert survey.due_on == day + datetime.timedelta(days=21)
    assert _kinds(partner_admin) == ["survey_sent"]
    assert services.surveys_send_scheduled(today=datetime.date(2026, 7, 1)) == 1


def test_scheduled_survey_constraint_holds_in_the_database(partner):
    make_survey(partner, reason=Survey.Reason.SCHEDULED)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_survey(partner, reason=Survey.Reason.SCHEDULED)


def test_scheduled_surveys_skip_prospects(partner_admin, partner):
    partner.status = partner.Status.PROSPECT
    partner.save()
    assert services.surveys_send_scheduled(today=TODAY()) == 0


def test_review_logged_sends_a_survey(manager, partner, partner_admin):
    review_log(actor=manager, partner=partner, kind="qbr", held_on=TODAY())
    survey = Survey.objects.get(partner=partner)
    assert survey.reason == Survey.Reason.AFTER_REVIEW
    assert survey.sent_by == manager
    assert _kinds(partner_admin) == ["survey_sent"]
    # A second review while that survey is open sends no second one.
    review_log(actor=manager, partner=partner, kind="relationship", held_on=TODAY())
    assert Survey.objects.filter(partner=partner).count() == 1


def test_old_review_or_no_portal_user_sends_no_survey(manager, partner, partner_admin,
                                                      other_partner):  # fmt: skip
    review_log(actor=manager, partner=partner, kind="qbr",
               held_on=TODAY() - datetime.timedelta(days=40))  # fmt: skip
    review_log(actor=manager, partner=other_partner, kind="qbr", held_on=TODAY())
    assert not Survey.objects.exists()


def test_survey_send_by_hand_staff_only(manager, partner, partner_admin):
    with pytest.raises(PermissionDenied):
        services.survey_send(actor=partner_admin, partner=partner)
    survey = services.survey_send(actor=manager, partner=partner)
    assert survey.reason == Survey.Reason.MANUAL
    with pytest.raises(ValidationError, match="already has an open survey"):
        services.survey_send(actor=manager, partner=partner)


def test_survey_send_needs_someone_to_answer(manager, other_partner):
    with pytest.raises(ValidationError, match="no portal user"):
        services.survey_send(actor=manager, partner=other_partner)


# --- answering -------------------------------------------------------------------------------


def test_answer_once_within_one_to_five(partner, partner_admin):
    survey = make_survey(partner)
    with pytest.raises(ValidationError) as error:
        services.survey_respond(
            actor=partner_admin, survey=survey, **(GOOD | {"trust": 6, "ease": 0})
        )
    assert set(error.value.message_dict) == {"trust", "ease"}
    response = services.survey_respond(actor=partner_admin, survey=survey, **GOOD,
                                       trust_comment="Solid.")  # fmt: skip
    assert response.trust == 4 and response.trust_comment == "Solid."
    with pytest.raises(ValidationError, match="answered this survey already"):
        services.survey_respond(actor=partner_admin, survey=survey, **GOOD)


def test_database_refuses_answers_outside_the_scale(partner, partner_admin):
    survey = make_survey(partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        answer(survey, partner_admin, support=9)


def test_closed_survey_refuses_answers(partner, partner_admin):
    survey = make_survey(partner, sent_on=TODAY() - datetime.timedelta(days=30))
    with pytest.raises(ValidationError, match="closed"):
        services.survey_respond(actor=partner_admin, survey=survey, **GOOD)


def test_outsider_staff_and_readers_do_not_answer(partner, outsider, manager, partner_member):
    survey = make_survey(partner)
    for actor in (outsider, manager):
        with pytest.raises(PermissionDenied):
            services.survey_respond(actor=actor, survey=survey, **GOOD)
    assert can_answer(partner_member.partner_membership)
    viewer = PartnerMembership(partner=partner, role="viewer")  # another helper's read-only role
    assert not can_answer(viewer) and not can_answer(None)


# --- reminders -------------------------------------------------------------------------------


def test_reminders_once_per_window_to_who_has_not_answered(partner, partner_admin,
                                                           partner_member):  # fmt: skip
    sent = TODAY() - datetime.timedelta(days=8)
    survey = make_survey(partner, sent_on=sent, due_days=30)
    answer(survey, partner_admin)
    assert services.surveys_remind(today=TODAY()) == 1
    assert _kinds(partner_member) == ["survey_reminder"]
    assert _kinds(partner_admin) == []
    assert services.surveys_remind(today=TODAY()) == 0
    assert services.surveys_remind(today=TODAY() + datetime.timedelta(days=3)) == 0
    assert services.surveys_remind(today=TODAY() + datetime.timedelta(days=7)) == 1


def test_no_reminder_before_a_window_or_after_the_due_date(partner, partner_member):
    make_survey(partner, sent_on=TODAY() - datetime.timedelta(days=2))
    make_survey(PartnerFactory(), sent_on=TODAY() - datetime.timedelta(days=40))
    assert services.surveys_remind(today=TODAY()) == 0


def test_tasks_call_the_services(partner, partner_admin):
    from relationships.tasks import remind_surveys, send_scheduled_surveys

    assert send_scheduled_surveys() == 1
    assert remind_surveys() == 0


# --- who reads what --------------------------------------------------------------------------


def test_partner_admin_reads_colleagues_member_own(partner, partner_admin, partner_member,
                                                   manager, outsider):  # fmt: skip
    survey = make_survey(partner)
    mine, theirs = answer(survey, partner_member), answer(survey, partner_admin)
    assert set(selectors.responses_visible_to(user=partner_admin)) == {mine, theirs}
    assert set(selectors.responses_visible_to(user=partner_member)) == {mine}
    assert set(selectors.responses_visible_to(user=manager)) == {mine, theirs}
    assert not selectors.responses_visible_to(user=outsider).exists()


def test_inbox_lists_the_survey_to_answer(partner, partner_admin, partner_member):
    survey = make_survey(partner)
    answer(survey, partner_admin)
    waiting = portal_surveys_to_answer(user=partner_member, scope="mine", today=TODAY(), limit=5)
    assert waiting.count == 1 and waiting.items[0].link.url == f"/portal/surveys/{survey.pk}/"
    assert portal_surveys_to_answer(user=partner_admin, scope="mine", today=TODAY(),
                                    limit=5).count == 0  # fmt: skip


# --- portal pages ----------------------------------------------------------------------------


def test_portal_list_and_answer(client_for, partner, partner_admin):
    survey = make_survey(partner)
    client = client_for(partner_admin)
    assert "Answer" in page_text(client.get("/portal/surveys/"))
    url = f"/portal/surveys/{survey.pk}/"
    assert 'name="trust"' in client.get(url).content.decode()
    response = client.post(url, {**GOOD, "ease": 2, "ease_comment": "Three systems to quote."})
    assert response.status_code == 302
    saved = SurveyResponse.objects.get(survey=survey, respondent=partner_admin)
    assert (saved.ease, saved.ease_comment) == (2, "Three systems to quote.")
    assert "Three systems to quote." in page_text(client.get(url))


def test_portal_invalid_answer_is_422_for_htmx(client_for, partner, partner_admin):
    survey = make_survey(partner)
    response = client_for(partner_admin).post(
        f"/portal/surveys/{survey.pk}/", {**GOOD, "trust": 7}, **HTMX
    )
    assert response.status_code == 422
    assert 'id="survey-form"' in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_portal_member_sees_own_answers_admin_sees_colleagues(
    client_for, partner, partner_admin, partner_member
):
    survey = make_survey(partner)
    answer(survey, partner_admin, trust_comment="ADMIN-WORDS")
    answer(survey, partner_member, trust_comment="MEMBER-WORDS")
    url = f"/portal/surveys/{survey.pk}/"
    member_page = page_text(client_for(partner_member).get(url))
    assert "MEMBER-WORDS" in member_page and "ADMIN-WORDS" not in member_page
    admin_page = page_text(client_for(partner_admin).get(url))
    assert "MEMBER-WORDS" in admin_page and "ADMIN-WORDS" in admin_page


def test_portal_other_partners_survey_is_404(client_for, partner, outsider):
    survey = make_survey(partner)
    client = client_for(outsider)
    assert client.get(f"/portal/surveys/{survey.pk}/").status_code == 404
    assert client.post(f"/portal/surveys/{survey.pk}/", GOOD).status_code == 404
    assert f"/portal/surveys/{survey.pk}/" not in client.get("/portal/surveys/").content.decode()


def test_portal_pages_refuse_staff_and_wrong_methods(client_for, manager, partner,
                                                     partner_admin):  # fmt: skip
    survey = make_survey(partner)
    assert client_for(manager).get("/portal/surveys/").status_code == 403
    client = client_for(partner_admin)
    assert client.post("/portal/surveys/").status_code == 405
    assert client.delete(f"/portal/surveys/{survey.pk}/").status_code == 405


def test_portal_list_query_count_constant(client_for, count_queries, partner, partner_admin):
    client = client_for(partner_admin)
    make_survey(partner, sent_on=TODAY() - datetime.timedelta(days=100))
    few = count_queries(client, "/portal/surveys/", warm=True)
    for days in range(1, 12):
        answer(make_survey(partner, sent_on=TODAY() - datetime.timedelta(days=days)), partner_admin)
    assert count_queries(client, "/portal/surveys/", warm=True) == few


# --- staff pages -----------------------------------------------------------------------------


def test_staff_list_detail_tab_and_export(client_for, manager, partner, partner_admin):
    survey = make_survey(partner)
    answer(survey, partner_admin, trust=2, trust_comment="WORDS-OF-ADMIN")
    client = client_for(manager)
    listing = page_text(client.get("/relationships/surveys/"))
    assert partner.name in listing and "2.0" in listing
    assert (
        client.get("/relationships/surveys/?reason=scheduled")
        .content.decode()
        .count(f"/relationships/surveys/{survey.pk}/")
        == 0
    )
    assert "WORDS-OF-ADMIN" in page_text(client.get(f"/relationships/surveys/{survey.pk}/"))
    tab = client.get(f"/partners/{partner.slug}/tab/surveys/")
    assert tab.status_code == 200 and f"/relationships/surveys/{survey.pk}/" in tab.content.decode()
    export = client.get("/relationships/surveys/?export=csv")
    assert partner.name in b"".join(export.streaming_content).decode()
    fragment = client.get("/relationships/surveys/", **HTMX)
    assert 'id="survey-rows"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_staff_send_from_the_tab(client_for, manager, partner, partner_admin):
    client = client_for(manager)
    response = client.post(f"/relationships/partners/{partner.slug}/surveys/send/")
    assert response.status_code == 302 and Survey.objects.filter(partner=partner).count() == 1
    assert client.get(f"/relationships/partners/{partner.slug}/surveys/send/").status_code == 405


def test_staff_pages_refuse_partner_users(client_for, partner, partner_admin):
    survey = make_survey(partner)
    client = client_for(partner_admin)
    assert client.get("/relationships/surveys/").status_code == 403
    assert client.get(f"/relationships/surveys/{survey.pk}/").status_code == 403
    assert client.post(f"/relationships/partners/{partner.slug}/surveys/send/").status_code == 403


def test_staff_list_query_count_constant(client_for, count_queries, manager, partner_admin):
    client = client_for(manager)
    partner = partner_admin.partner_membership.partner
    answer(make_survey(partner), partner_admin)
    few = count_queries(client, "/relationships/surveys/", warm=True)
    for number in range(8):
        other = PartnerFactory()
        user = MembershipFactory(partner=other, user=UserFactory(role="partner_user")).user
        answer(make_survey(other, sent_on=TODAY() - datetime.timedelta(days=number)), user)
    assert count_queries(client, "/relationships/surveys/", warm=True) == few


# --- API -------------------------------------------------------------------------------------


def test_api_partner_reads_own_surveys_and_answers(api_for, partner, partner_admin,
                                                   partner_member, other_partner):  # fmt: skip
    own, foreign = make_survey(partner), make_survey(other_partner)
    answer(own, partner_admin)
    api = api_for(partner_member)
    ids = [row["id"] for row in api.get("/api/v1/surveys/").json()["results"]]
    assert ids == [own.pk]
    assert api.get(f"/api/v1/surveys/{foreign.pk}/").status_code == 404
    assert api.get("/api/v1/survey-responses/").json()["results"] == []
    assert len(api_for(partner_admin).get("/api/v1/survey-responses/").json()["results"]) == 1


def test_api_answer_through_the_service(api_for, partner, partner_member, other_partner):
    survey, foreign = make_survey(partner), make_survey(other_partner)
    api = api_for(partner_member)
    bad = api.post("/api/v1/survey-responses/", {"survey": survey.pk, **GOOD, "trust": 9},
                   format="json")  # fmt: skip
    assert bad.status_code == 400 and "trust" in bad.json()
    elsewhere = api.post("/api/v1/survey-responses/", {"survey": foreign.pk, **GOOD},
                         format="json")  # fmt: skip
    assert elsewhere.status_code == 400 and "survey" in elsewhere.json()
    created = api.post("/api/v1/survey-responses/", {"survey": survey.pk, **GOOD}, format="json")
    assert created.status_code == 201, created.json()
    again = api.post("/api/v1/survey-responses/", {"survey": survey.pk, **GOOD}, format="json")
    assert again.status_code == 400
    assert api.delete(f"/api/v1/survey-responses/{created.json()['id']}/").status_code == 405


def test_api_staff_send_partner_cannot(api_for, manager, partner, partner_admin):
    refused = api_for(partner_admin).post("/api/v1/surveys/", {"partner": partner.pk},
                                          format="json")  # fmt: skip
    assert refused.status_code == 403
    sent = api_for(manager).post("/api/v1/surveys/", {"partner": partner.pk}, format="json")
    assert sent.status_code == 201 and sent.json()["reason"] == "manual"
    again = api_for(manager).post("/api/v1/surveys/", {"partner": partner.pk}, format="json")
    assert again.status_code == 400
    staff_answer = api_for(manager).post(
        "/api/v1/survey-responses/", {"survey": sent.json()["id"], **GOOD}, format="json"
    )
    assert staff_answer.status_code == 403
