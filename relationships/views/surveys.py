"""Internal pages of partner surveys: every survey, one survey's answers, sending one by hand."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.htmx import render_page_or_partial

from ..forms.surveys import SurveyListFilterForm
from ..selectors import access
from ..selectors import surveys as selectors
from ..services import surveys as services

PER_PAGE = 50
LIST_COLUMNS = [
    exports.column(gettext_lazy("Partner"), "partner.name"),
    exports.column(gettext_lazy("Reason"), "get_reason_display"),
    exports.column(gettext_lazy("Period"), "period"),
    exports.column(gettext_lazy("Sent on"), "sent_on"),
    exports.column(gettext_lazy("Due on"), "due_on"),
    exports.column(gettext_lazy("Answers"), "response_count"),
    exports.column(gettext_lazy("Mean trust"), "mean_trust"),
    exports.column(gettext_lazy("Mean of all answers"), "mean_overall"),
]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def survey_list(request):
    form = SurveyListFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    surveys = selectors.staff_surveys(reason=data.get("reason", ""), search=data.get("q", ""))
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="partner-surveys", columns=LIST_COLUMNS, rows=exports.iterate(surveys)
        )
    page = Paginator(surveys, PER_PAGE).get_page(data.get("page") or 1)
    context = {"form": form, "page": page, "query": form.query()}
    return render_page_or_partial(request, "relationships/survey_list.html", "survey-rows", context)


@require_GET
@vendor_staff_required
def survey_detail(request, pk):
    survey = selectors.survey_get_for_user(user=request.user, pk=pk)
    responses = selectors.survey_responses(user=request.user, survey=survey)
    context = {"survey": survey, "partner": survey.partner, "responses": responses}
    return render(request, "relationships/survey_detail.html", context)


@require_POST
@vendor_staff_required
def survey_send(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    try:
        services.survey_send(actor=request.user, partner=partner)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Survey sent to %(partner)s.") % {"partner": partner.name})
    return redirect(reverse("partners:partner-tab", args=[partner.slug, "surveys"]))
