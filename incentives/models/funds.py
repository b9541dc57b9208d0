"""Market development funds: a partner's fund request before the activity (what, when, what it
should bring, how much), decided against an MDF program's budget, then claimed against with
proof of performance (invoices, photos, attendee lists).

The budget is counted once. Approving a fund request commits its approved amount to the
program's ledger (`IncentiveProgram.committed_total`, which the database keeps within the
budget). The claims made against the request (`IncentiveClaim.fund_request`) spend that
commitment and never commit anything again; what they ask for is kept on the request's own
ledger (`claimed_total`), which the database keeps within the approved amount.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.lib.money import Currency, currency_field
from prm.lib.validators import plausible_date
from prm.models import LONG_TEXT, SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["FundRequest", "FundRequestStatus", "ProofOfPerformance", "ProofKind"]


class FundRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class FundRequest(VersionedModel, TimeStampedModel):
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="fund_requests",
        verbose_name=_("partner"),
    )  # fmt: skip
    program = models.ForeignKey(
        "incentives.IncentiveProgram", on_delete=models.PROTECT, related_name="fund_requests",
        verbose_name=_("MDF program"),
    )  # fmt: skip
    activity = models.CharField(_("activity"), max_length=200)
    description = LimitedTextField(_("description"), max_length=LONG_TEXT, blank=True)
    starts_on = models.DateField(_("starts on"), validators=[plausible_date])
    ends_on = models.DateField(_("ends on"), validators=[plausible_date])
    expected_results = LimitedTextField(_("expected results"), max_length=LONG_TEXT)
    amount = models.DecimalField(_("amount requested"), max_digits=14, decimal_places=2)
    currency = currency_field(with_default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=FundRequestStatus.choices,
        default=FundRequestStatus.REQUESTED,
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = LimitedTextField(
        _("reason"), max_length=SHORT_TEXT, blank=True,
        help_text=_("Why it was rejected, or a note on the approval; the partner sees it."),
    )  # fmt: skip
    approved_amount = models.DecimalField(
        _("approved amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The request's own ledger: claims against it that are not rejected, kept by the claim
    # services in the same transaction, so the database refuses claims beyond the approval.
    claimed_total = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, editable=False,
        help_text=_("Claims against this request that are not rejected."),
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("fund request")
        verbose_name_plural = _("fund requests")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fund_request_amount_pos"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="fund_request_period_ordered"),
            models.CheckConstraint(condition=Q(status__in=FundRequestStatus.values),
                                   name="fund_request_status_valid"),
            models.CheckConstraint(condition=Q(currency__in=Currency.values),
                                   name="fund_request_currency_valid"),
            # Approved: never more than asked for, never nothing.
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True)
                | Q(approved_amount__gt=0, approved_amount__lte=F("amount")),
                name="fund_request_approved_within_asked",
            ),
            models.CheckConstraint(
                condition=~Q(status=FundRequestStatus.APPROVED)
                | Q(approved_amount__isnull=False, decided_at__isnull=False,
                    decided_by__isnull=False),
                name="fund_request_approved_decided",
            ),
            models.CheckConstraint(
                condition=~Q(status=FundRequestStatus.REQUESTED)
                | Q(approved_amount__isnull=True, decided_at__isnull=True),
                name="fund_request_requested_undecided",
            ),
            models.CheckConstraint(
                condition=~Q(status=FundRequestStatus.REJECTED)
                | (~Q(reason="") & Q(decided_at__isnull=False, approved_amount__isnull=True)),
                name="fund_request_rejection_has_reason",
            ),
            # Claims only against an approved request, and together within what was approved.
            models.CheckConstraint(
                condition=Q(claimed_total=0)
                | Q(status=FundRequestStatus.APPROVED, claimed_total__gt=0,
                    claimed_total__lte=F("approved_amount")),
                name="fund_request_claims_within_approved",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["status", "created_at"], name="fund_request_status_idx")]

    def __str__(self):
        return f"{self.partner} · {self.activity} · {self.amount} {self.currency}"

    def get_absolute_url(self):
        return reverse("incentives:fund-request-detail", args=[self.pk])

    def get_portal_url(self):
        return reverse("incentives-portal:fund-request-detail", args=[self.pk])

    @property
    def claimable(self):
        """What is left to claim of the approved amount (0 unless approved)."""
        if self.status != FundRequestStatus.APPROVED:
            return 0
        return self.approved_amount - self.claimed_total


class ProofKind(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG"
    JPEG = "jpg", "JPEG"
    CSV = "csv", "CSV"


def proof_path(instance, filename) -> str:
    """A random name under MEDIA_ROOT, which no URL serves: the file is read only through the
    permission-checked download views, and its name is nobody's to guess."""
    suffix = PurePath(filename).suffix.lower()
    return f"proof-of-performance/{uuid.uuid4().hex}{suffix}"


class ProofOfPerformance(TimeStampedModel):
    claim = models.ForeignKey(
        "incentives.IncentiveClaim", on_delete=models.PROTECT, related_name="proofs",
        verbose_name=_("claim"),
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=proof_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=4, choices=ProofKind.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("proof of performance")
        verbose_name_plural = _("proofs of performance")
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="proof_size_pos"),
            models.CheckConstraint(condition=Q(kind__in=ProofKind.values), name="proof_kind_valid"),
        ]  # fmt: skip

    def __str__(self):
        return self.original_name
