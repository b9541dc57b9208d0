"""Targets set together and actuals: partner tab actions, portfolio, imports and the portal."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import membership_for_user, partner_get_for_user
from prm.lib.access import partner_user_required, vendor_staff_required
from prm.lib.forms import apply_service_errors
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from ..forms.targets import (
    ActualForm,
    ActualsImportForm,
    TargetAcceptForm,
    TargetCounterForm,
    TargetProposeForm,
)
from ..panels.targets import targets_page_context
from ..selectors import targets as selectors
from ..services import targets as services


def _tab_url(partner):
    return reverse("partners:partner-tab", args=[partner.slug, "targets"])


def _write(request, form, write, template, context, success_url, message):
    """Validate, call the service, redirect on success or show the form with its errors."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect_after_post(request, success_url)
    return render_form_errors(request, template, "target-form", context)


# --- internal ---------------------------------------------------------------------------------


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def target_propose(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    form = TargetProposeForm(request.POST)
    context = {"partner": partner, "form": form, "title": "Propose a target", "portal": False}
    return _write(
        request, form,
        lambda data: services.target_propose(actor=request.user, partner=partner, **data),
        "performance/target_form.html", context, _tab_url(partner), "Target proposed.",
    )  # fmt: skip


def _require_partner_admin(request):
    membership = membership_for_user(user=request.user)
    if not membership.is_partner_admin:
        raise PermissionDenied("Only your company's portal admin negotiates targets.")
    return membership


def _negotiate(request, pk, portal):
    target = selectors.target_get(user=request.user, pk=pk)
    if portal:
        _require_partner_admin(request)
    action = request.resolver_match.url_name
    form = (TargetCounterForm if action == "target-counter" else TargetAcceptForm)(request.POST)
    if action == "target-counter":
        write = lambda data: services.target_counter(actor=request.user, target=target, **data)  # noqa: E731
        title, message = "Counter the proposal", "Counter-proposal sent."
    else:
        write = lambda data: services.target_accept(actor=request.user, target=target, **data)  # noqa: E731
        title, message = "Accept the proposal", "Target agreed."
    url = reverse("performance-portal:target-list") if portal else _tab_url(target.partner)
    context = {"partner": target.partner, "target": target, "form": form, "title": title,
               "portal": portal}  # fmt: skip
    if portal:
        context["membership"] = membership_for_user(user=request.user)
    template = "performance/target_portal_form.html" if portal else "performance/target_form.html"
    return _write(request, form, write, template, context, url, message)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def target_negotiate(request, pk):
    return _negotiate(request, pk, portal=False)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def actual_record(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    form = ActualForm(request.POST)
    context = {"partner": partner, "form": form, "title": "Record an actual", "portal": False}
    return _write(
        request, form,
        lambda data: services.actual_record(actor=request.user, partner=partner, **data),
        "performance/target_form.html", context, _tab_url(partner), "Actual recorded.",
    )  # fmt: skip


@require_GET
@vendor_staff_required
def target_portfolio(request):
    year_text = request.GET.get("year", "")
    year = selectors.portfolio_year(int(year_text) if year_text.isdigit() else None)
    metrics, rows = selectors.portfolio_rows(year=year)
    context = {"year": year, "metrics": metrics, "rows": rows,
               "years": [year - 1, year, year + 1]}  # fmt: skip
    return render(request, "performance/target_portfolio.html", context)


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def actual_import(request):
    is_post = request.method == "POST"
    form = ActualsImportForm(request.POST, request.FILES) if is_post else ActualsImportForm()
    context = {"form": form, "imports": selectors.import_history()}
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            record = services.actuals_import_create(
                actor=request.user, filename=upload.name[:255], content=upload.read()
            )
            return redirect_after_post(
                request, reverse("performance:actual-import-status", args=[record.pk])
            )
        return render_form_errors(request, "performance/actual_import.html", "import-form", context)
    return render(request, "performance/actual_import.html", context)


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def actual_import_status(request, pk):
    record = selectors.actuals_import_get(user=request.user, pk=pk)
    return render_page_or_partial(
        request, "performance/actual_import_status.html", "import-progress", {"record": record}
    )


# --- portal -----------------------------------------------------------------------------------


def _portal_context(request):
    membership = membership_for_user(user=request.user)
    side = "partner" if membership.is_partner_admin else "member"
    context = targets_page_context(partner=membership.partner, side=side)
    context.update(membership=membership, portal=True)
    return context


@require_GET
@partner_user_required
def portal_target_list(request):
    context = _portal_context(request)
    context["form"] = TargetProposeForm(initial={"year": datetime.date.today().year})
    return render(request, "performance/target_portal_list.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def portal_target_propose(request):
    membership = _require_partner_admin(request)
    if request.method == "GET":
        form = TargetProposeForm(initial={"year": datetime.date.today().year})
        context = {"partner": membership.partner, "membership": membership, "form": form,
                   "title": "Propose a target", "portal": True}  # fmt: skip
        return render(request, "performance/target_portal_form.html", context)
    form = TargetProposeForm(request.POST)
    context = {"partner": membership.partner, "membership": membership, "form": form,
               "title": "Propose a target", "portal": True}  # fmt: skip
    return _write(
        request, form,
        lambda data: services.target_propose(
            actor=request.user, partner=membership.partner, **data
        ),
        "performance/target_portal_form.html", context,
        reverse("performance-portal:target-list"), "Target proposed.",
    )  # fmt: skip


@require_POST
@partner_user_required
@vary_on_headers("HX-Request")
def portal_target_negotiate(request, pk):
    return _negotiate(request, pk, portal=True)
