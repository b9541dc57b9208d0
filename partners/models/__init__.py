import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from prm.lib.validators import plausible_date
from prm.models import (
    LONG_TEXT,
    SHORT_TEXT,
    LimitedTextField,
    TimeStampedModel,
    VersionedModel,
    vendor_staff_condition,
)


class Territory(VersionedModel, TimeStampedModel):
    """A market we sell into; `capacity`: how many partners it carries before over-distribution."""

    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=20, unique=True)
    capacity = models.PositiveIntegerField(
        help_text="How many partners this market can carry before over-distribution."
    )
    description = LimitedTextField(max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "territories"

    def __str__(self):
        return self.name


class Segment(VersionedModel, TimeStampedModel):
    name = models.CharField(max_length=100, unique=True)
    is_sweet_spot = models.BooleanField(
        "sweet spot", default=False, help_text="One of the customer segments we focus on."
    )
    description = LimitedTextField(max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgramTier(VersionedModel, TimeStampedModel):
    """A partner's place in the program. What a tier requires and gives lives in `incentives`."""

    name = models.CharField(max_length=50, unique=True)
    rank = models.PositiveSmallIntegerField(unique=True, help_text="1 is the entry tier.")
    review_cadence_days = models.PositiveSmallIntegerField(
        default=90, help_text="How often partners of this tier are reviewed, in days."
    )
    description = LimitedTextField(max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="tier_rank_positive"),
            models.CheckConstraint(
                condition=models.Q(review_cadence_days__gte=7), name="tier_review_cadence_min_week"
            ),
        ]

    def __str__(self):
        return self.name


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Partner.Status.ACTIVE)


class PartnerType(models.TextChoices):
    RESELLER = "reseller", _("Reseller")
    DISTRIBUTOR = "distributor", _("Distributor")
    SYSTEM_INTEGRATOR = "system_integrator", _("System integrator")
    MSP = "msp", _("Managed service provider")
    ISV = "isv", _("ISV")
    REFERRAL = "referral", _("Referral")
    SERVICE_PROVIDER = "service_provider", _("Service provider")


class PartnerSynergy(models.TextChoices):
    PRODUCT_SERVICE = "product_service", _("Product + service")
    RELATED_SEGMENTS = "related_segments", _("Related market segments")
    INTEGRATOR_MANUFACTURER = "integrator_manufacturer", _("Integrator + manufacturer")
    SERVICE_ALLIANCE = "service_alliance", _("Service alliance")


class PartnerStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    ONBOARDING = "onboarding", _("Onboarding")
    ACTIVE = "active", _("Active")
    AT_RISK = "at_risk", _("At risk")
    EXITING = "exiting", _("Exiting")
    EXITED = "exited", _("Exited")


class ProductPosition(models.TextChoices):
    PRIMARY = "primary", _("Primary product")
    ADD_ON = "add_on", _("Add-on")


class Partner(VersionedModel, TimeStampedModel):
    Type = PartnerType
    Synergy = PartnerSynergy
    Status = PartnerStatus
    ProductPosition = ProductPosition

    # Fields a partner user may see in the portal; everything else is internal.
    PORTAL_FIELDS = (
        "name", "slug", "website", "country", "partner_type", "tier", "territories", "segments",
        "joined_on", "description", "phone", "employee_count", "business_drivers",
        "revenue_model", "differentiation",
    )  # fmt: skip
    # The part of those a partner admin may edit.
    PORTAL_EDITABLE_FIELDS = (
        "website", "description", "phone", "employee_count", "business_drivers",
        "revenue_model", "differentiation",
    )  # fmt: skip

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    website = models.URLField(blank=True)
    country = CountryField()
    territories = models.ManyToManyField(Territory, blank=True, related_name="partners")
    segments = models.ManyToManyField(Segment, blank=True, related_name="partners")
    partner_type = models.CharField("type", max_length=30, choices=Type.choices)
    synergy_type = models.CharField(max_length=30, choices=Synergy.choices, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROSPECT)
    tier = models.ForeignKey(
        ProgramTier, on_delete=models.PROTECT, null=True, blank=True, related_name="partners"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_partners",
        limit_choices_to=vendor_staff_condition,
        help_text="The channel manager who owns the relationship.",
    )
    employee_count = models.PositiveIntegerField(null=True, blank=True)
    annual_revenue = models.DecimalField(
        "annual revenue",
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    product_position = models.CharField(
        "our product in their portfolio",
        max_length=10,
        choices=ProductPosition.choices,
        blank=True,
    )
    description = LimitedTextField("about the company", max_length=LONG_TEXT, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    business_drivers = LimitedTextField(max_length=LONG_TEXT, blank=True)
    revenue_model = LimitedTextField("how they make money", max_length=LONG_TEXT, blank=True)
    differentiation = LimitedTextField("how they differentiate", max_length=LONG_TEXT, blank=True)
    joined_on = models.DateField(null=True, blank=True, validators=[plausible_date])
    exited_on = models.DateField(
        _("exited on"),
        null=True,
        blank=True,
        validators=[plausible_date],
        help_text=_(
            "The day the partnership ended: from then on the partner's users cannot sign in. "
            "Set when the status becomes exited."
        ),
    )
    internal_notes = LimitedTextField(
        max_length=LONG_TEXT, blank=True, help_text="Never shown to the partner."
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="partner_unique_name_per_country",
                violation_error_message="A partner with this name already exists in this country.",
            ),
            models.CheckConstraint(
                condition=models.Q(annual_revenue__gte=0), name="partner_revenue_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PartnerStatus.values),
                name="partner_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(partner_type__in=PartnerType.values),
                name="partner_type_valid",
            ),
            # An exit date belongs to a partner on its way out or gone. (An exited partner
            # without one, written around the services, counts as exited since always: see
            # `access_ends_on`.)
            models.CheckConstraint(
                condition=models.Q(exited_on__isnull=True)
                | models.Q(status__in=[PartnerStatus.EXITING, PartnerStatus.EXITED]),
                name="partner_exit_date_only_when_exiting",
                violation_error_message="Only an exiting or exited partner has an exit date.",
            ),
        ]
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["status", "name"]),
            models.Index(fields=["partner_type", "name"]),
            models.Index(fields=["country", "name"]),
            models.Index(fields=["-created_at"]),
            models.Index(fields=["annual_revenue"]),
            models.Index(fields=["joined_on"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:partner-detail", kwargs={"slug": self.slug})

    # A service that says why it changes the partner (a tier change) sets `audit_reason`;
    # auditlog stores it with the change. An audit hook, not business logic.
    audit_reason = ""

    def get_additional_data(self):
        return {"reason": self.audit_reason} if self.audit_reason else None

    @property
    def access_ends_on(self):
        """The first day the partner's users may not sign in: the exit date; for an exited
        partner without one, the earliest date (fail closed); None while it stays."""
        if self.exited_on is None and self.status == PartnerStatus.EXITED:
            return datetime.date.min
        return self.exited_on

    def has_exited(self, on=None) -> bool:
        """Whether the partnership has ended by `on` (today by default)."""
        ends_on = self.access_ends_on
        return ends_on is not None and ends_on <= (on or timezone.localdate())


class PartnerMembership(VersionedModel, TimeStampedModel):
    """A partner user's access to the portal: exactly one partner per user."""

    class Role(models.TextChoices):
        PARTNER_ADMIN = "partner_admin", _("Partner admin")
        MEMBER = "member", _("Member")
        VIEWER = "viewer", _("Viewer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_membership"
    )
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    contact = models.OneToOneField(
        "Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portal_membership",
        help_text="The person at the partner this login belongs to.",
    )

    class Meta:
        ordering = ["partner__name", "user__username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["partner_admin", "member", "viewer"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} at {self.partner} ({self.get_role_display()})"

    @property
    def is_partner_admin(self) -> bool:
        return self.role == self.Role.PARTNER_ADMIN

    @property
    def is_viewer(self) -> bool:
        return self.role == self.Role.VIEWER

    @property
    def can_contribute(self) -> bool:
        """Registers deals, claims, requests certifications…: everyone but a viewer."""
        return self.role != self.Role.VIEWER

    @property
    def is_deactivated(self) -> bool:
        """A deactivated portal user keeps their row (history points at it) but cannot sign in."""
        return not self.user.is_active


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (possibly expired)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self, now=None):
        """Open and not yet expired: waiting for the invitee."""
        return self.open().filter(expires_at__gt=now or timezone.now())


class Invitation(TimeStampedModel):
    """A partner admin (or vendor staff) asks a colleague to join the portal with a role.

    The link sent by email carries a signed token; only its hash is stored, so a copy of the
    database opens no account. An invitation is used once, expires, and can be revoked.
    """

    Role = PartnerMembership.Role

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("last sent at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation_accepted",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["partner_admin", "member", "viewer"]),
                name="invitation_role_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="invitation_not_accepted_and_revoked",
            ),
            # One open invitation per address and partner: a second invite resends the first.
            models.UniqueConstraint(
                Lower("email"),
                "partner",
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
                violation_error_message="This address already has an open invitation.",
            ),
        ]
        indexes = [models.Index(fields=["partner", "-created_at"])]

    def __str__(self):
        return f"{self.email} to {self.partner} ({self.get_role_display()})"

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def status_label(self):
        return {
            "accepted": _("Accepted"),
            "revoked": _("Revoked"),
            "expired": _("Expired"),
            "pending": _("Pending"),
        }[self.status]

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class OrgUnit(VersionedModel, TimeStampedModel):
    """A department or team inside a partner; units form a tree through `parent`."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="org_units")
    name = models.CharField(max_length=120)
    # RESTRICT: a unit with sub-units cannot be deleted alone, but goes with its partner.
    parent = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["partner", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "parent", "name"],
                name="orgunit_unique_name_under_parent",
                nulls_distinct=False,
                violation_error_message="This unit already has a sub-unit with that name.",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="orgunit_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name


class ContactQuerySet(models.QuerySet):
    def current(self):
        """People still at the partner (those who left stay in history, off the chart)."""
        return self.filter(left_on__isnull=True)


class Contact(VersionedModel, TimeStampedModel):
    """A person at a partner: a fact the partner may see and help keep right."""

    # What a partner user may read about their colleagues through the portal API.
    PORTAL_FIELDS = (
        "id", "first_name", "last_name", "title", "org_unit", "reports_to", "email", "phone",
    )  # fmt: skip

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    title = models.CharField("job title", max_length=150, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    reports_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="direct_reports"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    left_on = models.DateField(
        validators=[plausible_date],
        null=True,
        blank=True,
        help_text="Set when the person has left the partner.",
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "partner",
                condition=~models.Q(email=""),
                name="contact_unique_email_per_partner",
                violation_error_message="Another contact at this partner has this email.",
            ),
            models.CheckConstraint(
                condition=~models.Q(reports_to=models.F("id")), name="contact_not_own_manager"
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "left_on"]),
            # The API lists people by name across all partners (tens of thousands of rows).
            models.Index(fields=["last_name", "first_name", "id"], name="contact_by_name_idx"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_left(self) -> bool:
        return self.left_on is not None


# One module per area past the registry's own models (imported last: they refer to the above).
from .announcements import *  # noqa: E402,F401,F403
from .corrections import *  # noqa: E402,F401,F403
