"""Demo escalations: eight completed quarters and the current one for most partners, a few of
them (portal-a's partner among them) with support effort rising in the last two quarters;
bulk and deterministic. Partners that already have escalations are skipped: a rerun adds
nothing."""

import datetime
from decimal import Decimal
from random import Random

from partners import selectors as partner_selectors

from ..models import Escalation, EscalationOutcome, EscalationSeverity
from ..selectors.escalations import completed_quarters, quarter_end, quarter_start

QUARTERS = 8
RISING_SHARE = 0.15  # of the partners with escalations, besides portal-a's
CUSTOMERS = [
    "Nordwind Logistik GmbH", "Harbor Dental Group", "Blue Fjord Seafood AS",
    "Cedar County Schools",
    "Lumen Architects LLP", "Prairie Credit Union", "Solano Wines S.A.", "Oakridge Clinics",
    "Vertex Freight Ltd", "Maison Perrin SARL", "Kestrel Insurance", "Tidewater Utilities",
    "Aurora Polymers", "Redwood City Council", "Pioneer Hotels Group", "Brightline Media",
]  # fmt: skip
PROBLEMS = [
    "Upgrade failed halfway; the customer's site was down for a morning.",
    "Licence keys did not activate after the renewal.",
    "Performance dropped after the partner's configuration change.",
    "Data sync between sites stopped; records diverged.",
    "Integration with the customer's ERP broke after our release.",
    "The customer asked for a root-cause report the partner could not write alone.",
]
PARTNER_NOTES = [
    "Please check the configuration guide before the next upgrade.",
    "Fixed in the current release; upgrade when convenient.",
    "",
]
INTERNAL_NOTES = [
    "Partner's engineer skipped the pre-upgrade checklist again.",
    "We did the partner's work here; raise at the next QBR.",
    "",
]
SEVERITIES = [EscalationSeverity.LOW, EscalationSeverity.MEDIUM, EscalationSeverity.MEDIUM,
              EscalationSeverity.HIGH, EscalationSeverity.CRITICAL]  # fmt: skip
OUTCOMES = [EscalationOutcome.RESOLVED, EscalationOutcome.RESOLVED, EscalationOutcome.WORKAROUND,
            EscalationOutcome.NO_FAULT, EscalationOutcome.CUSTOMER_LOST]  # fmt: skip


def _escalation(rng, partner, day, *, today, logged_by, hours) -> Escalation:
    resolved_on = day + datetime.timedelta(days=rng.randint(1, 40))
    still_open = resolved_on > today or rng.random() < 0.03
    return Escalation(
        partner=partner, customer=rng.choice(CUSTOMERS), summary=rng.choice(PROBLEMS),
        severity=rng.choice(SEVERITIES), opened_on=day,
        resolved_on=None if still_open else resolved_on,
        outcome=EscalationOutcome.OPEN if still_open else rng.choice(OUTCOMES),
        effort_hours=Decimal(str(round(hours, 1))), partner_notes=rng.choice(PARTNER_NOTES),
        internal_notes=rng.choice(INTERNAL_NOTES), logged_by=logged_by,
    )  # fmt: skip


def _partner_rows(rng, partner, *, today, rising: bool, logged_by) -> list[Escalation]:
    periods = completed_quarters(today=today, count=QUARTERS)
    year, quarter = today.year, (today.month - 1) // 3 + 1
    periods.append((year, quarter))  # the current one, so far
    per_quarter, base_hours = rng.uniform(1.5 if rising else 0.5, 3), rng.uniform(3, 14)
    rows = []
    for index, (year, quarter) in enumerate(periods):
        recent = index >= QUARTERS - 2
        # Rising partners: twice to three times the escalations and the hours, lately.
        factor = rng.uniform(2.2, 3.2) if rising and recent else 1.0
        start, end = quarter_start(year, quarter), min(quarter_end(year, quarter), today)
        for _ in range(max(0, round(rng.gauss(per_quarter * factor, 0.7)))):
            day = start + datetime.timedelta(days=rng.randint(0, (end - start).days))
            hours = max(0.5, rng.gauss(base_hours * factor, base_hours / 3))
            rows.append(_escalation(rng, partner, day, today=today, logged_by=logged_by,
                                    hours=hours))  # fmt: skip
    return rows


def seed(state) -> None:
    today = datetime.date.today()
    portal = {
        name: user.partner_membership.partner_id
        for name, user in state.users.items()
        if name in ("portal-a", "portal-b")
    }
    fallback = state.users.get("manager")
    partners = partner_selectors.partners().filter(escalations__isnull=True).order_by("slug")
    rows, rising_count = [], 0
    for partner in partners.select_related("owner"):
        rng = Random(f"{state.seed}:escalations:{partner.slug}")
        if partner.pk not in portal.values() and rng.random() < 0.25:
            continue  # some partners never needed us
        rising = partner.pk == portal.get("portal-a") or (
            partner.pk != portal.get("portal-b") and rng.random() < RISING_SHARE
        )
        rising_count += rising
        partner_rows = _partner_rows(
            rng, partner, today=today, rising=rising, logged_by=partner.owner or fallback
        )
        if partner.pk in portal.values() and not partner_rows:
            partner_rows = [_escalation(rng, partner, today - datetime.timedelta(days=20),
                                        today=today, logged_by=fallback, hours=6)]  # fmt: skip
        rows += partner_rows
    Escalation.objects.bulk_create(rows, batch_size=2000)
    state.report("escalations", len(rows))
    state.report("partners with rising support effort", rising_count)
