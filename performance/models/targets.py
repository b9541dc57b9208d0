"""Targets set together (proposals from either side, then agreed) and the actuals they meet."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prm.models import SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = [
    "Actual",
    "ActualSource",
    "ActualsImport",
    "Metric",
    "MetricKind",
    "ProposalAction",
    "ProposalSide",
    "Target",
    "TargetProposal",
    "TargetStatus",
]


class MetricKind(models.TextChoices):
    MONEY = "money", _("Money")
    COUNT = "count", _("Count")


class TargetStatus(models.TextChoices):
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREED = "agreed", _("Agreed")


def _period_constraints(prefix):
    return [
        models.CheckConstraint(
            condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
            name=f"{prefix}_quarter_valid",
        ),
        models.CheckConstraint(
            condition=models.Q(year__gte=2000, year__lte=2100), name=f"{prefix}_year_valid"
        ),
    ]


class ProposalSide(models.TextChoices):
    VENDOR = "vendor", _("Vendor")
    PARTNER = "partner", _("Partner")


class ProposalAction(models.TextChoices):
    PROPOSE = "propose", _("Proposed")
    COUNTER = "counter", _("Countered")
    ACCEPT = "accept", _("Accepted")


class PeriodMixin(models.Model):
    """A year, or one quarter of it (quarter null = the whole year)."""

    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def period_label(self) -> str:
        return f"{self.year} Q{self.quarter}" if self.quarter else f"{self.year}"


class TargetProposal(TimeStampedModel):
    """One step of the negotiation; the rows of a target are its full history."""

    Side = ProposalSide
    Action = ProposalAction

    target = models.ForeignKey("Target", on_delete=models.PROTECT, related_name="proposals")
    side = models.CharField(max_length=10, choices=Side.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="target_proposals"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    value = models.DecimalField(max_digits=16, decimal_places=2)
    comment = LimitedTextField(max_length=SHORT_TEXT, blank=True)
    challenge_flag = models.CharField(max_length=20, blank=True)
    challenge_reason = LimitedTextField(max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="proposal_value_min"),
            models.CheckConstraint(
                condition=models.Q(side__in=ProposalSide.values), name="proposal_side_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(action__in=ProposalAction.values),
                name="proposal_action_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.value} by {self.get_side_display()}"


class Target(PeriodMixin, VersionedModel, TimeStampedModel):
    Status = TargetStatus

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="targets"
    )
    metric = models.ForeignKey("Metric", on_delete=models.PROTECT, related_name="targets")
    agreed_value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEGOTIATING)

    class Meta:
        ordering = ["-year", "-quarter", "metric_id"]
        constraints = [
            *_period_constraints("target"),
            models.UniqueConstraint(
                fields=["partner", "year", "quarter", "metric"],
                nulls_distinct=False,
                name="target_unique_per_partner_period_metric",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TargetStatus.values), name="target_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=TargetStatus.NEGOTIATING, agreed_value__isnull=True)
                | models.Q(status=TargetStatus.AGREED, agreed_value__gte=0),
                name="target_agreed_has_value",
            ),
        ]

    def __str__(self):
        return f"{self.partner} · {self.metric} · {self.period_label}"


class ActualSource(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IMPORTED = "imported", _("Imported")
    DEALS = "deals", _("Won deals")


class Actual(PeriodMixin, VersionedModel, TimeStampedModel):
    Source = ActualSource

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="actuals"
    )
    metric = models.ForeignKey("Metric", on_delete=models.PROTECT, related_name="actuals")
    value = models.DecimalField(max_digits=16, decimal_places=2)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)

    class Meta:
        ordering = ["-year", "-quarter", "metric_id"]
        constraints = [
            *_period_constraints("actual"),
            models.UniqueConstraint(
                fields=["partner", "year", "quarter", "metric"],
                nulls_distinct=False,
                name="actual_unique_per_partner_period_metric",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="actual_value_min"),
            models.CheckConstraint(
                condition=models.Q(source__in=ActualSource.values), name="actual_source_valid"
            ),
        ]

    def __str__(self):
        return f"{self.partner} · {self.metric} · {self.period_label}: {self.value}"


class ActualsImport(TimeStampedModel):
    """One CSV upload: its progress (polled by the page) and the per-row report."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Rejected")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actuals_imports"
    )
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    written_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def job_failure(self) -> str:
        """Why the job itself failed (queue down, unexpected error), as opposed to problems in
        the file: then the same file can simply be tried again."""
        return next((error["message"] for error in self.errors if error.get("job")), "")

    @property
    def progress_percent(self) -> int:
        if self.status in (self.Status.DONE, self.Status.FAILED):
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


# Defined last: what points at a metric is deleted before it (the app's model order).
class Metric(VersionedModel, TimeStampedModel):
    """What a target measures. Admins add metrics; the defaults come from a data migration."""

    Kind = MetricKind

    key = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)
    unit = models.CharField(max_length=20, blank=True, help_text="e.g. USD, people, deals.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COUNT)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=MetricKind.values), name="metric_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name
