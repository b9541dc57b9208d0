"""Internal pages: culture assessments, their result and validation, our own culture, the
comparison and guidelines (on the partner's Culture tab), the printable brief, the portfolio."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib.access import vendor_staff_required
from prm.lib.forms import apply_service_errors
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from .. import services
from ..forms.culture import (
    CultureAssessmentForm,
    CultureValidationForm,
    assessment_initial,
    validation_initial,
)
from ..selectors import access
from ..selectors import culture as selectors

FORM = "relationships/culture_form.html"
DETAIL = "relationships/culture_detail.html"
OWN = "relationships/culture_own.html"
PORTFOLIO = "relationships/culture_portfolio.html"


def _done(request, url: str):
    """Success: htmx follows a client redirect, a plain POST a 302."""
    return redirect_after_post(request, url)


def _save(request, form, save, template, partial, context):
    """Validate, call the service; invalid input comes back at the field (422)."""
    if form.is_valid():
        try:
            saved = save(form.service_data())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _done(request, saved.get_absolute_url())
    return render_form_errors(request, template, partial, {**context, "form": form})


def _tab_url(partner) -> str:
    return reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": "culture"})


def _form(request, *, initial=None, with_current=False):
    descriptors = selectors.descriptor_texts()
    data = request.POST if request.method == "POST" else None
    return CultureAssessmentForm(
        data, initial=initial, descriptors=descriptors, with_current=with_current
    )


# --- Assess a partner, edit an assessment -------------------------------------------------


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_create(request, slug):
    partner = selectors.culture_partner_get(user=request.user, slug=slug)
    form = _form(request, initial=assessment_initial())
    context = {"partner": partner, "assessment": None, "cancel_url": _tab_url(partner)}
    if request.method == "POST":
        return _save(
            request,
            form,
            lambda data: services.culture_assessment_create(
                actor=request.user, partner=partner, **data
            ),
            FORM,
            "culture-form",
            context,
        )
    return render(request, FORM, {**context, "form": form})


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_edit(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    initial = assessment_initial(assessment, selectors.rating_map(assessment))
    form = _form(request, initial=initial)
    context = {
        "partner": assessment.partner,
        "assessment": assessment,
        "cancel_url": assessment.get_absolute_url(),
    }
    if request.method == "POST":
        return _save(
            request,
            form,
            lambda data: services.culture_assessment_update(
                actor=request.user, assessment=assessment, **data
            ),
            FORM,
            "culture-form",
            context,
        )
    return render(request, FORM, {**context, "form": form})


# --- The result and its validation ----------------------------------------------------------


@require_GET
@vendor_staff_required
def culture_detail(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    context = selectors.assessment_result_context(assessment)
    context["validation_form"] = CultureValidationForm(initial=validation_initial(assessment))
    return render(request, DETAIL, context)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_validate(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    form = CultureValidationForm(request.POST)
    if form.is_valid():
        try:
            services.culture_assessment_validate(
                actor=request.user, assessment=assessment, **form.service_data()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _done(request, assessment.get_absolute_url())
    assessment = access.culture_assessment_get(user=request.user, pk=pk)  # unsaved edits gone
    context = selectors.assessment_result_context(assessment)
    context["validation_form"] = form
    return render_form_errors(request, DETAIL, "validation-form", context)


# --- Our own culture ----------------------------------------------------------------------


@require_GET
@vendor_staff_required
def culture_own(request):
    return render(request, OWN, selectors.own_page_context())


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_own_create(request):
    has_current = selectors.own_current() is not None
    initial = {**assessment_initial(), "is_current": not has_current}
    form = _form(request, initial=initial, with_current=True)
    context = {
        "partner": None,
        "assessment": None,
        "is_own": True,
        "cancel_url": reverse("relationships:culture-own"),
    }
    if request.method == "POST":
        return _save(
            request,
            form,
            lambda data: services.culture_assessment_create(
                actor=request.user, is_own=True, **data
            ),
            FORM,
            "culture-form",
            context,
        )
    return render(request, FORM, {**context, "form": form})


@require_POST
@vendor_staff_required
def culture_own_current(request, pk):
    assessment = access.culture_assessment_get(user=request.user, pk=pk)
    try:
        services.culture_own_make_current(actor=request.user, assessment=assessment)
    except ValidationError as error:
        context = {**selectors.own_page_context(), "current_error": " ".join(error.messages)}
        return render(request, OWN, context, status=422)
    return _done(request, reverse("relationships:culture-own"))


# --- The brief and the portfolio -------------------------------------------------------------


@require_GET
@vendor_staff_required
def culture_brief(request, slug):
    partner = selectors.culture_partner_get(user=request.user, slug=slug)
    return render(
        request, "relationships/culture_brief.html", selectors.culture_brief_context(partner)
    )


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def culture_portfolio(request):
    sort = request.GET.get("sort", "distance")
    dominant = request.GET.get("type", "")
    context = selectors.portfolio_context(sort=sort, dominant=dominant)
    page = Paginator(context["rows"], selectors.PORTFOLIO_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    filters = {k: v for k, v in (("sort", context["sort"]), ("type", dominant)) if v}
    context.update(
        page=page,
        query=urlencode(filters),
        type_query=urlencode({"type": dominant} if dominant else {}),
    )
    return render_page_or_partial(request, PORTFOLIO, "culture-table", context)
