"""How mature our own channel operations are: each channel process rated on five levels, with
the evidence, and an improvement action with its owner and due date. Every assessment is kept,
so the maturity page can set the latest beside the one before."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.models import LONG_TEXT, SHORT_TEXT, LimitedTextField, TimeStampedModel

__all__ = ["ChannelProcess", "MaturityLevel", "OperationsAssessment", "ProcessRating"]


class MaturityLevel(models.IntegerChoices):
    UNSTRUCTURED = 1, _("Unstructured")
    AD_HOC = 2, _("Ad-hoc")
    STRUCTURED = 3, _("Structured")
    ADVANCED = 4, _("Advanced")
    ROBUST = 5, _("Robust")


class ChannelProcess(TimeStampedModel):
    """A process of our channel operations (reference data, edited in the admin), with what each
    of the five levels looks like for it, so that every rating is made against the same text."""

    key = models.SlugField(_("key"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = LimitedTextField(_("description"), max_length=SHORT_TEXT, blank=True)
    level_1 = LimitedTextField(_("unstructured looks like"), max_length=SHORT_TEXT)
    level_2 = LimitedTextField(_("ad-hoc looks like"), max_length=SHORT_TEXT)
    level_3 = LimitedTextField(_("structured looks like"), max_length=SHORT_TEXT)
    level_4 = LimitedTextField(_("advanced looks like"), max_length=SHORT_TEXT)
    level_5 = LimitedTextField(_("robust looks like"), max_length=SHORT_TEXT)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Only active processes are rated in new assessments."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("channel process")
        verbose_name_plural = _("channel processes")

    def __str__(self):
        return self.name

    def level_description(self, level: int) -> str:
        return getattr(self, f"level_{int(level)}")

    @property
    def levels(self) -> list[tuple[int, str, str]]:
        """(value, label, what it looks like for this process), lowest level first."""
        return [
            (value, label, self.level_description(value)) for value, label in MaturityLevel.choices
        ]


class OperationsAssessment(TimeStampedModel):
    """One self-assessment of every channel process, on one day, by one of us."""

    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="operations_assessments",
        verbose_name=_("assessed by"),
    )
    notes = LimitedTextField(_("notes"), max_length=LONG_TEXT, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = _("operations assessment")
        verbose_name_plural = _("operations assessments")
        indexes = [models.Index(fields=["-assessed_on", "-id"], name="opsassess_latest_idx")]

    def __str__(self):
        return _("Operations assessment of %(day)s") % {"day": self.assessed_on.isoformat()}

    def get_absolute_url(self):
        return reverse("planning:maturity-assessment-detail", args=[self.pk])


class ProcessRating(TimeStampedModel):
    """One process's level in one assessment, why, and what we will do to raise it."""

    Level = MaturityLevel

    assessment = models.ForeignKey(
        OperationsAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    process = models.ForeignKey(
        ChannelProcess, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("process")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=MaturityLevel.choices)
    evidence = LimitedTextField(_("evidence"), max_length=LONG_TEXT)
    action = LimitedTextField(_("improvement action"), max_length=SHORT_TEXT, blank=True)
    action_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="maturity_actions",
        verbose_name=_("action owner"),
    )
    action_due = models.DateField(_("action due"), null=True, blank=True)
    action_done_on = models.DateField(_("action done on"), null=True, blank=True)

    class Meta:
        ordering = ["process__position", "process__name"]
        verbose_name = _("process rating")
        verbose_name_plural = _("process ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "process"],
                name="processrating_one_per_process",
                violation_error_message=_("This process is already rated in this assessment."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="processrating_level_1_to_5"
            ),
            models.CheckConstraint(condition=~Q(evidence=""), name="processrating_has_evidence"),
            # An action has an owner and a due date; no action, neither.
            models.CheckConstraint(
                condition=(
                    Q(action="", action_owner__isnull=True, action_due__isnull=True)
                    | (~Q(action="") & Q(action_owner__isnull=False, action_due__isnull=False))
                ),
                name="processrating_action_owner_due",
            ),
            models.CheckConstraint(
                condition=Q(action_done_on__isnull=True) | ~Q(action=""),
                name="processrating_done_needs_action",
            ),
        ]
        indexes = [
            models.Index(fields=["action_owner", "action_due"], name="processrating_owner_due_idx")
        ]

    def __str__(self):
        return f"{self.process} · {self.get_level_display()}"

    def get_absolute_url(self):
        return f"{self.assessment.get_absolute_url()}#rating-{self.pk}"
