"""Demo incentive programs and claims: seven programs of every kind and targeted behaviour
(ended, running and upcoming), claims from a share of the eligible partners in every state,
always within each program's budget, with attributed revenue that gives each program a
different return. portal-a's partner claims from every program open to it.

Deterministic; a second run adds nothing (it stops if any program exists).
"""

import datetime
from decimal import Decimal
from random import Random

from django.utils import timezone

from partners import selectors as partner_selectors
from partners.models import Partner
from prm.lib.bulk import bulk_update_rows

from ..models import ClaimStatus, IncentiveClaim, IncentiveProgram

# name, kind, behaviour, start and end (days from today), budget, tiers (None: every tier),
# revenue multiple of a paid claim (what the program tends to return), what partners should do
PROGRAMS = [
    (
        "Platform focus SPIFF",
        "spiff",
        "focus",
        -120,
        60,
        250_000,
        ["Silver", "Gold", "Platinum"],
        6.0,
        "Sell the Platform bundle to mid-market customers in our focus segments.",
    ),
    (
        "Loyalty rebate last year",
        "rebate",
        "loyalty",
        -420,
        -56,
        600_000,
        None,
        2.5,
        "Stay with us: a rebate on every quarter's revenue for partners who renew.",
    ),
    (
        "Road to Gold award",
        "award",
        "requirements",
        -300,
        -30,
        120_000,
        ["Silver"],
        1.5,
        "Certify people and lift the audit score to meet the Gold requirements.",
    ),
    (
        "Co-marketing MDF",
        "mdf",
        "results",
        -200,
        160,
        400_000,
        ["Gold", "Platinum"],
        4.0,
        "Joint campaigns that bring new pipeline with our products.",
    ),
    (
        "Regional co-op advertising",
        "co_op",
        "focus",
        -500,
        -320,
        150_000,
        None,
        0.8,
        "Local advertising of our Security line.",
    ),
    (
        "Strategic special bids",
        "special_bid",
        "results",
        -90,
        270,
        300_000,
        ["Platinum"],
        9.0,
        "Win large strategic deals with an extra special-bid discount.",
    ),
    (
        "Partner of the year awards",
        "award",
        "results",
        30,
        395,
        50_000,
        None,
        0.0,
        "The year's best partners by growth with us.",
    ),
]
DESCRIPTIONS = {
    "spiff": ["Sold the Platform bundle to a new mid-market customer.",
              "Two Platform deals in the focus segment this quarter."],
    "rebate": ["Quarterly rebate on renewed revenue.", "Rebate on the year's renewals."],
    "award": ["Three people certified and audit score above 70.",
              "Met every Gold requirement this half-year."],
    "mdf": ["Joint webinar series with 240 registrations.", "Trade-show booth, co-branded."],
    "co_op": ["Regional radio campaign for the Security line.", "Print ads in two trade papers."],
    "special_bid": ["Special-bid discount on a strategic public-sector deal.",
                    "Competitive displacement at a large retailer."],
}  # fmt: skip
REJECTIONS = [
    "The deal closed before the program started.",
    "No proof of the campaign was attached; send the invoices and claim again.",
    "The products sold are not part of this program.",
    "Already claimed under the loyalty rebate.",
]


def _programs(today, tiers) -> list[IncentiveProgram]:
    programs = []
    for name, kind, behaviour, start, end, budget, tier_names, _, text in PROGRAMS:
        program = IncentiveProgram.objects.create(
            name=name, kind=kind, targeted_behaviour=behaviour, behaviour_description=text,
            budget=Decimal(budget), currency="EUR",
            starts_on=today + datetime.timedelta(days=start),
            ends_on=today + datetime.timedelta(days=end),
        )  # fmt: skip
        if tier_names:
            program.eligible_tiers.set([tiers[n] for n in tier_names if n in tiers])
        programs.append(program)
    return programs


def _status(rng, program, today) -> str:
    roll = rng.random()
    if program.ends_on < today:  # an ended program has decided everything
        return ClaimStatus.REJECTED if roll < 0.12 else ClaimStatus.PAID
    if roll < 0.3:
        return ClaimStatus.REQUESTED
    if roll < 0.55:
        return ClaimStatus.APPROVED
    return ClaimStatus.PAID if roll < 0.9 else ClaimStatus.REJECTED


def _when(rng, program, today, now):
    """When a claim was made: a working hour in the program's period, in the past."""
    span = max((min(program.ends_on, today) - program.starts_on).days, 1)
    day = program.starts_on + datetime.timedelta(days=rng.randint(0, span))
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), now - datetime.timedelta(hours=rng.randint(1, 72)))


def _claims_of(rng, program, multiple, chosen, requester_of, manager, today, now):
    typical = program.budget * Decimal("0.85") / len(chosen)
    committed, claims = Decimal("0"), []
    for partner in chosen:
        amount = max((typical * Decimal(rng.uniform(0.4, 1.6))).quantize(Decimal("10")), 50)
        status = _status(rng, program, today)
        if status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
            if committed + amount > program.budget:  # the budget is spent: left undecided
                status = ClaimStatus.REQUESTED
            else:
                committed += amount
        created = _when(rng, program, today, now)
        decided = min(created + datetime.timedelta(days=rng.randint(1, 12)), now)
        revenue = None
        if status != ClaimStatus.REJECTED and rng.random() < 0.85:
            revenue = (amount * Decimal(multiple * rng.uniform(0.5, 1.5))).quantize(Decimal("1"))
        claim = IncentiveClaim(
            program=program, partner=partner, amount=amount, currency=program.currency,
            description=rng.choice(DESCRIPTIONS[program.kind]), attributed_revenue=revenue,
            status=status, requested_by_id=requester_of.get(partner.pk, manager.pk),
            created_at=created,
        )  # fmt: skip
        if status != ClaimStatus.REQUESTED:
            claim.decided_by, claim.decided_at = manager, decided
        if status == ClaimStatus.REJECTED:
            claim.rejection_reason = rng.choice(REJECTIONS)
        if status == ClaimStatus.PAID:
            claim.paid_at = min(decided + datetime.timedelta(days=rng.randint(5, 30)), now)
            claim.payment_reference = f"PAY-{program.pk:03d}-{partner.pk:06d}"
        claims.append(claim)
    return claims


def _eligible(program, partners) -> list[Partner]:
    tier_ids = {tier.pk for tier in program.eligible_tiers.all()}
    return [p for p in partners if not tier_ids or p.tier_id in tier_ids]


def seed(state) -> None:
    if IncentiveProgram.objects.exists():
        return
    rng = Random(f"{state.seed}:claims")
    today, now = timezone.localdate(), timezone.now()
    manager = state.users.get("manager")
    tiers = {tier.name: tier for tier in partner_selectors.tiers()}
    programs = _programs(today, tiers)
    partners = list(partner_selectors.partners().only("pk", "tier_id").order_by("pk"))
    requester_of = partner_selectors.portal_users_by_partner()
    portal_partner_ids = set(requester_of)
    claims = []
    for program, row in zip(programs, PROGRAMS, strict=True):
        if program.starts_on > today:
            continue  # upcoming: nobody can claim yet
        eligible = _eligible(program, partners)
        others = [p for p in eligible if p.pk not in portal_partner_ids]
        # A share of the eligible partners claim; the portal users' partners always do.
        chosen = rng.sample(others, min(len(others), max(6, len(eligible) // 20)))
        chosen += [p for p in eligible if p.pk in portal_partner_ids]
        if chosen:
            claims += _claims_of(rng, program, row[7], chosen, requester_of, manager, today, now)
    intended = [claim.created_at for claim in claims]
    created = IncentiveClaim.objects.bulk_create(claims, batch_size=1000)
    # auto_now_add overwrote created_at on insert; bulk_update_rows writes the intended dates.
    for claim, when in zip(created, intended, strict=True):
        claim.created_at = when
    bulk_update_rows(IncentiveClaim, created, ["created_at"])
    for program in programs:  # the budget ledger, as claim_approve keeps it
        program.committed_total = sum(
            (c.amount for c in created if c.program_id == program.pk
             and c.status in (ClaimStatus.APPROVED, ClaimStatus.PAID)), Decimal("0"),
        )  # fmt: skip
    IncentiveProgram.objects.bulk_update(programs, ["committed_total"])
    state.report("incentive programs", len(programs))
    state.report("incentive claims", len(created))
