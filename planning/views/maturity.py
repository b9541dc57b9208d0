"""Internal pages of the operations maturity (vendor staff only): the latest assessment beside
the previous one, a new assessment, one assessment, and the history."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.htmx import render_page_or_partial

from ..forms.maturity import AssessmentForm
from ..panels.maturity import radar
from ..selectors import maturity as selectors
from ..services import maturity as services

HISTORY_PAGE_SIZE = 25


@require_GET
@vendor_staff_required
def maturity_dashboard(request):
    latest, previous = selectors.latest_two()
    rows = selectors.comparison(latest, previous)
    evidence = selectors.data_speaks()
    for row in rows:
        row.data = evidence.get(row.process.key, [])
    return render(request, "planning/maturity_dashboard.html", {
        "latest": latest, "previous": previous, "rows": rows,
        "radar": radar("maturity-radar", latest, previous),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def assessment_create(request):
    latest, _previous = selectors.latest_two()
    form = AssessmentForm(request.POST or None, processes=selectors.processes(), previous=latest)
    context = {"form": form, "latest": latest}
    if request.method == "GET":
        return render(request, "planning/maturity_form.html", context)
    return form_submit(
        request, form,
        lambda data: services.assessment_create(actor=request.user, **data),
        template="planning/maturity_form.html", partial="assessment-form", context=context,
        message=_("Assessment saved."),
    )  # fmt: skip


@require_GET
@vendor_staff_required
def assessment_detail(request, pk):
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    return render(request, "planning/maturity_detail.html", {"assessment": assessment})


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def assessment_history(request):
    page = Paginator(selectors.assessment_history(), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render_page_or_partial(
        request, "planning/maturity_history.html", "history-rows", {"page": page}
    )


@require_POST
@vendor_staff_required
def action_complete(request, pk):
    rating = selectors.rating_get(user=request.user, pk=pk)
    try:
        services.rating_action_complete(actor=request.user, rating=rating)
    except services.ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Improvement action marked done."))
    return redirect(rating.get_absolute_url())
