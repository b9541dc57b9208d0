"""Reads of partner surveys. The answers belong to the partner: staff see every survey and
answer, a partner admin the partner's surveys and colleagues' answers, a member (or any other
portal role) the partner's surveys and their own answers only. Another partner's survey is a 404.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Q, Value
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerMembership
from partners.selectors import membership_of, partners, portal_memberships

from ..models import QUESTION_KEYS, Survey, SurveyResponse

# The portal roles that answer surveys. A read-only portal role (a "viewer") reads, never answers.
ANSWERING_ROLES = (PartnerMembership.Role.PARTNER_ADMIN, PartnerMembership.Role.MEMBER)


def can_answer(membership) -> bool:
    """Whether a portal membership may answer its partner's surveys."""
    return membership is not None and membership.role in ANSWERING_ROLES


def answering_user_ids(*, partner_id: int) -> list[int]:
    """The active portal users of a partner who may answer its surveys."""
    memberships = portal_memberships(partner=partner_id).filter(
        role__in=ANSWERING_ROLES, user__is_active=True
    )
    return list(memberships.values_list("user_id", flat=True))


def _overall(prefix: str = ""):
    """A response's mean over the six questions, as a float expression (`prefix`: the path
    from the queried model to the response)."""
    total = sum((F(prefix + key) for key in QUESTION_KEYS[1:]), F(prefix + QUESTION_KEYS[0]))
    return Cast(total, FloatField()) / Value(float(len(QUESTION_KEYS)))


def with_summary(surveys):
    """Surveys with their response count and mean answers (trust and overall) annotated."""
    return surveys.annotate(
        response_count=Count("responses"),
        mean_trust=Avg(Cast("responses__trust", FloatField())),
        mean_overall=Avg(_overall("responses__")),
    )


def _membership(user):
    return membership_of(user=user)


def surveys_visible_to(*, user):
    if user.is_vendor_staff:
        return Survey.objects.all()
    if user.is_partner_user:
        return Survey.objects.filter(partner__memberships__user=user)
    return Survey.objects.none()


def survey_get_for_user(*, user, pk) -> Survey:
    """One survey, for staff or a user of its partner; 404 for anyone else."""
    return get_object_or_404(surveys_visible_to(user=user).select_related("partner"), pk=pk)


def responses_visible_to(*, user):
    """Staff: every answer. A partner admin: their partner's. Anyone else at a partner: their
    own."""
    if user.is_vendor_staff:
        return SurveyResponse.objects.all()
    membership = _membership(user) if user.is_partner_user else None
    if membership is None:
        return SurveyResponse.objects.none()
    if membership.is_partner_admin:
        return SurveyResponse.objects.filter(survey__partner_id=membership.partner_id)
    return SurveyResponse.objects.filter(survey__partner_id=membership.partner_id, respondent=user)


def survey_responses(*, user, survey):
    """The answers of one survey this user may read, with their respondents."""
    return (
        responses_visible_to(user=user)
        .filter(survey=survey)
        .select_related("respondent")
        .order_by("respondent__last_name", "respondent__username", "pk")
    )


def portal_surveys(*, user):
    """The user's partner's surveys, newest first, each marked `answered` by this user."""
    own = SurveyResponse.objects.filter(survey=OuterRef("pk"), respondent=user)
    return (
        surveys_visible_to(user=user)
        .select_related("partner")
        .annotate(answered=Exists(own))
        .order_by("-sent_on", "-pk")
    )


def staff_surveys(*, partner_id: int | None = None, reason: str = "", search: str = ""):
    """Every survey (or one partner's), newest first, with response counts and means."""
    surveys = Survey.objects.select_related("partner")
    if partner_id is not None:
        surveys = surveys.filter(partner_id=partner_id)
    if reason:
        surveys = surveys.filter(reason=reason)
    if search:
        surveys = surveys.filter(partner__name__icontains=search)
    return with_summary(surveys).order_by("-sent_on", "-pk")


def surveys_awaiting(*, user, today: datetime.date):
    """Open surveys of the user's partner that the user has not answered (none for a role
    that does not answer)."""
    if not can_answer(_membership(user)):
        return Survey.objects.none()
    own = SurveyResponse.objects.filter(survey=OuterRef("pk"), respondent=user)
    return (
        surveys_visible_to(user=user)
        .filter(sent_on__lte=today, due_on__gte=today)
        .exclude(Exists(own))
        .select_related("partner")
    )


def surveys_to_remind(*, today: datetime.date, window_days: int):
    """Open surveys sent at least a reminder window ago and not reminded within one."""
    since = today - datetime.timedelta(days=window_days)
    return (
        Survey.objects.filter(sent_on__lte=since, due_on__gte=today)
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lte=since))
        .select_related("partner")
        .order_by("pk")
    )


def respondent_ids(*, survey) -> set[int]:
    return set(survey.responses.values_list("respondent_id", flat=True))


def partners_due_scheduled_survey(*, period: datetime.date, statuses) -> list:
    """Partners in one of `statuses`, with a user who answers, and no scheduled survey for
    `period` yet: one query."""
    scheduled = Survey.objects.filter(
        partner=OuterRef("pk"), period=period, reason=Survey.Reason.SCHEDULED
    )
    answering = partners().filter(
        status__in=statuses, memberships__role__in=ANSWERING_ROLES,
        memberships__user__is_active=True,
    )  # fmt: skip
    return list(
        partners().filter(pk__in=answering.values("pk")).exclude(Exists(scheduled)).order_by("pk")
    )


def has_open_survey(*, partner_id: int, today: datetime.date) -> bool:
    return Survey.objects.filter(partner_id=partner_id, due_on__gte=today).exists()


# --- for performance: scoring and the perception gap (set-based, one query each) -----------


def answered_surveys(*, partner_ids, as_of: datetime.date | None = None) -> dict[int, list]:
    """`{partner id: [SurveyMeans, newest first]}` of the surveys with at least one answer
    given by `as_of` (every answer when None): one aggregating query, whatever the number of
    partners."""
    responses = SurveyResponse.objects.filter(survey__partner_id__in=partner_ids)
    if as_of is not None:
        responses = responses.filter(created_at__date__lte=as_of)
    rows = (
        responses.order_by()
        .values("survey_id", "survey__partner_id", "survey__period", "survey__sent_on")
        .annotate(
            # Not named after the fields they average: F("trust") would mean the aggregate.
            answer_count=Count("pk"),
            mean_trust=Avg(Cast("trust", FloatField())),
            mean_overall=Avg(_overall()),
        )
        .order_by("survey__partner_id", "-survey__sent_on", "-survey_id")
    )
    surveys: dict[int, list] = {}
    for row in rows:
        surveys.setdefault(row["survey__partner_id"], []).append(
            SurveyMeans(
                survey_id=row["survey_id"],
                period=row["survey__period"],
                sent_on=row["survey__sent_on"],
                answers=row["answer_count"],
                trust=row["mean_trust"],
                overall=row["mean_overall"],
            )  # fmt: skip
        )
    return surveys


@dataclass(frozen=True)
class SurveyMeans:
    """One answered survey's means (1–5) and how many answered it."""

    survey_id: int
    period: datetime.date
    sent_on: datetime.date
    answers: int
    trust: float
    overall: float


# --- the work inbox (prm.inbox): what waits for a partner user ----------------------------


def portal_surveys_to_answer(*, user, scope, today, limit):
    """Open surveys of the user's partner the user has not answered: two queries."""
    from django.db.models import F as Field

    from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting

    surveys = in_waiting_order(
        surveys_awaiting(user=user, today=today), since=Field("created_at"), due=Field("due_on"),
        today=today,
    )  # fmt: skip

    def build(survey):
        return InboxItem(
            kind="portal-surveys", pk=survey.pk, partner=survey.partner.name,
            what=str(_("Survey to answer")), action=str(_("Answer")),
            since=moment(survey.inbox_since), due=survey.due_on,
            link=Link("relationships-portal:survey-detail", (survey.pk,)),
        )  # fmt: skip

    return waiting(surveys, limit=limit, build=build)
