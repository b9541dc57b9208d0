"""The engagement score: how actively the partner works the partnership with us, 0–100.

Components and their weights (percent of the score):

- plan actions (20): joint plan actions due in the 365 days up to `as_of`, done by their due
  date, both sides: the mean of our side's and the partner side's on-time share (a side with
  nothing due is left out). A PlanAction keeps no completion date, so "done on time" is done
  and not touched after its due date — the most the data can prove.
- reviews (20): 100 when the last review was held within the tier's review cadence, falling
  evenly to 0 at twice the cadence (90 days without a tier).
- certifications (15): people holding a current certification against the tier's required
  number (one person when the tier sets none), capped at 100.
- rules (10): 100 when the rules of engagement in effect on `as_of` were acknowledged by then,
  0 when not; 100 when no rules were in effect (nothing to acknowledge).
- deals (20): deal registrations in the last 90 days; three or more give 100.
- portal (15): share of the partner's portal users active in the last 90 days: a login, or a
  portal action (a deal registered, rules acknowledged). A last login later than `as_of`
  cannot say anything about that day, so a rebuilt past uses actions only.

Missing data: no plan action due → 0 ("no joint plan actions due"), no review → 0, no portal
user → 0, each said in the evidence.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Max, Q
from django.utils.translation import gettext_noop

from incentives.selectors import scoring as program_reads
from partners import selectors as partner_selectors

from ..models import DealRegistration, PlanAction, Review
from ..models.plans import DEFAULT_REVIEW_CADENCE_DAYS
from .components import ago, check_weights, clamp, component, plural

SCORE = "engagement"
WEIGHTS = check_weights(
    {"plan_actions": 20, "reviews": 20, "certifications": 15, "rules": 10, "deals": 20,
     "portal": 15}
)  # fmt: skip
ACTION_WINDOW_DAYS = 365
RECENT_DAYS = 90
DEALS_FOR_FULL_MARKS = 3
SIDES = {PlanAction.Side.VENDOR: "our side", PlanAction.Side.PARTNER: "partner side"}


@dataclass
class EngagementInputs:
    actions: dict  # partner id → {side: (due, on time)}
    last_review: dict  # partner id → date
    places: dict  # partner id → tier facts (partners.selectors.program_places)
    certified: dict  # partner id → people
    certified_required: dict  # tier id → people or None
    rules_version: int | None
    acknowledged: set
    deals: dict  # partner id → registrations in the window
    portal_users: dict  # partner id → [(user id, active)]


def gather(*, partner_ids, as_of: datetime.date) -> EngagementInputs:
    """Everything the score needs for a chunk: eleven queries, whatever the chunk's size."""
    since = as_of - datetime.timedelta(days=RECENT_DAYS)
    rules = program_reads.rules_in_effect(as_of=as_of)
    acknowledged = (
        program_reads.partners_acknowledging(rules=rules, partner_ids=partner_ids, as_of=as_of)
        if rules else set()
    )  # fmt: skip
    return EngagementInputs(
        actions=_plan_actions(partner_ids, as_of),
        last_review=_last_reviews(partner_ids, as_of),
        places=partner_selectors.program_places(partner_ids=partner_ids),
        certified=program_reads.certified_people_counts(partner_ids=partner_ids, as_of=as_of),
        certified_required=program_reads.certified_people_required(),
        rules_version=rules.version if rules else None,
        acknowledged=acknowledged,
        deals=_deals_between(partner_ids, since, as_of),
        portal_users=_portal_users(partner_ids, since, as_of),
    )


def _plan_actions(partner_ids, as_of) -> dict:
    window_start = as_of - datetime.timedelta(days=ACTION_WINDOW_DAYS)
    rows = (
        PlanAction.objects.filter(
            plan__partner_id__in=partner_ids,
            created_at__date__lte=as_of,
            due__gt=window_start,
            due__lte=as_of,
        )  # fmt: skip
        .exclude(status=PlanAction.Status.CANCELLED)
        .order_by()
        .values("plan__partner_id", "owner_side")
        .annotate(
            due_n=Count("pk"),
            on_time=Count(
                "pk", filter=Q(status=PlanAction.Status.DONE, updated_at__date__lte=F("due"))
            ),  # fmt: skip
        )
        .values_list("plan__partner_id", "owner_side", "due_n", "on_time")
    )
    actions: dict = {}
    for partner_id, side, due_n, on_time in rows:
        actions.setdefault(partner_id, {})[side] = (due_n, on_time)
    return actions


def _last_reviews(partner_ids, as_of) -> dict:
    return dict(
        Review.objects.filter(partner_id__in=partner_ids, held_on__lte=as_of)
        .order_by()
        .values("partner_id")
        .annotate(last=Max("held_on"))
        .values_list("partner_id", "last")
    )


def _deals_in_window(partner_ids, since, until):
    return DealRegistration.objects.filter(
        partner_id__in=partner_ids, created_at__date__gt=since, created_at__date__lte=until
    ).order_by()


def _deals_between(partner_ids, since, until) -> dict:
    rows = _deals_in_window(partner_ids, since, until).values("partner_id").annotate(n=Count("pk"))
    return dict(rows.values_list("partner_id", "n"))


def _portal_users(partner_ids, since, as_of) -> dict:
    """Each portal user with whether they were active in (since, as_of]: three queries."""
    acting = set(
        _deals_in_window(partner_ids, since, as_of).values_list("registered_by_id", flat=True)
    )
    acting |= program_reads.users_acknowledging_between(
        partner_ids=partner_ids, since=since, until=as_of
    )
    users: dict = {}
    for partner_id, user_id, last_login in partner_selectors.portal_users_as_of(
        partner_ids=partner_ids, as_of=as_of
    ):
        logged_in = last_login is not None and last_login.date() > since
        users.setdefault(partner_id, []).append((user_id, logged_in or user_id in acting))
    return users


def components(partner_id: int, inputs: EngagementInputs, as_of: datetime.date) -> list[dict]:
    place = inputs.places.get(partner_id, {})
    required = inputs.certified_required.get(place.get("tier_id"))
    return [
        _plan_actions_component(inputs.actions.get(partner_id, {})),
        _reviews(inputs.last_review.get(partner_id), place, as_of),
        _certifications(inputs.certified.get(partner_id, 0), required, place.get("tier_name")),
        _rules(inputs.rules_version, partner_id in inputs.acknowledged),
        _deals(inputs.deals.get(partner_id, 0)),
        _portal(inputs.portal_users.get(partner_id, [])),
    ]


def _plan_actions_component(by_side: dict) -> dict:
    entry = {"score": SCORE, "key": "plan_actions", "label": gettext_noop("Plan actions on time"),
             "weight": WEIGHTS["plan_actions"], "fix": "plans"}  # fmt: skip
    sides = [(side, *by_side[side]) for side in SIDES if by_side.get(side, (0, 0))[0]]
    if not sides:
        return component(
            **entry, value=0, evidence="No joint plan actions due in the last 12 months."
        )
    value = sum(100 * on_time / due for _, due, on_time in sides) / len(sides)
    evidence = "; ".join(f"{SIDES[side].capitalize()}: {on_time} of {due} on time"
                         for side, due, on_time in sides) + "."  # fmt: skip
    return component(**entry, value=value, evidence=evidence)


def _reviews(last_held_on, place, as_of) -> dict:
    entry = {"score": SCORE, "key": "reviews", "label": gettext_noop("Reviews on cadence"),
             "weight": WEIGHTS["reviews"], "fix": "plans"}  # fmt: skip
    cadence = place.get("review_cadence_days") or DEFAULT_REVIEW_CADENCE_DAYS
    expected = f"the {place['tier_name']} tier expects one every {cadence} days" if place.get(
        "tier_name") else f"one is expected every {cadence} days"  # fmt: skip
    if last_held_on is None:
        return component(**entry, value=0, evidence=f"No review held yet; {expected}.")
    days = (as_of - last_held_on).days
    value = 100 if days <= cadence else clamp(100 * (2 * cadence - days) / cadence)
    return component(**entry, value=value, evidence=f"Last review {ago(days)}; {expected}.")


def _certifications(certified: int, required: int | None, tier_name: str | None) -> dict:
    entry = {"score": SCORE, "key": "certifications",
             "label": gettext_noop("Certifications current"),
             "weight": WEIGHTS["certifications"], "fix": "program"}  # fmt: skip
    needed = required or 1
    source = f"the {tier_name} tier requires {needed}" if required else "one is expected"
    evidence = f"{plural(certified, 'person', 'people')} certified; {source}."
    return component(**entry, value=100 * min(certified / needed, 1), evidence=evidence)


def _rules(version: int | None, acknowledged: bool) -> dict:
    entry = {"score": SCORE, "key": "rules",
             "label": gettext_noop("Rules of engagement acknowledged"),
             "weight": WEIGHTS["rules"], "fix": "program"}  # fmt: skip
    if version is None:
        return component(**entry, value=100, evidence="No rules of engagement in effect yet.")
    if acknowledged:
        return component(**entry, value=100, evidence=f"Rules v{version} acknowledged.")
    return component(**entry, value=0, evidence=f"Rules v{version} not acknowledged.")


def _deals(count: int) -> dict:
    value = 100 * min(count, DEALS_FOR_FULL_MARKS) / DEALS_FOR_FULL_MARKS
    evidence = f"Register deals: {count} in {RECENT_DAYS} days (3 or more is full marks)."
    return component(score=SCORE, key="deals", label=gettext_noop("Deal registrations"),
                     value=value,
                     weight=WEIGHTS["deals"], evidence=evidence, fix="deals")  # fmt: skip


def _portal(users: list) -> dict:
    entry = {"score": SCORE, "key": "portal", "label": gettext_noop("Portal activity"),
             "weight": WEIGHTS["portal"], "fix": ""}  # fmt: skip
    if not users:
        return component(**entry, value=0, evidence="No portal users yet.")
    active = sum(1 for _, is_active in users if is_active)
    evidence = (f"{active} of {plural(len(users), 'portal user')} active in the last "
                f"{RECENT_DAYS} days (a login or a portal action).")  # fmt: skip
    return component(**entry, value=100 * active / len(users), evidence=evidence)
