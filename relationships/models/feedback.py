"""What partners tell us is in their way: feedback sent from any portal page, assigned to one
of our people, answered and closed. The one part of this app a partner sees: their own
feedback and our answers to it (never who of us has it, nor anything of our judgement)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from prm.models import SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

PAGE_PATH_MAX = 500


class FeedbackCategory(models.TextChoices):
    DEALS = "deals", _("Deal registrations")
    CLAIMS = "claims", _("Incentive claims")
    TARGETS = "targets", _("Targets")
    PORTAL = "portal", _("The portal")
    PROGRAM = "program", _("The partner program")
    OTHER = "other", _("Something else")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


# What still waits for an answer from us.
OPEN_FEEDBACK_STATUSES = (FeedbackStatus.NEW, FeedbackStatus.ASSIGNED)


class Feedback(VersionedModel, TimeStampedModel):
    Category = FeedbackCategory
    Status = FeedbackStatus

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("partner")
    )
    # SET_NULL: a colleague's login removed by their partner admin leaves what they wrote.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="feedback_sent", verbose_name=_("author"),
    )  # fmt: skip
    page_path = models.CharField(
        _("page"), max_length=PAGE_PATH_MAX, blank=True,
        help_text=_("The portal page the feedback was sent from."),
    )  # fmt: skip
    category = models.CharField(_("topic"), max_length=20, choices=FeedbackCategory.choices)
    text = LimitedTextField(_("what is in your way"), max_length=SHORT_TEXT)
    status = models.CharField(
        _("status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW
    )
    # PROTECT: whoever had or answered it is history (staff are deactivated, not deleted).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="feedback_assigned", verbose_name=_("assignee"),
    )  # fmt: skip
    answer = LimitedTextField(_("answer"), max_length=SHORT_TEXT, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("answered by"),
    )  # fmt: skip
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FeedbackStatus.values), name="feedback_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=FeedbackCategory.values), name="feedback_category_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="feedback_has_text"),
            models.CheckConstraint(
                condition=Q(page_path="") | Q(page_path__startswith="/"),
                name="feedback_page_is_a_path",
            ),
            models.CheckConstraint(
                condition=~Q(status="assigned") | Q(assignee__isnull=False),
                name="feedback_assigned_has_assignee",
            ),
            # An answer is whole (text, who, when) or absent; "answered" needs one.
            models.CheckConstraint(
                condition=Q(answer="", answered_by__isnull=True, answered_at__isnull=True)
                | (~Q(answer="") & Q(answered_by__isnull=False, answered_at__isnull=False)),
                name="feedback_answer_whole",
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | ~Q(answer=""),
                name="feedback_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False)
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="feedback_closed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "assignee"], name="feedback_status_assignee_idx"),
            models.Index(fields=["partner", "status"], name="feedback_partner_status_idx"),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.partner}"

    def get_absolute_url(self):
        return reverse("relationships:feedback-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_FEEDBACK_STATUSES

    @property
    def is_closed(self) -> bool:
        return self.status == FeedbackStatus.CLOSED

    @property
    def author_label(self) -> str:
        if self.author is None:
            return str(_("a former colleague"))
        return self.author.get_full_name() or self.author.username
