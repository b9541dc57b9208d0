"""Demo joint business plans and reviews: most partners have last year's plan (closed) and this
year's (active, some with a draft for the coming quarter), actions on both sides in every
status, and reviews at roughly their tier's cadence over two years: some partners have let the
cadence slip (overdue on the dashboard), many reviews are shared. Bulk and deterministic.

Partners that already have a plan or a review are skipped, so a second run adds nothing.
"""

import datetime
from random import Random

from partners import selectors as partner_selectors
from partners.models import Partner

from ..models.plans import DEFAULT_REVIEW_CADENCE_DAYS, BusinessPlan, PlanAction, Review

OBJECTIVES = [
    "Grow new-customer revenue in the sweet-spot segments by a third.",
    "Certify enough engineers to deliver two projects at a time.",
    "Build a qualified pipeline of at least four times the revenue target.",
    "Launch one joint campaign per quarter in the shared territories.",
    "Win two reference customers we can present together.",
]
VENDOR_ACTIONS = [
    "Run a sales enablement workshop for their account managers",
    "Provide demo environments for their pre-sales team",
    "Co-fund the spring campaign (MDF)",
    "Introduce their leads to our regional enterprise team",
    "Share the quarterly product roadmap briefing",
    "Review registered deals with their sales lead every month",
]
PARTNER_ACTIONS = [
    "Certify three engineers on the platform",
    "Name a dedicated practice lead",
    "Publish a joint solution page on their website",
    "Run two customer webinars in the sweet-spot segments",
    "Register every qualified opportunity in the portal",
    "Build a reference case study with a live customer",
    "Add our products to their service catalogue",
]
DONE_VS_PLANNED = [
    "Most actions done on time; the campaign slipped by a month.",
    "Certifications ahead of plan, pipeline behind.",
    "Half the plan done; their practice lead changed in between.",
    "All agreed actions done; two new ones added.",
]
OUTCOMES = [
    "Agreed to focus on two segments and to drop the retail push.",
    "Next quarter: joint webinar series and a pipeline review every month.",
    "Escalate the pricing question for the public sector tender.",
    "They will hire a second pre-sales engineer; we fund the training.",
    "Keep the plan; revisit the targets at the next QBR.",
]


def _actions(plan, rng: Random, owner, contact, today, closed: bool) -> list[PlanAction]:
    actions = []
    start = datetime.date(plan.year, 3 * (plan.quarter - 1) + 1 if plan.quarter else 1, 1)
    for n in range(rng.randint(3, 7)):
        vendor_side = n % 2 == 0
        due = start + datetime.timedelta(days=rng.randrange(20, 330 if not plan.quarter else 85))
        if closed or due < today - datetime.timedelta(days=30):
            status = rng.choices(["done", "cancelled", "open"], [8, 1, 1])[0]
        elif due < today:
            status = rng.choice(["done", "done", "in_progress", "open"])
        else:
            status = rng.choice(["open", "open", "in_progress", "done"])
        if vendor_side:
            action = PlanAction(owner_side=PlanAction.Side.VENDOR, owner_user=owner,
                                title=rng.choice(VENDOR_ACTIONS))  # fmt: skip
            if owner is None:
                action.owner_name = "Channel team"
        else:
            action = PlanAction(owner_side=PlanAction.Side.PARTNER, owner_contact=contact,
                                title=rng.choice(PARTNER_ACTIONS))  # fmt: skip
            if contact is None:
                action.owner_name = "Their practice lead"
        action.plan, action.due, action.status = plan, due, status
        actions.append(action)
    return actions


def _plans(partner, rng: Random, today) -> list[BusinessPlan]:
    quarter = (today.month - 1) // 3 + 1
    objectives = "\n".join(rng.sample(OBJECTIVES, 3))
    plans = [
        BusinessPlan(partner=partner, year=today.year - 1, title=f"{today.year - 1} joint plan",
                     objectives=objectives, status=BusinessPlan.Status.CLOSED),
        BusinessPlan(partner=partner, year=today.year, title=f"{today.year} joint plan",
                     objectives="\n".join(rng.sample(OBJECTIVES, 3)),
                     status=BusinessPlan.Status.ACTIVE),
    ]  # fmt: skip
    if quarter < 4 and rng.random() < 0.3:
        plans.append(
            BusinessPlan(partner=partner, year=today.year, quarter=quarter + 1,
                         title=f"Q{quarter + 1} push", objectives=rng.choice(OBJECTIVES),
                         status=BusinessPlan.Status.DRAFT)
        )  # fmt: skip
    return plans


def _reviews(partner, rng: Random, today, shared_always: bool) -> list[Review]:
    cadence = partner.tier.review_cadence_days if partner.tier_id else DEFAULT_REVIEW_CADENCE_DAYS
    # About one partner in five has let its reviews slip: the last one is well past the cadence.
    lapse = int(cadence * rng.uniform(1.2, 2.5)) if rng.random() < 0.2 else 0
    last = today - datetime.timedelta(days=lapse + rng.randrange(5, max(6, cadence - 5)))
    first = today - datetime.timedelta(days=730 - rng.randrange(30))
    if partner.joined_on and partner.joined_on > first:
        first = partner.joined_on + datetime.timedelta(days=rng.randrange(14, 45))
    reviews, day = [], first
    while day <= last:
        kind = rng.choices(["qbr", "plan", "relationship"], [5, 3, 2])[0]
        next_on = day + datetime.timedelta(days=cadence)
        reviews.append(
            Review(partner=partner, kind=kind, held_on=day,
                   done_vs_planned=rng.choice(DONE_VS_PLANNED), outcomes=rng.choice(OUTCOMES),
                   next_review_on=next_on, shared_with_partner=shared_always or rng.random() < 0.5)
        )  # fmt: skip
        day += datetime.timedelta(days=max(7, cadence + rng.randrange(-10, 15)))
    return reviews


def seed(state) -> None:
    today = datetime.date.today()
    portal_partners = {
        u.partner_membership.partner_id
        for name, u in state.users.items()
        if name in ("portal-a", "portal-b")
    }
    partners = sorted(
        partner_selectors.partners()
        .filter(business_plans__isnull=True, reviews__isnull=True)
        .select_related("owner", "tier")
        .distinct(),
        key=lambda p: p.slug,
    )
    contacts = {}
    for contact in (
        partner_selectors.contacts()
        .filter(partner__in=[p.pk for p in partners], left_on__isnull=True)
        .order_by("partner_id", "pk")
        .only("pk", "partner_id")
    ):
        contacts.setdefault(contact.partner_id, []).append(contact)
    plans, reviews, actions_for = [], [], []
    for partner in partners:
        # One generator per partner: a partner skipped once is skipped on a rerun too.
        rng = Random(f"{state.seed}:plans:{partner.slug}")
        portal = partner.pk in portal_partners
        if not portal and partner.status != Partner.Status.ACTIVE:
            continue
        people = contacts.get(partner.pk, [])
        # A quarter of the partners have no joint plan, but every active partner is reviewed:
        # a partner never reviewed in years would be a data fault, not a slipped cadence.
        if portal or rng.random() >= 0.25:
            partner_plans = _plans(partner, rng, today)
            plans += partner_plans
            actions_for += [(plan, rng.random(), rng.choice(people) if people else None)
                            for plan in partner_plans]  # fmt: skip
        partner_reviews = _reviews(partner, rng, today, shared_always=portal)
        for review in partner_reviews:
            review.demo_contacts = rng.sample(people, min(len(people), rng.randint(1, 2)))
        reviews += partner_reviews
    BusinessPlan.objects.bulk_create(plans, batch_size=1000)
    actions = []
    for plan, draw, contact in actions_for:
        rng = Random(f"{state.seed}:plan-actions:{plan.partner.slug}:{plan.period_label}:{draw}")
        closed = plan.status == BusinessPlan.Status.CLOSED
        actions += _actions(plan, rng, plan.partner.owner, contact, today, closed)
    PlanAction.objects.bulk_create(actions, batch_size=2000)
    Review.objects.bulk_create(reviews, batch_size=1000)
    ours = Review.our_attendees.through
    theirs = Review.their_attendees.through
    ours.objects.bulk_create(
        [ours(review_id=r.pk, user_id=r.partner.owner_id) for r in reviews if r.partner.owner_id],
        batch_size=2000,
    )
    theirs.objects.bulk_create(
        [theirs(review_id=r.pk, contact_id=c.pk) for r in reviews for c in r.demo_contacts],
        batch_size=2000,
    )
    state.report("business plans", len(plans))
    state.report("plan actions", len(actions))
    state.report("reviews", len(reviews))
