"""What relationships tells people: the kinds of notification it declares to `prm`, and the
events its services and jobs report through `prm.notifications.notify`.

Surveys (sent and the reminder job) go to the partner's users who answer surveys, linking to
the survey's portal page.

New feedback goes to the partner's owner; feedback assigned goes to the assignee; an answer
goes to the partner user who wrote it, with the portal's link. Called inside the service's
transaction: the rows commit with the change, emails after it.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.notifications import kinds, notify
from prm.notifications.kinds import Audience, Channel, Section

from .models import Feedback

SURVEYS = _("Partner surveys")
FEEDBACK = _("Partner feedback")
EXCERPT = 120


def register() -> None:
    kinds.register_kinds((
        ("survey_sent", _("A survey for you to answer"), SURVEYS, Channel.EMAIL,
         Section.WAITING, Audience.PARTNER),
        ("survey_reminder", _("Reminder: a survey waits for your answer"), SURVEYS,
         Channel.EMAIL, Section.WAITING, Audience.PARTNER),
        ("feedback_sent", _("A partner sent feedback"), FEEDBACK, Channel.EMAIL,
         Section.WAITING, Audience.STAFF),
        ("feedback_assigned", _("Partner feedback assigned to you"), FEEDBACK, Channel.EMAIL,
         Section.WAITING, Audience.STAFF),
        ("feedback_answered", _("Your feedback was answered"), FEEDBACK, Channel.EMAIL,
         Section.CHANGES, Audience.PARTNER),
    ))  # fmt: skip


def _label(survey) -> str:
    return str(_("Survey due %(day)s")) % {"day": f"{survey.due_on:%d %b %Y}"}


def survey_sent(*, survey, recipients, actor=None) -> None:
    notify(
        kind="survey_sent", recipients=recipients, actor=actor,
        actor_label="" if actor else str(_("The partner program")),
        verb=str(_("asks how you see working with us")), partner_label=survey.partner.name,
        object_label=_label(survey),
        url=reverse("relationships-portal:survey-detail", args=[survey.pk]),
    )  # fmt: skip


def survey_reminder(*, survey, recipients, today) -> int:
    sent = notify(
        kind="survey_reminder", recipients=recipients, actor_label=str(_("The partner program")),
        verb=str(_("reminds you of a survey")), partner_label=survey.partner.name,
        object_label=_label(survey),
        url=reverse("relationships-portal:survey-detail", args=[survey.pk]),
        dedupe_key=f"survey-reminder:{survey.pk}:{today:%Y-%m-%d}",
    )  # fmt: skip
    return len(sent)


def _excerpt(feedback: Feedback) -> str:
    text = " ".join(feedback.text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _feedback_label(feedback: Feedback) -> str:
    return f"{feedback.get_category_display()}: {_excerpt(feedback)}"


def feedback_sent(*, feedback: Feedback, actor) -> None:
    owner = feedback.partner.owner_id
    notify(
        kind="feedback_sent", recipients=[owner] if owner else [], actor=actor,
        verb=str(_("sent feedback")), object_label=_feedback_label(feedback),
        partner_label=feedback.partner.name, url=feedback.get_absolute_url(),
    )  # fmt: skip


def feedback_assigned(*, feedback: Feedback, actor) -> None:
    if feedback.assignee_id is None:
        return
    notify(
        kind="feedback_assigned", recipients=[feedback.assignee_id], actor=actor,
        verb=str(_("assigned you partner feedback")), object_label=_feedback_label(feedback),
        partner_label=feedback.partner.name, url=feedback.get_absolute_url(),
    )  # fmt: skip


def feedback_answered(*, feedback: Feedback, actor) -> None:
    if feedback.author_id is None:
        return
    notify(
        kind="feedback_answered", recipients=[feedback.author_id], actor=actor,
        verb=str(_("answered your feedback")), object_label=_feedback_label(feedback),
        partner_label=feedback.partner.name,
        url=reverse("relationships-portal:feedback-list") + f"#feedback-{feedback.pk}",
    )  # fmt: skip
