"""Incentive programs (what behaviour they pay for, budget, period, eligible tiers) and the
claims partners make against them: requested → approved → paid, or rejected with a reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prm.lib.money import Currency, currency_field
from prm.lib.validators import plausible_date
from prm.models import LONG_TEXT, SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["IncentiveProgram", "IncentiveClaim", "ProgramKind", "TargetedBehaviour", "ClaimStatus"]


class ProgramKind(models.TextChoices):
    REBATE = "rebate", _("Rebate")
    SPIFF = "spiff", _("SPIFF")
    MDF = "mdf", _("MDF")
    AWARD = "award", _("Award")
    SPECIAL_BID = "special_bid", _("Special bid")
    CO_OP = "co_op", _("Co-op")


class TargetedBehaviour(models.TextChoices):
    FOCUS = "focus", _("Focus on the solutions and customers we want")
    LOYALTY = "loyalty", _("Loyalty")
    REQUIREMENTS = "requirements", _("Meeting requirements")
    RESULTS = "results", _("Results")


class ClaimStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


class IncentiveProgramQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class IncentiveProgram(VersionedModel, TimeStampedModel):
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=ProgramKind.choices)
    targeted_behaviour = models.CharField(max_length=20, choices=TargetedBehaviour.choices)
    behaviour_description = LimitedTextField(
        max_length=LONG_TEXT, blank=True, help_text="What exactly partners should do more of."
    )
    budget = models.DecimalField(max_digits=14, decimal_places=2)
    currency = currency_field()
    starts_on = models.DateField(validators=[plausible_date])
    ends_on = models.DateField(validators=[plausible_date])
    # The budget's ledger: approved and paid claims, added by `claim_approve` in the same
    # transaction, so the database itself refuses an approval beyond the budget.
    committed_total = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, editable=False,
        help_text="Approved and paid claims, kept by the claim services.",
    )  # fmt: skip
    eligible_tiers = models.ManyToManyField(
        "partners.ProgramTier", blank=True, related_name="incentive_programs",
        help_text="Leave empty to open the program to every tier.",
    )  # fmt: skip

    objects = IncentiveProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                   name="incentive_program_period_ordered"),
            models.CheckConstraint(condition=Q(budget__gt=0), name="incentive_program_budget_pos"),
            models.CheckConstraint(
                condition=Q(committed_total__gte=0, committed_total__lte=models.F("budget")),
                name="incentive_program_within_budget",
            ),
            models.CheckConstraint(condition=Q(kind__in=ProgramKind.values),
                                   name="incentive_program_kind_valid"),
            models.CheckConstraint(condition=Q(targeted_behaviour__in=TargetedBehaviour.values),
                                   name="incentive_program_behaviour_valid"),
            models.CheckConstraint(condition=Q(currency__in=Currency.values),
                                   name="incentive_program_currency_valid"),
        ]  # fmt: skip

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("incentives:program-detail", args=[self.pk])

    @property
    def state(self) -> str:
        """Running, upcoming or ended, today."""
        today = timezone.localdate()
        if today < self.starts_on:
            return "upcoming"
        return "ended" if today > self.ends_on else "running"


class IncentiveClaim(VersionedModel, TimeStampedModel):
    program = models.ForeignKey(IncentiveProgram, on_delete=models.PROTECT, related_name="claims")
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="incentive_claims"
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = currency_field(with_default=False)
    description = LimitedTextField(max_length=LONG_TEXT)
    attributed_revenue = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True,
        help_text="Revenue the claimed activity brought in, if known.",
    )  # fmt: skip
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = LimitedTextField(max_length=SHORT_TEXT, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment_reference = models.CharField(max_length=80, null=True, blank=True, unique=True)
    # A claim of market development funds spends its approved fund request (models/funds.py):
    # the request committed the budget, the claim does not commit it again.
    fund_request = models.ForeignKey(
        "incentives.FundRequest", on_delete=models.PROTECT, null=True, blank=True,
        related_name="claims",
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="incentive_claim_amount_pos"),
            models.CheckConstraint(
                condition=Q(attributed_revenue__isnull=True) | Q(attributed_revenue__gte=0),
                name="incentive_claim_revenue_min",
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values),
                                   name="incentive_claim_status_valid"),
            models.CheckConstraint(condition=Q(currency__in=Currency.values),
                                   name="incentive_claim_currency_valid"),
            # Paid exactly once: a paid claim carries its payment, nothing else does.
            models.CheckConstraint(
                condition=(Q(status=ClaimStatus.PAID, paid_at__isnull=False,
                             payment_reference__isnull=False)
                           | (~Q(status=ClaimStatus.PAID) & Q(paid_at__isnull=True,
                                                             payment_reference__isnull=True))),
                name="incentive_claim_paid_has_payment",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.REJECTED) | ~Q(rejection_reason=""),
                name="incentive_claim_rejection_has_reason",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["status", "created_at"], name="inc_claim_status_idx")]

    def __str__(self):
        return f"{self.partner} · {self.program} · {self.amount} {self.currency}"
