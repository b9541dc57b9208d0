"""The portal's performance audits: the audits shared with the partner, scores only."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.selectors import membership_for_user
from prm.lib.access import partner_user_required

from ..panels.audits import trend_chart
from ..selectors import audits as selectors


@require_GET
@partner_user_required
def portal_audit_list(request):
    membership = membership_for_user(user=request.user)
    audits = selectors.shared_audits_for_partner(partner_id=membership.partner_id)
    trend = trend_chart(audits, "portal-audit-trend") if len(audits) > 1 else None
    context = {"membership": membership, "partner": membership.partner, "audits": audits,
               "latest": audits[0] if audits else None, "trend": trend}  # fmt: skip
    return render(request, "performance/audit_portal_list.html", context)
