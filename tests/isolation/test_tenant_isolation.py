"""Tenant isolation, proven route by route: a partner user of A reaches nothing of partner B and
nothing internal, whatever id they put in a portal URL or an API call.

Every portal page and API endpoint is discovered from the URL configuration. A route that takes
an id is requested with the ids of B's objects (and of internal-only objects), with every
method: each answer must be 403, 404 or 405. A route that takes no id must be listed in
`NO_FOREIGN_ID`; it may answer 200, but no answer may carry B's data or an internal field, and
no write may change B's data. A new route that neither `RESOURCES` nor `NO_FOREIGN_ID` covers
fails its test, saying where to add it.
"""

import datetime
import io
import json
import re
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import Case, Count, Max, Value, When
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from partners.models import Partner, PartnerMembership
from performance.models import (
    Alert,
    DealRegistration,
    PartnerScore,
    PerformanceAudit,
    PerformanceAuditAction,
    Review,
    ScoreRun,
    ScoringWeights,
)
from planning.models import Escalation
from relationships.models import CultureAssessment, Feedback, Stakeholder

PORTAL_PREFIX = "portal/"
API_PREFIX = "api/"
METHODS = ("get", "post", "put", "patch", "delete")
DENIED = {403, 404, 405}

# Models of relationships that belong to the partner and reach its users (everything else of
# relationships is internal, A's own included).
PARTNER_FACING = {"relationships.Survey", "relationships.SurveyResponse", "relationships.Feedback"}

# Where each partner-owned model says whose it is: the lookup from the model to its partner.
# Every model of the domain apps is here or in REFERENCE_DATA (test_every_model_is_classified).
OWNER_PATH = {
    "planning.Escalation": "partner",
    # Internal only: our decision on an under-performer (A's own is foreign too).
    "planning.UnderperformerReview": "partner",
    "partners.Partner": "pk",
    "partners.PartnerMembership": "partner",
    "partners.Invitation": "partner",
    "partners.OrgUnit": "partner",
    "partners.Contact": "partner",
    "partners.ContactCorrection": "partner",
    "relationships.CultureAssessment": "partner",
    "relationships.CultureRating": "assessment__partner",
    "relationships.Stakeholder": "partner",
    "relationships.RelationshipPlan": "stakeholder__partner",
    "relationships.EngagementAction": "partner",
    "relationships.Interaction": "partner",
    "relationships.RelationshipObjective": "partner",
    # The partner's own voice: its surveys and answers reach its users (not internal).
    "relationships.Survey": "partner",
    "relationships.SurveyResponse": "survey__partner",
    # What partners send us: each partner's own (the one part of relationships they see).
    "relationships.Feedback": "partner",
    "performance.PerformanceAudit": "partner",
    "performance.PerformanceAuditAction": "audit__partner",
    "performance.DealRegistration": "partner",
    "performance.BusinessPlan": "partner",
    "performance.PlanAction": "plan__partner",
    "performance.Review": "partner",
    "performance.Target": "partner",
    "performance.TargetProposal": "target__partner",
    "performance.Actual": "partner",
    "performance.PartnerScore": "partner",
    "performance.Alert": "partner",
    "incentives.IncentiveClaim": "partner",
    "incentives.FundRequest": "partner",
    "incentives.ProofOfPerformance": "claim__partner",
    "incentives.Certification": "contact__partner",
    "incentives.Acknowledgement": "partner",
    "incentives.TierChange": "partner",
    # Shared between partners: B's are those A does not have.
    "partners.Territory": "partners",
    "partners.Segment": "partners",
}
# The program's and the vendor's reference data: nobody's in particular. What of it is internal
# (culture reference texts, audit weights, gated resources) is probed through `internal` ids.
REFERENCE_DATA = {
    "partners.ProgramTier", "partners.Announcement", "relationships.CultureDescriptor",
    "relationships.CultureGuideline",
    "performance.AuditWeights", "performance.ActualsImport", "performance.Metric",
    "performance.ScoringWeights", "performance.ScoreRun",
    "incentives.IncentiveProgram", "incentives.Course", "incentives.RulesOfEngagement",
    "incentives.TierRequirement", "incentives.Benefit", "incentives.Resource",
    # --- reach --- vendor-internal planning: staff only, nobody's in particular.
    "planning.ReachScenario", "planning.ReachScenarioSplit",
    # --- maturity --- (the vendor's own operations: internal, probed through `internal` ids)
    "planning.ChannelProcess", "planning.OperationsAssessment", "planning.ProcessRating",
}  # fmt: skip

# Routes that take an id: which object the id names. API routes by their resource (the first
# segment after /api/v1/), portal routes by their URL name. `shared` marks program reference
# data every partner may read (its detail may answer 200 to GET; every write is refused).
RESOURCES = {
    "api:partners": "partners.Partner",
    "api:underperformer-reviews": "planning.UnderperformerReview",
    "api:territories": "partners.Territory",
    "api:segments": "partners.Segment",
    "api:org-units": "partners.OrgUnit",
    "api:contacts": "partners.Contact",
    "api:contact-corrections": "partners.ContactCorrection",
    # Announcements are the program's, but a partner reads only the published ones meant for it:
    # the foreign ids are the unpublished and the not-targeted ones (`_add_internal_ids`).
    "api:announcements": "partners.Announcement",
    "api:memberships": "partners.PartnerMembership",
    "api:invitations": "partners.Invitation",
    "portal:team-member-role": "partners.PartnerMembership",
    "portal:team-member-deactivate": "partners.PartnerMembership",
    "portal:team-member-reactivate": "partners.PartnerMembership",
    "portal:team-invitation-resend": "partners.Invitation",
    "portal:team-invitation-revoke": "partners.Invitation",
    "api:stakeholders": "relationships.Stakeholder",
    "api:relationship-plans": "relationships.RelationshipPlan",
    "api:engagement-actions": "relationships.EngagementAction",
    "api:interactions": "relationships.Interaction",
    "api:relationship-objectives": "relationships.RelationshipObjective",
    "api:culture-assessments": "relationships.CultureAssessment",
    "api:culture-guidelines": "relationships.CultureGuideline",
    "api:culture-descriptors": "relationships.CultureDescriptor",
    "api:surveys": "relationships.Survey",
    "api:survey-responses": "relationships.SurveyResponse",
    "api:deal-registrations": "performance.DealRegistration",
    "api:performance-audits": "performance.PerformanceAudit",
    "api:targets": "performance.Target",
    "api:target-proposals": "performance.TargetProposal",
    "api:actuals": "performance.Actual",
    "api:business-plans": "performance.BusinessPlan",
    "api:plan-actions": "performance.PlanAction",
    "api:reviews": "performance.Review",
    "api:scores": "performance.PartnerScore",
    "api:score-runs": "performance.ScoreRun",
    "api:alerts": "performance.Alert",
    "api:program-tiers": "shared:partners.ProgramTier",
    "api:benefits": "shared:incentives.Benefit",
    "api:resources": "incentives.Resource",
    "api:courses": "shared:incentives.Course",
    "api:certifications": "incentives.Certification",
    "api:rules-of-engagement": "shared:incentives.RulesOfEngagement",
    "api:acknowledgements": "incentives.Acknowledgement",
    "api:incentive-programs": "shared:incentives.IncentiveProgram",
    "api:incentive-claims": "incentives.IncentiveClaim",
    "api:notifications": "prm.Notification",
    "api:feedback": "relationships.Feedback",
    "performance-portal:deal-detail": "performance.DealRegistration",
    "performance-portal:plan-action-status": "performance.PlanAction",
    "performance-portal:target-counter": "performance.Target",
    "performance-portal:target-accept": "performance.Target",
    "incentives-portal:resource-download": "incentives.Resource",
    "relationships-portal:survey-detail": "relationships.Survey",
    "api:fund-requests": "incentives.FundRequest",
    "incentives-portal:fund-request-detail": "incentives.FundRequest",
    "incentives-portal:fund-request-claim": "incentives.FundRequest",
    "incentives-portal:fund-request-cancel": "incentives.FundRequest",
    "incentives-portal:claim-proof-upload": "incentives.IncentiveClaim",
    "incentives-portal:proof-download": "incentives.ProofOfPerformance",
    # Escalations: a partner reads its own (never our internal notes); B's answer 404.
    "api:escalations": "planning.Escalation",
    "planning-portal:escalation-detail": "planning.Escalation",
    # --- reach ---
    "api:reach-scenarios": "planning.ReachScenario",
    # --- maturity ---
    "api:operations-assessments": "planning.OperationsAssessment",
}
# Routes that legitimately take no foreign id: the user's own lists, forms and home (and every
# API collection of a resource in RESOURCES). They may answer 200, never with B's data or an
# internal field.
NO_FOREIGN_ID = {
    "portal:home", "portal:profile-edit", "portal:people", "portal:announcement-list",
    # Addressed by a kind of correction; the person is chosen among the user's own people.
    "portal:correction-propose",
    "portal:team", "portal:team-invite",
    "performance-portal:deal-list", "performance-portal:deal-create",
    "performance-portal:audit-list", "performance-portal:plan-list",
    "performance-portal:target-list", "performance-portal:target-propose",
    "performance-portal:score-list",
    "incentives-portal:tier", "incentives-portal:resource-list",
    "incentives-portal:certification-list", "incentives-portal:certification-request",
    "incentives-portal:rules", "incentives-portal:claim-list", "incentives-portal:claim-create",
    "relationships-portal:survey-list",
    # Staff only (403 for partner users): our view beside the partner's answers.
    "api:perception-gaps:perception-gap-list",
    "relationships-portal:feedback-list", "relationships-portal:feedback-create",
    "incentives-portal:fund-request-list", "incentives-portal:fund-request-create",
    "api-token", "api-root", "api-schema", "api-docs",
    "api:stakeholders:stakeholder-by-partner", "api-search", "inbox:api-inbox",
    # One's own preferences, addressed by a kind of notification, never by anyone's id.
    "api:notification-preferences:notification-preference-list",
    "api:notification-preferences:notification-preference-detail",
    "api:notifications:notification-read-all",
    "planning-portal:escalation-list",
    # --- reach --- the calculator: staff only (403 for partner users), takes no id.
    "api:reach:reach-list",
}  # fmt: skip
# The API root lists resource names (e.g. `stakeholders`), not fields; its data (none) is still
# checked here. The schema is per role, so a partner user's names no internal field.
FIELD_NAMES_EXEMPT = {"api-root"}


@dataclass(frozen=True)
class Route:
    """One discovered URL pattern: its full regex/route text, name and URL kwargs."""

    text: str
    name: str
    kwargs: tuple[str, ...]
    key: str  # what RESOURCES / NO_FOREIGN_ID call it

    def __str__(self):
        return self.text


def _walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def _key(text, namespace, name) -> str:
    if text.startswith("api/v1/^"):
        # api/v1/^deal-registrations/(?P<pk>...)/approve/$ -> api:deal-registrations:...-approve
        resource = text.removeprefix("api/v1/^").split("/")[0].split("\\.")[0]
        return f"api:{resource}:{name}"
    return f"{namespace}:{name}" if namespace else name


def discover_routes() -> list[Route]:
    routes = []
    for text, namespace, pattern in _walk(get_resolver()):
        if not text.startswith((PORTAL_PREFIX, API_PREFIX)):
            continue
        kwargs = tuple(pattern.pattern.regex.groupindex) + tuple(
            getattr(pattern.pattern, "converters", {})
        )
        kwargs = tuple(dict.fromkeys(kwargs))
        routes.append(Route(text, pattern.name or "", kwargs, _key(text, namespace, pattern.name)))
    return routes


def resource_of(route: Route) -> str | None:
    """The RESOURCES key of a route with an id: its API resource or its portal URL name."""
    if route.key.startswith("api:"):
        return ":".join(route.key.split(":")[:2])
    return route.key


def coverage_problem(route: Route) -> str | None:
    """Why the route is not covered by RESOURCES or NO_FOREIGN_ID (None: it is)."""
    if "pk" in route.kwargs:
        if resource_of(route) in RESOURCES:
            return None
        return (
            f"route {route} has no isolation coverage: add {resource_of(route)!r} to RESOURCES "
            f"in {__name__}"
        )
    if route.key in NO_FOREIGN_ID:
        return None
    if route.name.endswith("-list") and resource_of(route) in RESOURCES:
        return None
    return (
        f"route {route} ({route.key}) has no isolation coverage: add it to NO_FOREIGN_ID (it "
        f"takes no id) or give its id an entry in RESOURCES, in {__name__}"
    )


ROUTES = discover_routes()


# --- the data set: seed_demo's two portal partners, plus what a probe needs --------------------


@dataclass
class World:
    a: Partner
    b: Partner
    user_a: object
    foreign: dict = field(default_factory=dict)  # model label -> ids A must never reach
    shared: dict = field(default_factory=dict)  # model label -> an id every partner may read
    markers: list = field(default_factory=list)  # strings of B's or internal data
    foreign_ids: dict = field(default_factory=dict)  # model label -> every id of B's


def _owned_by(label, partner):
    model = apps.get_model(label)
    return model.objects.filter(**{OWNER_PATH[label]: partner.pk})


def _b_only(label, a, b):
    return _owned_by(label, b).exclude(pk__in=_owned_by(label, a).values("pk"))


def _build_world() -> World:
    call_command("seed_demo", partners=2, force=True, stdout=io.StringIO())
    memberships = PartnerMembership.objects.select_related("partner", "user")
    user_a = memberships.get(user__username="portal-a").user
    a = memberships.get(user__username="portal-a").partner
    b = memberships.get(user__username="portal-b").partner
    _add_what_probes_need(a, b)
    world = World(a=a, b=b, user_a=user_a)
    for label in OWNER_PATH:
        b_objects = _b_only(label, a, b)
        world.foreign_ids[label] = set(b_objects.values_list("pk", flat=True))
        world.foreign[label] = list(b_objects.order_by("pk").values_list("pk", flat=True)[:1])
    _add_internal_ids(world)
    _add_shared_ids(world)
    world.markers = _markers(a, b)
    return world


def _add_what_probes_need(a, b):
    """Internal text on both partners, a follow-up action on B's audit (the demo gives B none)
    and a deal of A that conflicts with one of B's."""
    Partner.objects.filter(pk=a.pk).update(internal_notes="ISO-INTERNAL-NOTES-A")
    Partner.objects.filter(pk=b.pk).update(internal_notes="ISO-INTERNAL-NOTES-B")
    Stakeholder.objects.filter(partner=a).update(formal_responsibilities="ISO-INTERNAL-RESP")
    PerformanceAudit.objects.filter(partner=a, share_with_partner=False).update(
        summary="ISO-INTERNAL-AUDIT"
    )
    b_audit = PerformanceAudit.objects.filter(partner=b).order_by("pk").first()
    PerformanceAuditAction.objects.create(
        audit=b_audit, what="ISO-INTERNAL-AUDIT-ACTION", owner=b_audit.audited_by
    )
    b_deal = DealRegistration.objects.filter(partner=b).order_by("pk").first()
    a_deal = DealRegistration.objects.filter(partner=a).order_by("pk").first()
    DealRegistration.objects.filter(pk=a_deal.pk).update(
        customer_name=b_deal.customer_name, customer_domain=b_deal.customer_domain
    )
    a_deal.conflicts.add(b_deal)
    Feedback.objects.filter(partner=b).update(text="ISO-FEEDBACK-B", answer=Case(
        When(answer="", then=Value("")), default=Value("ISO-FEEDBACK-B-ANSWER")))  # fmt: skip
    Escalation.objects.filter(partner__in=[a, b]).update(internal_notes="ISO-INTERNAL-ESCALATION")
    _add_scores(a, b)
    _add_alerts(a, b)
    _add_announcements(a)
    _add_underperformer_reviews(a, b)


def _add_underperformer_reviews(a, b):
    """An under-performer review of each: internal, so A's own is as foreign as B's."""
    from planning.models import UnderperformerReview

    today = datetime.date.today()
    for partner in (a, b):
        UnderperformerReview.objects.create(
            partner=partner, candidate_reason="ISO-INTERNAL-REVIEW", opened_on=today
        )


def _add_announcements(a):
    """An announcement not yet published, and one for a tier A is not in: A sees neither."""
    from partners.models import Announcement, ProgramTier

    author = a.owner or apps.get_model("prm.User").objects.filter(role="channel_manager").first()
    now = datetime.datetime.now(datetime.UTC)
    Announcement.objects.create(
        title="ISO-UNPUBLISHED-ANNOUNCEMENT", body="x", created_by=author,
        publish_at=now + datetime.timedelta(days=3),
    )  # fmt: skip
    elsewhere = Announcement.objects.create(
        title="ISO-NOT-TARGETED-ANNOUNCEMENT", body="x", created_by=author, audience="targeted",
        publish_at=now - datetime.timedelta(days=1),
    )  # fmt: skip
    elsewhere.tiers.set(ProgramTier.objects.exclude(pk=a.tier_id)[:1])


def _add_alerts(a, b):
    """An open alert on each partner, and a program-wide one (no partner): alerts are internal,
    A's own included."""
    today = datetime.date.today()
    for partner in (a, b):
        Alert.objects.get_or_create(
            partner=partner, kind=Alert.Kind.NO_CHAMPION, subject="",
            status__in=["open", "dismissed"],
            defaults={"message": "ISO-INTERNAL-ALERT", "raised_on": today, "last_seen_on": today},
        )  # fmt: skip
    program_wide, _ = Alert.objects.get_or_create(
        partner=None, kind=Alert.Kind.RULES_CHANGING, subject="rules_of_engagement",
        status__in=["open", "dismissed"],
        defaults={"message": "ISO-INTERNAL-ALERT", "raised_on": today, "last_seen_on": today},
    )  # fmt: skip
    Alert.objects.filter(pk=program_wide.pk).update(message="ISO-INTERNAL-ALERT program-wide")


def _add_scores(a, b):
    """A finished scoring run of both partners (unless the demo scored them), with internal
    evidence in A's relationship and health components: A sees its own performance and
    engagement only."""
    if not PartnerScore.objects.filter(partner=b).exists():
        weights = ScoringWeights.objects.filter(is_current=True).first()
        as_of = datetime.date.today() - datetime.timedelta(days=1)
        run = ScoreRun.objects.filter(as_of=as_of).first() or ScoreRun.objects.create(
            as_of=as_of, weights=weights, status=ScoreRun.Status.DONE,
            finished_at=datetime.datetime.now(datetime.UTC), partners_total=2, partners_done=2,
        )  # fmt: skip
        for partner in (a, b):
            PartnerScore.objects.update_or_create(
                run=run, partner=partner,
                defaults={"relationship": 11, "performance": 50, "engagement": 50, "health": 37},
            )  # fmt: skip
    for score in PartnerScore.objects.filter(partner=a):
        score.components = [
            *[c for c in score.components if c.get("score") not in ("relationship", "health")],
            {"score": "relationship", "key": "stance", "label": "ISO-INTERNAL-SCORE-LABEL",
             "value": 10, "weight": 100, "points": 10, "evidence": "ISO-INTERNAL-SCORE",
             "fix": "relationships"},
            {"score": "health", "key": "weighted", "label": "ISO-INTERNAL-HEALTH-LABEL",
             "value": 37, "weight": 100, "points": 37, "evidence": "ISO-INTERNAL-HEALTH",
             "fix": ""},
        ]  # fmt: skip
        score.save(update_fields=["components"])


def _add_internal_ids(world):
    """Internal-only objects of A's own: relationships, unshared audits and reviews, our culture,
    and resources gated above A's tier."""
    a = world.a
    internal = [label for label in OWNER_PATH
                if label.startswith("relationships.") and label not in PARTNER_FACING]  # fmt: skip
    # Surveys and feedback are the partner's own: A reads A's (answers too), never as internal.
    for label in internal:
        world.foreign[label] += list(_owned_by(label, a).values_list("pk", flat=True)[:1])
    world.foreign["planning.UnderperformerReview"] += list(
        _owned_by("planning.UnderperformerReview", a).values_list("pk", flat=True)[:1]
    )
    world.foreign["performance.Alert"] += list(_owned_by("performance.Alert", a).values_list(
        "pk", flat=True)[:1])  # fmt: skip
    world.foreign["performance.Alert"] += list(
        Alert.objects.filter(partner=None).values_list("pk", flat=True)[:1]
    )
    world.foreign["relationships.CultureAssessment"] += list(
        CultureAssessment.objects.filter(partner=None).values_list("pk", flat=True)[:1]
    )
    world.foreign["performance.PerformanceAudit"] += list(
        PerformanceAudit.objects.filter(partner=a, share_with_partner=False).values_list(
            "pk", flat=True
        )[:1]
    )
    world.foreign["performance.Review"] = world.foreign.get("performance.Review", []) + list(
        Review.objects.filter(partner=a, shared_with_partner=False).values_list("pk", flat=True)[:1]
    )
    for label in ("relationships.CultureGuideline", "relationships.CultureDescriptor"):
        world.foreign[label] = list(apps.get_model(label).objects.values_list("pk", flat=True)[:1])
    resource = apps.get_model("incentives.Resource")
    above = resource.objects.filter(minimum_tier__rank__gt=a.tier.rank if a.tier else 0)
    world.foreign["incentives.Resource"] = list(above.values_list("pk", flat=True)[:1])
    # A notification is its recipient's alone: a colleague's at A or staff's is as foreign as B's.
    notifications = apps.get_model("prm.Notification").objects.exclude(recipient=world.user_a)
    staff_ones = notifications.filter(recipient__partner_membership__isnull=True)
    b_ones = notifications.filter(recipient__partner_membership__partner=world.b)
    world.foreign["prm.Notification"] = [
        *staff_ones.values_list("pk", flat=True)[:1],
        *b_ones.values_list("pk", flat=True)[:1],
    ]
    world.foreign_ids["prm.Notification"] = set(notifications.values_list("pk", flat=True))
    announcements = apps.get_model("partners.Announcement").objects
    world.foreign["partners.Announcement"] = list(
        announcements.filter(title__startswith="ISO-").values_list("pk", flat=True)
    )
    world.foreign_ids["partners.Announcement"] = set(world.foreign["partners.Announcement"])
    # Scoring runs are the vendor's own: a partner user reaches none of them.
    world.foreign["performance.ScoreRun"] = list(ScoreRun.objects.values_list("pk", flat=True)[:1])
    # --- reach --- reach scenarios are the vendor's own: a partner user reaches none of them.
    world.foreign["planning.ReachScenario"] = list(
        apps.get_model("planning.ReachScenario").objects.values_list("pk", flat=True)[:1]
    )
    # --- maturity --- (our operations assessments: a partner user reaches none of them)
    world.foreign["planning.OperationsAssessment"] = list(
        apps.get_model("planning.OperationsAssessment").objects.values_list("pk", flat=True)[:1]
    )


def _add_shared_ids(world):
    for value in RESOURCES.values():
        if value.startswith("shared:"):
            label = value.removeprefix("shared:")
            world.shared[label] = list(apps.get_model(label).objects.values_list("pk", flat=True))


def _markers(a, b) -> list[str]:
    """Strings only B's data or internal data contains (long enough not to occur by chance)."""
    contacts = apps.get_model("partners.Contact").objects.filter(partner=b)
    deals = DealRegistration.objects.filter(partner=b).exclude(
        customer_name__in=DealRegistration.objects.filter(partner=a).values("customer_name")
    )
    return [
        b.name, b.slug, "ISO-INTERNAL-NOTES-A", "ISO-INTERNAL-NOTES-B", "ISO-INTERNAL-RESP",
        "ISO-INTERNAL-AUDIT", "ISO-INTERNAL-AUDIT-ACTION", "ISO-INTERNAL-SCORE",
        "ISO-INTERNAL-SCORE-LABEL", "ISO-INTERNAL-HEALTH", "ISO-INTERNAL-ALERT",
        "ISO-INTERNAL-REVIEW",
        "ISO-UNPUBLISHED-ANNOUNCEMENT", "ISO-NOT-TARGETED-ANNOUNCEMENT", "ISO-FEEDBACK-B",
        "ISO-INTERNAL-ESCALATION",
        *contacts.values_list("email", flat=True),
        *deals.values_list("customer_name", flat=True),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One data set for the module, rolled back at its end (each test adds a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def internal_field_names() -> set[str]:
    """Fields staff serializers show that the partner-facing ones do not, and every field of the
    internal-only relationships resources (their generic fields aside)."""
    from incentives.api import claims
    from partners import api as partners_api
    from performance.api import audits, plans, scoring
    from relationships.api import culture, engagement, feedback, stakeholders, surveys

    pairs = [
        (partners_api.PartnerSerializer, partners_api.PartnerPortalSerializer),
        (partners_api.ContactSerializer, partners_api.ContactPortalSerializer),
        (audits.PerformanceAuditSerializer, audits.SharedAuditSerializer),
        (plans.PlanActionSerializer, plans.PartnerPlanActionSerializer),
        (plans.ReviewSerializer, plans.SharedReviewSerializer),
        (scoring.PartnerScoreSerializer, scoring.PortalScoreSerializer),
        (claims.IncentiveProgramSerializer, claims.IncentiveProgramPortalSerializer),
        (feedback.FeedbackSerializer, feedback.PortalFeedbackSerializer),
    ]
    names = set()
    for staff, portal in pairs:
        names |= set(staff.Meta.fields) - set(portal.Meta.fields)
    for serializer in (
        stakeholders.StakeholderSerializer, stakeholders.RelationshipPlanSerializer,
        engagement.EngagementActionSerializer, engagement.InteractionSerializer,
        engagement.RelationshipObjectiveSerializer, culture.CultureAssessmentSerializer,
    ):  # fmt: skip
        names |= set(serializer.Meta.fields)
    # Our view of a relationship and the perception gap (performance.api.perception).
    names |= {"our_view", "gap", "stance", "levels", "audit_trust"}
    # Our notes on an escalation (planning.api.escalations): the partner reads `partner_notes`.
    names |= {"internal_notes"}
    names |= set(surveys.SurveySerializer.Meta.fields) - set(
        surveys.PortalSurveySerializer.Meta.fields
    )
    generic = {"id", "partner", "created_at", "updated_at", "title", "name", "status", "owner",
               "notes", "description", "due_on", "contact", "partner_name", "summary",
               # also a review kind ("relationship review") a partner may see
               "relationship"}  # fmt: skip
    return names - generic


INTERNAL_FIELDS = internal_field_names()


# --- probing ------------------------------------------------------------------------------------


def fill(route: Route, pk) -> str:
    """The route's path with `pk` for its id and json for a format suffix."""
    path = route.text
    path = re.sub(r"\(\?P<format>[^)]*\)", "json", path)
    path = re.sub(r"\(\?P<pk>[^)]*\)", str(pk), path)
    path = re.sub(r"<int:pk>", str(pk), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    return "/" + path


def write_body(world) -> dict:
    """A small write naming B's objects wherever a form or serializer takes one."""
    first = {label: (ids[0] if ids else 0) for label, ids in world.foreign.items()}
    return {
        "partner": world.b.pk,
        "contact": first["partners.Contact"],
        "target": first["performance.Target"],
        "plan": first["performance.BusinessPlan"],
        "program": world.shared["incentives.IncentiveProgram"][0],
        "course": world.shared["incentives.Course"][0],
        "stakeholder": first["relationships.Stakeholder"],
        "status": "done",
        "value": "1",
        "reason": "probe",
        "customer_name": "Isolation probe",
        "customer_domain": "probe.example",
        "country": "DE",
        "expected_close_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        "amount": "1",
    }


def fingerprint(world) -> dict:
    """B's data as counts and last changes per model: any write that reached it changes this."""
    prints = {}
    for label in OWNER_PATH:
        queryset = _owned_by(label, world.b)
        model = queryset.model
        aggregates = {"count": Count("pk")}
        if any(f.name == "updated_at" for f in model._meta.get_fields()):
            aggregates["changed"] = Max("updated_at")
        prints[label] = queryset.aggregate(**aggregates)
    prints["b"] = Partner.objects.filter(pk=world.b.pk).values().get()
    return prints


def request(client, method, path, body, *, api):
    if api:
        return getattr(client, method)(path, data=body if method != "get" else None, format="json")
    if method == "get":
        return client.get(path)
    if method == "post":
        return client.post(path, data=body)
    return getattr(client, method)(path, data=json.dumps(body), content_type="application/json")


def echoed_unknown_fields(response) -> set[str]:
    """Field names a 400 refuses as unknown: the probe's own keys, echoed back, not data."""
    if response.status_code != 400 or "json" not in response.get("Content-Type", ""):
        return set()
    body = response.json()
    if not isinstance(body, dict):
        return set()
    return {name for name, errors in body.items() if errors == ["Unknown field."]}


def leaks(route, response, world) -> list[str]:
    text = response.content.decode(errors="replace")
    echoed = echoed_unknown_fields(response)
    found = [f"B's or internal data {marker!r}" for marker in world.markers if marker in text]
    if route.key not in FIELD_NAMES_EXEMPT:
        found += [
            f"internal field {name!r}"
            for name in INTERNAL_FIELDS - echoed
            if re.search(rf'["\']{re.escape(name)}["\']', text)
        ]
    if response.get("Content-Type", "").startswith("application/json"):
        found += _json_leaks(route, json.loads(response.content or b"null"), world)
    return found


def _json_leaks(route, payload, world) -> list[str]:
    label = RESOURCES.get(resource_of(route) or "", "").removeprefix("shared:")
    own_ids = world.foreign_ids.get(label, set())
    found = []

    def visit(node, top):
        if isinstance(node, dict):
            if node.get("partner") == world.b.pk or node.get("partner_id") == world.b.pk:
                found.append(f"an object of partner B: {node}")
            if top and node.get("id") in own_ids:
                found.append(f"B's {label} id {node['id']}")
            for key, value in node.items():
                visit(value, top and key == "results")
        elif isinstance(node, list):
            for item in node:
                visit(item, top)

    visit(payload, True)
    if label == "performance.DealRegistration":
        b_deals = world.foreign_ids[label]
        for deal in payload.get("results", [payload]) if isinstance(payload, dict) else []:
            found += [
                f"B's deal id {pk} in conflicts"
                for pk in deal.get("conflicts", [])
                if pk in b_deals
            ]
    return found


def probe(route: Route, world, client, *, ids, allowed_get=DENIED, allowed_write=DENIED):
    problems = []
    api = route.text.startswith(API_PREFIX)
    body = write_body(world)
    before = fingerprint(world)
    for pk in ids:
        path = fill(route, pk)
        for method in METHODS:
            response = request(client, method, path, body, api=api)
            allowed = allowed_get if method == "get" else allowed_write
            where = f"{method.upper()} {path}"
            if response.status_code not in allowed:
                problems.append(f"{where} answered {response.status_code}")
            if response.status_code == 302 and "/login" in response.get("Location", ""):
                problems.append(f"{where} sent a signed-in user to the login page")
            problems += [f"{where} carries {leak}" for leak in leaks(route, response, world)]
    if fingerprint(world) != before:
        problems.append(f"a write to {route} changed B's data")
    return problems


@pytest.fixture
def clients(world):
    page, api = Client(), APIClient()
    page.force_login(world.user_a)
    api.force_authenticate(world.user_a)
    return page, api


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_route_isolated(route, world, clients):
    problem = coverage_problem(route)
    assert problem is None, problem
    page, api = clients
    client = api if route.text.startswith(API_PREFIX) else page
    if "pk" not in route.kwargs:
        # 400: a route that needs a query parameter (the search's `q`) is probed without it.
        problems = probe(
            route, world, client, ids=[None],
            allowed_get={200, 400, 403, 404, 405},
            allowed_write={200, 201, 302, 400, 403, 404, 405, 415, 422},
        )  # fmt: skip
    elif RESOURCES[resource_of(route)].startswith("shared:"):
        label = RESOURCES[resource_of(route)].removeprefix("shared:")
        problems = probe(
            route, world, client, ids=world.shared[label][:1], allowed_get={200, 403, 404, 405}
        )
    else:
        label = RESOURCES[resource_of(route)]
        ids = world.foreign.get(label, [])
        assert ids, f"the data set has no foreign {label} to probe {route} with"
        problems = probe(route, world, client, ids=ids)
    assert not problems, "\n".join(problems)


def test_every_model_is_classified():
    """A new model in a domain app must say whose it is, or be reference data."""
    domain = {"partners", "relationships", "performance", "incentives", "planning"}
    labels = {m._meta.label for m in apps.get_models() if m._meta.app_label in domain}
    unclassified = labels - set(OWNER_PATH) - REFERENCE_DATA
    assert not unclassified, f"classify in OWNER_PATH or REFERENCE_DATA: {sorted(unclassified)}"


def test_routes_are_discovered():
    """The walk finds the portal and the API (a broken walk would pass every probe vacuously)."""
    keys = {route.key for route in ROUTES}
    assert {"portal:home", "performance-portal:deal-detail", "api:partners:partner-list"} <= keys
    assert len([route for route in ROUTES if "pk" in route.kwargs]) > 40
    assert all(coverage_problem(route) is None for route in ROUTES)


def test_a_route_without_coverage_is_named():
    """A route added without an entry fails with the fix to make."""
    with_id = Route("portal/things/<int:pk>/", "thing-detail", ("pk",), "portal:thing-detail")
    without_id = Route("portal/things/", "thing-list", (), "portal:thing-list")
    assert "add 'portal:thing-detail' to RESOURCES" in coverage_problem(with_id)
    assert "add it to NO_FOREIGN_ID" in coverage_problem(without_id)


def test_every_schema_path_is_probed():
    """Every path and method the API schema documents resolves to a probed route (all five
    methods are requested on each)."""
    from django.urls import resolve
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    # ResolverMatch.route drops the regex anchor "^" that a router pattern starts with.
    probed = {route.text.replace("/^", "/", 1) for route in ROUTES}
    unprobed = []
    for path, operations in schema["paths"].items():
        sample = re.sub(r"\{[^}]+\}", "1", path)
        if resolve(sample).route not in probed:
            unprobed.append(path)
        assert set(operations) <= {*METHODS, "parameters"}, (path, set(operations))
    assert not unprobed, f"schema paths no isolation probe reaches: {unprobed}"
    assert len(schema["paths"]) > 40


@pytest.mark.django_db
def test_data_set_gives_b_an_object_of_every_kind(world):
    """Every probe has something of B's to aim at: an empty kind would pass vacuously."""
    missing = [label for label in OWNER_PATH if not world.foreign_ids[label]]
    assert not missing, f"partner B has none of: {missing}"
    assert all(world.foreign[label] for label in set(RESOURCES.values()) if ":" not in label)


# --- internal pages: refused to a partner user whatever they name ------------------------------

# The search serves both sides, each its own scope: `test_search_finds_nothing_of_b` below.
# The inbox and the notifications are each user's own, on either side: the tests after the
# search's below probe them.
# The favicon is public, as /healthz is.
# i18n/setlang/ is everyone's language switcher (it stores a cookie and the user's own choice).
NOT_INTERNAL = (PORTAL_PREFIX, API_PREFIX, "admin/", "accounts/", "healthz", "search/", "inbox/",
                "notifications/", "favicon.ico", "i18n/")  # fmt: skip
# The home page sends a partner user to the portal's home (a redirect, never the dashboard).
REDIRECTS_PARTNER_USERS = {"home"}


def internal_routes() -> list[Route]:
    return [
        Route(text, pattern.name or "", tuple(pattern.pattern.converters), pattern.name or "")
        for text, _namespace, pattern in _walk(get_resolver())
        if not text.startswith(NOT_INTERNAL) and hasattr(pattern.pattern, "converters")
    ]


def fill_internal(route: Route, world, slug) -> str:
    values = {"slug": slug, "tab": "overview", "pk": world.foreign["partners.Contact"][0]}
    values |= {"contact_pk": values["pk"], "stakeholder_pk": values["pk"]}
    path = route.text
    for name in route.kwargs:
        path = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), path)
    return "/" + path


@pytest.mark.django_db
@pytest.mark.parametrize("route", internal_routes(), ids=str)
def test_internal_page_refused_to_partner_user(route, world, clients):
    """Vendor staff pages answer a partner user 403 or 404, about B or about A itself."""
    page, _api = clients
    problems = []
    before = fingerprint(world)
    for slug in {world.b.slug, world.a.slug}:
        path = fill_internal(route, world, slug)
        for method in ("get", "post"):
            response = request(page, method, path, write_body(world), api=False)
            if route.name in REDIRECTS_PARTNER_USERS and response.status_code == 302:
                if response["Location"] != "/portal/":
                    problems.append(f"{method.upper()} {path} sent to {response['Location']}")
            elif response.status_code not in DENIED:
                problems.append(f"{method.upper()} {path} answered {response.status_code}")
            problems += [
                f"{method.upper()} {path} carries {leak}" for leak in leaks(route, response, world)
            ]
    if fingerprint(world) != before:
        problems.append(f"a write to {route} changed B's data")
    assert not problems, "\n".join(problems)


# --- the global search: A's user types B's names and finds nothing of B ------------------------


@pytest.mark.django_db
def test_search_finds_nothing_of_b(world, clients):
    page, api = clients
    problems = []
    for marker in world.markers:
        text = marker[:100]
        for client, path, headers in (
            (page, "/search/", {}),
            (
                page,
                "/search/",
                {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "topbar-search-results"},
            ),
            (api, "/api/v1/search/", {}),
        ):
            response = client.get(path, {"q": text}, **headers)
            if response.status_code not in (200, 400):
                problems.append(f"{path}?q={text!r} answered {response.status_code}")
            # The query itself is echoed ("Nothing matches …"): what the user typed is no leak.
            body = response.content.decode().replace(text, "")
            found = [m for m in world.markers if m in body]
            problems += [f"{path}?q={text!r} shows {m!r}" for m in found]
    assert not problems, "\n".join(problems)


# --- the inbox and the notifications: each user's own --------------------------------------------


@pytest.mark.django_db
def test_inbox_shows_a_nothing_of_b_nor_internal(world, clients):
    page, api = clients
    problems = []
    for client, path, headers in (
        (page, "/inbox/", {}),
        (page, "/inbox/", {"HTTP_HX_REQUEST": "true"}),
        (page, "/inbox/count/", {"HTTP_HX_REQUEST": "true"}),
        (page, "/inbox/panel/", {"HTTP_HX_REQUEST": "true"}),
        (page, "/portal/", {}),
        (api, "/api/v1/inbox/", {}),
    ):
        response = client.get(path, **headers)
        if response.status_code != 200:
            problems.append(f"{path} answered {response.status_code}")
        body = response.content.decode()
        problems += [f"{path} shows {m!r}" for m in world.markers if m in body]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_notifications_of_anyone_else_answer_404(world, clients):
    page, api = clients
    foreign = world.foreign["prm.Notification"]
    assert len(foreign) == 2, "the demo gives staff and B's users notifications"
    problems = []
    for pk in foreign:
        for method, path in (
            ("get", f"/notifications/{pk}/"),
            ("post", f"/notifications/{pk}/read/"),
            ("get", f"/api/v1/notifications/{pk}/"),
            ("post", f"/api/v1/notifications/{pk}/read/"),
        ):
            client = api if path.startswith("/api/") else page
            status = getattr(client, method)(path).status_code
            if status != 404:
                problems.append(f"{method.upper()} {path} answered {status}")
    listed = {row["id"] for row in api.get("/api/v1/notifications/").json()["results"]}
    problems += [f"the API lists {pk}" for pk in listed & world.foreign_ids["prm.Notification"]]
    for path in ("/notifications/", "/notifications/bell/", "/notifications/preferences/"):
        body = page.get(path).content.decode()
        problems += [f"{path} shows {m!r}" for m in world.markers if m in body]
    assert not problems, "\n".join(problems)
