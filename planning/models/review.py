"""Under-performer reviews: a candidate the scoring engine raised, the evidence looked at, and
the decision taken on it (remediate, keep or exit) through to its outcome."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.models import SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = [
    "ReviewDecision",
    "ReviewOutcome",
    "ReviewStatus",
    "UnderperformerReview",
]


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DECIDED = "decided", _("Decided")
    CLOSED = "closed", _("Closed")


class ReviewDecision(models.TextChoices):
    REMEDIATE = "remediate", _("Remediate")
    KEEP = "keep", _("Keep")
    EXIT = "exit", _("Exit")


class ReviewOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    WORKED = "worked", _("Remediation worked")
    DID_NOT_WORK = "did_not_work", _("Remediation did not work")
    NOT_APPLICABLE = "n_a", _("Not applicable")


class UnderperformerReview(VersionedModel, TimeStampedModel):
    """One review of an under-performer candidate. Open while the evidence is looked at;
    decided while a remediation runs to its deadline or an exit waits for its date; closed
    when the follow-up has judged it (a keep closes at once). The outcome is what the
    portfolio of decisions counts: whether a remediation worked; not applicable otherwise."""

    Status = ReviewStatus
    Decision = ReviewDecision
    Outcome = ReviewOutcome

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="underperformer_reviews"
    )
    # The candidate: the scoring engine's alert. Alerts are the engine's to keep; if one goes,
    # the review keeps the words that raised it (`candidate_reason`).
    alert = models.ForeignKey(
        "performance.Alert", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    candidate_reason = LimitedTextField(_("why it is a candidate"), max_length=SHORT_TEXT)
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=ReviewDecision.choices, blank=True
    )
    reason = LimitedTextField(_("reason"), max_length=SHORT_TEXT, blank=True)
    remediation_deadline = models.DateField(_("remediation deadline"), null=True, blank=True)
    remediation_plan = models.ForeignKey(
        "performance.BusinessPlan", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    exit_on = models.DateField(_("exit on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=15, choices=ReviewOutcome.choices, default=ReviewOutcome.PENDING
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    follow_up_note = LimitedTextField(_("follow-up"), max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("under-performer review")
        verbose_name_plural = _("under-performer reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="uprev_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decision__in=ReviewDecision.values),
                name="uprev_decision_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=ReviewOutcome.values), name="uprev_outcome_valid"
            ),
            # Open means undecided; decided and closed carry the decision, who and when.
            models.CheckConstraint(
                condition=Q(status="open", decision="", decided_at__isnull=True)
                | (~Q(status="open") & ~Q(decision="") & Q(decided_at__isnull=False)),
                name="uprev_decided_has_decision",
                violation_error_message=_("A decided review needs its decision."),
            ),
            models.CheckConstraint(
                condition=Q(decision="remediate", remediation_deadline__isnull=False)
                | (~Q(decision="remediate") & Q(remediation_deadline__isnull=True)),
                name="uprev_remediate_has_deadline",
                violation_error_message=_("A remediation needs a deadline."),
            ),
            models.CheckConstraint(
                condition=~Q(decision="keep") | ~Q(reason=""),
                name="uprev_keep_has_reason",
                violation_error_message=_("Say why the partner is kept."),
            ),
            models.CheckConstraint(
                condition=Q(decision="exit", exit_on__isnull=False)
                | (~Q(decision="exit") & Q(exit_on__isnull=True)),
                name="uprev_exit_has_date",
                violation_error_message=_("An exit needs its date."),
            ),
            # Only a closed remediation has a result; keep and exit have none to measure.
            models.CheckConstraint(
                condition=Q(
                    decision__in=["", "remediate"],
                    status__in=["open", "decided"],
                    outcome="pending",
                )
                | Q(decision="remediate", status="closed", outcome__in=["worked", "did_not_work"])
                | Q(decision__in=["keep", "exit"], outcome="n_a"),
                name="uprev_outcome_matches_decision",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="uprev_closed_has_date",
            ),
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(status__in=["open", "decided"]),
                name="uprev_one_running_per_partner",
                violation_error_message=_("This partner is already under review."),
            ),  # fmt: skip
        ]
        indexes = [models.Index(fields=["status", "decision"], name="uprev_status_decision_idx")]

    def __str__(self):
        return f"{self.partner}: {self.get_decision_display() or self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("planning:underperformer-review", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == ReviewStatus.OPEN
