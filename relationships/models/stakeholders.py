"""Our judgement of the people at each partner. Internal only: nothing here reaches the portal."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partners.models import Contact, Partner
from prm.lib.validators import plausible_date
from prm.models import (
    LONG_TEXT,
    SHORT_TEXT,
    LimitedTextField,
    TimeStampedModel,
    VersionedModel,
    vendor_staff_condition,
)

STAFF_ONLY = vendor_staff_condition  # our own people: owners of analyses, plans, actions


class Stance(models.TextChoices):
    SUPPORTER = "supporter", "Supporter"
    NEUTRAL = "neutral", "Neutral"
    NON_SUPPORTER = "non_supporter", "Non-supporter"


class Strategy(models.TextChoices):
    LEVERAGE = "leverage", "Leverage"
    MOTIVATE = "motivate", "Motivate"
    NEUTRALIZE = "neutralize", "Neutralize"


STRATEGY_FOR_STANCE = {
    Stance.SUPPORTER: Strategy.LEVERAGE,
    Stance.NEUTRAL: Strategy.MOTIVATE,
    Stance.NON_SUPPORTER: Strategy.NEUTRALIZE,
}
STRATEGY_MEANING = {
    Strategy.LEVERAGE: (
        "A supporter: involve them, ask them to open doors and speak for us internally, and keep "
        "them equipped with wins and information they can use."
    ),
    Strategy.MOTIVATE: (
        "Neutral: find what they care about, show the value we bring to their objectives and "
        "build the relationship step by step until they support us."
    ),
    Strategy.NEUTRALIZE: (
        "A non-supporter: understand their objections, reduce their influence on decisions that "
        "matter to us (work through supporters around them) and address concerns openly."
    ),
}


class DecisionOrientation(models.TextChoices):
    STRATEGIC = "strategic", "Strategic (final business decisions)"
    TACTICAL = "tactical", "Tactical (shapes and recommends)"
    OPERATIONAL = "operational", "Operational (executes)"


class Adaptability(models.TextChoices):
    INNOVATOR = "innovator", "Innovator"
    VISIONARY = "visionary", "Visionary"
    PRAGMATIST = "pragmatist", "Pragmatist"
    CONSERVATIVE = "conservative", "Conservative"
    SCEPTIC = "sceptic", "Sceptic"


class RelationshipLevel(models.IntegerChoices):
    NONE = 1, "None"
    AWARE = 2, "Aware"
    TRANSACTIONAL = 3, "Transactional"
    TRUSTED = 4, "Trusted"
    ADVOCATE = 5, "Advocate"


class Influence(models.IntegerChoices):
    MINIMAL = 1, "1 – minimal"
    LOW = 2, "2 – low"
    MODERATE = 3, "3 – moderate"
    HIGH = 4, "4 – high"
    DECISIVE = 5, "5 – decisive"


class StakeholderQuerySet(models.QuerySet):
    def current(self):
        return self.filter(contact__left_on__isnull=True)

    def influential(self, minimum: int = 4):
        return self.filter(influence__gte=minimum)


class Stakeholder(VersionedModel, TimeStampedModel):
    """Our analysis of one contact. The strategy follows from the stance and is never stored."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="stakeholder")
    # The contact's partner, kept here so "one champion per partner" is a database constraint.
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="stakeholders")
    formal_responsibilities = LimitedTextField(max_length=LONG_TEXT, blank=True)
    business_objectives = LimitedTextField(max_length=LONG_TEXT, blank=True)
    decides_alone = LimitedTextField("decides alone", max_length=LONG_TEXT, blank=True)
    influences = LimitedTextField("influences", max_length=LONG_TEXT, blank=True)
    influence = models.PositiveSmallIntegerField(
        choices=Influence.choices, default=Influence.MODERATE
    )
    decision_orientation = models.CharField(
        max_length=12, choices=DecisionOrientation.choices, default=DecisionOrientation.TACTICAL
    )
    adaptability = models.CharField(
        "adaptability to change",
        max_length=12,
        choices=Adaptability.choices,
        default=Adaptability.PRAGMATIST,
    )
    relationship_level = models.PositiveSmallIntegerField(
        choices=RelationshipLevel.choices, default=RelationshipLevel.AWARE
    )
    stance = models.CharField(max_length=14, choices=Stance.choices, default=Stance.NEUTRAL)
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_stakeholders",
        limit_choices_to=STAFF_ONLY,
        help_text="Who on our side owns the relationship (coverage).",
    )
    cadence_days = models.PositiveSmallIntegerField(
        "desired contact cadence (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    is_champion = models.BooleanField("champion", default=False)
    champion_reason = LimitedTextField(max_length=SHORT_TEXT, blank=True)
    # The latest logged interaction and, from it, when the next contact is due. Both are kept by
    # the services (`set_last_interaction`) so cadence checks over a year of interactions stay
    # one indexed comparison instead of an aggregate (or date arithmetic) per page.
    last_interaction_on = models.DateField(
        null=True, blank=True, editable=False, validators=[plausible_date]
    )
    next_contact_due_on = models.DateField(
        null=True, blank=True, editable=False, validators=[plausible_date]
    )

    objects = StakeholderQuerySet.as_manager()

    class Meta:
        ordering = ["-influence", "contact__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5),
                name="stakeholder_influence_1_to_5",
                violation_error_message="Influence goes from 1 to 5.",
            ),
            models.CheckConstraint(
                condition=models.Q(relationship_level__gte=1, relationship_level__lte=5),
                name="stakeholder_level_1_to_5",
                violation_error_message="Relationship level goes from 1 to 5.",
            ),
            models.CheckConstraint(
                condition=models.Q(stance__in=Stance.values), name="stakeholder_stance_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(decision_orientation__in=DecisionOrientation.values),
                name="stakeholder_orientation_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(adaptability__in=Adaptability.values),
                name="stakeholder_adaptability_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(cadence_days__gte=1, cadence_days__lte=365),
                name="stakeholder_cadence_1_to_365",
                violation_error_message="The contact cadence is between 1 and 365 days.",
            ),
            models.UniqueConstraint(
                fields=["partner"],
                condition=models.Q(is_champion=True),
                name="stakeholder_one_champion_per_partner",
                violation_error_message="This partner already has a champion.",
            ),
            models.CheckConstraint(
                condition=models.Q(is_champion=False) | ~models.Q(champion_reason=""),
                name="stakeholder_champion_has_reason",
                violation_error_message="Say why this person is the champion.",
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "stance", "influence"]),
            models.Index(fields=["influence", "stance"]),
            models.Index(fields=["last_interaction_on"]),
            models.Index(fields=["next_contact_due_on"]),
        ]

    def __str__(self):
        return str(self.contact)

    def get_absolute_url(self):
        return reverse("relationships:stakeholder-detail", kwargs={"pk": self.pk})

    def set_last_interaction(self, occurred_on) -> None:
        """Record the latest interaction and derive when the next contact is due."""
        self.last_interaction_on = occurred_on
        self.next_contact_due_on = (
            None if occurred_on is None else occurred_on + timedelta(days=self.cadence_days)
        )

    def is_out_of_cadence(self, today) -> bool:
        return self.next_contact_due_on is None or self.next_contact_due_on < today

    @property
    def strategy(self) -> str:
        return STRATEGY_FOR_STANCE[self.stance]

    def get_strategy_display(self) -> str:
        return Strategy(self.strategy).label

    @property
    def strategy_meaning(self) -> str:
        return STRATEGY_MEANING[self.strategy]


class RelationshipPlan(VersionedModel, TimeStampedModel):
    """The individual relationship plan for one stakeholder who matters."""

    stakeholder = models.OneToOneField(Stakeholder, on_delete=models.CASCADE, related_name="plan")
    position_and_responsibilities = LimitedTextField(
        "position and formal responsibilities", max_length=LONG_TEXT
    )
    business_objectives = LimitedTextField(max_length=LONG_TEXT, blank=True)
    value_we_provide = LimitedTextField("the value we provide", max_length=LONG_TEXT, blank=True)
    how_to_build_more_value = LimitedTextField(
        "how we build more value", max_length=LONG_TEXT, blank=True
    )
    decisions_and_influence = LimitedTextField(
        "what they decide alone and what they influence", max_length=LONG_TEXT, blank=True
    )
    current_relationship = LimitedTextField(
        "current relationship and strategy",
        max_length=LONG_TEXT,
        blank=True,
        help_text="How we stand today; the strategy itself follows from the stance.",
    )
    communication_frequency = models.CharField(
        "how often we communicate", max_length=200, blank=True
    )
    value_communication = LimitedTextField(
        "how we will communicate our value", max_length=LONG_TEXT, blank=True
    )
    related_stakeholders = models.ManyToManyField(
        Stakeholder,
        blank=True,
        related_name="mentioned_in_plans",
        help_text="Other individuals who need a plan.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="relationship_plans",
        limit_choices_to=STAFF_ONLY,
    )
    review_on = models.DateField("next review", validators=[plausible_date])

    class Meta:
        ordering = ["review_on"]
        indexes = [models.Index(fields=["review_on"])]

    def __str__(self):
        return f"Plan for {self.stakeholder}"

    def get_absolute_url(self):
        return reverse("relationships:plan-detail", kwargs={"pk": self.pk})


class EngagementAction(VersionedModel, TimeStampedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="engagement_actions"
    )
    title = models.CharField("what", max_length=200)
    notes = LimitedTextField(max_length=LONG_TEXT, blank=True)
    stakeholders = models.ManyToManyField(
        Stakeholder, blank=True, related_name="engagement_actions", verbose_name="for whom"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="engagement_actions",
        limit_choices_to=STAFF_ONLY,
    )
    due_on = models.DateField("due", validators=[plausible_date])
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField(null=True, blank=True, validators=[plausible_date])

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "in_progress", "done", "cancelled"]),
                name="engagement_action_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["partner", "status", "due_on"])]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Interaction(VersionedModel, TimeStampedModel):
    class Channel(models.TextChoices):
        MEETING = "meeting", "Meeting"
        CALL = "call", "Call"
        VIDEO = "video", "Video call"
        EMAIL = "email", "Email"
        EVENT = "event", "Event"
        SOCIAL = "social", "Social / informal"

    class Sentiment(models.IntegerChoices):
        NEGATIVE = -1, "Negative"
        NEUTRAL = 0, "Neutral"
        POSITIVE = 1, "Positive"

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="interactions")
    occurred_on = models.DateField("date", validators=[plausible_date])
    # Who took part: any of the partner's people, analysed or not.
    contacts = models.ManyToManyField(
        Contact, related_name="interactions", verbose_name="with whom"
    )
    # Those of them we have analysed, kept by the services from `contacts` (and when someone is
    # analysed later): scoring, cadence and recency read only this link, so a person without an
    # analysis never counts as an assessment, and the scoring stays one pass over one link table.
    stakeholders = models.ManyToManyField(Stakeholder, related_name="interactions", blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sentiment = models.SmallIntegerField(choices=Sentiment.choices, default=Sentiment.NEUTRAL)
    notes = LimitedTextField(max_length=LONG_TEXT, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="logged_interactions"
    )

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sentiment__gte=-1, sentiment__lte=1),
                name="interaction_sentiment_valid",
            ),
        ]
        indexes = [models.Index(fields=["partner", "-occurred_on"])]

    def __str__(self):
        return f"{self.get_channel_display()} on {self.occurred_on}"


class RelationshipObjective(VersionedModel, TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACHIEVED = "achieved", "Achieved"
        MISSED = "missed", "Missed"
        DROPPED = "dropped", "Dropped"

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="relationship_objectives"
    )
    title = models.CharField(
        max_length=200, help_text="e.g. Move the CFO from neutral to supporter."
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objectives",
    )
    target_stance = models.CharField(max_length=14, choices=Stance.choices, blank=True)
    target_level = models.PositiveSmallIntegerField(
        choices=RelationshipLevel.choices, null=True, blank=True
    )
    due_on = models.DateField("by", validators=[plausible_date])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="relationship_objectives",
        limit_choices_to=STAFF_ONLY,
    )
    notes = LimitedTextField(max_length=SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["open", "achieved", "missed", "dropped"]),
                name="objective_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(target_level__isnull=True)
                | models.Q(target_level__gte=1, target_level__lte=5),
                name="objective_target_level_1_to_5",
            ),
        ]

    def __str__(self):
        return self.title
