"""The portal's business plans: the partner's plans (never drafts) and the reviews shared with it;
a partner user moves the status of their own side's actions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from partners.selectors import membership_for_user, portal_contributor_required
from prm.lib import exports
from prm.lib.access import partner_user_required

from ..forms.plans import ActionStatusForm
from ..selectors import plans as selectors
from ..services import plans as services

TEMPLATE = "performance/plan_portal_list.html"
# The actions of the partner's plans, one row each, with the plan they belong to.
EXPORT_COLUMNS = [
    exports.column("Plan", "plan.title"),
    exports.column("Period", "plan.period_label"),
    exports.column("Action", "title"),
    exports.column("Side", "get_owner_side_display"),
    exports.column("Owner", "owner_label"),
    exports.column("Due", "due"),
    exports.column("Status", "get_status_display"),
]


def _context(membership, status_error=None) -> dict:
    return {"membership": membership, "partner": membership.partner,
            "plans": selectors.portal_plans(partner_id=membership.partner_id),
            "reviews": list(selectors.shared_reviews(partner_id=membership.partner_id)),
            "statuses": ActionStatusForm.base_fields["status"].choices,
            "status_error": status_error}  # fmt: skip


@require_GET
@partner_user_required
def portal_plan_list(request):
    membership = membership_for_user(user=request.user)
    if fmt := exports.requested_format(request):
        actions = selectors.portal_plan_actions(partner_id=membership.partner_id)
        return exports.export_response(
            fmt, name="plan-actions", columns=EXPORT_COLUMNS, rows=exports.iterate(actions)
        )
    return render(request, TEMPLATE, _context(membership))


@require_POST
@partner_user_required
@portal_contributor_required
def portal_action_status(request, pk):
    membership = membership_for_user(user=request.user)
    action = selectors.plan_action_get(user=request.user, pk=pk)  # another partner's: 404
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        context = _context(membership, status_error=(action.pk, form.errors["status"][0]))
        return render(request, TEMPLATE, context, status=422)
    # The service refuses (403) the vendor side's actions.
    action = services.plan_action_set_status(
        actor=request.user, action=action, status=form.cleaned_data["status"]
    )
    messages.success(
        request,
        _("“%(action)s” is now %(status)s.")
        % {"action": action, "status": action.get_status_display().lower()},
    )
    return redirect("performance-portal:plan-list")
