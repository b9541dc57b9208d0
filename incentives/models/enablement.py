"""Enablement: courses, certifications of partners' contacts, rules of engagement."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prm.lib.validators import plausible_date
from prm.models import DOCUMENT_TEXT, LONG_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = [
    "Course",
    "CourseLevel",
    "Certification",
    "CertificationStatus",
    "RulesOfEngagement",
    "Acknowledgement",
]


class CourseLevel(models.TextChoices):
    FOUNDATION = "foundation", _("Foundation")
    PROFESSIONAL = "professional", _("Professional")
    EXPERT = "expert", _("Expert")


class Course(VersionedModel, TimeStampedModel):
    Level = CourseLevel

    name = models.CharField(max_length=200, unique=True)
    product = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.FOUNDATION)
    validity_months = models.PositiveSmallIntegerField(
        "validity in months", help_text="How long a certification stays valid."
    )

    class Meta:
        ordering = ["product", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(validity_months__gte=1, validity_months__lte=120),
                name="course_validity_range",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=CourseLevel.values), name="course_level_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_level_display()})"


class CertificationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CertificationQuerySet(models.QuerySet):
    def current(self, *, today):
        """Approved and not yet expired on `today`."""
        return self.filter(status=CertificationStatus.APPROVED, expires_on__gte=today)


class Certification(VersionedModel, TimeStampedModel):
    Status = CertificationStatus

    contact = models.ForeignKey(
        "partners.Contact", on_delete=models.PROTECT, related_name="certifications"
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certifications")
    earned_on = models.DateField(validators=[plausible_date])
    # Derived once from the course's validity when recorded: a later change of the course's
    # validity does not rewrite certificates already issued.
    expires_on = models.DateField(editable=False, validators=[plausible_date])
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="requested_certifications"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_certifications",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = CertificationQuerySet.as_manager()

    class Meta:
        ordering = ["-earned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CertificationStatus.values),
                name="certification_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("earned_on")),
                name="certification_expires_after_earned",
            ),
            models.CheckConstraint(
                condition=models.Q(status=CertificationStatus.REQUESTED)
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name="certification_decision_recorded",
            ),
            models.UniqueConstraint(
                fields=["contact", "course", "earned_on"], name="certification_unique_award"
            ),
        ]
        indexes = [
            # Expiring soon (dashboard, list): approved certifications by expiry date.
            models.Index(fields=["status", "expires_on"], name="cert_status_expires_idx"),
            # The API lists them newest first (tens of thousands of rows).
            models.Index(fields=["-created_at", "-id"], name="certification_newest_idx"),
        ]

    def __str__(self):
        return f"{self.contact} – {self.course.name}"


class RulesOfEngagement(VersionedModel, TimeStampedModel):
    version = models.PositiveIntegerField(unique=True)
    effective_on = models.DateField(validators=[plausible_date])
    significant = models.BooleanField(
        default=False, help_text="A significant change asks partners to rethink how they sell."
    )
    summary = LimitedTextField(max_length=LONG_TEXT)
    full_text = LimitedTextField(max_length=DOCUMENT_TEXT)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="published_rules"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-version"]
        verbose_name = "rules of engagement"
        verbose_name_plural = "rules of engagement"
        constraints = [
            models.CheckConstraint(condition=models.Q(version__gte=1), name="rules_version_min"),
        ]

    def __str__(self):
        return f"Rules of engagement v{self.version}"


class Acknowledgement(TimeStampedModel):
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="rules_acknowledgements"
    )
    rules = models.ForeignKey(
        RulesOfEngagement, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rules_acknowledgements"
    )
    acknowledged_at = models.DateTimeField()

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "rules"], name="acknowledgement_once_per_partner_version"
            ),
        ]

    def __str__(self):
        return f"{self.partner} acknowledged v{self.rules.version}"
