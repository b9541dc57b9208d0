"""Reads of performance audits: pages, tabs, the portfolio and the portal summary."""

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404

from partners.models import Partner
from partners.selectors import partners, sweet_spot_segment_names, territory_count
from prm.lib.access import require_vendor_staff
from prm.lib.cache import cached_while_unchanged

from ..audit_result import DEFAULT_WEIGHTS, AuditResult, audit_result
from ..models.audits import AuditWeights, PerformanceAudit, PerformanceAuditAction
from . import scoring


def audit_get(*, user, pk) -> PerformanceAudit:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(
        PerformanceAudit.objects.select_related("partner", "audited_by").prefetch_related(
            Prefetch("actions", PerformanceAuditAction.objects.select_related("owner"))
        ),
        pk=pk,
    )


def audit_action_get(*, user, pk) -> PerformanceAuditAction:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(PerformanceAuditAction.objects.select_related("audit"), pk=pk)


def current_weights() -> dict[str, int]:
    weights = AuditWeights.objects.filter(is_current=True).first()
    return weights.as_dict() if weights else dict(DEFAULT_WEIGHTS)


def result_for(audit: PerformanceAudit, weights: dict | None = None) -> AuditResult:
    return audit_result(audit.scores(), weights or current_weights())


def with_results(audits, weights=None) -> list:
    """Attach `.result` to each audit (one weights query for the lot)."""
    weights = weights or current_weights()
    audits = list(audits)
    for audit in audits:
        audit.result = audit_result(audit.scores(), weights)
    return audits


def audit_hints(*, partner: Partner) -> dict[str, str]:
    """What we already know, shown next to the criteria it informs (criterion → text)."""
    sweet = sweet_spot_segment_names()
    theirs = list(partner.segments.values_list("name", flat=True))
    overlap = sorted(set(sweet) & set(theirs))
    territories = list(partner.territories.values_list("name", flat=True))
    all_territories = territory_count()
    if not sweet:
        segment_hint = "No sweet-spot segments are marked yet."
    elif overlap:
        segment_hint = f"Serves {len(overlap)} of our {len(sweet)} sweet-spot segments: " + (
            ", ".join(overlap) + "."
        )
    else:
        segment_hint = f"Serves none of our {len(sweet)} sweet-spot segments."
    territory_hint = (
        f"Covers {len(territories)} of our {all_territories} territories: "
        + ", ".join(sorted(territories))
        + "."
        if territories
        else "No territories recorded for this partner."
    )
    size = []
    if partner.employee_count is not None:
        size.append(f"{partner.employee_count:,} employees")
    if partner.annual_revenue is not None:
        size.append(f"annual revenue {partner.annual_revenue:,.0f}")
    size_hint = ("Size: " + ", ".join(size) + ".") if size else "Size not recorded yet."
    revenue_hint = _revenue_history_hint(partner)
    return {
        "deliver_scale": size_hint,
        "sweet_spot_alignment": segment_hint,
        "sweet_spot_customers": segment_hint,
        "territory_coverage": territory_hint,
        "revenue_quarter": revenue_hint,
        "revenue_year": revenue_hint,
        "revenue_scale": size_hint,
    }


def _revenue_history_hint(partner: Partner) -> str:
    """The partner's last four quarters of revenue actuals with us (one query)."""
    from ..models import Actual

    rows = list(
        Actual.objects.filter(partner=partner, metric__key="revenue", quarter__isnull=False)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter", "value")[:4]
    )
    if not rows:
        return "No revenue history with us yet: judge from the pipeline and their plans."
    quarters = ", ".join(f"Q{q} {y}: {v:,.0f}" for y, q, v in rows)
    return f"Revenue with us, latest quarters first — {quarters}."


def partner_audits(*, partner: Partner):
    return PerformanceAudit.objects.filter(partner=partner).select_related("audited_by")


def portfolio_rows(*, sort: str = "", minimums=None, maximums=None) -> list[tuple]:
    """Every partner by its latest audit's total, best first, the unaudited last:
    `(partner id, name, annual revenue, latest audit id or None, total, class)`; or narrowed
    and sorted by the partners' latest scores (`scoring.rank_by_scores`). Computing every
    total reads every partner and audit, so the ranking is kept while partners, audits,
    weights and score runs are unchanged, per sort and limits; `portfolio_page` loads the
    page shown."""
    scores = {"sort": sort, "minimums": minimums, "maximums": maximums}
    return cached_while_unchanged(
        f"audit-portfolio:{scoring.ranking_key(**scores)}",
        [partners().model, PerformanceAudit, AuditWeights, *scoring.score_tables()],
        lambda: scoring.rank_by_scores(_audit_ranking(), partner_id=lambda row: row[0], **scores),
    )


def _audit_ranking() -> list[tuple]:
    latest = PerformanceAudit.objects.filter(partner=OuterRef("pk")).order_by("-audited_on", "-pk")
    every_partner = (
        partners()
        .annotate(latest_audit_id=Subquery(latest.values("pk")[:1]))
        .order_by("name", "pk")
        .values_list("pk", "name", "annual_revenue", "latest_audit_id")
    )
    every_partner = list(every_partner)
    ids = [audit_id for *_, audit_id in every_partner if audit_id]
    audits = {a.pk: a for a in with_results(PerformanceAudit.objects.filter(pk__in=ids))}
    rows = []
    for partner_id, name, revenue, audit_id in every_partner:
        audit = audits.get(audit_id)
        if audit is None:
            rows.append((partner_id, name, revenue, None, None, ""))
        else:
            total, classification = audit.result.total, audit.result.classification
            rows.append((partner_id, name, revenue, audit_id, total, classification))
    rows.sort(key=lambda r: (r[3] is None, -(r[4] or 0)))
    return rows


def portfolio_page(ranking_rows) -> list[dict]:
    """The rows of one page of the ranking with their partners and audits (two queries)."""
    found = partners().filter(pk__in=[row[0] for row in ranking_rows]).select_related("tier")
    found = found.in_bulk()
    audits = PerformanceAudit.objects.filter(pk__in=[row[3] for row in ranking_rows if row[3]])
    audits = {audit.pk: audit for audit in with_results(audits)}
    return [
        {"partner": found[row[0]], "audit": audits.get(row[3])}
        for row in ranking_rows
        if row[0] in found
    ]


def shared_audits_for_partner(*, partner_id: int) -> list:
    """The portal's view: only audits shared with this partner, with their results."""
    return with_results(
        PerformanceAudit.objects.filter(Q(partner_id=partner_id) & Q(share_with_partner=True))
    )
