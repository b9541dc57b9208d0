"""Reads of the operations maturity: the processes, the assessments and their history, the
latest set beside the previous one, what the app's own data says about a process, and the
improvement actions waiting for their owners."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, F, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incentives.selectors.enablement import certification_coverage
from performance.selectors.deals import DEAL_DECISION_SLA_DAYS, decisions_within_sla
from performance.selectors.plans import agreed_plan_share, review_cadence_share
from prm import inbox
from prm.inbox import InboxItem, Link, in_waiting_order, moment, waiting
from prm.lib.access import require_vendor_staff
from prm.lib.dates import day_label
from relationships.selectors.stakeholders import analysis_coverage

from ..models import ChannelProcess, OperationsAssessment, ProcessRating

# How far back the deal decisions are counted (submissions in the last this many days).
DEAL_SLA_WINDOW_DAYS = 90


def processes():
    """The processes a new assessment rates, in their order."""
    return ChannelProcess.objects.filter(active=True).order_by("position", "name")


def _ratings():
    return ProcessRating.objects.select_related("process", "action_owner").order_by(
        "process__position", "process__name"
    )


def assessment_get(*, user, pk) -> OperationsAssessment:
    """An assessment with its ratings, for vendor staff (anyone else: 403); unknown id: 404."""
    require_vendor_staff(user)
    queryset = OperationsAssessment.objects.select_related("assessed_by").prefetch_related(
        Prefetch("ratings", queryset=_ratings())
    )
    try:
        return queryset.get(pk=pk)
    except OperationsAssessment.DoesNotExist:
        raise Http404 from None


def rating_get(*, user, pk) -> ProcessRating:
    require_vendor_staff(user)
    try:
        return _ratings().select_related("assessment").get(pk=pk)
    except ProcessRating.DoesNotExist:
        raise Http404 from None


def assessment_history():
    """Every assessment, newest first, with its number of ratings, average level and open
    actions annotated (one query)."""
    return (
        OperationsAssessment.objects.select_related("assessed_by")
        .annotate(
            rating_count=Count("ratings"),
            average_level=Avg("ratings__level"),
            open_actions=Count(
                "ratings", filter=~Q(ratings__action="") & Q(ratings__action_done_on__isnull=True)
            ),
        )
        .order_by("-assessed_on", "-pk")
    )


def assessments_with_ratings():
    """For the API: every assessment with its ratings (two queries per page)."""
    return (
        OperationsAssessment.objects.select_related("assessed_by")
        .prefetch_related(Prefetch("ratings", queryset=_ratings()))
        .order_by("-assessed_on", "-pk")
    )


def latest_two() -> tuple[OperationsAssessment | None, OperationsAssessment | None]:
    """The latest assessment and the one before it (either None), with their ratings."""
    pair = list(assessments_with_ratings()[:2])
    return (pair + [None, None])[0], (pair + [None, None])[1]


@dataclass
class Comparison:
    """One process now and last time (and what the data says on it, set by the page)."""

    process: ChannelProcess
    rating: ProcessRating
    previous: ProcessRating | None
    data: list = field(default_factory=list)

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.rating.level - self.previous.level

    @property
    def dropped(self) -> bool:
        return (self.change or 0) < 0

    @property
    def drop(self) -> int:
        return -self.change if self.dropped else 0

    @property
    def level_text(self) -> str:
        """What the rated level looks like for this process."""
        return self.process.level_description(self.rating.level)


def comparison(latest, previous) -> list[Comparison]:
    """The latest ratings beside the previous ones: the processes whose level dropped first
    (the biggest drop first), then the lowest level first, then by name."""
    if latest is None:
        return []
    before = {r.process_id: r for r in previous.ratings.all()} if previous else {}
    rows = [Comparison(r.process, r, before.get(r.process_id)) for r in latest.ratings.all()]
    return sorted(rows, key=_attention_order)


def _attention_order(row: Comparison) -> tuple:
    return (0 if row.dropped else 1, row.change if row.dropped else 0, row.rating.level,
            row.process.name.casefold())  # fmt: skip


# --- what the data says ---------------------------------------------------------------------


@dataclass(frozen=True)
class DataPoint:
    """A share measured from the app's data, with what it counts and over which period."""

    label: str
    count: int
    total: int
    definition: str
    period: str

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.total) if self.total else None


def data_speaks(*, today: datetime.date | None = None) -> dict[str, list[DataPoint]]:
    """Per process key, the app's own figures on it (five queries in all)."""
    today = today or timezone.localdate()
    as_of = _("as of %(day)s") % {"day": day_label(today)}
    since = today - datetime.timedelta(days=DEAL_SLA_WINDOW_DAYS)
    reviews = review_cadence_share(today=today)
    deals = decisions_within_sla(since=since, until=today)
    certified = certification_coverage(today=today)
    plans = agreed_plan_share(year=today.year)
    people = analysis_coverage()
    return {
        "performance-review": [DataPoint(
            _("Reviews held on cadence"), reviews["count"], reviews["total"],
            _("Active partners whose last review lies within their tier's review cadence."),
            as_of,
        )],
        "lead-management": [DataPoint(
            _("Deal decisions within SLA"), deals["count"], deals["total"],
            _("Deal registrations approved or rejected within %(days)s days of submission, of "
              "those decided or waiting longer than that.") % {"days": DEAL_DECISION_SLA_DAYS},
            _("submitted %(since)s to %(until)s") % {"since": day_label(since),
                                                     "until": day_label(today)},
        )],
        "enablement": [DataPoint(
            _("Certification coverage"), certified["count"], certified["total"],
            _("Active partners with at least as many currently certified people as their tier "
              "requires, of those whose tier requires any."),
            as_of,
        )],
        "joint-business-planning": [DataPoint(
            _("Partners with an agreed plan"), plans["count"], plans["total"],
            _("Active partners with an active or closed (not draft) business plan this year."),
            _("plans for %(year)s") % {"year": today.year},
        )],
        "relationship-management": [
            DataPoint(
                _("Stakeholder analysis"), people["analysed"], people["total"],
                _("Active partners with at least one person analysed as a stakeholder."), as_of,
            ),
            DataPoint(
                _("Named champion"), people["championed"], people["total"],
                _("Active partners with a stakeholder named as our champion."), as_of,
            ),
        ],
    }  # fmt: skip


# --- the inbox ------------------------------------------------------------------------------


def open_actions():
    return ProcessRating.objects.exclude(action="").filter(action_done_on__isnull=True)


def actions_due(*, user, scope, today, limit) -> inbox.Waiting:
    """Improvement actions not done and due within a week or overdue: the user's own ("mine")
    or everyone's ("team")."""
    soon = today + datetime.timedelta(days=inbox.DUE_SOON_DAYS)
    actions = open_actions().filter(action_due__lte=soon).select_related("process", "action_owner")
    if scope != "team":
        actions = actions.filter(action_owner=user)
    actions = in_waiting_order(actions, since=F("created_at"), due=F("action_due"), today=today)

    def build(rating):
        owner = rating.action_owner.get_full_name() or rating.action_owner.get_username()
        return InboxItem(
            kind="maturity-actions", pk=rating.pk, partner=str(_("Our operations")),
            what=rating.action, action=str(_("Improve")), due=rating.action_due,
            since=moment(rating.created_at),
            detail=_("%(process)s · owner %(owner)s") % {"process": rating.process.name,
                                                          "owner": owner},
            link=Link("planning:maturity-assessment-detail", (rating.assessment_id,),
                      fragment=f"rating-{rating.pk}"),
        )  # fmt: skip

    return waiting(actions, limit=limit, build=build)


def action_owner_choices():
    """Who may own an improvement action: our own people."""
    return get_user_model().objects.vendor_staff().order_by("first_name", "last_name", "username")
