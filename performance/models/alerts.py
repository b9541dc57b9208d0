"""Alerts: what a scoring run found that needs a person, kept until its cause goes away.

An alert is active (open, or dismissed by someone with a reason) while the run still finds
its cause; when a run no longer finds it, it is resolved. The cause of an alert is its partner,
its kind and its subject (a stakeholder, say), so a run finding the same cause again refreshes
the active alert instead of raising another one (a database constraint holds this). An alert
without a partner is about the whole program (the rules of engagement changing too often):
its own constraint holds one active per kind and subject, since NULL partners never collide
in a unique index."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.models import SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["ACTIVE_ALERT_STATUSES", "PROGRAM_WIDE", "Alert", "AlertKind", "AlertStatus"]


class AlertKind(models.TextChoices):
    REVIEW_OVERDUE = "review_overdue", _("Review overdue")
    UNDERPERFORMER = "underperformer", _("Under-performer candidate")
    HEALTH_DROP = "health_drop", _("Health dropped")
    KEY_OUT_OF_CADENCE = "key_out_of_cadence", _("Key stakeholder out of cadence")
    NON_SUPPORTER_WITHOUT_PLAN = (
        "non_supporter_without_plan",
        "Influential non-supporter without a plan",
    )
    NO_CHAMPION = "no_champion", _("No champion")
    CHAMPION_LEFT = "champion_left", _("Champion left")
    SINGLE_THREADED = "single_threaded", _("Single-threaded relationship")
    CERTIFICATION_EXPIRING = "certification_expiring", _("Certification expiring")
    DEAL_PROTECTION_EXPIRING = "deal_protection_expiring", _("Deal protection ends before close")
    TIER_AT_RISK = "tier_at_risk", _("Tier at risk at the next evaluation")
    PROMOTION_ELIGIBLE = "promotion_eligible", _("Promotion eligible")
    RULES_CHANGING = "rules_changing", _("Rules of engagement changing too often")
    TRUST_DROP = "trust_drop", _("Partner's trust dropped")


PROGRAM_WIDE = "Program-wide"


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    RESOLVED = "resolved", _("Resolved")


ACTIVE_ALERT_STATUSES = (AlertStatus.OPEN, AlertStatus.DISMISSED)


class Alert(VersionedModel, TimeStampedModel):
    Kind = AlertKind
    Status = AlertStatus

    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.CASCADE,
        related_name="alerts", help_text="Empty: about the whole program.",
    )  # fmt: skip
    kind = models.CharField(max_length=40, choices=AlertKind.choices)
    subject = models.CharField(
        max_length=60, blank=True, help_text="What within the partner, e.g. stakeholder:42."
    )
    message = LimitedTextField(max_length=SHORT_TEXT)
    fix = models.CharField(
        max_length=30, blank=True,
        help_text="Where to act: the partner tab, or the program page of a program-wide alert.",
    )  # fmt: skip
    status = models.CharField(max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    raised_by = models.ForeignKey(
        "performance.ScoreRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_on = models.DateField()
    last_seen_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assigned_alerts", limit_choices_to={"is_active": True, "is_staff": True},
    )  # fmt: skip
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    dismissed_reason = LimitedTextField(max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "kind", "subject"],
                condition=Q(status__in=["open", "dismissed"]),
                name="alert_one_active_per_cause",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["kind", "subject"],
                condition=Q(partner__isnull=True, status__in=["open", "dismissed"]),
                name="alert_one_active_per_program_cause",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismissed_reason=""),
                name="alert_dismissed_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_on__isnull=False),
                name="alert_resolved_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"], name="alert_status_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.about}"

    def get_absolute_url(self):
        if self.partner_id is None:
            return reverse("performance:alert-list") + "?about=program"
        return reverse("performance:alert-list") + f"?partner={self.partner.slug}"

    @property
    def is_program_wide(self) -> bool:
        return self.partner_id is None

    @property
    def about(self) -> str:
        """Whom the alert is about: the partner's name, or "Program-wide"."""
        return PROGRAM_WIDE if self.partner_id is None else self.partner.name

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ALERT_STATUSES
