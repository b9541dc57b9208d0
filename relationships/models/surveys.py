"""The partner's voice: surveys sent to a partner's portal users about how they see us.

Unlike the rest of this app (our judgement, internal only), a survey and its answers belong to
the partner: its users answer in the portal, a partner admin reads the colleagues' answers, a
member their own. What we make of the answers (the perception gap beside our own view) lives
in performance and never reaches the portal.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.lib.validators import plausible_date
from prm.models import SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

ANSWER_MIN, ANSWER_MAX = 1, 5
# question key (the answer's field; its comment is `<key>_comment`), label, what is asked
QUESTIONS = (
    ("trust", _("Trust"), _("How much do you trust us to keep our word?")),
    ("fairness", _("Fairness and consistency"),
     _("How fair and consistent are our rules and how we apply them?")),
    ("ease", _("Ease of doing business"), _("How easy is it to do business with us?")),
    ("enablement", _("Enablement"),
     _("How well do our training, tools and resources help you sell?")),
    ("communication", _("Communication"), _("How well do we keep you informed?")),
    ("support", _("Support"), _("How well do we support you when you need us?")),
)  # fmt: skip
QUESTION_KEYS = tuple(key for key, _label, _text in QUESTIONS)


class SurveyReason(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    AFTER_REVIEW = "after_review", _("After a review")
    MANUAL = "manual", _("Sent by hand")


def quarter_start(day: datetime.date) -> datetime.date:
    """The first day of `day`'s calendar quarter: a survey's period."""
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


class Survey(VersionedModel, TimeStampedModel):
    Reason = SurveyReason

    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE,
                                related_name="surveys", verbose_name=_("partner"))  # fmt: skip
    reason = models.CharField(_("reason"), max_length=20, choices=SurveyReason.choices)
    period = models.DateField(
        _("period"), help_text=_("The first day of the quarter the survey asks about.")
    )
    sent_on = models.DateField(_("sent on"), validators=[plausible_date])
    due_on = models.DateField(_("due on"), validators=[plausible_date])
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("sent by"), help_text=_("Empty: sent by the schedule."),
    )  # fmt: skip
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("partner survey")
        verbose_name_plural = _("partner surveys")
        indexes = [models.Index(fields=["partner", "-sent_on"], name="survey_partner_sent_idx")]
        constraints = [
            # The schedule sends one survey per partner and quarter, however often it runs.
            models.UniqueConstraint(
                fields=["partner", "period"],
                condition=Q(reason="scheduled"),
                name="survey_one_scheduled_per_quarter",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("sent_on")), name="survey_due_after_sent"
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(reason__in=SurveyReason.values), name="survey_reason_valid"
            ),
        ]

    def __str__(self):
        return f"{self.partner} · {self.sent_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("relationships:survey-detail", args=[self.pk])

    def is_open(self, today: datetime.date) -> bool:
        return self.sent_on <= today <= self.due_on


class SurveyResponse(VersionedModel, TimeStampedModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses",
                               verbose_name=_("survey"))  # fmt: skip
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses",
        verbose_name=_("respondent"),
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="survey_answer_once"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{key}__gte": ANSWER_MIN, f"{key}__lte": ANSWER_MAX}),
                    name=f"survey_{key}_1_to_5",
                )
                for key in QUESTION_KEYS
            ),
        ]

    def __str__(self):
        return f"{self.respondent} on {self.survey}"

    def answers(self) -> list[tuple]:
        """(label, answer, comment) per question, in the survey's order."""
        return [
            (label, getattr(self, key), getattr(self, f"{key}_comment"))
            for key, label, _text in QUESTIONS
        ]

    @property
    def average(self) -> float:
        return sum(getattr(self, key) for key in QUESTION_KEYS) / len(QUESTION_KEYS)


for _key, _label, _text in QUESTIONS:
    SurveyResponse.add_to_class(_key, models.PositiveSmallIntegerField(_label, help_text=_text))
    SurveyResponse.add_to_class(
        f"{_key}_comment", LimitedTextField(_("comment"), max_length=SHORT_TEXT, blank=True)
    )
