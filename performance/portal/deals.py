"""The portal's deal registrations: the partner's own, registering one, and one's status."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from partners.selectors import membership_for_user, portal_contributor_required
from prm.lib import exports
from prm.lib.access import partner_user_required
from prm.lib.forms import form_submit

from ..forms.deals import DealRegisterForm
from ..selectors import deals as selectors
from ..services import deals as services
from ..views.deals import PER_PAGE

FORM_TEMPLATE = "performance/deal_portal_form.html"
# A partner's own registrations: their decision and protection, never other partners' deals.
PORTAL_COLUMNS = [
    exports.column("Customer", "customer_name"),
    exports.column("Customer domain", "customer_domain"),
    exports.column("Value", "value"),
    exports.column("Currency", "currency"),
    exports.column("Expected close", "expected_close_on"),
    exports.column("Registered", "created_at"),
    exports.column("Registered by", "registered_by"),
    exports.column("Status", "get_status_display"),
    exports.column("Rejection reason", "rejection_reason"),
    exports.column("Protected until", "protection_until"),
]


@require_GET
@partner_user_required
def portal_deal_list(request):
    membership = membership_for_user(user=request.user)
    deals = selectors.portal_deals(membership=membership).order_by("-created_at", "-pk")
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="deal-registrations", columns=PORTAL_COLUMNS, rows=exports.iterate(deals)
        )
    page = Paginator(deals, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = {"membership": membership, "partner": membership.partner, "page": page}
    return render(request, "performance/deal_portal_list.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@portal_contributor_required
@vary_on_headers("HX-Request")
def portal_deal_create(request):
    membership = membership_for_user(user=request.user)
    context = {"membership": membership, "partner": membership.partner}
    if request.method == "GET":
        return render(request, FORM_TEMPLATE, {**context, "form": DealRegisterForm()})
    return form_submit(
        request, DealRegisterForm(request.POST),
        lambda data: services.deal_submit(actor=request.user, partner=membership.partner, **data),
        template=FORM_TEMPLATE, partial="deal-form", context=context,
        success_url=lambda deal: reverse("performance-portal:deal-detail", args=[deal.pk]),
        message=_("Deal registered. We will review it shortly."),
    )  # fmt: skip


@require_GET
@partner_user_required
def portal_deal_detail(request, pk):
    membership = membership_for_user(user=request.user)
    deal = selectors.portal_deal_get(membership=membership, pk=pk)
    context = {"membership": membership, "partner": membership.partner, "deal": deal}
    return render(request, "performance/deal_portal_detail.html", context)
