"""Demo program terms: requirements and benefits of the four demo tiers, ~15 resources (links,
and three small generated text/CSV files, so no binary download is needed) and the tier history
of most partners over the last two years (moves up, a few down, with reasons, by their manager).

Deterministic; a second run adds nothing (terms and resources stop if resources already exist;
partners that already have a tier history are skipped).
"""

import datetime
import itertools
from decimal import Decimal
from random import Random

from django.core.files.base import ContentFile
from django.utils import timezone

from partners import selectors as partner_selectors

from ..models import Benefit, Resource, TierChange, TierRequirement

REQUIREMENTS = {  # tier → (annual revenue, certified people, audit score)
    "Silver": (Decimal("250000"), 2, 40),
    "Gold": (Decimal("1000000"), 5, 60),
    "Platinum": (Decimal("3000000"), 10, 75),
}
BENEFITS = {
    "Registered": [("discount", "10% off list", 10), ("deal_protection", "60 days", 60)],
    "Silver": [("discount", "18% off list", 18), ("deal_protection", "90 days", 90),
               ("mdf", "Eligible, up to 10k per year", 10000)],
    "Gold": [("discount", "25% off list", 25), ("deal_protection", "120 days", 120),
             ("mdf", "Eligible, up to 50k per year", 50000),
             ("cam_time", "Named channel account manager, 4 h per month", 4),
             ("technical", "Pre-sales engineer on request", None)],
    "Platinum": [("discount", "32% off list", 32), ("deal_protection", "180 days", 180),
                 ("mdf", "Eligible, up to 150k per year", 150000),
                 ("cam_time", "Dedicated channel account manager", None),
                 ("technical", "Dedicated solution architect", None),
                 ("special_bid", "Special bid discounts up to 45%", 45)],
}  # fmt: skip
LINKS = [
    ("Partner program guide", "sales", None, "https://example.com/program-guide"),
    ("Brand and logo usage", "marketing", None, "https://example.com/brand"),
    ("Product overview deck", "sales", None, "https://example.com/overview-deck"),
    ("Training portal", "training", None, "https://example.com/training"),
    ("Competitive battlecards", "sales", "Silver", "https://example.com/battlecards"),
    ("Co-marketing campaign kits", "marketing", "Silver", "https://example.com/campaign-kits"),
    ("Reference architectures", "technical", "Silver", "https://example.com/architectures"),
    ("Demo environment access", "technical", "Gold", "https://example.com/demo-env"),
    ("Roadmap briefing (NDA)", "sales", "Gold", "https://example.com/roadmap"),
    ("MDF claim handbook", "marketing", "Gold", "https://example.com/mdf-handbook"),
    ("Executive sponsor programme", "sales", "Platinum", "https://example.com/exec-sponsor"),
    ("Beta programme sign-up", "technical", "Platinum", "https://example.com/beta"),
]
FILES = [
    ("Discount matrix", "legal", "Silver", "discount-matrix.csv",
     "tier,discount_percent,deal_protection_days\nRegistered,10,60\nSilver,18,90\n"
     "Gold,25,120\nPlatinum,32,180\n"),
    ("Deal registration checklist", "sales", None, "deal-registration-checklist.txt",
     "Before you quote:\n1. Register the opportunity.\n2. Wait for approval.\n"
     "3. Quote within the protection period.\n"),
    ("Technical onboarding notes", "technical", "Gold", "technical-onboarding.txt",
     "Sandbox access, support escalation paths and the partner engineering contacts.\n"),
]  # fmt: skip


HISTORY_SHARE = 0.6  # of the partners in a tier; the others show an empty history
HISTORY_DAYS = 730
UPGRADES = [
    "Met every {to} requirement at the {quarter} review: revenue, certified people and audit.",
    "Revenue over four quarters passed the {to} threshold and two more people got certified.",
    "Strong {quarter} audit and a growing pipeline: promoted to {to} as the business plan set out.",
    "Completed the {to} enablement track; the channel team confirmed the requirements.",
]
DOWNGRADES = [
    "Revenue stayed below the {from_} requirement for two quarters: {to} from {quarter}.",
    "Certified people fell below the {from_} minimum after staff turnover: {to} until they "
    "recertify.",
    "The {quarter} audit fell short of the {from_} score: moved to {to} with a recovery plan.",
]
JOINS = [
    "Signed the partner agreement; starts at {to}.",
    "Joined the partner program at {to} after onboarding.",
]


def seed(state) -> None:
    _seed_terms_and_resources()
    _seed_tier_history(state)


def _seed_terms_and_resources() -> None:
    if Resource.objects.exists():
        return
    tiers = {tier.name: tier for tier in partner_selectors.tiers()}
    for name, (revenue, people, score) in REQUIREMENTS.items():
        if name in tiers:
            TierRequirement.objects.get_or_create(
                tier=tiers[name],
                defaults={"min_annual_revenue": revenue, "min_certified_people": people,
                          "min_audit_score": score},
            )  # fmt: skip
    for name, rows in BENEFITS.items():
        for kind, value, amount in rows if name in tiers else []:
            Benefit.objects.get_or_create(
                tier=tiers[name], kind=kind, defaults={"value": value, "amount": amount}
            )
    for title, category, tier, link in LINKS:
        Resource.objects.create(
            title=title, category=category, minimum_tier=tiers.get(tier), link=link,
            description=f"{title} for {tier or 'every'} partner{'s' if not tier else 's and up'}.",
        )  # fmt: skip
    for title, category, tier, filename, text in FILES:
        resource = Resource(title=title, category=category, minimum_tier=tiers.get(tier))
        resource.description = "A small generated file."
        resource.file.save(filename, ContentFile(text.encode()), save=False)
        resource.save()


def _seed_tier_history(state) -> None:
    tiers = {tier.rank: tier for tier in partner_selectors.tiers()}
    fallback = state.users.get("manager")
    portal_partners = {
        user.partner_membership.partner_id
        for name, user in state.users.items()
        if name in ("portal-a", "portal-b")
    }
    partners = (
        partner_selectors.partners()
        .filter(tier__isnull=False, tier_changes__isnull=True)
        .select_related("tier", "owner")
    )
    now = timezone.now()
    changes = []
    for partner in sorted(partners, key=lambda p: p.slug):
        # One generator per partner: a rerun makes the same choice (skipped stays skipped).
        rng = Random(f"{state.seed}:tier-history:{partner.slug}")
        author = partner.owner or fallback
        if author is None or (partner.pk not in portal_partners and rng.random() > HISTORY_SHARE):
            continue
        changes += _history_of(partner, rng, tiers, author, now)
    TierChange.objects.bulk_create(changes, batch_size=1000)
    state.report("tier changes", len(changes))


def _tier_path(rng: Random, current: int, top: int) -> list[int]:
    """Ranks the partner went through, ending at `current`: mostly up, now and then down."""
    path = [current]
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        here = path[0]
        came_down = here < top and (here == 1 or rng.random() < 0.2)
        path.insert(0, here + 1 if came_down else here - 1)
    return path


def _history_of(partner, rng: Random, tiers: dict, author, now) -> list[TierChange]:
    """One to three moves into the partner's tier within the last two years, and their joining
    if that was within those two years too."""
    window_start = now - datetime.timedelta(days=HISTORY_DAYS)
    path = _tier_path(rng, partner.tier.rank, max(tiers))
    joined = partner.joined_on and min(
        timezone.make_aware(datetime.datetime.combine(partner.joined_on, datetime.time(10))),
        now - datetime.timedelta(days=7),
    )
    if joined and joined > window_start:
        if (now - joined).days < 90:  # too new for moves: only their joining
            path = [partner.tier.rank]
        ranks, dates = [None, *path], [joined, *_dates(rng, joined, now, len(path) - 1)]
    else:
        ranks, dates = path, _dates(rng, window_start, now, len(path) - 1)
    changes = []
    for (from_rank, to_rank), when in zip(itertools.pairwise(ranks), dates, strict=True):
        from_tier, to_tier = tiers.get(from_rank), tiers[to_rank]
        changes.append(TierChange(
            partner=partner, from_tier=from_tier, to_tier=to_tier, changed_by=author,
            changed_at=when, reason=_reason(rng, from_tier, to_tier, when),
        ))  # fmt: skip
    return changes


def _dates(rng: Random, after, now, count: int) -> list:
    """`count` distinct days after `after` and at least a week before now, in order."""
    days = rng.sample(range(1, (now - after).days - 7), count)
    return [after + datetime.timedelta(days=day, hours=rng.randint(0, 7)) for day in sorted(days)]


def _reason(rng: Random, from_tier, to_tier, when) -> str:
    if from_tier is None:
        template = rng.choice(JOINS)
    else:
        template = rng.choice(UPGRADES if to_tier.rank > from_tier.rank else DOWNGRADES)
    quarter = f"Q{(when.month - 1) // 3 + 1} {when.year}"
    return template.format(from_=from_tier, to=to_tier.name, quarter=quarter)
