"""The portal's escalations: the partner's own customers' escalations and the hours of our
effort on them (never our internal notes)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from partners.selectors import membership_for_user
from prm.lib import exports
from prm.lib.access import partner_user_required

from ..selectors import escalations as selectors
from ..views.escalations import PER_PAGE

# What a partner reads of its escalations: `internal_notes` is never among them.
PORTAL_COLUMNS = [
    exports.column("Customer", "customer"),
    exports.column("What happened", "summary"),
    exports.column("Severity", "get_severity_display"),
    exports.column("Opened on", "opened_on"),
    exports.column("Resolved on", "resolved_on"),
    exports.column("Hours of our effort", "effort_hours"),
    exports.column("Outcome", "get_outcome_display"),
    exports.column("Notes", "partner_notes"),
]


@require_GET
@partner_user_required
def portal_escalation_list(request):
    membership = membership_for_user(user=request.user)
    rows = selectors.partner_escalations(partner_id=membership.partner_id)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="escalations", columns=PORTAL_COLUMNS, rows=exports.iterate(rows)
        )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = {"membership": membership, "partner": membership.partner, "page": page}
    return render(request, "planning/escalations_portal_list.html", context)


@require_GET
@partner_user_required
def portal_escalation_detail(request, pk):
    membership = membership_for_user(user=request.user)
    escalation = get_object_or_404(
        selectors.partner_escalations(partner_id=membership.partner_id), pk=pk
    )
    context = {"membership": membership, "partner": membership.partner, "escalation": escalation}
    return render(request, "planning/escalations_portal_detail.html", context)
