"""Culture assessments: how a partner's organisation works, and how ours does."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from partners.models import Partner
from prm.lib.validators import plausible_date
from prm.models import LONG_TEXT, SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel


class CultureType(models.TextChoices):
    BUREAUCRATIC = "bureaucratic", "Bureaucratic"
    COLLABORATIVE = "collaborative", "Collaborative"
    ENTREPRENEURIAL = "entrepreneurial", "Entrepreneurial"
    INDIVIDUALISTIC = "individualistic", "Individualistic"


class CultureDimension(models.TextChoices):
    DECISION_MAKING = "decision_making", "Decision making"
    WORK_STRUCTURE = "work_structure", "Work structure"
    COMMUNICATION = "communication", "Communication"
    CONTROL = "control", "Control mechanisms"
    POWER = "power", "Source of power"


RATING_MIN, RATING_MAX = 0, 4


class CultureDescriptor(VersionedModel, TimeStampedModel):
    """How one culture type shows in one dimension; shown next to each rating. Admins edit."""

    dimension = models.CharField(max_length=20, choices=CultureDimension.choices)
    culture_type = models.CharField(max_length=20, choices=CultureType.choices)
    text = LimitedTextField(max_length=SHORT_TEXT)

    class Meta:
        ordering = ["dimension", "culture_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "culture_type"], name="culture_descriptor_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} — {self.get_culture_type_display()}"


class CultureGuideline(VersionedModel, TimeStampedModel):
    """How to work with a partner of one culture type in one dimension. Admins edit."""

    culture_type = models.CharField(max_length=20, choices=CultureType.choices)
    dimension = models.CharField(max_length=20, choices=CultureDimension.choices)
    guidance = LimitedTextField(max_length=LONG_TEXT)

    class Meta:
        ordering = ["culture_type", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["culture_type", "dimension"], name="culture_guideline_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_culture_type_display()} — {self.get_dimension_display()}"


class CultureAssessment(VersionedModel, TimeStampedModel):
    """One assessment of a partner's culture, or of ours (the channel owner's)."""

    partner = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="culture_assessments",
    )
    is_own = models.BooleanField("our own culture", default=False)
    is_current = models.BooleanField(
        default=True, help_text="For our own culture: the profile partners are compared with."
    )
    assessed_on = models.DateField(validators=[plausible_date])
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="culture_assessments"
    )
    values = LimitedTextField("values observed", max_length=LONG_TEXT, blank=True)
    behaviours = LimitedTextField("behaviours observed", max_length=LONG_TEXT, blank=True)
    practices = LimitedTextField("practices observed", max_length=LONG_TEXT, blank=True)
    symbols = LimitedTextField("symbols observed", max_length=LONG_TEXT, blank=True)
    validation_tactics = LimitedTextField(
        max_length=LONG_TEXT,
        blank=True,
        help_text="How we will confirm the conclusion, e.g. observe a decision meeting.",
    )
    validation_outcome = LimitedTextField(max_length=LONG_TEXT, blank=True)
    validated = models.BooleanField(default=False)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="validated_culture_assessments",
    )
    validated_on = models.DateField(null=True, blank=True, validators=[plausible_date])

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_own=True, partner__isnull=True)
                | models.Q(is_own=False, partner__isnull=False),
                name="culture_assessment_partner_or_own",
                violation_error_message="An assessment is of a partner or of our own culture.",
            ),
            models.UniqueConstraint(
                fields=["is_own"],
                condition=models.Q(is_own=True, is_current=True),
                name="culture_one_current_own_profile",
                violation_error_message="There is already a current profile of our own culture.",
            ),
            models.CheckConstraint(
                condition=models.Q(validated=False)
                | models.Q(validated_by__isnull=False, validated_on__isnull=False),
                name="culture_validation_has_who_and_when",
            ),
        ]
        indexes = [models.Index(fields=["partner", "-assessed_on"])]

    def __str__(self):
        subject = "Our culture" if self.is_own else str(self.partner)
        return f"{subject}, {self.assessed_on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("relationships:culture-detail", kwargs={"pk": self.pk})


class CultureRating(models.Model):
    """How well one culture type's descriptor fits the organisation in one dimension (0–4)."""

    assessment = models.ForeignKey(
        CultureAssessment, on_delete=models.CASCADE, related_name="ratings"
    )
    dimension = models.CharField(max_length=20, choices=CultureDimension.choices)
    culture_type = models.CharField(max_length=20, choices=CultureType.choices)
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["dimension", "culture_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension", "culture_type"], name="culture_rating_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=RATING_MIN, score__lte=RATING_MAX),
                name="culture_rating_0_to_4",
                violation_error_message="A rating goes from 0 (does not fit) to 4 (fits fully).",
            ),
        ]

    def __str__(self):
        return f"{self.dimension}/{self.culture_type}: {self.score}"
