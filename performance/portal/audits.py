"""The portal's performance audits: the audits shared with the partner, scores only."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.selectors import membership_for_user
from prm.lib import exports
from prm.lib.access import partner_user_required

from ..models.audits import AREAS
from ..panels.audits import trend_chart
from ..selectors import audits as selectors


def _area_points(key):
    return lambda audit: round(audit.result.area(key).percent, 1)


# An audit shared with the partner: its scores only (the notes stay ours).
EXPORT_COLUMNS = [
    exports.column("Audited on", "audited_on"),
    exports.column("Total", lambda audit: round(audit.result.total, 1)),
    exports.column("Class", lambda audit: audit.result.classification.title()),
    *(exports.column(f"{label} %", _area_points(key)) for key, label, _criteria in AREAS),
]


@require_GET
@partner_user_required
def portal_audit_list(request):
    membership = membership_for_user(user=request.user)
    audits = selectors.shared_audits_for_partner(partner_id=membership.partner_id)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="performance-audits", columns=EXPORT_COLUMNS, rows=audits
        )
    trend = trend_chart(audits, "portal-audit-trend") if len(audits) > 1 else None
    context = {"membership": membership, "partner": membership.partner, "audits": audits,
               "latest": audits[0] if audits else None, "trend": trend}  # fmt: skip
    return render(request, "performance/audit_portal_list.html", context)
