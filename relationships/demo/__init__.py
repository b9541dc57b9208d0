"""Demo org charts and relationship plans for every seeded partner, in bulk.

Per partner: org units (a tree), ~25 contacts on 3–6 reporting levels (a few who left), a
stakeholder analysis for most, at most one champion, plans for the key people, engagement
actions (some overdue), objectives and a year of interactions (~500). `--partners 2000` gives
~50,000 contacts and ~1,000,000 interactions. Partners that already have contacts are skipped,
so a rerun adds nothing. Each partner draws from its own generator (the run's seed and its
slug), so its data does not depend on which other partners a run skips.

portal-a's partner gets a rich, deep chart for demos; the first other partner by name gets
~500 stakeholders: the benchmark finds it as the partner with the most stakeholders.
"""

import datetime
from random import Random

from django.contrib.auth import get_user_model

from partners.models import Partner, PartnerMembership

from . import culture, text
from .generate import BIG_ORG_STAKEHOLDERS, PartnerPlan, partner_plan
from .rows import insert

__all__ = ["BIG_ORG_STAKEHOLDERS", "seed"]

User = get_user_model()
PARTNERS_PER_ROUND = 100  # bounds memory: ~50,000 interactions in flight at most
PORTAL_PEOPLE = [
    ("portal-a", text.ALLIANCES_TITLE),
    ("portal-a-member", "Partner Marketing Manager"),
]


def _demo_partners() -> tuple[Partner | None, Partner | None]:
    """(portal-a's partner, the big organisation): both chosen deterministically."""
    memberships = PartnerMembership.objects.filter(user__username__in=["portal-a", "portal-b"])
    portal = dict(memberships.values_list("user__username", "partner_id"))
    portal_a = Partner.objects.filter(pk=portal.get("portal-a")).first()
    big = Partner.objects.exclude(pk__in=portal.values()).order_by("name", "pk").first()
    return portal_a, big


def _link_portal_logins(plan: PartnerPlan, logins: dict) -> None:
    by_name = {(p.first, p.last): p.contact for p in plan.people}
    for user in logins.values():
        contact = by_name.get((user.first_name, user.last_name))
        PartnerMembership.objects.filter(user=user, contact__isnull=True).update(contact=contact)


def seed(state) -> None:
    base_seed = state.random.randrange(2**32)
    today = state.extra.get("today") or datetime.date.today()
    managers = [u for name, u in sorted(state.users.items()) if name.startswith("manager")]
    portal_a, big = _demo_partners()
    logins = {u.username: u for u in User.objects.filter(username__in=dict(PORTAL_PEOPLE))}
    portal_people = {
        title: (logins[username].first_name, logins[username].last_name)
        for username, title in PORTAL_PEOPLE
        if username in logins
    }
    todo = list(
        Partner.objects.filter(contacts__isnull=True).select_related("owner").order_by("pk")
    )
    totals: dict = {}
    portal_plan = None
    pending = []
    for partner in todo:
        rng = Random(f"{base_seed}:{partner.slug}")
        is_portal = portal_a is not None and partner.pk == portal_a.pk
        plan = partner_plan(
            partner, rng, today=today, managers=managers,
            named=portal_people if is_portal else None,
            big=big is not None and partner.pk == big.pk,
        )  # fmt: skip
        if is_portal:
            portal_plan = plan
        pending.append(plan)
        if len(pending) == PARTNERS_PER_ROUND:
            _add(totals, insert(pending))
            pending = []
    if pending:
        _add(totals, insert(pending))
    if portal_plan is not None:
        _link_portal_logins(portal_plan, logins)
    for what, count in totals.items():
        state.report(what, count)
    culture.seed(state, base_seed=base_seed, today=today, managers=managers)


def _add(totals: dict, rows: dict) -> None:
    for key, value in rows.items():
        totals[key] = totals.get(key, 0) + value
