"""Demo targets and actuals: two years of quarterly actuals and targets for many partners, most
agreed (some after a counter-proposal), the current quarter still being negotiated for some;
bulk and deterministic. Partners that already have targets are skipped, so a rerun adds nothing.
"""

import datetime
from decimal import Decimal
from random import Random

from partners import selectors as partner_selectors
from prm.lib.bulk import bulk_update_rows

from ..models import Actual, ActualSource, Metric, Target, TargetProposal, TargetStatus

# metric key → (base quarterly value range, rounding)
BASES = {"revenue": (40_000, 600_000, 1000), "new-customers": (2, 30, 1),
         "pipeline": (100_000, 2_000_000, 5000)}  # fmt: skip
TARGETED = ["revenue", "new-customers"]


def _quarters(today, count):
    year, quarter = today.year, (today.month - 1) // 3 + 1
    periods = []
    for _ in range(count):
        periods.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return list(reversed(periods))


def _round(value, step):
    return Decimal(int(value / step) * step)


def _negotiate(rng, target, value, vendor, partner_user, when, open_):
    """The steps of one negotiation, as unsaved proposals; the target's final state set."""
    steps = [
        TargetProposal(
            target=target,
            side="vendor",
            proposed_by=vendor,
            action="propose",
            value=value,
            comment="Based on last year's run rate plus growth.",
        )
    ]
    if rng.random() < 0.4:
        value = _round(value * Decimal("0.9"), 1 if value < 100 else 1000)
        steps.append(
            TargetProposal(
                target=target,
                side="partner",
                proposed_by=partner_user,
                action="counter",
                value=value,
                comment="Two of our sales people leave this quarter.",
            )
        )
    if not open_:
        side = "vendor" if steps[-1].side == "partner" else "partner"
        steps.append(
            TargetProposal(
                target=target,
                side=side,
                proposed_by=vendor if side == "vendor" else partner_user,
                action="accept",
                value=value,
                comment="",
            )
        )
        target.status, target.agreed_value = TargetStatus.AGREED, value
    for step in steps:
        step.created_at = when
    return steps  # fmt: skip


def _partner_rows(rng, partner, metrics, periods, vendor, partner_user):
    actuals, targets, proposals = [], [], []
    for key, (low, high, step) in BASES.items():
        level, growth = rng.uniform(low, high), rng.uniform(-0.03, 0.08)
        for index, (year, quarter) in enumerate(periods):
            value = level * (1 + growth) ** index * rng.uniform(0.85, 1.15)
            is_current = index == len(periods) - 1
            if not is_current:
                actuals.append(Actual(partner=partner, metric=metrics[key], year=year,
                                      quarter=quarter, value=_round(value, step),
                                      source=ActualSource.IMPORTED))  # fmt: skip
            if key in TARGETED and index >= 4:
                target = Target(partner=partner, metric=metrics[key], year=year, quarter=quarter)
                asked = _round(level * (1 + growth) ** index * rng.uniform(1.0, 1.15), step)
                when = datetime.datetime(year, 3 * quarter - 2, 1, tzinfo=datetime.UTC)
                open_ = is_current and rng.random() < 0.5
                proposals.append(
                    (target, _negotiate(rng, target, asked, vendor, partner_user, when, open_))
                )
                targets.append(target)
    return actuals, targets, proposals


def seed(state) -> None:
    metrics = {m.key: m for m in Metric.objects.filter(key__in=BASES)}
    if len(metrics) < len(BASES):
        return
    fallback = state.users.get("manager")
    portal = {u.partner_membership.partner_id: u for name, u in state.users.items()
              if name in ("portal-a", "portal-b")}  # fmt: skip
    periods = _quarters(datetime.date.today(), 9)
    actuals, targets, negotiations = [], [], []
    partners = partner_selectors.partners().filter(targets__isnull=True).select_related("owner")
    for partner in sorted(partners, key=lambda p: p.slug):
        rng = Random(f"{state.seed}:targets:{partner.slug}")
        if partner.pk not in portal and rng.random() < 0.2:
            continue  # some partners have no targets yet
        vendor = partner.owner or fallback
        partner_user = portal.get(partner.pk) or vendor  # recorded by the manager in a review
        rows = _partner_rows(rng, partner, metrics, periods, vendor, partner_user)
        actuals += rows[0]
        targets += rows[1]
        negotiations += rows[2]
    Actual.objects.bulk_create(actuals, batch_size=2000, ignore_conflicts=True)
    Target.objects.bulk_create(targets, batch_size=2000)
    steps = [step for _, proposal_steps in negotiations for step in proposal_steps]
    for step in steps:
        step.target_id = step.target.pk
    intended = [step.created_at for step in steps]
    created = TargetProposal.objects.bulk_create(steps, batch_size=2000)
    # auto_now_add overwrote created_at on insert; bulk_update_rows writes the intended dates.
    for step, when in zip(created, intended, strict=True):
        step.created_at = when
    bulk_update_rows(TargetProposal, created, ["created_at"])
    state.report("targets", len(targets))
    state.report("target proposals", len(steps))
    state.report("actuals", len(actuals))
