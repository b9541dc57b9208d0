"""Program tiers: what each tier requires and gives, tier history, resources gated by tier."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prm.models import LONG_TEXT, SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["TierRequirement", "Benefit", "TierChange", "Resource"]


class TierRequirement(VersionedModel, TimeStampedModel):
    """What a partner needs to reach a tier; a null field is not required."""

    tier = models.OneToOneField(
        "partners.ProgramTier", on_delete=models.CASCADE, related_name="requirement"
    )
    min_annual_revenue = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Revenue over the last four quarters.",
    )
    min_certified_people = models.PositiveIntegerField(null=True, blank=True)
    min_audit_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Latest performance audit total, 0–100."
    )

    class Meta:
        ordering = ["tier__rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_audit_score__isnull=True) | Q(min_audit_score__lte=100),
                name="tier_requirement_audit_score_max_100",
            ),
            models.CheckConstraint(
                condition=Q(min_annual_revenue__isnull=True) | Q(min_annual_revenue__gte=0),
                name="tier_requirement_revenue_not_negative",
            ),
        ]

    def __str__(self):
        return f"Requirements of {self.tier}"


class Benefit(VersionedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        DISCOUNT = "discount", _("Discount")
        MDF = "mdf", _("MDF eligibility")
        DEAL_PROTECTION = "deal_protection", _("Deal protection days")
        CAM_TIME = "cam_time", _("Channel account manager time")
        TECHNICAL = "technical", _("Technical resources")
        SPECIAL_BID = "special_bid", _("Special bid discount")

    tier = models.ForeignKey(
        "partners.ProgramTier", on_delete=models.CASCADE, related_name="benefits"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=200, help_text="As shown to partners, e.g. “15% off list”.")
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["tier__rank", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["tier", "kind"], name="benefit_unique_kind_per_tier"),
        ]

    def __str__(self):
        return f"{self.tier}: {self.get_kind_display()} ({self.value})"


class TierChange(TimeStampedModel):
    """History of a partner's tier; the current tier stays on `partners.Partner.tier`."""

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="tier_changes"
    )
    from_tier = models.ForeignKey(
        "partners.ProgramTier",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    to_tier = models.ForeignKey("partners.ProgramTier", on_delete=models.PROTECT, related_name="+")
    reason = LimitedTextField(max_length=SHORT_TEXT)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tier_changes_made",
        null=True,
        blank=True,
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="tier_change_reason_required"),
        ]

    def __str__(self):
        return f"{self.partner}: {self.from_tier or '—'} → {self.to_tier}"


class Resource(VersionedModel, TimeStampedModel):
    """A file or a link for partners, visible from `minimum_tier` up (null: every partner)."""

    class Category(models.TextChoices):
        SALES = "sales", _("Sales")
        MARKETING = "marketing", _("Marketing")
        TECHNICAL = "technical", _("Technical")
        TRAINING = "training", _("Training")
        LEGAL = "legal", _("Legal and pricing")

    title = models.CharField(max_length=200)
    description = LimitedTextField(max_length=LONG_TEXT, blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    minimum_tier = models.ForeignKey(
        "partners.ProgramTier",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text="Empty: every partner.",
    )
    file = models.FileField(upload_to="resources/", blank=True)
    link = models.URLField(blank=True)

    class Meta:
        ordering = ["category", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="resource_file_xor_link",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)
