"""Demo partner surveys: a year of quarterly surveys for every partner with portal users who
answer, answered by them, so the survey pages, the partner's trust in the relationship score
and the perception gap have a history. The first portal partner's trust falls by more than a
point in the latest quarter (a trust-drop alert on the next scoring run); the second partner
answers low throughout (a large perception gap). The current quarter's survey is open, answered
by the partner admins only, so the other users find it in their inbox. A rerun adds nothing."""

import datetime
from random import Random

from django.utils import timezone

from partners import selectors as partner_selectors

from ..models import QUESTION_KEYS, Survey, SurveyResponse
from ..models.surveys import quarter_start
from ..selectors.surveys import ANSWERING_ROLES

QUARTERS = 4
# Per partner in portal order: the trust answered in each quarter, oldest first, and how the
# other answers sit around it.
TRUST_PATHS = ([4, 4, 5, 3], [2, 2, 1, 2])
COMMENTS = {
    "trust": "Deal protection was honoured every time we asked.",
    "fairness": "The last rules change came with little notice.",
    "ease": "Quoting still takes three systems.",
    "support": "Our partner manager answers within a day.",
}


def _quarter_starts(today: datetime.date) -> list[datetime.date]:
    """The first days of the last QUARTERS quarters, the current one last."""
    starts, day = [], quarter_start(today)
    for _ in range(QUARTERS):
        starts.append(day)
        day = quarter_start(day - datetime.timedelta(days=1))
    return list(reversed(starts))


def _answers(trust: int, random: Random) -> dict:
    answers = {key: min(5, max(1, trust + random.choice((-1, 0, 0, 1)))) for key in QUESTION_KEYS}
    answers["trust"] = trust
    for key, text in COMMENTS.items():
        if random.random() < 0.4:
            answers[f"{key}_comment"] = text
    return answers


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _seed_partner(partner_id, users, path, starts, today, random) -> int:
    """`users`: (user id, is partner admin), admins first."""
    responses = 0
    for index, start in enumerate(starts):
        current = index == len(starts) - 1
        # Past quarters' surveys went out early in the quarter; the current one days ago, so
        # it is still open.
        if current:
            sent_on = max(start, today - datetime.timedelta(days=3))
        else:
            sent_on = start + datetime.timedelta(days=2)
        survey = Survey.objects.create(
            partner_id=partner_id, reason=Survey.Reason.SCHEDULED, period=start, sent_on=sent_on,
            due_on=sent_on + datetime.timedelta(days=21),
        )  # fmt: skip
        for user_id, is_admin in users:
            if current and not is_admin:
                continue  # the open survey waits for the other users
            trust = (
                path[index] if is_admin else min(5, max(1, path[index] + random.choice((-1, 0))))
            )
            response = SurveyResponse.objects.create(
                survey=survey, respondent_id=user_id, **_answers(trust, random)
            )
            answered_on = min(survey.sent_on + datetime.timedelta(days=random.randint(1, 9)), today)
            SurveyResponse.objects.filter(pk=response.pk).update(
                created_at=_moment(answered_on), updated_at=_moment(answered_on)
            )
            responses += 1
        Survey.objects.filter(pk=survey.pk).update(created_at=_moment(survey.sent_on))
    return responses


def seed(state, *, today: datetime.date) -> None:
    random = Random(f"{state.seed}:surveys")
    surveyed = Survey.objects.values("partner_id")
    with_users = partner_selectors.partners().filter(memberships__role__in=ANSWERING_ROLES)
    candidates = (
        partner_selectors.partners()
        .filter(pk__in=with_users.values("pk"))
        .exclude(pk__in=surveyed)
        .order_by("name", "pk")
    )
    by_partner: dict[int, list] = {}
    for partner in candidates:
        users = [
            (membership.user_id, membership.is_partner_admin)
            for membership in partner_selectors.portal_memberships(partner=partner)
            if membership.role in ANSWERING_ROLES and membership.user.is_active
        ]
        if users:
            by_partner[partner.pk] = sorted(users, key=lambda user: (not user[1], user[0]))
    starts = _quarter_starts(today)
    surveys = responses = 0
    for index, (partner_id, users) in enumerate(by_partner.items()):
        path = TRUST_PATHS[index % len(TRUST_PATHS)]
        responses += _seed_partner(partner_id, users, path, starts, today, random)
        surveys += len(starts)
    state.report("partner surveys", surveys)
    state.report("survey answers", responses)
