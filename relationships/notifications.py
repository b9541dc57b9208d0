"""What relationships tells people: the partner survey's kinds of notification, declared to
`prm`, and the events its services and its daily reminder job report through
`prm.notifications.notify`. Both go to the partner's users who answer surveys, linking to the
survey's portal page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.notifications import kinds, notify
from prm.notifications.kinds import Audience, Channel, Section

SURVEYS = _("Partner surveys")


def register() -> None:
    kinds.register_kinds((
        ("survey_sent", _("A survey for you to answer"), SURVEYS, Channel.EMAIL,
         Section.WAITING, Audience.PARTNER),
        ("survey_reminder", _("Reminder: a survey waits for your answer"), SURVEYS,
         Channel.EMAIL, Section.WAITING, Audience.PARTNER),
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
