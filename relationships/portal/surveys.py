"""Portal pages of partner surveys: the partner's surveys, and one survey's form or answers.

The only pages of this app a partner user reaches: a survey is the partner's own voice, not our
judgement of it. A partner admin reads colleagues' answers; a member their own."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from partners.selectors import membership_for_user
from prm.lib.access import partner_user_required
from prm.lib.forms import form_submit

from ..forms.surveys import SurveyAnswerForm
from ..selectors import surveys as selectors
from ..services import surveys as services

PER_PAGE = 25
DETAIL_TEMPLATE = "relationships/survey_portal_detail.html"


@require_GET
@partner_user_required
def portal_survey_list(request):
    membership = membership_for_user(user=request.user)
    surveys = selectors.portal_surveys(user=request.user)
    page = Paginator(surveys, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = {
        "membership": membership, "partner": membership.partner, "page": page,
        "today": timezone.localdate(), "can_answer": selectors.can_answer(membership),
    }  # fmt: skip
    return render(request, "relationships/survey_portal_list.html", context)


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def portal_survey_detail(request, pk):
    membership = membership_for_user(user=request.user)
    survey = selectors.survey_get_for_user(user=request.user, pk=pk)
    responses = list(selectors.survey_responses(user=request.user, survey=survey))
    answered = any(response.respondent_id == request.user.pk for response in responses)
    may_answer = (selectors.can_answer(membership) and not answered
                  and survey.is_open(timezone.localdate()))  # fmt: skip
    context = {
        "membership": membership, "partner": membership.partner, "survey": survey,
        "responses": responses, "answered": answered, "may_answer": may_answer,
        "can_answer": selectors.can_answer(membership),
    }  # fmt: skip
    if request.method == "GET":
        return render(request, DETAIL_TEMPLATE, {**context, "form": SurveyAnswerForm()})
    return form_submit(
        request, SurveyAnswerForm(request.POST),
        lambda data: services.survey_respond(actor=request.user, survey=survey, **data),
        template=DETAIL_TEMPLATE, partial="survey-form", context=context,
        success_url=reverse("relationships-portal:survey-detail", args=[survey.pk]),
        message=_("Thank you: your answers are recorded."),
    )  # fmt: skip
