"""People corrections: a partner admin tells us what changed in their company's people (a new
colleague, someone who left, a new title or unit); the channel team accepts (the change is
applied through the contact services) or rejects it with a reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from prm.models import SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["ContactCorrection", "CorrectionKind", "CorrectionStatus"]


class CorrectionKind(models.TextChoices):
    NEW_PERSON = "new_person", _("New person")
    LEFT = "left", _("Left the company")
    NEW_TITLE = "new_title", _("New title or unit")


class CorrectionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ContactCorrection(VersionedModel, TimeStampedModel):
    Kind = CorrectionKind
    Status = CorrectionStatus

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="contact_corrections"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CorrectionKind.choices)
    # Empty for a new person. A correction about a person goes with them (and with the partner).
    contact = models.ForeignKey(
        "partners.Contact", on_delete=models.CASCADE, null=True, blank=True,
        related_name="corrections", verbose_name=_("person"),
    )  # fmt: skip
    first_name = models.CharField(_("first name"), max_length=80, blank=True)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    org_unit = models.ForeignKey(
        "partners.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("unit"),
    )  # fmt: skip
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = LimitedTextField(_("note"), max_length=SHORT_TEXT, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CorrectionStatus.choices,
        default=CorrectionStatus.PROPOSED,
    )  # fmt: skip
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("proposed by"),
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = LimitedTextField(_("reason"), max_length=SHORT_TEXT, blank=True)
    # The person an accepted "new person" correction created.
    created_contact = models.ForeignKey(
        "partners.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("people correction")
        verbose_name_plural = _("people corrections")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CorrectionKind.values),
                                   name="correction_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=CorrectionStatus.values),
                                   name="correction_status_valid"),
            # A new person names no existing contact, but says who they are; every other kind
            # is about an existing contact.
            models.CheckConstraint(
                condition=(Q(kind=CorrectionKind.NEW_PERSON, contact__isnull=True)
                           & ~Q(first_name="") & ~Q(last_name=""))
                | (~Q(kind=CorrectionKind.NEW_PERSON) & Q(contact__isnull=False)),
                name="correction_contact_unless_new_person",
            ),
            models.CheckConstraint(
                condition=~Q(kind=CorrectionKind.LEFT) | Q(left_on__isnull=False),
                name="correction_left_has_date",
            ),
            # Decided exactly when it says so; a rejection says why.
            models.CheckConstraint(
                condition=(Q(status=CorrectionStatus.PROPOSED, decided_at__isnull=True)
                           | (~Q(status=CorrectionStatus.PROPOSED)
                              & Q(decided_at__isnull=False, decided_by__isnull=False))),
                name="correction_decided_has_decider",
            ),
            models.CheckConstraint(
                condition=~Q(status=CorrectionStatus.REJECTED) | ~Q(rejection_reason=""),
                name="correction_rejection_has_reason",
            ),
            models.UniqueConstraint(
                fields=["contact", "kind"], condition=Q(status=CorrectionStatus.PROPOSED),
                name="correction_one_open_per_contact_kind",
                violation_error_message=_("A correction of this kind for this person is "
                                          "already waiting for a decision."),
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["status", "created_at"], name="correction_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person_name}"

    def get_absolute_url(self):
        return reverse("partners:correction-queue") + f"#correction-{self.pk}"

    @property
    def person_name(self) -> str:
        if self.contact_id:
            return self.contact.full_name
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.status == CorrectionStatus.PROPOSED
