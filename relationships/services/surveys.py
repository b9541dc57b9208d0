"""Writes of partner surveys: sending one (by hand, by the quarterly schedule, after a review),
answering it in the portal, and reminding who has not answered.

Settings: `SURVEY_ANSWER_DAYS` (how long a survey stays open, default 21) and
`SURVEY_REMINDER_DAYS` (the reminder window: the first reminder a window after sending, then at
most one per window while the survey is open, default 7).
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Partner
from partners.selectors import membership_of
from prm.lib.access import require_vendor_staff
from prm.lib.audit import acting_as

from .. import notifications
from ..models import QUESTION_KEYS, Survey, SurveyResponse
from ..models.surveys import ANSWER_MAX, ANSWER_MIN, quarter_start
from ..selectors import surveys as reads

# Partners the schedule asks: those we work with (not prospects, nor those leaving us).
SURVEYED_STATUSES = (Partner.Status.ONBOARDING, Partner.Status.ACTIVE, Partner.Status.AT_RISK)
# A review logged later than this after it was held is record keeping: no survey follows it.
AFTER_REVIEW_WITHIN_DAYS = 14


def answer_days() -> int:
    return settings.SURVEY_ANSWER_DAYS


def reminder_days() -> int:
    return settings.SURVEY_REMINDER_DAYS


def _create(*, actor, partner: Partner, reason: str, today: datetime.date) -> Survey:
    survey = Survey(
        partner=partner, reason=reason, period=quarter_start(today), sent_on=today,
        due_on=today + datetime.timedelta(days=answer_days()), sent_by=actor,
    )  # fmt: skip
    survey.full_clean()
    with acting_as(actor):
        survey.save()
    notifications.survey_sent(
        survey=survey, recipients=reads.answering_user_ids(partner_id=partner.pk), actor=actor
    )
    return survey


@transaction.atomic
def survey_send(*, actor, partner: Partner, reason: str = Survey.Reason.MANUAL,
                today: datetime.date | None = None) -> Survey:  # fmt: skip
    """Staff send a survey to a partner's portal users now."""
    require_vendor_staff(actor)
    today = today or timezone.localdate()
    if reason not in Survey.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    if reason == Survey.Reason.SCHEDULED:
        raise ValidationError({"reason": _("Scheduled surveys are sent by the schedule.")})
    if not reads.answering_user_ids(partner_id=partner.pk):
        raise ValidationError(_("%(partner)s has no portal user who can answer a survey.")
                              % {"partner": partner.name})  # fmt: skip
    if reads.has_open_survey(partner_id=partner.pk, today=today):
        raise ValidationError(_("%(partner)s already has an open survey.")
                              % {"partner": partner.name})  # fmt: skip
    return _create(actor=actor, partner=partner, reason=reason, today=today)


def survey_send_after_review(*, actor, partner: Partner, held_on: datetime.date,
                             today: datetime.date | None = None) -> Survey | None:  # fmt: skip
    """After a review is recorded: ask the partner how it went, unless the review is old news,
    nobody at the partner answers surveys, or a survey is open already (None then)."""
    require_vendor_staff(actor)
    today = today or timezone.localdate()
    if (today - held_on).days > AFTER_REVIEW_WITHIN_DAYS:
        return None
    if not reads.answering_user_ids(partner_id=partner.pk):
        return None
    if reads.has_open_survey(partner_id=partner.pk, today=today):
        return None
    return _create(actor=actor, partner=partner, reason=Survey.Reason.AFTER_REVIEW, today=today)


def surveys_send_scheduled(*, today: datetime.date | None = None) -> int:
    """The quarterly schedule: one scheduled survey per partner and quarter, however often this
    runs (a database constraint holds it too). Returns how many were sent."""
    today = today or timezone.localdate()
    period = quarter_start(today)
    sent = 0
    for partner in reads.partners_due_scheduled_survey(period=period, statuses=SURVEYED_STATUSES):
        try:
            with transaction.atomic():
                _create(actor=None, partner=partner, reason=Survey.Reason.SCHEDULED, today=today)
        except IntegrityError:  # another worker sent it meanwhile
            continue
        sent += 1
    return sent


def _check_answers(answers: dict) -> dict:
    errors = {}
    for key in QUESTION_KEYS:
        value = answers.get(key)
        whole = isinstance(value, int) and not isinstance(value, bool)
        if not whole or not ANSWER_MIN <= value <= ANSWER_MAX:
            errors[key] = _("Answer from %(low)s to %(high)s.") % {
                "low": ANSWER_MIN,
                "high": ANSWER_MAX,
            }
    unknown = set(answers) - set(QUESTION_KEYS) - {f"{key}_comment" for key in QUESTION_KEYS}
    if unknown:
        errors["__all__"] = _("Unknown answers: %(names)s.") % {"names": ", ".join(sorted(unknown))}
    return errors


@transaction.atomic
def survey_respond(*, actor, survey: Survey, today: datetime.date | None = None,
                   **answers) -> SurveyResponse:  # fmt: skip
    """A partner user answers their partner's survey, once, while it is open."""
    today = today or timezone.localdate()
    membership = membership_of(user=actor)
    if membership is None or membership.partner_id != survey.partner_id:
        raise PermissionDenied(_("Only the partner's own users answer its surveys."))
    if not reads.can_answer(membership):
        raise PermissionDenied(_("Your portal role reads surveys but does not answer them."))
    if not survey.is_open(today):
        raise ValidationError(_("This survey closed on %(day)s.") % {"day": survey.due_on})
    if SurveyResponse.objects.filter(survey=survey, respondent=actor).exists():
        raise ValidationError(_("You have answered this survey already."))
    errors = _check_answers(answers)
    if errors:
        raise ValidationError(errors)
    response = SurveyResponse(survey=survey, respondent=actor, **answers)
    response.full_clean(validate_constraints=False)
    try:
        with transaction.atomic(), acting_as(actor):
            response.save()
    except IntegrityError as error:  # a second submit racing the first
        raise ValidationError(_("You have answered this survey already.")) from error
    return response


def surveys_remind(*, today: datetime.date | None = None) -> int:
    """Remind the partner users who have not answered an open survey: once per reminder window
    and survey. Returns how many reminders were sent."""
    today = today or timezone.localdate()
    sent = 0
    for survey in reads.surveys_to_remind(today=today, window_days=reminder_days()):
        answered = reads.respondent_ids(survey=survey)
        waiting = [
            pk for pk in reads.answering_user_ids(partner_id=survey.partner_id)
            if pk not in answered
        ]  # fmt: skip
        with transaction.atomic():
            Survey.objects.filter(pk=survey.pk).update(last_reminded_on=today)
            if waiting:
                sent += notifications.survey_reminder(
                    survey=survey, recipients=waiting, today=today
                )
    return sent
