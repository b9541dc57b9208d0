"""Our side of partners' feedback: the list with its filters and export, one piece with its
assignment, answer and closing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import channel_managers
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_save
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from ..forms.feedback import FeedbackAnswerForm, FeedbackAssignForm, FeedbackFilterForm
from ..selectors import feedback as selectors
from ..services import feedback as services

LIST_TEMPLATE = "relationships/feedback_list.html"
DETAIL_TEMPLATE = "relationships/feedback_detail.html"
PAGE_SIZE = 25


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


EXPORT_COLUMNS = [
    exports.column("Sent", "created_at"),
    exports.column("Partner", "partner.name"),
    exports.column("From", lambda item: _person(item.author)),
    exports.column("Page", "page_path"),
    exports.column("Topic", "get_category_display"),
    exports.column("Feedback", "text"),
    exports.column("Status", "get_status_display"),
    exports.column("Assigned to", lambda item: _person(item.assignee)),
    exports.column("Answer", "answer"),
    exports.column("Answered by", lambda item: _person(item.answered_by)),
    exports.column("Answered at", "answered_at"),
    exports.column("Closed at", "closed_at"),
]


def _filtered(request):
    people = list(channel_managers())
    form = FeedbackFilterForm(request.GET, people=people)
    queryset = selectors.feedback_list(
        user=request.user, status=form.choice("status", "open"),
        assignee=form.choice("assignee"), partner=form.choice("partner", None),
    )  # fmt: skip
    return form, queryset


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def feedback_list(request):
    form, queryset = _filtered(request)
    if fmt := exports.requested_format(request):
        rows = exports.iterate(queryset)
        return exports.export_response(fmt, name="feedback", columns=EXPORT_COLUMNS, rows=rows)
    page = Paginator(queryset, PAGE_SIZE).get_page(form.choice("page", 1))
    query = QueryDict(mutable=True)
    for name in ("status", "assignee"):
        if form.choice(name):
            query[name] = form.choice(name)
    partner = form.choice("partner", None)
    if partner is not None:
        query["partner"] = partner.slug
    context = {"form": form, "page": page, "partner": partner, "query": query.urlencode()}
    return render_page_or_partial(request, LIST_TEMPLATE, "feedback-rows", context)


def _detail_context(request, item, **forms) -> dict:
    assign = forms.get("assign") or FeedbackAssignForm(initial={"assignee": item.assignee_id})
    answer = forms.get("answer") or FeedbackAnswerForm(initial={"answer": item.answer})
    return {"item": item, "assign_form": assign, "answer_form": answer}


@require_GET
@vendor_staff_required
def feedback_detail(request, pk):
    item = selectors.feedback_get(user=request.user, pk=pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, item))


def _act(request, pk, *, form_class, key, service, message):
    item = selectors.feedback_get(user=request.user, pk=pk)
    form = form_class(request.POST)
    form_save(form, lambda data: service(actor=request.user, feedback=item, **data))
    if form.errors:
        item = selectors.feedback_get(user=request.user, pk=pk)  # as it is, not half-changed
        context = _detail_context(request, item, **{key: form})
        return render_form_errors(request, DETAIL_TEMPLATE, "feedback-actions", context)
    messages.success(request, message(item))
    return redirect_after_post(request, item.get_absolute_url())


@require_POST
@vendor_staff_required
def feedback_assign(request, pk):
    def message(item):
        if item.assignee is None:
            return _("Feedback from %(partner)s is unassigned.") % {"partner": item.partner}
        return _("Feedback from %(partner)s assigned to %(person)s.") % {
            "partner": item.partner, "person": _person(item.assignee),
        }  # fmt: skip

    return _act(request, pk, form_class=FeedbackAssignForm, key="assign",
                service=services.feedback_assign, message=message)  # fmt: skip


@require_POST
@vendor_staff_required
def feedback_answer(request, pk):
    return _act(
        request, pk, form_class=FeedbackAnswerForm, key="answer",
        service=services.feedback_answer,
        message=lambda item: _("Answer sent to %(partner)s.") % {"partner": item.partner},
    )  # fmt: skip


@require_POST
@vendor_staff_required
def feedback_close(request, pk):
    item = selectors.feedback_get(user=request.user, pk=pk)
    try:
        services.feedback_close(actor=request.user, feedback=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Feedback from %(partner)s closed.") % {"partner": item.partner}
        )
    return redirect_after_post(request, item.get_absolute_url())
