"""Scoring: a run scores every partner as of a date; each score keeps the components that
explain it ("why 42?"). The engine is performance.scoring; the settings admins edit are
ScoringWeights (one set current; a run keeps the set it used)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from prm.lib.validators import plausible_date
from prm.models import SHORT_TEXT, LimitedTextField, TimeStampedModel, VersionedModel

__all__ = ["SCORES", "PartnerScore", "ScoreRun", "ScoringWeights"]

# The four scores, in the order pages show them. Plain strings (charts serialise them); the
# portal's templates translate them where they show them.
SCORES = (
    ("relationship", gettext_noop("Relationship")),
    ("performance", gettext_noop("Performance")),
    ("engagement", gettext_noop("Engagement")),
    ("health", gettext_noop("Health")),
)


class ScoringWeights(VersionedModel, TimeStampedModel):
    """How the health score weighs the three others (percent, summing to 100), and the
    thresholds the engine and its alerts use. Admins edit them; one set is current."""

    relationship = models.PositiveSmallIntegerField(default=40)
    performance = models.PositiveSmallIntegerField(default=35)
    engagement = models.PositiveSmallIntegerField(default=25)
    interaction_half_life_days = models.PositiveSmallIntegerField(
        default=45, help_text="After this many days an interaction counts half as much."
    )
    underperformer_attainment = models.PositiveSmallIntegerField(
        default=70, help_text="Attainment (percent) below which a closed period counts as missed."
    )
    underperformer_periods = models.PositiveSmallIntegerField(
        default=2, help_text="Consecutive missed periods that make an under-performer candidate."
    )
    health_drop_alert = models.PositiveSmallIntegerField(
        default=15, help_text="A health drop of at least this many points since the last run "
        "raises an alert."
    )  # fmt: skip
    rules_change_limit = models.PositiveSmallIntegerField(
        default=2, help_text="More new versions of the rules of engagement than this within the "
        "window raise a program-wide alert."
    )  # fmt: skip
    rules_change_window_days = models.PositiveSmallIntegerField(
        default=90, help_text="The window, in days, in which new versions of the rules count."
    )
    is_current = models.BooleanField(default=True)
    note = LimitedTextField(max_length=SHORT_TEXT, blank=True, help_text="Why these weights.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = "scoring weights"
        verbose_name_plural = "scoring weights"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(F("relationship") + F("performance") + F("engagement"), 100),
                name="scoring_weights_sum_to_100",
            ),
            models.CheckConstraint(
                condition=Q(
                    underperformer_attainment__lte=200,
                    health_drop_alert__lte=100,
                    interaction_half_life_days__gte=1,
                    underperformer_periods__gte=1,
                ),
                name="scoring_weights_thresholds_in_range",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(rules_change_window_days__gte=7, rules_change_window_days__lte=730),
                name="scoring_weights_rules_window_in_range",
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="scoring_weights_one_current",
            ),  # fmt: skip
        ]

    def __str__(self):
        return (
            f"Relationship {self.relationship} · performance {self.performance} · "
            f"engagement {self.engagement}"
        )

    def health_weights(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in ("relationship", "performance", "engagement")}


class ScoreRun(TimeStampedModel):
    """One scoring of every partner (or one) with what was known on `as_of`. A run for a date
    that already has one replaces its rows: one run per date, rebuilt, never duplicated."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    as_of = models.DateField(unique=True, validators=[plausible_date])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    weights = models.ForeignKey(ScoringWeights, on_delete=models.PROTECT, related_name="runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="Empty: the schedule.",
    )  # fmt: skip
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    partners_total = models.PositiveIntegerField(default=0)
    partners_done = models.PositiveIntegerField(default=0)
    statements = models.PositiveIntegerField(default=0, help_text="SQL statements issued.")
    error = LimitedTextField(max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["-as_of"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partners_done__lte=F("partners_total")),
                name="score_run_done_within_total",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(finished_at__isnull=False),
                name="score_run_done_has_finish",
            ),
        ]

    def __str__(self):
        return f"Scores as of {self.as_of:%d %b %Y} ({self.get_status_display().lower()})"

    @property
    def progress_percent(self) -> int:
        return round(100 * self.partners_done / self.partners_total) if self.partners_total else 0

    @property
    def is_active(self) -> bool:
        """Waiting for a worker or running (or abandoned there: see `is_abandoned`)."""
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def is_abandoned(self) -> bool:
        """Active, but without progress for SCORING_STALE_AFTER_MINUTES: its worker is gone,
        and a new start for its date takes it over."""
        stale_after = datetime.timedelta(minutes=settings.SCORING_STALE_AFTER_MINUTES)
        return self.is_active and self.updated_at <= timezone.now() - stale_after

    @property
    def is_in_progress(self) -> bool:
        return self.is_active and not self.is_abandoned

    @property
    def elapsed(self) -> datetime.timedelta | None:
        """Time taken by its latest start: until it finished, failed (its last update) or now."""
        if self.started_at is None:
            return None
        if self.status == self.Status.DONE and self.finished_at is not None:
            end = self.finished_at
        elif self.status == self.Status.FAILED or self.is_abandoned:
            end = self.updated_at
        else:
            end = timezone.now()
        return max(end - self.started_at, datetime.timedelta(0))


def _score_field():
    return models.DecimalField(max_digits=4, decimal_places=1)


class PartnerScore(TimeStampedModel):
    """A partner's four scores in one run, with their components:

    `components` is a list of {"score", "key", "label", "value" (0–100), "weight" (percent of
    its score), "points" (what it adds to the score), "evidence" (a sentence), "fix" (where
    to act: a partner tab key or "")}. A score is the sum of its components' points."""

    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="scores")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="scores")
    relationship = _score_field()
    performance = _score_field()
    engagement = _score_field()
    health = _score_field()
    components = models.JSONField(default=list)

    class Meta:
        ordering = ["-run__as_of", "partner_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "partner"], name="partner_score_once_per_run"),
            models.CheckConstraint(
                condition=Q(
                    relationship__gte=0,
                    relationship__lte=100,
                    performance__gte=0,
                    performance__lte=100,
                    engagement__gte=0,
                    engagement__lte=100,
                    health__gte=0,
                    health__lte=100,
                ),
                name="partner_score_0_to_100",
            ),  # fmt: skip
        ]
        indexes = [models.Index(fields=["partner", "run"], name="partner_score_history_idx")]

    def __str__(self):
        return f"{self.partner} · health {self.health} ({self.run.as_of:%d %b %Y})"
