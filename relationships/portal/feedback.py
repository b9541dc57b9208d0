"""Portal pages of partners' feedback: what a partner user sent us and our answers, and the
small form behind the Feedback button of every portal page (in place with htmx, or as a page
of its own without JavaScript), which remembers the page it was opened on."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from partners.selectors import membership_for_user
from prm.lib.access import partner_user_required
from prm.lib.forms import form_save
from prm.lib.htmx import render_form_errors, render_page_or_partial

from ..forms.feedback import FeedbackSendForm
from ..selectors import feedback as selectors
from ..services import feedback as services
from ..services.feedback import clean_page_path

LIST_TEMPLATE = "relationships/feedback_portal_list.html"
FORM_TEMPLATE = "relationships/feedback_portal_form.html"
PAGE_SIZE = 20
READ_ONLY = gettext_lazy("Your portal access is read-only: you cannot send feedback.")


@require_GET
@partner_user_required
@vary_on_headers("HX-Request")
def portal_feedback_list(request):
    membership = membership_for_user(user=request.user)
    items = selectors.portal_feedback(membership=membership)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page") or 1)
    context = {
        "membership": membership, "partner": membership.partner, "page": page,
        "may_send": selectors.may_send_feedback(membership),
        "sees_all": membership.is_partner_admin,
    }  # fmt: skip
    return render_page_or_partial(request, LIST_TEMPLATE, "feedback-rows", context)


def _came_from(request) -> str:
    """The portal page the form was opened on (a path of this site), or ""."""
    path = request.POST.get("page_path") if request.method == "POST" else request.GET.get("from")
    path = clean_page_path(path or "")
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return path
    return ""


@require_http_methods(["GET", "POST"])
@partner_user_required
@vary_on_headers("HX-Request")
def portal_feedback_create(request):
    membership = membership_for_user(user=request.user)
    if not selectors.may_send_feedback(membership):
        raise PermissionDenied(str(READ_ONLY))
    came_from = _came_from(request)
    context = {"membership": membership, "partner": membership.partner, "came_from": came_from}
    if request.method == "GET":
        form = FeedbackSendForm(initial={"page_path": came_from})
        return _form_page(request, {**context, "form": form})
    form = FeedbackSendForm(request.POST)
    sent = form_save(form, lambda data: services.feedback_send(
        actor=request.user, membership=membership, **data))  # fmt: skip
    if form.errors:
        return render_form_errors(
            request, FORM_TEMPLATE, "feedback-form", {**context, "form": form}
        )
    if request.htmx:
        # In place: the thanks replace the form, the page the user is on stays as it was.
        return render(request, f"{FORM_TEMPLATE}#feedback-sent", {**context, "sent": sent})
    messages.success(request, _("Thank you: your feedback reached us. We answer it here."))
    return redirect(came_from or reverse("relationships-portal:feedback-list"))


def _form_page(request, context):
    name = f"{FORM_TEMPLATE}#feedback-form" if request.htmx else FORM_TEMPLATE
    return render(request, name, context)
