"""Performance audits: a partner scored 1–5 on fifteen named criteria in four areas.

The weighted total and the class are derived (performance.audit_result), never stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.lookups import Exact
from django.urls import reverse

from prm.lib.validators import plausible_date
from prm.models import LONG_TEXT, SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = [
    "AREAS",
    "CRITERIA",
    "SCORE_MAX",
    "SCORE_MIN",
    "AuditWeights",
    "PerformanceAudit",
    "PerformanceAuditAction",
]

SCORE_MIN, SCORE_MAX = 1, 5

# area key, label, criteria (field name, label) — the order of the audit form.
AREAS = (
    ("deliver", "Ability to deliver", (
        ("deliver_scale", "Scale"),
        ("deliver_interest", "Interest in the relationship"),
        ("deliver_energy", "Energy invested"),
        ("deliver_trust", "Trust and transparency"),
        ("deliver_enablement", "Enablement working"),
    )),
    ("sweet_spot", "Focus on the sweet spot", (
        ("sweet_spot_alignment", "Alignment with our target segments"),
        ("sweet_spot_customers", "Customer base in them"),
        ("sweet_spot_marketing", "Marketing plans"),
    )),
    ("territory", "Territory alignment", (
        ("territory_coverage", "Coverage of our territory"),
        ("territory_languages", "Language skills"),
        ("territory_location", "Location"),
    )),
    ("revenue", "Revenue potential", (
        ("revenue_quarter", "This quarter"),
        ("revenue_year", "This year"),
        ("revenue_scale", "Scale"),
    )),
)  # fmt: skip
CRITERIA = tuple(name for _, _, criteria in AREAS for name, _ in criteria)


class PerformanceAudit(VersionedModel, TimeStampedModel):
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="performance_audits"
    )
    audited_on = models.DateField(validators=[plausible_date])
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="performance_audits"
    )
    share_with_partner = models.BooleanField(
        default=False, help_text="Show the scores (never the notes) in the partner's portal."
    )
    summary = LimitedTextField(
        max_length=LONG_TEXT, blank=True, help_text="Internal summary of the audit."
    )

    class Meta:
        ordering = ["-audited_on", "-pk"]
        indexes = [models.Index(fields=["partner", "-audited_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__gte": SCORE_MIN, f"{name}__lte": SCORE_MAX}),
                name=f"audit_{name}_1_to_5",
            )
            for name in CRITERIA
        ]

    def __str__(self):
        return f"Audit of {self.partner} on {self.audited_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("performance:audit-detail", args=[self.pk])

    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in CRITERIA}


for _name in CRITERIA:
    PerformanceAudit.add_to_class(_name, models.PositiveSmallIntegerField())
    PerformanceAudit.add_to_class(
        f"{_name}_note", LimitedTextField(max_length=SHORT_TEXT, blank=True)
    )


class PerformanceAuditAction(VersionedModel, TimeStampedModel):
    """A follow-up action agreed from an audit."""

    audit = models.ForeignKey(PerformanceAudit, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_actions"
    )
    due = models.DateField(null=True, blank=True, validators=[plausible_date])
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["done", "due", "pk"]

    def __str__(self):
        return self.what


class AuditWeights(VersionedModel, TimeStampedModel):
    """How much each area counts in the total, in percent (summing to 100). One set is current."""

    deliver = models.PositiveSmallIntegerField("ability to deliver", default=25)
    sweet_spot = models.PositiveSmallIntegerField("focus on the sweet spot", default=25)
    territory = models.PositiveSmallIntegerField("territory alignment", default=25)
    revenue = models.PositiveSmallIntegerField("revenue potential", default=25)
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = "audit weights"
        verbose_name_plural = "audit weights"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    deliver__lte=100, sweet_spot__lte=100, territory__lte=100, revenue__lte=100
                ),
                name="audit_weights_at_most_100",
            ),
            models.CheckConstraint(
                condition=Exact(
                    F("deliver") + F("sweet_spot") + F("territory") + F("revenue"), 100
                ),
                name="audit_weights_sum_to_100",
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="audit_weights_one_current",
            ),
        ]

    def __str__(self):
        return (
            f"Deliver {self.deliver} · sweet spot {self.sweet_spot} · "
            f"territory {self.territory} · revenue {self.revenue}"
        )

    def as_dict(self) -> dict[str, int]:
        return {key: getattr(self, key) for key, _, _ in AREAS}
