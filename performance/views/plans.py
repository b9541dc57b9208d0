"""Pages of business plans and reviews: the partner tab's forms, the review pack, the portal."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from partners.selectors import membership_for_user, partner_get_for_user
from prm import panels
from prm.lib.access import partner_user_required, vendor_staff_required
from prm.lib.forms import apply_service_errors
from prm.lib.htmx import render_form_errors

from ..forms.plans import ActionStatusForm, BusinessPlanForm, PlanActionForm, ReviewForm
from ..panels.plans import plans_tab_context
from ..selectors import plans as selectors
from ..services import plans as services

PARTNER_TEMPLATE = "partners/partner_detail.html"
PORTAL_TEMPLATE = "performance/plan_portal_list.html"


def _tab_url(partner) -> str:
    from django.urls import reverse

    return reverse("partners:partner-tab", args=[partner.slug, "plans"])


def _done(request, partner):
    if request.htmx:
        return HttpResponseClientRedirect(_tab_url(partner))
    return redirect(_tab_url(partner))


def _tab_with_errors(request, partner, **forms):
    """The partner page's plans tab again, with the invalid form showing its errors (422)."""
    context = {
        "partner": partner,
        "tabs": panels.panels_for("partner"),
        "current_tab": panels.tab_for("partner", "plans"),
        "tab_context": plans_tab_context(request, partner, **forms),
    }
    return render_form_errors(request, PARTNER_TEMPLATE, "tab-panel", context)


def _run(form, call):
    """Validate the form and call the service; True when saved, errors on the form otherwise."""
    if not form.is_valid():
        return False
    try:
        call(dict(form.cleaned_data))
    except ValidationError as error:
        apply_service_errors(form, error)
        return False
    return True


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_create(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    form = BusinessPlanForm(request.POST)
    call = lambda data: services.plan_create(actor=request.user, partner=partner, **data)  # noqa: E731
    if _run(form, call):
        return _done(request, partner)
    return _tab_with_errors(request, partner, plan_form=form)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_action_create(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    form = PlanActionForm(request.POST, partner=plan.partner)
    call = lambda data: services.plan_action_create(actor=request.user, plan=plan, **data)  # noqa: E731
    if _run(form, call):
        return _done(request, plan.partner)
    form.plan_id = plan.pk
    return _tab_with_errors(request, plan.partner, action_form=form)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_action_status(request, pk):
    action = selectors.plan_action_get(user=request.user, pk=pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.plan_action_set_status(
            actor=request.user, action=action, status=form.cleaned_data["status"]
        )
    return _done(request, action.plan.partner)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def review_log(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    form = ReviewForm(request.POST, partner=partner)
    call = lambda data: services.review_log(actor=request.user, partner=partner, **data)  # noqa: E731
    if _run(form, call):
        return _done(request, partner)
    return _tab_with_errors(request, partner, review_form=form)


@require_GET
@vendor_staff_required
def review_pack(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    context = selectors.review_pack_context(partner=partner)
    return render(request, "performance/review_pack.html", context)


# --- portal --------------------------------------------------------------------------------


def _portal_context(membership, status_error=None) -> dict:
    return {"membership": membership, "partner": membership.partner,
            "plans": selectors.portal_plans(partner_id=membership.partner_id),
            "reviews": list(selectors.shared_reviews(partner_id=membership.partner_id)),
            "statuses": ActionStatusForm.base_fields["status"].choices,
            "status_error": status_error}  # fmt: skip


@require_GET
@partner_user_required
def portal_plan_list(request):
    membership = membership_for_user(user=request.user)
    return render(request, PORTAL_TEMPLATE, _portal_context(membership))


@require_POST
@partner_user_required
def portal_action_status(request, pk):
    membership = membership_for_user(user=request.user)
    action = selectors.plan_action_get(user=request.user, pk=pk)  # another partner's: 404
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        context = _portal_context(membership, status_error=(action.pk, form.errors["status"][0]))
        return render(request, PORTAL_TEMPLATE, context, status=422)
    # The service refuses (403) the vendor side's actions.
    services.plan_action_set_status(
        actor=request.user, action=action, status=form.cleaned_data["status"]
    )
    return redirect("performance-portal:plan-list")
