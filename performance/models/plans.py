"""Joint business plans (per partner and period) with actions owned by either side, and reviews.

Plan progress (share of actions done) and whether a review is overdue are derived, never stored.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.lib.validators import plausible_date
from prm.models import LONG_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["BusinessPlan", "PlanAction", "Review", "DEFAULT_REVIEW_CADENCE_DAYS"]

# Used for partners without a tier (ProgramTier.review_cadence_days otherwise).
DEFAULT_REVIEW_CADENCE_DAYS = 90


class BusinessPlan(VersionedModel, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="business_plans"
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for a plan covering the whole year."
    )
    title = models.CharField(max_length=200)
    objectives = LimitedTextField(max_length=LONG_TEXT, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["-year", "-quarter", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "year", "quarter"],
                nulls_distinct=False,
                name="business_plan_one_per_partner_period",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=2000, year__lte=2100), name="business_plan_year_sane"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__isnull=True) | models.Q(quarter__gte=1, quarter__lte=4),
                name="business_plan_quarter_1_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "active", "closed"]),
                name="business_plan_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    @property
    def period_label(self) -> str:
        return f"Q{self.quarter} {self.year}" if self.quarter else str(self.year)

    def get_absolute_url(self):
        return reverse("partners:partner-tab", args=[self.partner.slug, "plans"])


class PlanAction(VersionedModel, TimeStampedModel):
    class Side(models.TextChoices):
        VENDOR = "vendor", _("Our side")
        PARTNER = "partner", _("Partner side")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    owner_side = models.CharField(max_length=10, choices=Side.choices)
    owner_name = models.CharField(max_length=150, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="plan_actions",
    )  # fmt: skip
    owner_contact = models.ForeignKey(
        "partners.Contact", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="plan_actions",
    )  # fmt: skip
    due = models.DateField(null=True, blank=True, validators=[plausible_date])
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_side__in=["vendor", "partner"]),
                name="plan_action_side_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "in_progress", "done", "cancelled"]),
                name="plan_action_status_valid",
            ),
            # Our people own our actions, their contacts theirs.
            models.CheckConstraint(
                condition=~(models.Q(owner_side="vendor") & models.Q(owner_contact__isnull=False))
                & ~(models.Q(owner_side="partner") & models.Q(owner_user__isnull=False)),
                name="plan_action_owner_matches_side",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def owner_label(self) -> str:
        if self.owner_user_id:
            return self.owner_user.get_full_name() or self.owner_user.username
        if self.owner_contact_id:
            return f"{self.owner_contact.first_name} {self.owner_contact.last_name}"
        return self.owner_name


class Review(VersionedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan review")
        RELATIONSHIP = "relationship", _("Relationship review")
        QBR = "qbr", _("QBR")

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    held_on = models.DateField(validators=[plausible_date])
    our_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="partner_reviews"
    )
    their_attendees = models.ManyToManyField("partners.Contact", blank=True, related_name="reviews")
    done_vs_planned = LimitedTextField("done versus planned", max_length=LONG_TEXT, blank=True)
    outcomes = LimitedTextField(max_length=LONG_TEXT, blank=True)
    next_review_on = models.DateField(null=True, blank=True, validators=[plausible_date])
    shared_with_partner = models.BooleanField(default=False)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["partner", "-held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["plan", "relationship", "qbr"]),
                name="review_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(next_review_on__isnull=True)
                | models.Q(next_review_on__gt=models.F("held_on")),
                name="review_next_after_held",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} with {self.partner} on {self.held_on:%Y-%m-%d}"
