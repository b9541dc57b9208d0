"""The perception gap: our view of a relationship beside the partner's own answers. Internal
only: a partner never sees our view or the gap.

Our view, 0–100, is the mean of what we know of three measures:
- stance: the influence-weighted stance of the partner's stakeholders (supporter 100, neutral
  50, non-supporter 0), and
- levels: their influence-weighted relationship level (1 none → 0 … 5 advocate → 100), both as
  the scoring run stored them (the relationship score's "stance" and "levels" components, so a
  past period shows the judgement we held then), and
- audit trust: the "trust and transparency" criterion of the latest performance audit (1–5 as
  0–100).
A measure we do not have (no run yet, nobody analysed, never audited) is left out; with none,
there is no view of ours.

The partner's view is its survey answers: the mean trust answer and the mean of all six
answers (1–5, shown also as 0–100). The gap is our view minus the partner's trust, in points
of 0–100: positive when we think better of the relationship than the partner does (the blind
spot), negative when the partner thinks better of it than we do.

Over time, each answered survey is one period: our view as of the end of the survey's quarter
(or today within it) beside its answers. The portfolio compares our view now with each partner's
latest answered survey. Every read is a fixed number of queries, whatever the data's size.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from partners.selectors import partners
from relationships.selectors.surveys import answered_surveys

from ..models import PartnerScore, PerformanceAudit, ScoreRun
from ..scoring.relationship import NO_STAKEHOLDERS, trust_value

OUR_MEASURES = ("stance", "levels")


@dataclass(frozen=True)
class OurView:
    stance: float | None
    levels: float | None
    audit_trust: float | None  # 0–100
    audit_trust_answer: int | None  # the audit's 1–5
    scored_on: datetime.date | None
    audited_on: datetime.date | None

    @property
    def value(self) -> float | None:
        known = [v for v in (self.stance, self.levels, self.audit_trust) if v is not None]
        return sum(known) / len(known) if known else None


@dataclass(frozen=True)
class Perception:
    """One partner in one survey period: our view and theirs."""

    partner_id: int
    partner_name: str
    partner_slug: str
    survey_id: int
    period: datetime.date
    sent_on: datetime.date
    answers: int
    partner_trust: float  # 1–5
    partner_overall: float  # 1–5
    ours: OurView

    @property
    def partner_trust_value(self) -> float:
        return trust_value(self.partner_trust)

    @property
    def partner_overall_value(self) -> float:
        return trust_value(self.partner_overall)

    @property
    def our_view(self) -> float | None:
        return self.ours.value

    @property
    def gap(self) -> float | None:
        ours = self.ours.value
        return None if ours is None else round(ours - self.partner_trust_value, 1)

    @property
    def period_label(self) -> str:
        return f"Q{(self.period.month - 1) // 3 + 1} {self.period.year}"


def _measures(components) -> dict:
    """The stance and levels values of a stored relationship score (None: nobody analysed)."""
    found = {}
    for entry in components or []:
        if entry.get("score") == "relationship" and entry.get("key") in OUR_MEASURES:
            missing = entry.get("evidence") == NO_STAKEHOLDERS
            found[entry["key"]] = None if missing else float(entry["value"])
    return found


def _view(scored, audit) -> OurView:
    """`scored`: (as_of, components) or None; `audit`: (audited_on, trust 1–5) or None."""
    measures = _measures(scored[1]) if scored else {}
    return OurView(
        stance=measures.get("stance"), levels=measures.get("levels"),
        audit_trust=trust_value(audit[1]) if audit else None,
        audit_trust_answer=audit[1] if audit else None,
        scored_on=scored[0] if scored else None, audited_on=audit[0] if audit else None,
    )  # fmt: skip


def _latest_by_partner(rows) -> dict:
    """The first row per partner of rows ordered newest first within each partner."""
    latest = {}
    for partner_id, *rest in rows:
        latest.setdefault(partner_id, tuple(rest))
    return latest


def portfolio_perceptions(*, partner_ids=None) -> list[Perception]:
    """Every partner with an answered survey (or those of `partner_ids`): its latest answers
    beside our view now. Four queries."""
    chosen = partners().order_by("name", "pk")
    if partner_ids is not None:
        chosen = chosen.filter(pk__in=partner_ids)
    names = {pk: (name, slug) for pk, name, slug in chosen.values_list("pk", "name", "slug")}
    surveys = answered_surveys(partner_ids=list(names))
    run = ScoreRun.objects.filter(status=ScoreRun.Status.DONE).order_by("-as_of").first()
    scores = {}
    if run is not None:
        rows = PartnerScore.objects.filter(run=run, partner_id__in=list(surveys))
        scores = {
            pk: (run.as_of, parts) for pk, parts in rows.values_list("partner_id", "components")
        }
    audits = _latest_by_partner(
        PerformanceAudit.objects.filter(partner_id__in=list(surveys))
        .order_by("partner_id", "-audited_on", "-pk")
        .values_list("partner_id", "audited_on", "deliver_trust")
    )  # fmt: skip
    return [
        _perception(pk, names[pk], answered[0], _view(scores.get(pk), audits.get(pk)))
        for pk, answered in surveys.items()
    ]


def _perception(partner_id, name_slug, means, ours) -> Perception:
    return Perception(
        partner_id=partner_id, partner_name=name_slug[0], partner_slug=name_slug[1],
        survey_id=means.survey_id, period=means.period, sent_on=means.sent_on,
        answers=means.answers, partner_trust=means.trust, partner_overall=means.overall,
        ours=ours,
    )  # fmt: skip


def _latest_on_or_before(rows, day):
    """The last of `rows` (ordered oldest first by their first value) dated on or before
    `day`."""
    found = None
    for row in rows:
        if row[0] > day:
            break
        found = row
    return found


def partner_perception_history(*, partner, today: datetime.date | None = None) -> list:
    """One partner's perception per answered survey, oldest first: three queries."""
    today = today or timezone.localdate()
    answered = answered_surveys(partner_ids=[partner.pk]).get(partner.pk, [])
    if not answered:
        return []
    scores = list(
        PartnerScore.objects.filter(partner=partner, run__status=ScoreRun.Status.DONE)
        .order_by("run__as_of")
        .values_list("run__as_of", "components")
    )  # fmt: skip
    audits = list(
        PerformanceAudit.objects.filter(partner=partner)
        .order_by("audited_on", "pk")
        .values_list("audited_on", "deliver_trust")
    )
    history = []
    for means in reversed(answered):
        day = _as_of(means, today)
        ours = _view(_latest_on_or_before(scores, day), _latest_on_or_before(audits, day))
        history.append(_perception(partner.pk, (partner.name, partner.slug), means, ours))
    return history


def _as_of(means, today):
    """Our view for a survey period: as of the end of its quarter, or today within it."""
    start = means.period
    month = start.month + 3
    end = datetime.date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
    return min(end - datetime.timedelta(days=1), today)
