"""Deal registrations: a partner claims an opportunity; we check conflicts, approve or reject."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from prm.lib.money import Currency, currency_field
from prm.lib.validators import plausible_date
from prm.models import LONG_TEXT, SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = [
    "DealRegistration", "DealStatus", "Currency", "DEFAULT_PROTECTION_DAYS", "queue_waiting",
    "queue_since",
]  # fmt: skip

DEFAULT_PROTECTION_DAYS = 90


class DealStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")
    LAPSED = "lapsed", _("Lapsed")


# The decision queue's order (selectors.deals.deal_queue): registrations awaiting a decision
# first, oldest first, then the rest, newest first. An index holds the same expressions, so a
# page of the queue is read in order instead of sorting every registration.
def queue_waiting():
    """0 for a registration awaiting a decision, 1 for the rest."""
    return models.Case(
        models.When(status=DealStatus.SUBMITTED, then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )


def queue_since():
    """When a registration awaiting a decision was submitted; NULL for the rest."""
    return models.Case(models.When(status=DealStatus.SUBMITTED, then=models.F("created_at")))


class DealRegistrationQuerySet(models.QuerySet):
    def open(self, *, today):
        """Open for conflicts: submitted, or approved with protection not yet expired."""
        return self.filter(
            models.Q(status=DealStatus.SUBMITTED)
            | models.Q(status=DealStatus.APPROVED, protection_until__gte=today)
        )

    def overlapping(self, *, start, end):
        """Registrations whose period meets `start`–`end`: a registration runs from the day it
        was registered to its expected close or the end of its protection, whichever is later."""
        period_end = Greatest(
            "expected_close_on", Coalesce("protection_until", "expected_close_on")
        )
        return self.alias(period_end=period_end).filter(
            created_at__date__lte=end, period_end__gte=start
        )

    def annotate_conflicts(self):
        """`conflict_count`: conflicts found at submission plus later ones that found this.

        Counted in correlated subqueries: joining both directions of the relation and counting
        distinct multiplies the rows of every page by its conflicts before grouping them."""
        links = self.model.conflicts.through.objects

        def count(side):
            return Coalesce(
                models.Subquery(
                    links.filter(**{side: models.OuterRef("pk")})
                    .order_by()
                    .values(side)
                    .annotate(n=models.Count("pk"))
                    .values("n")
                ),
                0,
            )

        return self.annotate(
            conflict_count=count("from_dealregistration") + count("to_dealregistration")
        )


class DealRegistration(VersionedModel, TimeStampedModel):
    Status = DealStatus
    Currency = Currency

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="deal_registrations"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registered_deals"
    )
    customer_name = models.CharField(max_length=200)
    # Stored normalised (see services.normalise_customer_name): what conflicts are matched on.
    customer_key = models.CharField(max_length=200, editable=False, db_index=True)
    customer_domain = models.CharField(
        max_length=200, db_index=True, help_text="The customer's web domain, e.g. example.com."
    )
    country = CountryField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    currency = currency_field()
    expected_close_on = models.DateField("expected close", validators=[plausible_date])
    products = LimitedTextField(
        max_length=SHORT_TEXT, help_text="Which of our products the customer will buy."
    )
    notes = LimitedTextField(max_length=LONG_TEXT, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_deals",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = LimitedTextField(
        max_length=SHORT_TEXT, blank=True, help_text="The partner sees this."
    )
    protection_until = models.DateField(null=True, blank=True, validators=[plausible_date])
    closed_at = models.DateTimeField(null=True, blank=True)
    conflicts = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="conflicted_by",
        help_text="Open registrations for the same customer found at submission.",
    )  # fmt: skip

    objects = DealRegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gt=0), name="deal_value_positive"),
            models.CheckConstraint(
                condition=models.Q(currency__in=Currency.values), name="deal_currency_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DealStatus.values), name="deal_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(customer_domain="") & ~models.Q(customer_key=""),
                name="deal_customer_identified",
            ),
            models.CheckConstraint(
                condition=models.Q(status=DealStatus.SUBMITTED)
                | models.Q(decided_by__isnull=False, decided_at__isnull=False),
                name="deal_decision_recorded",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DealStatus.REJECTED) | ~models.Q(rejection_reason=""),
                name="deal_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(
                    status__in=[
                        DealStatus.APPROVED,
                        DealStatus.WON,
                        DealStatus.LOST,
                        DealStatus.LAPSED,
                    ]
                )
                | models.Q(protection_until__isnull=False),
                name="deal_approval_has_protection",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="deal_status_created_idx"),
            models.Index(
                queue_waiting(),
                queue_since(),
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="deal_queue_order_idx",
            ),
        ]

    def __str__(self):
        return f"{self.customer_name} ({self.partner})"

    def get_absolute_url(self):
        return reverse("performance:deal-detail", args=[self.pk])

    @property
    def is_decidable(self) -> bool:
        return self.status == DealStatus.SUBMITTED

    @property
    def is_closable(self) -> bool:
        return self.status in (DealStatus.APPROVED, DealStatus.LAPSED)
