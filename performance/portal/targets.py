"""The portal's targets: the partner's targets with their history and results; its portal admin
proposes, counters and accepts."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import membership_for_user, portal_contributor_required
from prm.lib import exports
from prm.lib.access import partner_user_required

from ..forms.targets import TargetProposeForm
from ..panels.targets import targets_page_context
from ..selectors import targets as selectors
from ..services import targets as services
from ..views.targets import FORM_TEMPLATE, form_page, negotiate, submit


def _require_partner_admin(request):
    membership = membership_for_user(user=request.user)
    if not membership.can_contribute:
        raise PermissionDenied("Your portal role reads targets; admins and members negotiate them.")
    return membership


# A row of the partner's targets (`selectors.partner_targets`): one partner's, so held at once.
EXPORT_COLUMNS = [
    exports.column("Period", "target.period_label"),
    exports.column("Metric", "target.metric.name"),
    exports.column("Status", "target.get_status_display"),
    exports.column("Agreed value", "target.agreed_value"),
    exports.column("Latest proposal", "latest.value"),
    exports.column("Proposed by", "latest.get_side_display"),
    exports.column("Actual", "actual.value"),
    exports.column("Attainment %", "attainment"),
]


def _proposal_form() -> TargetProposeForm:
    return TargetProposeForm(initial={"year": datetime.date.today().year})


class _RowView:
    """A target row (a dict) read by attribute, as export columns read their rows."""

    def __init__(self, row: dict):
        self.__dict__.update(row)


@require_GET
@partner_user_required
def portal_target_list(request):
    membership = membership_for_user(user=request.user)
    side = "partner" if membership.can_contribute else "member"
    context = targets_page_context(partner=membership.partner, side=side)
    if fmt := exports.requested_format(request):
        rows = [_RowView(row) for row in context["rows"]]
        return exports.export_response(fmt, name="targets", columns=EXPORT_COLUMNS, rows=rows)
    context.update(membership=membership, portal=True, form=_proposal_form())
    return render(request, "performance/target_portal_list.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@portal_contributor_required
@vary_on_headers("HX-Request")
def portal_target_propose(request):
    membership = _require_partner_admin(request)
    partner = membership.partner
    context = form_page(partner, _("Propose a target"), membership=membership)
    if request.method == "GET":
        return render(request, FORM_TEMPLATE, {**context, "form": _proposal_form()})
    return submit(
        request, TargetProposeForm(request.POST),
        lambda data: services.target_propose(actor=request.user, partner=partner, **data),
        context, lambda target: f"Target proposed: {target}. We will answer shortly.",
    )  # fmt: skip


@require_POST
@partner_user_required
@portal_contributor_required
@vary_on_headers("HX-Request")
def portal_target_negotiate(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    return negotiate(request, target, membership=_require_partner_admin(request))
