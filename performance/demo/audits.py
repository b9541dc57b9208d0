"""Demo performance audits: most partners audited every quarter or two over two years, each
with its own level and drift, the latest ones often shared; bulk and deterministic.

Partners that already have audits are skipped, so a second run adds nothing.
"""

import datetime
from random import Random

from partners import selectors as partner_selectors

from ..models import AREAS, PerformanceAudit, PerformanceAuditAction

NOTES = {
    1: "Weak: little evidence, nothing planned.",
    2: "Below what we need; discussed in the last review.",
    3: "Adequate, with room to grow.",
    4: "Strong, backed by recent results.",
    5: "Outstanding: a reference for other partners.",
}
FOLLOW_UPS = [
    "Agree a joint marketing plan for the sweet-spot segments",
    "Run a sales enablement session for their new hires",
    "Review territory coverage with their regional leads",
    "Share the pipeline review template and book a monthly call",
    "Introduce their CTO to our product management",
]


def _score(rng: Random, level: float) -> int:
    return max(1, min(5, round(rng.gauss(level, 0.7))))


def _audits_for(partner, rng: Random, auditor, today: datetime.date) -> list[PerformanceAudit]:
    level, drift = rng.uniform(1.8, 4.4), rng.uniform(-0.15, 0.2)
    area_bias = {key: rng.uniform(-0.6, 0.6) for key, _, _ in AREAS}
    audits, day = [], today - datetime.timedelta(days=730 - rng.randrange(60))
    while day <= today:
        fields = {}
        for key, _, criteria in AREAS:
            for name, _ in criteria:
                fields[name] = _score(rng, level + area_bias[key])
                fields[f"{name}_note"] = NOTES[fields[name]] if rng.random() < 0.4 else ""
        shared = rng.random() < 0.5
        audits.append(
            PerformanceAudit(
                partner=partner,
                audited_by=auditor,
                audited_on=day,
                share_with_partner=shared,
                **fields,
            )
        )
        level = max(1.2, min(4.8, level + drift))
        day += datetime.timedelta(days=rng.choice([91, 120, 182]))
    return audits


def seed(state) -> None:
    rng = Random(f"{state.seed}:audit-actions")
    today = datetime.date.today()
    fallback = state.users.get("manager")
    portal_partners = {
        u.partner_membership.partner_id
        for name, u in state.users.items()
        if name in ("portal-a", "portal-b")
    }
    unaudited = (
        partner_selectors.partners().filter(performance_audits__isnull=True).select_related("owner")
    )
    audits = []
    for partner in sorted(unaudited, key=lambda p: p.slug):
        # One generator per partner: a rerun makes the same choice (skipped stays skipped).
        partner_rng = Random(f"{state.seed}:audits:{partner.slug}")
        if partner.pk not in portal_partners and partner_rng.random() < 0.15:
            continue  # a few partners were never audited: the portfolio shows them too
        auditor = partner.owner or fallback
        if auditor is None:
            continue
        partner_audits = _audits_for(partner, partner_rng, auditor, today)
        if partner.pk in portal_partners:
            partner_audits[-1].share_with_partner = True
        audits += partner_audits
    audits = PerformanceAudit.objects.bulk_create(audits, batch_size=1000)
    latest = {}
    for audit in audits:
        if audit.audited_on >= latest.get(audit.partner_id, audit).audited_on:
            latest[audit.partner_id] = audit
    actions = [
        PerformanceAuditAction(
            audit=audit,
            what=rng.choice(FOLLOW_UPS),
            owner=audit.audited_by,
            due=audit.audited_on + datetime.timedelta(days=45),
            done=rng.random() < 0.4,
        )  # fmt: skip
        for audit in latest.values()
        if rng.random() < 0.7
    ]
    PerformanceAuditAction.objects.bulk_create(actions, batch_size=1000)
    state.report("performance audits", len(audits))
    state.report("audit follow-up actions", len(actions))
