"""Pages of business plans and reviews: the partner tab's forms and the review pack."""

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import partner_get_for_user
from prm import panels
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_save
from prm.lib.htmx import redirect_after_post, render_form_errors

from ..forms.plans import ActionStatusForm, BusinessPlanForm, PlanActionForm, ReviewForm
from ..panels.plans import plans_tab_context
from ..selectors import plans as selectors
from ..services import plans as services

PARTNER_TEMPLATE = "partners/partner_detail.html"


def _done(request, partner):
    """Back to the partner page's plans tab (htmx follows a client redirect)."""
    return redirect_after_post(
        request, reverse("partners:partner-tab", args=[partner.slug, "plans"])
    )


def _tab_with_errors(request, partner, **forms):
    """The partner page's plans tab again, with the invalid form showing its errors (422)."""
    context = {
        "partner": partner,
        "tabs": panels.panels_for("partner"),
        "current_tab": panels.tab_for("partner", "plans"),
        "tab_context": plans_tab_context(request, partner, **forms),
    }
    return render_form_errors(request, PARTNER_TEMPLATE, "tab-panel", context)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_create(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    form = BusinessPlanForm(request.POST)
    plan = form_save(
        form, lambda data: services.plan_create(actor=request.user, partner=partner, **data)
    )
    if form.errors:
        return _tab_with_errors(request, partner, plan_form=form)
    messages.success(request, f"Joint business plan “{plan}” created.")
    return _done(request, partner)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_action_create(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    form = PlanActionForm(request.POST, partner=plan.partner)
    action = form_save(
        form, lambda data: services.plan_action_create(actor=request.user, plan=plan, **data)
    )
    if form.errors:
        form.plan_id = plan.pk  # the tab opens this plan's form, with its errors
        return _tab_with_errors(request, plan.partner, action_form=form)
    messages.success(request, f"Action “{action}” added to {plan}.")
    return _done(request, plan.partner)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_action_status(request, pk):
    action = selectors.plan_action_get(user=request.user, pk=pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        action = services.plan_action_set_status(
            actor=request.user, action=action, status=form.cleaned_data["status"]
        )
        messages.success(request, f"“{action}” is now {action.get_status_display().lower()}.")
    return _done(request, action.plan.partner)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def review_log(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    form = ReviewForm(request.POST, partner=partner)
    review = form_save(
        form, lambda data: services.review_log(actor=request.user, partner=partner, **data)
    )
    if form.errors:
        return _tab_with_errors(request, partner, review_form=form)
    messages.success(request, f"{review} logged.")
    return _done(request, partner)


@require_GET
@vendor_staff_required
def review_pack(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    context = selectors.review_pack_context(partner=partner)
    return render(request, "performance/review_pack.html", context)
