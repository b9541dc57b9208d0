"""End-customer escalations handled with a partner, and the hours of our effort each took."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.models import LONG_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["Escalation", "EscalationSeverity", "EscalationOutcome"]


class EscalationSeverity(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class EscalationOutcome(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
    WORKAROUND = "workaround", _("Workaround given")
    CUSTOMER_LOST = "customer_lost", _("Customer lost")
    NO_FAULT = "no_fault", _("No fault found")


class Escalation(VersionedModel, TimeStampedModel):
    """A customer's problem a partner could not solve alone and brought to us (or we took
    over). Its hours are our effort; their sum per quarter beside the partner's revenue is the
    support effort the under-performer review weighs."""

    Severity = EscalationSeverity
    Outcome = EscalationOutcome

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="escalations"
    )
    customer = models.CharField(_("customer"), max_length=200)
    summary = models.CharField(_("what happened"), max_length=300)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    opened_on = models.DateField(_("opened on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    effort_hours = models.DecimalField(
        _("hours of our effort"), max_digits=7, decimal_places=1, default=Decimal("0"),
        help_text=_("Our people's hours on it, all of them together."),
    )  # fmt: skip
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN
    )
    # What the partner reads in the portal, and what stays with us: the split is by field, so a
    # portal page or serializer can only show what it names.
    partner_notes = LimitedTextField(
        _("notes for the partner"), max_length=LONG_TEXT, blank=True,
        help_text=_("Shown to the partner's users in the portal."),
    )  # fmt: skip
    internal_notes = LimitedTextField(
        _("internal notes"), max_length=LONG_TEXT, blank=True,
        help_text=_("Ours only: never shown to the partner."),
    )  # fmt: skip
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=EscalationSeverity.values),
                name="escalation_severity_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=EscalationOutcome.values), name="escalation_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(effort_hours__gte=0), name="escalation_effort_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("opened_on")),
                name="escalation_resolved_after_opened",
                violation_error_message=_("It cannot be resolved before it was opened."),
            ),
            # Open means unresolved; every other outcome is an end, with its date.
            models.CheckConstraint(
                condition=Q(outcome="open", resolved_on__isnull=True)
                | (~Q(outcome="open") & Q(resolved_on__isnull=False)),
                name="escalation_outcome_matches_resolution",
                violation_error_message=_("An outcome needs the date it was resolved on."),
            ),
        ]
        indexes = [models.Index(fields=["partner", "opened_on"])]

    def __str__(self):
        return f"{self.customer}: {self.summary}"

    @property
    def is_open(self) -> bool:
        return self.outcome == EscalationOutcome.OPEN

    def get_absolute_url(self):
        return reverse("planning:escalation-detail", kwargs={"pk": self.pk})
